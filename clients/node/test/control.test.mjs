// The control API through stepsim.control, against one server on the manual clock: the clock,
// reset, lifecycle rules, scripted Lambda responses, CloudFormation provisioning times and
// scenarios, and refusals surfacing as StepsimControlError.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { ListStateMachinesCommand, SFNClient } from "@aws-sdk/client-sfn";
import { absolutizeScenarioPaths, startStepsim, StepsimControlError } from "../src/index.js";
import { STEPSIM_BIN, createJobPollerWorld, repoRoot, scratchDir } from "./support.mjs";

const START = "2026-01-01T00:00:00.000Z";
let stepsim;

before(async () => {
  stepsim = await startStepsim({ bin: STEPSIM_BIN, args: ["--clock", "manual"] });
});

after(async () => {
  assert.equal(await stepsim.stop(), 0);
});

test("the clock: read, advance by seconds, to a time, to the next timer, change mode", async () => {
  const { control } = stepsim;
  await control.reset();
  assert.deepEqual(await control.clock(), { now: START, epochMillis: Date.parse(START), mode: "manual" });
  assert.equal((await control.clock({ advanceSeconds: 60 })).now, "2026-01-01T00:01:00.000Z");
  assert.equal((await control.advanceClock(30)).now, "2026-01-01T00:01:30.000Z");
  assert.equal((await control.clock({ advanceTo: new Date("2026-01-01T01:00:00Z") })).now, "2026-01-01T01:00:00.000Z");
  assert.equal((await control.advanceToNextTimer()).now, "2026-01-01T01:00:00.000Z", "nothing scheduled: no move");
  assert.equal((await control.setClockMode("auto")).mode, "auto");
  await control.setClockMode("manual");
  assert.equal((await control.reset()).now, START, "reset puts the clock back");
});

test("a refused control request is a StepsimControlError with the server's message", async () => {
  await assert.rejects(stepsim.control.clock({ mode: "sideways" }), (error) => {
    assert.ok(error instanceof StepsimControlError);
    assert.equal(error.status, 400);
    assert.equal(error.message, "stepsim control POST /_stepsim/clock answered 400: mode must be one of auto, manual, realtime");
    return true;
  });
  await assert.rejects(stepsim.control.request("GET", "/_stepsim/nothing"), /answered 404: No control endpoint \/_stepsim\/nothing/);
});

test("Batch lifecycle rules: add (array or {rules}), list, clear; a bad rule names its field", async () => {
  const { batchLifecycles } = stepsim.control;
  await batchLifecycles.clear();
  const rule = { match: { jobName: "nightly-*" }, steps: [{ status: "RUNNING", seconds: 5 }, { status: "SUCCEEDED" }] };
  assert.equal((await batchLifecycles.add([rule])).rules.length, 1);
  assert.equal((await batchLifecycles.add({ rules: [{ match: {}, steps: [{ status: "FAILED" }] }] })).rules.length, 2);
  assert.deepEqual((await batchLifecycles.list()).rules[0].match, { jobName: "nightly-*" });
  await assert.rejects(batchLifecycles.add([{ match: {}, steps: [{ status: "DANCING" }] }]),
    (error) => error instanceof StepsimControlError && error.status === 400 && /status/.test(error.message));
  assert.equal((await batchLifecycles.list()).rules.length, 2, "nothing of a refused body is installed");
  assert.deepEqual((await batchLifecycles.clear()).rules, []);
});

test("scripted Lambda responses: set, list with counts, clear", async () => {
  await stepsim.control.reset();
  await createJobPollerWorld(stepsim);
  const { lambdaResponses } = stepsim.control;
  await lambdaResponses.set("CheckJob", { 0: { Return: "SUCCEEDED" }, "1-2": { Throw: { Error: "Boom", Cause: "scripted" } } });
  const lambda = stepsim.client(LambdaClient);
  const first = await lambda.send(new InvokeCommand({ FunctionName: "CheckJob", Payload: JSON.stringify({ jobId: "x" }) }));
  assert.equal(JSON.parse(Buffer.from(first.Payload).toString()), "SUCCEEDED");
  const second = await lambda.send(new InvokeCommand({ FunctionName: "CheckJob", Payload: "{}" }));
  assert.equal(second.FunctionError, "Unhandled");
  const listed = (await lambdaResponses.list()).functions.find((f) => f.functionName === "CheckJob");
  assert.equal(listed.invocations, 2);
  await assert.rejects(lambdaResponses.set("CheckJob", { zero: { Return: 1 } }), StepsimControlError);
  await lambdaResponses.clear();
  assert.deepEqual((await lambdaResponses.list()).functions, []);
});

test("CloudFormation provisioning times: read, set, put back", async () => {
  const { control } = stepsim;
  const set = { defaultMillis: 0, millisByType: { "AWS::Lambda::Function": 30000 } };
  assert.deepEqual(await control.cloudFormationProvisioning({ defaultSeconds: 0, secondsByType: { "AWS::Lambda::Function": 30 } }), set);
  assert.deepEqual(await control.cloudFormationProvisioning(), set);
  await assert.rejects(control.cloudFormationProvisioning({ defaultSeconds: -1 }), /defaultSeconds must be a non-negative number/);
  assert.deepEqual(await control.resetCloudFormationProvisioning(), { defaultMillis: 1000, millisByType: {} });
});

test("loadScenario by path: its relative definitionFile is found from any working directory", async () => {
  await stepsim.control.reset();
  const file = join(repoRoot, "scenarios/job_poller/classic_happy_path.json");
  assert.notEqual(process.cwd(), join(repoRoot, "scenarios/job_poller"));
  const loaded = await stepsim.control.loadScenario(file);
  assert.deepEqual(loaded, {
    name: "job-poller-classic-happy-path",
    stateMachines: ["arn:aws:states:us-east-1:123456789012:stateMachine:JobStatusPoller"],
  });
  const rules = (await stepsim.control.batchLifecycles.list()).rules;
  assert.equal(rules.length, 1, "the scenario's jobLifecycles are installed");
  const { stateMachines } = await stepsim.client(SFNClient).send(new ListStateMachinesCommand({}));
  assert.deepEqual(stateMachines.map((m) => m.name), ["JobStatusPoller"]);
});

test("loadScenario of an object, with baseDir for its relative files; a bad one is refused", async () => {
  await stepsim.control.reset();
  const scenario = {
    name: "inline", description: "One state machine from the library's classic definition.",
    resources: { stateMachines: [{ name: "Classic", definitionFile: "classic.asl.json" }] },
  };
  const loaded = await stepsim.control.loadScenario(scenario, { baseDir: join(repoRoot, "scenarios/job_poller") });
  assert.deepEqual(loaded.stateMachines, ["arn:aws:states:us-east-1:123456789012:stateMachine:Classic"]);
  assert.equal(scenario.resources.stateMachines[0].definitionFile, "classic.asl.json", "the caller's object is untouched");
  await assert.rejects(stepsim.control.loadScenario({ name: "typo", description: "A misspelt key.", resourcez: {} }),
    (error) => error instanceof StepsimControlError && error.status === 400 && /resourcez/.test(error.message));
});

test("loadScenario of a file that is not JSON names the file", async () => {
  const file = join(scratchDir(), "broken.json");
  writeFileSync(file, "{ not json");
  await assert.rejects(stepsim.control.loadScenario(file), (error) => error instanceof SyntaxError && error.message.startsWith(file));
});

test("absolutizeScenarioPaths rewrites exactly the file references the schema defines", () => {
  const out = absolutizeScenarioPaths({
    mockConfig: "mock.json",
    resources: {
      stack: { template: "t.yaml", name: "S" },
      functions: [{ FunctionName: "A", Code: { Path: "code/" } }, { FunctionName: "B", Handler: "fake:echo" }],
      stateMachines: [{ name: "M", definitionFile: "m.asl.json", versions: [{ definitionFile: "/abs/v1.asl.json" }, { definition: {} }] }],
    },
    timeline: [{ at: 0, startExecution: { stateMachine: "M", name: "x.json" } }],
  }, "/base");
  assert.equal(out.mockConfig, "/base/mock.json");
  assert.equal(out.resources.stack.template, "/base/t.yaml");
  assert.equal(out.resources.functions[0].Code.Path, "/base/code");
  assert.deepEqual(out.resources.functions[1], { FunctionName: "B", Handler: "fake:echo" });
  assert.equal(out.resources.stateMachines[0].definitionFile, "/base/m.asl.json");
  assert.equal(out.resources.stateMachines[0].versions[0].definitionFile, "/abs/v1.asl.json");
  assert.deepEqual(out.resources.stateMachines[0].versions[1], { definition: {} });
  assert.equal(out.timeline[0].startExecution.name, "x.json");
  assert.deepEqual(absolutizeScenarioPaths({ mockConfig: { StateMachines: {} } }, "/base"), { mockConfig: { StateMachines: {} } });
});

