// AWS Step Functions through the AWS SDK for JavaScript v3: a state machine with a Wait on the
// manual virtual clock, its history, a synchronous Express execution, an activity task run by a
// worker, and a modeled error.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  ActivityDoesNotExist,
  CreateActivityCommand,
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  GetActivityTaskCommand,
  GetExecutionHistoryCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
} from "@aws-sdk/client-sfn";
import { startServer } from "./server.mjs";

const ROLE = "arn:aws:iam::123456789012:role/sfn";
const definition = JSON.stringify({
  StartAt: "Wait",
  States: {
    Wait: { Type: "Wait", SecondsPath: "$.wait_time", Next: "Done" },
    Done: { Type: "Pass", Parameters: { "waited.$": "$.wait_time" }, End: true },
  },
});
let server;
let sfn;

before(async () => {
  server = await startServer("--clock", "manual");
  // StartSyncExecution goes to the same endpoint, without the "sync-" host prefix.
  sfn = new SFNClient({ ...server.clientConfig, disableHostPrefix: true });
});

after(async () => {
  sfn?.destroy();
  assert.equal(await server.stop(), 0);
});

test("an execution waits on the virtual clock and records its history", async () => {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: "waiter", definition, roleArn: ROLE,
  }));
  const { executionArn, startDate } = await sfn.send(new StartExecutionCommand({
    stateMachineArn, input: JSON.stringify({ wait_time: 90 }),
  }));
  assert.ok(startDate instanceof Date);
  let described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(described.status, "RUNNING");
  await server.control("POST", "/_stepsim/clock", { advanceSeconds: 90 });
  described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(described.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(described.output), { waited: 90 });
  assert.equal(described.stopDate.getTime() - described.startDate.getTime(), 90_000);
  const { events } = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
  assert.deepEqual(events.map((e) => e.type), [
    "ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
    "PassStateExited", "ExecutionSucceeded",
  ]);
  assert.deepEqual(events.map((e) => e.id), [1, 2, 3, 4, 5, 6]);
});

test("a synchronous Express execution answers with its result", async () => {
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: "express", definition, roleArn: ROLE, type: "EXPRESS",
  }));
  await server.control("POST", "/_stepsim/clock", { mode: "auto" });
  const result = await sfn.send(new StartSyncExecutionCommand({
    stateMachineArn, input: JSON.stringify({ wait_time: 5 }),
  }));
  assert.equal(result.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(result.output), { waited: 5 });
});

test("an unknown state machine is StateMachineDoesNotExist", async () => {
  await assert.rejects(
    sfn.send(new StartExecutionCommand({
      stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:missing",
    })),
    (error) => error instanceof StateMachineDoesNotExist && error.$metadata.httpStatusCode === 400,
  );
});

test("a worker takes an activity task and answers it", async () => {
  await server.control("POST", "/_stepsim/clock", { mode: "manual" });
  const { activityArn } = await sfn.send(new CreateActivityCommand({ name: "js-worker" }));
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: "activity", roleArn: ROLE, definition: JSON.stringify({
      StartAt: "Work", States: { Work: { Type: "Task", Resource: activityArn, End: true } },
    }),
  }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({
    stateMachineArn, input: JSON.stringify({ n: 2 }),
  }));
  const task = await sfn.send(new GetActivityTaskCommand({ activityArn, workerName: "js" }));
  assert.deepEqual(JSON.parse(task.input), { n: 2 });
  await sfn.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output: '{"n":4}' }));
  const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(described.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(described.output), { n: 4 });
  await assert.rejects(
    sfn.send(new GetActivityTaskCommand({ activityArn: activityArn + "-missing" })),
    (error) => error instanceof ActivityDoesNotExist,
  );
});
