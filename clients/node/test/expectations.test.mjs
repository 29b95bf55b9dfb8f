// The expectation semantics, pure (no server): ordered subsequences, exact and subset JSON
// comparison, counts, assigned variables, durations and versions, worded as `stepsim run` words
// them; and a parity check against `stepsim run --json` on the same expectations.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { absolutizeScenarioPaths, checkExecution, describeExecution, executionHistory, jsonDiff, startStepsim, statesEntered, waitForExecution } from "../src/index.js";
import { subsequenceMismatch } from "../src/expectations.js";
import { STEPSIM_BIN, repoRoot, scratchDir } from "./support.mjs";

const entered = (name) => ({ type: "TaskStateEntered", stateEnteredEventDetails: { name } });
const exited = (name, assignedVariables) => ({ type: "TaskStateExited", stateExitedEventDetails: { name, assignedVariables } });
const description = (extra) => ({ name: "run-1", executionArn: "arn:x", status: "SUCCEEDED", ...extra });

test("statesEntered: every event with stateEnteredEventDetails, in order (branches included)", () => {
  const events = [
    { type: "ExecutionStarted" }, entered("Fan Out"), { type: "ParallelStateStarted" },
    { type: "PassStateEntered", stateEnteredEventDetails: { name: "Left" } },
    { type: "PassStateEntered", stateEnteredEventDetails: { name: "Right" } },
    { type: "PassStateExited", stateExitedEventDetails: { name: "Left" } }, entered("Fan Out"),
  ];
  assert.deepEqual(statesEntered(events), ["Fan Out", "Left", "Right", "Fan Out"]);
});

test("subsequence: in order, others allowed between, repeats need repeats", () => {
  const actual = ["A", "B", "C", "B", "D"];
  assert.equal(subsequenceMismatch([], actual), null);
  assert.equal(subsequenceMismatch(["A", "C", "D"], actual), null);
  assert.equal(subsequenceMismatch(["B", "B", "D"], actual), null);
  assert.deepEqual(subsequenceMismatch(["B", "B", "B"], actual), { matched: 2, missing: "B" });
  assert.deepEqual(subsequenceMismatch(["D", "A"], actual), { matched: 1, missing: "A" });
  assert.deepEqual(subsequenceMismatch(["Z"], []), { matched: 0, missing: "Z" });
});

test("jsonDiff: exact and subset, one line per JSON pointer", () => {
  assert.deepEqual(jsonDiff({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 }), []);
  assert.deepEqual(jsonDiff({ a: 1 }, { a: 1, extra: true }), ["/extra: unexpected member true"]);
  assert.deepEqual(jsonDiff({ a: 1 }, { a: 1, extra: true }, { subset: true }), []);
  assert.deepEqual(jsonDiff({ a: { "x/y": "s" }, m: 2 }, { a: { "x/y": "t" } }, { subset: true }),
    ['/a/x~1y: expected "s", got "t"', "/m: missing (expected 2)"]);
  assert.deepEqual(jsonDiff([1, 2], [1, 2, 3], { subset: true }), ["(the whole value): expected 2 items, got 3"]);
  assert.deepEqual(jsonDiff([{ id: 1 }], [{ id: 1, more: 0 }], { subset: true }), []);
  assert.deepEqual(jsonDiff("x".repeat(300), null)[0].length, "(the whole value): expected ".length + 200 + ", got null".length);
  assert.equal(jsonDiff({ a: 1, b: 2, c: 3 }, {}, { limit: 2 }).length, 2);
});

test("checkExecution: output exact or subset, counts, assigned, version, duration", () => {
  const events = [entered("Load"), exited("Load", { count: "3", items: '["a","b"]' }), entered("Loop"), entered("Loop")];
  const run = {
    description: description({
      output: '{"total":3,"id":"x"}', startDate: new Date(0), stopDate: new Date(90_500),
      stateMachineVersionArn: "arn:aws:states:us-east-1:123456789012:stateMachine:M:2",
    }),
    events,
  };
  assert.deepEqual(checkExecution(run, {
    status: "SUCCEEDED", outputContains: { total: 3 }, stateEntered: { Loop: 2, Never: 0 },
    assigned: { Load: { count: 3 } }, version: 2, durationSeconds: 90.5, states: ["Load", "Loop"],
  }), []);
  const unmet = checkExecution(run, {
    output: { total: 3 }, stateEntered: { Loop: 1 }, assigned: { Load: { count: 4 }, Loop: { x: 1 } }, version: 1,
    durationSeconds: { min: 100 },
  });
  assert.deepEqual(unmet.map((u) => [u.what, u.expected, u.actual, u.diff]), [
    ["execution run-1 version", "1", "2", []],
    ["execution run-1 output", '{"total":3}', '{"total":3,"id":"x"}', ['/id: unexpected member "x"']],
    ["execution run-1 duration", "100.. s", "90.5s", []],
    ["execution run-1 entered 'Loop'", "1 times", "2 times", []],
    ["execution run-1 variables assigned by 'Load' (subset)", '{"count":4}', '{"count":3,"items":["a","b"]}', ["/count: expected 4, got 3"]],
    ["execution run-1 variables assigned by 'Loop' (subset)", '{"x":1}', "{}", ["/x: missing (expected 1)"]],
  ]);
});

test("checkExecution: a missing output is null, a running execution is measured to now", () => {
  // Raw awsJson answers carry epoch seconds; the SDK's, Dates.
  const running = { description: description({ status: "RUNNING", startDate: 1000 }), nowMillis: 1000 * 1000 + 60_000 };
  assert.deepEqual(checkExecution(running, { durationSeconds: 60 }), []);
  assert.match(checkExecution({ description: description({ status: "RUNNING", startDate: new Date(0) }) }, { durationSeconds: 1 })[0].actual,
    /^no stop date \(still RUNNING/);
  assert.deepEqual(checkExecution({ description: description({}) }, { output: null }), []);
  assert.equal(checkExecution({ description: description({}) }, { version: 1 })[0].actual, "no version");
});

test("an unknown expectation key is refused with a suggestion", () => {
  assert.throws(() => checkExecution({ description: description({}) }, { stauts: "SUCCEEDED" }),
    /unknown execution expectation 'stauts' \(did you mean 'status'\?\); valid: status, error/);
  assert.throws(() => checkExecution({ description: description({}) }, { frobnicate: 1 }), (e) => !/did you mean/.test(e.message));
});

/**
 * Runs a library scenario (one startExecution at 0 s) with `expectation` in place of its own, both
 * through `stepsim run --json` and through a server with the helpers; returns both unmet lists.
 */
async function unmetBothWays(scenarioFile, expectation) {
  const original = join(repoRoot, "scenarios", scenarioFile);
  const scenario = absolutizeScenarioPaths(JSON.parse(readFileSync(original, "utf8")), dirname(original));
  const { startExecution } = scenario.timeline[0];
  scenario.expect = { executions: { [startExecution.name]: expectation } };
  const file = join(scratchDir(), "parity.json");
  writeFileSync(file, JSON.stringify(scenario));

  const ran = await promisify(execFile)(STEPSIM_BIN, ["run", "--json", file]).catch((error) => error);
  assert.equal(ran.code, 1, "the scenario fails");
  const fromRun = JSON.parse(ran.stdout).scenarios[0].unmet;

  const stepsim = await startStepsim({ bin: STEPSIM_BIN });
  try {
    const { stateMachines } = await stepsim.control.loadScenario(file);
    const stateMachineArn = stateMachines.find((arn) => arn.endsWith(`:${startExecution.stateMachine}`));
    const { executionArn } = await stepsim.client(SFNClient).send(new StartExecutionCommand({
      stateMachineArn, name: startExecution.name, input: JSON.stringify(startExecution.input),
    }));
    await waitForExecution(stepsim, executionArn);
    const fromHelper = checkExecution({
      description: await describeExecution(stepsim, executionArn), events: await executionHistory(stepsim, executionArn),
    }, expectation);
    return { fromRun, fromHelper };
  } finally {
    assert.equal(await stepsim.stop(), 0);
  }
}

test("parity with `stepsim run --json`: status, error, cause, output, duration, events, states, counts", async () => {
  const { fromRun, fromHelper } = await unmetBothWays("job_poller/classic_happy_path.json", {
    status: "FAILED", error: "E", cause: "C", outputContains: { a: [1, 2] }, durationSeconds: { min: 10, max: 300 },
    events: ["ExecutionStarted", "ExecutionFailed"], states: ["Submit Job", "Get Final Job Status", "Wait X Seconds"],
    stateEntered: { "Get Job Status": 3, "Get Final Job Status": 1 },
  });
  assert.equal(fromHelper.length, 8);
  assert.deepEqual(fromHelper, fromRun);
});

test("parity with `stepsim run --json`: exact output and assigned variables", async () => {
  const { fromRun, fromHelper } = await unmetBothWays("variables/jsonpath_assign.json", {
    output: { who: "ana", attempts: 2 }, assigned: { Remember: { attempt: 2, customer: "ana" }, "Try again": { attempt: 9 }, Report: { x: 1 } },
    durationSeconds: 1,
  });
  assert.equal(fromHelper.length, 5);
  assert.deepEqual(fromHelper, fromRun);
});
