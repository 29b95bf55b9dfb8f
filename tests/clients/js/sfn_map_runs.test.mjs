// AWS Step Functions Distributed Map through the AWS SDK for JavaScript v3: a map run end to end
// (the parent's history and output, ListMapRuns, DescribeMapRun's counts, the child executions
// listed by mapRunArn with their own input, output and history), UpdateMapRun raising the
// concurrency of a running map run on the manual clock, a child failure over the tolerated
// threshold and one within it, and UpdateMapRun/DescribeMapRun's modeled errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeMapRunCommand,
  GetExecutionHistoryCommand,
  InvalidArn,
  ListExecutionsCommand,
  ListMapRunsCommand,
  ResourceNotFound,
  SFNClient,
  StartExecutionCommand,
  UpdateMapRunCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { serverForFile } from "./server.mjs";

const ROLE = "arn:aws:iam::123456789012:role/sfn";
const PREFIX = "arn:aws:states:us-east-1:123456789012";
const shared = serverForFile(["--clock", "manual"], (config) => new SFNClient(config));

// A machine whose only state is a Distributed Map over $.items running `processor` per item.
async function mapMachine(name, processor, mapFields = {}) {
  const { stateMachineArn } = await shared.client.send(new CreateStateMachineCommand({
    name, roleArn: ROLE, definition: JSON.stringify({
      StartAt: "Fanout",
      States: {
        Fanout: {
          Type: "Map", ItemsPath: "$.items", End: true, ...mapFields,
          ItemProcessor: {
            ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }, ...processor,
          },
        },
      },
    }),
  }));
  return stateMachineArn;
}

async function run(stateMachineArn, items) {
  const { executionArn } = await shared.client.send(new StartExecutionCommand({
    stateMachineArn, input: JSON.stringify({ items }),
  }));
  const { mapRuns } = await shared.client.send(new ListMapRunsCommand({ executionArn }));
  assert.equal(mapRuns.length, 1);
  return { executionArn, mapRunArn: mapRuns[0].mapRunArn, mapRun: mapRuns[0] };
}

const describeMapRun = (mapRunArn) => shared.client.send(new DescribeMapRunCommand({ mapRunArn }));
const counts = (c) => ({
  pending: c.pending, running: c.running, succeeded: c.succeeded, failed: c.failed,
  timedOut: c.timedOut, aborted: c.aborted, total: c.total,
});
const tally = (pending, running, succeeded, failed, total) =>
  ({ pending, running, succeeded, failed, timedOut: 0, aborted: 0, total });

// Items above 2 fail; the others answer {"item": n}.
const failAboveTwo = {
  StartAt: "Check",
  States: {
    Check: { Type: "Choice", Choices: [{ Variable: "$", NumericGreaterThan: 2, Next: "Boom" }], Default: "Echo" },
    Boom: { Type: "Fail", Error: "TooBig", Cause: "item over 2" },
    Echo: { Type: "Pass", Parameters: { "item.$": "$" }, End: true },
  },
};

test("a distributed map runs each item as a child execution and records its map run", async () => {
  const machineArn = await mapMachine("mapper", {
    StartAt: "Echo", States: { Echo: { Type: "Pass", Parameters: { "item.$": "$" }, End: true } },
  }, { Label: "Lab" });
  const { executionArn, mapRunArn, mapRun } = await run(machineArn, [1, 2, 3]);
  assert.match(mapRunArn, new RegExp(`^${PREFIX}:mapRun:mapper/Lab:[0-9a-f-]{36}$`));
  assert.equal(mapRun.executionArn, executionArn);
  assert.equal(mapRun.stateMachineArn, `${machineArn}/Lab`);
  assert.ok(mapRun.startDate instanceof Date);
  assert.ok(mapRun.stopDate instanceof Date);

  const parent = await shared.client.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(parent.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(parent.output), [{ item: 1 }, { item: 2 }, { item: 3 }]);
  const { events } = await shared.client.send(new GetExecutionHistoryCommand({ executionArn }));
  assert.deepEqual(events.map((e) => e.type), [
    "ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted", "MapRunSucceeded",
    "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded",
  ]);
  assert.equal(events[3].mapRunStartedEventDetails.mapRunArn, mapRunArn);

  const described = await describeMapRun(mapRunArn);
  assert.equal(described.mapRunArn, mapRunArn);
  assert.equal(described.executionArn, executionArn);
  assert.equal(described.status, "SUCCEEDED");
  assert.ok(described.startDate instanceof Date);
  assert.ok(described.stopDate instanceof Date);
  assert.equal(described.toleratedFailurePercentage, 0);
  assert.equal(described.toleratedFailureCount, 0);
  assert.deepEqual(counts(described.itemCounts), tally(0, 0, 3, 0, 3));
  assert.deepEqual(counts(described.executionCounts), tally(0, 0, 3, 0, 3));

  const { executions } = await shared.client.send(new ListExecutionsCommand({ mapRunArn }));
  assert.equal(executions.length, 3);
  const outputs = [];
  for (const child of executions) {
    assert.match(child.executionArn, new RegExp(`^${PREFIX}:execution:mapper/Lab:`));
    assert.equal(child.mapRunArn, mapRunArn);
    assert.equal(child.status, "SUCCEEDED");
    const detail = await shared.client.send(new DescribeExecutionCommand({ executionArn: child.executionArn }));
    assert.equal(detail.mapRunArn, mapRunArn);
    assert.deepEqual(JSON.parse(detail.output), { item: JSON.parse(detail.input) });
    outputs.push(JSON.parse(detail.output).item);
    const history = (await shared.client.send(new GetExecutionHistoryCommand({ executionArn: child.executionArn }))).events;
    assert.equal(history[0].type, "ExecutionStarted");
    assert.equal(history.at(-1).type, "ExecutionSucceeded");
  }
  assert.deepEqual(outputs.sort(), [1, 2, 3]);
});

test("UpdateMapRun raises the concurrency of a running map run", async () => {
  const machineArn = await mapMachine("slow", {
    StartAt: "Nap", States: { Nap: { Type: "Wait", Seconds: 10, End: true } },
  }, { MaxConcurrency: 1 });
  const { executionArn, mapRunArn, mapRun } = await run(machineArn, [1, 2, 3]);
  // Without a Label the Map Run gets a generated one (a UUID), as on AWS.
  const uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
  assert.match(mapRunArn, new RegExp(`^${PREFIX}:mapRun:slow/${uuid}:${uuid}$`));
  assert.equal(mapRun.stateMachineArn, `${machineArn}/${mapRunArn.split("/")[1].split(":")[0]}`);
  assert.equal(mapRun.stopDate, undefined);
  let described = await describeMapRun(mapRunArn);
  assert.equal(described.status, "RUNNING");
  assert.equal(described.maxConcurrency, 1);
  assert.equal(described.stopDate, undefined);
  assert.deepEqual(counts(described.itemCounts), tally(2, 1, 0, 0, 3));
  assert.deepEqual(counts(described.executionCounts), tally(2, 1, 0, 0, 3));

  await assert.rejects(shared.client.send(new UpdateMapRunCommand({ mapRunArn })), ValidationException);
  await shared.client.send(new UpdateMapRunCommand({ mapRunArn, maxConcurrency: 3 }));
  described = await describeMapRun(mapRunArn);
  assert.equal(described.maxConcurrency, 3);
  assert.deepEqual(counts(described.itemCounts), tally(0, 3, 0, 0, 3));
  assert.deepEqual(counts(described.executionCounts), tally(0, 3, 0, 0, 3));

  await shared.server.control("POST", "/_stepsim/clock", { advanceSeconds: 10 });
  described = await describeMapRun(mapRunArn);
  assert.equal(described.status, "SUCCEEDED");
  assert.deepEqual(counts(described.itemCounts), tally(0, 0, 3, 0, 3));
  const parent = await shared.client.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(parent.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(parent.output), [1, 2, 3]);
});

test("a child failure over the tolerated threshold fails the parent", async () => {
  const machineArn = await mapMachine("strict", failAboveTwo);
  const { executionArn, mapRunArn } = await run(machineArn, [1, 2, 3, 4]);
  const parent = await shared.client.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(parent.status, "FAILED");
  assert.equal(parent.error, "States.ExceedToleratedFailureThreshold");
  assert.equal(parent.cause, "The specified tolerated failure threshold was exceeded");
  const described = await describeMapRun(mapRunArn);
  assert.equal(described.status, "FAILED");
  assert.ok(described.itemCounts.failed >= 1);
  const { events } = await shared.client.send(new GetExecutionHistoryCommand({ executionArn }));
  assert.equal(events.at(-1).type, "ExecutionFailed");
});

test("child failures within ToleratedFailureCount leave errors in the output", async () => {
  const machineArn = await mapMachine("tolerant", failAboveTwo, { ToleratedFailureCount: 5 });
  const { executionArn, mapRunArn } = await run(machineArn, [1, 2, 3, 4]);
  const parent = await shared.client.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(parent.status, "SUCCEEDED");
  const output = JSON.parse(parent.output);
  assert.deepEqual(output.slice(0, 2), [{ item: 1 }, { item: 2 }]);
  for (const slot of output.slice(2)) {
    assert.equal(slot.Error, "TooBig");
    assert.equal(slot.Cause, "item over 2");
  }
  const described = await describeMapRun(mapRunArn);
  assert.equal(described.status, "SUCCEEDED");
  assert.equal(described.toleratedFailureCount, 5);
  assert.deepEqual(counts(described.itemCounts), tally(0, 0, 2, 2, 4));
  const { executions } = await shared.client.send(new ListExecutionsCommand({ mapRunArn, statusFilter: "FAILED" }));
  assert.equal(executions.length, 2);
});

test("unknown and malformed map run ARNs are modeled errors", async () => {
  const unknown = `${PREFIX}:mapRun:nope/Fanout:00000000-0000-0000-0000-000000000000`;
  await assert.rejects(
    shared.client.send(new UpdateMapRunCommand({ mapRunArn: unknown, maxConcurrency: 2 })), ResourceNotFound,
  );
  await assert.rejects(describeMapRun(unknown), ResourceNotFound);
  await assert.rejects(describeMapRun("not-an-arn"), InvalidArn);
});
