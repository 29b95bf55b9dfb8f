// AWS Batch through the AWS SDK for JavaScript v3: resources, a scripted lifecycle in manual mode,
// epoch-millisecond timestamps, and modeled errors.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  BatchClient,
  ClientException,
  CreateComputeEnvironmentCommand,
  CreateJobQueueCommand,
  DescribeJobQueuesCommand,
  DescribeJobsCommand,
  RegisterJobDefinitionCommand,
  SubmitJobCommand,
} from "@aws-sdk/client-batch";
import { startServer } from "./server.mjs";

const START_MS = 1767225600000;
let server;
let batch;

before(async () => {
  server = await startServer("--clock", "manual");
  batch = new BatchClient(server.clientConfig);
  await batch.send(new CreateComputeEnvironmentCommand({
    computeEnvironmentName: "ce", type: "MANAGED",
    computeResources: { type: "FARGATE", maxvCpus: 4, subnets: ["subnet-1"] },
  }));
  await batch.send(new CreateJobQueueCommand({
    jobQueueName: "q", priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: "ce" }],
  }));
  await batch.send(new RegisterJobDefinitionCommand({
    jobDefinitionName: "jd", type: "container", containerProperties: { image: "busybox" },
    retryStrategy: { attempts: 2 },
  }));
});

after(async () => {
  batch?.destroy();
  assert.equal(await server.stop(), 0);
});

test("queues are described with their ARNs", async () => {
  const { jobQueues } = await batch.send(new DescribeJobQueuesCommand({}));
  assert.deepEqual(jobQueues.map((q) => q.jobQueueName), ["q"]);
  assert.equal(jobQueues[0].jobQueueArn, "arn:aws:batch:us-east-1:123456789012:job-queue/q");
});

test("a scripted job with a retry moves with the manual clock", async () => {
  const rules = { rules: [{ match: { jobName: "js-*" }, attempts: [
    [{ status: "RUNNING", seconds: 60 }, { status: "FAILED", exitCode: 3 }],
    [{ status: "RUNNING", seconds: 30 }, { status: "SUCCEEDED" }],
  ] }] };
  assert.equal((await server.control("POST", "/_stepsim/batch/lifecycles", rules)).status, 200);
  const { jobId } = await batch.send(new SubmitJobCommand({ jobName: "js-1", jobQueue: "q", jobDefinition: "jd" }));
  const describe = async () => (await batch.send(new DescribeJobsCommand({ jobs: [jobId] }))).jobs[0];

  let job = await describe();
  assert.equal(job.status, "RUNNING");
  assert.equal(job.createdAt, START_MS);
  assert.equal(job.startedAt, START_MS);
  await server.control("POST", "/_stepsim/clock", { advanceSeconds: 60 });
  job = await describe();
  assert.equal(job.status, "RUNNING");
  assert.equal(job.attempts.length, 1);
  assert.equal(job.attempts[0].container.exitCode, 3);
  await server.control("POST", "/_stepsim/clock", { advanceSeconds: 30 });
  job = await describe();
  assert.equal(job.status, "SUCCEEDED");
  assert.equal(job.stoppedAt, START_MS + 90_000);
  assert.equal(job.attempts.length, 2);
});

test("client mistakes are ClientException instances naming the problem", async () => {
  await assert.rejects(
    batch.send(new SubmitJobCommand({ jobName: "x", jobQueue: "missing", jobDefinition: "jd" })),
    (error) => error instanceof ClientException && /missing/.test(error.message) &&
      error.$metadata.httpStatusCode === 400,
  );
});
