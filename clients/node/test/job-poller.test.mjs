// The Job Status Poller end to end (scenarios/job_poller/classic.asl.json with SubmitJob and
// CheckJob as the built-in fakes), through the SDK, with the helpers' assertions passing and
// failing. One server for the file (useStepsim), reset before each test.
import assert from "node:assert/strict";
import { AssertionError } from "node:assert";
import { test } from "node:test";
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import {
  assertExecution, assertPath, describeExecution, ExecutionAssertionError, executionPath, waitForExecution,
} from "../src/index.js";
import { useStepsim } from "../src/node-test.js";
import { classicDefinition, createJobPollerWorld, jobEndsAfter, POLLER_INPUT, ROLE, STEPSIM_BIN } from "./support.mjs";

const stepsim = useStepsim({ bin: STEPSIM_BIN, resetBetweenTests: true });

/** The sample's world, the classic state machine and a rule for the job; starts one execution. */
async function startPoller({ final = "SUCCEEDED", seconds = 590 } = {}) {
  await createJobPollerWorld(stepsim);
  await stepsim.control.batchLifecycles.add(jobEndsAfter(seconds, final));
  const sfn = stepsim.client(SFNClient);
  const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
    name: "JobStatusPoller", definition: classicDefinition(), roleArn: ROLE,
  }));
  const { executionArn } = await sfn.send(new StartExecutionCommand({
    stateMachineArn, name: "poll-my-job", input: JSON.stringify(POLLER_INPUT),
  }));
  return { sfn, executionArn };
}

const HAPPY_PATH = ["Submit Job", "Wait X Seconds", "Get Job Status", "Job Complete?", "Get Final Job Status"];

test("a 10-minute job polled every 60 s succeeds; the scenario-style checks hold", async () => {
  await stepsim.control.setClockMode("auto");
  const { sfn, executionArn } = await startPoller();
  const done = await waitForExecution(sfn, executionArn);
  assert.equal(done.status, "SUCCEEDED");
  assert.ok(done.startDate instanceof Date);

  // The same expectation the scenario classic_happy_path.json states, through either source.
  const expectation = {
    status: "SUCCEEDED", output: "SUCCEEDED", durationSeconds: 600, states: HAPPY_PATH,
    stateEntered: { "Get Job Status": 10, "Get Final Job Status": 1 },
    events: ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "WaitStateEntered", "ExecutionSucceeded"],
  };
  const described = await assertExecution(stepsim, executionArn, expectation);
  assert.equal(described.status, "SUCCEEDED");
  await assertExecution(sfn, executionArn, expectation);
  await assertExecution(stepsim, executionArn, { durationSeconds: { min: 599, max: 601 }, error: "", cause: "" });
  await assertPath(stepsim, executionArn, HAPPY_PATH);
  await assertPath(sfn, executionArn, ["Submit Job", "Get Final Job Status"]);
  await assertPath(sfn, executionArn, []);

  const path = await executionPath(stepsim, executionArn);
  assert.equal(path.length, 32);
  assert.deepEqual(path.slice(-2), ["Job Complete?", "Get Final Job Status"]);

  const [job] = await stepsim.control.batchJobs();
  assert.equal(job.jobName, "my-job");
  assert.equal(job.status, "SUCCEEDED");
  assert.deepEqual(job.statusHistory.map((h) => h.status).slice(-2), ["RUNNING", "SUCCEEDED"]);
});

test("assertPath fails with the scenario report's wording: how far it matched, what is missing", async () => {
  await stepsim.control.setClockMode("auto");
  const { sfn, executionArn } = await startPoller();
  await waitForExecution(stepsim, executionArn);
  const failure = await assertPath(sfn, executionArn, ["Submit Job", "Get Final Job Status", "Wait X Seconds"])
    .then(() => assert.fail("assertPath passed on a path the execution did not take"), (error) => error);
  assert.ok(failure instanceof ExecutionAssertionError);
  assert.ok(failure instanceof AssertionError, "test runners show it as an assertion failure");
  assert.equal(failure.executionArn, executionArn);
  const lines = failure.message.split("\n");
  assert.equal(lines[0], `execution ${executionArn} did not meet 1 expectation:`);
  assert.match(lines[1], /^ {2}execution poll-my-job states entered \(in order\): expected \[Submit Job, Get Final Job Status, Wait X Seconds\], got \[Submit Job, Wait X Seconds, Get Job Status, .*, Get Final Job Status\]$/);
  assert.equal(lines[2], "      the first 2 matched; 'Wait X Seconds' was not found after them");
  assert.equal(failure.unmet.length, 1);

  // Order matters: every state was entered, but not in this order.
  await assert.rejects(assertPath(stepsim, executionArn, ["Get Final Job Status", "Submit Job"]),
    /the first 1 matched; 'Submit Job' was not found after them/);
  await assert.rejects(assertPath(stepsim, executionArn, "Submit Job"), TypeError);
});

test("assertExecution lists every unmet expectation with expected and actual", async () => {
  await stepsim.control.setClockMode("auto");
  const { executionArn } = await startPoller();
  await waitForExecution(stepsim, executionArn);
  await assert.rejects(assertExecution(stepsim, executionArn, {
    status: "FAILED", outputContains: { jobId: "x" }, durationSeconds: { max: 300 }, stateEntered: { "Get Job Status": 3 },
  }), (error) => {
    assert.ok(error instanceof ExecutionAssertionError);
    assert.deepEqual(error.unmet.map((u) => u.what), [
      "execution poll-my-job status", "execution poll-my-job output (subset)", "execution poll-my-job duration",
      "execution poll-my-job entered 'Get Job Status'",
    ]);
    assert.match(error.message, /did not meet 4 expectations:/);
    assert.match(error.message, /\n {2}execution poll-my-job status: expected "FAILED", got "SUCCEEDED"\n/);
    assert.match(error.message, /\n {2}execution poll-my-job output \(subset\): expected \{"jobId":"x"\}, got "SUCCEEDED"\n {6}\(the whole value\): expected \{"jobId":"x"\}, got "SUCCEEDED"\n/);
    assert.match(error.message, /\n {2}execution poll-my-job duration: expected \.\.300 s, got 600s\n/);
    assert.match(error.message, /\n {2}execution poll-my-job entered 'Get Job Status': expected 3 times, got 10 times$/);
    return true;
  });
  // A misspelt key is refused, not silently ignored.
  await assert.rejects(assertExecution(stepsim, executionArn, { state: ["Submit Job"] }),
    /unknown execution expectation 'state' \(did you mean 'states'\?\)/);
});

test("a failed job takes the Fail state: status, error, cause and path", async () => {
  await stepsim.control.setClockMode("auto");
  const { sfn, executionArn } = await startPoller({ final: "FAILED" });
  const done = await waitForExecution(sfn, executionArn);
  assert.equal(done.status, "FAILED");
  await assertExecution(sfn, executionArn, {
    status: "FAILED", error: "DescribeJob returned FAILED", cause: "AWS Batch Job Failed",
    states: ["Submit Job", "Get Job Status", "Job Complete?", "Job Failed"], events: ["FailStateEntered", "ExecutionFailed"],
  });
});

test("a scripted CheckJob answer changes the path", async () => {
  await stepsim.control.setClockMode("auto");
  await stepsim.control.lambdaResponses.set("CheckJob", { 0: { Return: "FAILED" } });
  try {
    const { executionArn } = await startPoller();
    await waitForExecution(stepsim, executionArn);
    await assertExecution(stepsim, executionArn, {
      status: "FAILED", durationSeconds: 60, stateEntered: { "Get Job Status": 1, "Job Failed": 1 },
    });
  } finally {
    await stepsim.control.lambdaResponses.clear();
  }
});

test("on the manual clock the test moves time; waiting without moving it times out clearly", async () => {
  await stepsim.control.setClockMode("manual");
  const { sfn, executionArn } = await startPoller();
  await assert.rejects(waitForExecution(stepsim, executionArn, { timeoutMs: 100 }),
    /execution .* is still RUNNING after 100 ms of wall time \(virtual now 2026-01-01T00:00:00\.000Z; in manual clock mode, move the clock/);

  await stepsim.control.advanceClock(120);
  // A running execution is measured up to the virtual now, as a scenario measures it.
  await assertExecution(stepsim, executionArn, { status: "RUNNING", durationSeconds: 120, stateEntered: { "Get Job Status": 2 } });
  await assert.rejects(assertExecution(sfn, executionArn, { durationSeconds: 120 }), /no stop date \(still RUNNING/);

  // Timer by timer: each Wait's end and the job's status changes.
  for (let step = 0; step < 100; ++step) {
    if ((await describeExecution(stepsim, executionArn)).status !== "RUNNING") break;
    await stepsim.control.advanceToNextTimer();
  }
  await assertExecution(stepsim, executionArn, { status: "SUCCEEDED", durationSeconds: 600, states: HAPPY_PATH });
});
