// AWS Lambda Invoke through the AWS SDK for JavaScript v3: a built-in fake with a log tail, a
// scripted function error, a real Node.js handler, and a modeled error.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  CreateFunctionCommand,
  InvokeCommand,
  LambdaClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-lambda";
import { startServer } from "./server.mjs";

const ROLE = "arn:aws:iam::123456789012:role/lambda-role";
const root = fileURLToPath(new URL("../../../", import.meta.url));
let server;
let lambda;

// A ZIP package of {name: text}, made by Python's zipfile (no ZIP library in this test's deps).
function zipOf(files) {
  const script =
    "import io,json,sys,zipfile\n" +
    "b=io.BytesIO()\n" +
    "with zipfile.ZipFile(b,'w') as z:\n" +
    "    [z.writestr(n,t) for n,t in json.load(sys.stdin).items()]\n" +
    "sys.stdout.buffer.write(b.getvalue())\n";
  return execFileSync("python3", ["-c", script], { input: JSON.stringify(files) });
}

const decode = (payload) => JSON.parse(new TextDecoder().decode(payload));

before(async () => {
  server = await startServer("--clock", "manual");
  lambda = new LambdaClient(server.clientConfig);
});

after(async () => {
  lambda?.destroy();
  assert.equal(await server.stop(), 0);
});

test("a fake answers with its payload, version and log tail", async () => {
  await lambda.send(new CreateFunctionCommand({
    FunctionName: "echo", Runtime: "nodejs20.x", Role: ROLE, Handler: "fake:echo",
    Code: { ZipFile: zipOf({ "index.js": "" }) },
  }));
  const out = await lambda.send(new InvokeCommand({
    FunctionName: "echo", Payload: JSON.stringify({ jobId: "j-1" }), LogType: "Tail",
  }));
  assert.equal(out.StatusCode, 200);
  assert.equal(out.ExecutedVersion, "$LATEST");
  assert.equal(out.FunctionError, undefined);
  assert.deepEqual(decode(out.Payload), { jobId: "j-1" });
  const log = Buffer.from(out.LogResult, "base64").toString();
  assert.match(log, /^START RequestId: [0-9a-f-]{36} Version: \$LATEST\n/);
  assert.match(log, /\nREPORT RequestId: /);
});

test("a scripted Throw is an Unhandled function error", async () => {
  const { status } = await server.control("POST", "/_stepsim/lambda/responses", {
    functionName: "echo",
    responses: { 0: { Throw: { Error: "DescribeJob returned FAILED", Cause: "AWS Batch Job Failed" } } },
  });
  assert.equal(status, 200);
  const out = await lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: "{}" }));
  assert.equal(out.FunctionError, "Unhandled");
  assert.deepEqual(decode(out.Payload), {
    errorType: "DescribeJob returned FAILED", errorMessage: "AWS Batch Job Failed", stackTrace: [],
  });
});

test("a real Node.js handler runs in a worker", async () => {
  const code = readFileSync(root + "fakes/job_poller_node/check_job.mjs", "utf8");
  await lambda.send(new CreateFunctionCommand({
    FunctionName: "node-check", Runtime: "nodejs20.x", Role: ROLE, Handler: "check_job.handler",
    Timeout: 10, Code: { ZipFile: zipOf({ "check_job.mjs": code }) },
  }));
  const out = await lambda.send(new InvokeCommand({
    FunctionName: "node-check", Payload: JSON.stringify({ jobId: "j-2" }),
  }));
  assert.equal(out.FunctionError, undefined);
  const body = decode(out.Payload);
  assert.deepEqual(body.event, { jobId: "j-2" });
  assert.equal(body.functionName, "node-check");
  assert.equal(body.requestId, out.$metadata.requestId);
});

test("an unknown function is ResourceNotFoundException", async () => {
  await assert.rejects(
    lambda.send(new InvokeCommand({ FunctionName: "missing", Payload: "{}" })),
    (error) => error instanceof ResourceNotFoundException && error.$metadata.httpStatusCode === 404,
  );
});
