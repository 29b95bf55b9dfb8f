// Waiting for executions and asserting on them. Every helper takes a `source` first: the stepsim
// handle (no SDK needed) or the test's own SFNClient.
import { AssertionError } from "node:assert";
import { setTimeout as sleep } from "node:timers/promises";
import { checkExecution, checkExpectationKeys, formatUnmet, statesEntered } from "./expectations.js";
import { statesReader } from "./states-api.js";

/** Statuses an execution can still leave on its own (a redrive puts it in PENDING_REDRIVE). */
const UNFINISHED = new Set(["RUNNING", "PENDING_REDRIVE"]);

/** An assertion about an execution that did not hold; `unmet` lists each failed expectation. */
export class ExecutionAssertionError extends AssertionError {
  constructor(executionArn, unmet) {
    const count = `${unmet.length} expectation${unmet.length === 1 ? "" : "s"}`;
    super({ message: `execution ${executionArn} did not meet ${count}:\n  ${formatUnmet(unmet).join("\n  ")}` });
    this.name = "ExecutionAssertionError";
    this.executionArn = executionArn;
    this.unmet = unmet;
  }
}

/** DescribeExecution, with timestamps as Dates whichever the source. */
export function describeExecution(source, executionArn) {
  return statesReader(source).describe(executionArn);
}

/** Every history event of an execution, all pages. */
export function executionHistory(source, executionArn) {
  return statesReader(source).history(executionArn);
}

/** The states an execution entered, in order: what a scenario's `states` is matched against. */
export async function executionPath(source, executionArn) {
  return statesEntered(await executionHistory(source, executionArn));
}

/**
 * The timeout's message says where the virtual clock stands, since an execution waiting on a
 * Wait or a job in `manual` mode only moves when the test moves the clock.
 */
async function stillRunningMessage(reader, executionArn, status, timeoutMs) {
  const now = await reader.nowMillis().catch(() => undefined);
  const clock = now === undefined ? ""
    : ` (virtual now ${new Date(now).toISOString()}; in manual clock mode, move the clock with control.clock(...))`;
  return `execution ${executionArn} is still ${status} after ${timeoutMs} ms of wall time${clock}`;
}

/**
 * Polls DescribeExecution until the execution is no longer RUNNING (or PENDING_REDRIVE).
 * In `auto` clock mode that is milliseconds of wall time even for hours of virtual time.
 * @param {object} source the stepsim handle or an SFNClient
 * @param {string} executionArn
 * @param {{ timeoutMs?: number, intervalMs?: number }} [options] wall-clock limits
 * @returns {Promise<object>} the final DescribeExecution answer
 */
export async function waitForExecution(source, executionArn, { timeoutMs = 30_000, intervalMs = 5 } = {}) {
  const reader = statesReader(source);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const description = await reader.describe(executionArn);
    if (!UNFINISHED.has(description.status)) return description;
    if (Date.now() >= deadline)
      throw new Error(await stillRunningMessage(reader, executionArn, description.status, timeoutMs));
    await sleep(intervalMs);
  }
}

/** Expectations that need the history (GetExecutionHistory is only called for them). */
const needsHistory = (expect) => ["events", "states", "stateEntered", "assigned"].some((k) => k in expect);

/**
 * Checks an execution as a scenario file's `expect.executions.<name>` would: `status`, `output`
 * (exact) or `outputContains` (a JSON subset), `error`, `cause`, `events` and `states` (ordered
 * subsequences of history event types and entered state names; others may come between),
 * `stateEntered` counts, `assigned`, `durationSeconds` (virtual; exact or `{min, max}`),
 * `version`. It does not wait: call waitForExecution first for a finished execution.
 * @param {object} source the stepsim handle or an SFNClient
 * @param {string} executionArn
 * @param {object} expect
 * @returns {Promise<object>} the DescribeExecution answer, when every expectation holds
 * @throws {ExecutionAssertionError} listing every unmet expectation
 */
export async function assertExecution(source, executionArn, expect) {
  checkExpectationKeys(expect);
  const reader = statesReader(source);
  const description = await reader.describe(executionArn);
  const events = needsHistory(expect) ? await reader.history(executionArn) : [];
  const nowMillis = "durationSeconds" in expect && !description.stopDate ? await reader.nowMillis() : undefined;
  const unmet = checkExecution({ description, events, nowMillis }, expect);
  if (unmet.length) throw new ExecutionAssertionError(executionArn, unmet);
  return description;
}

/**
 * Asserts the execution entered these states in this order, others allowed between: a scenario's
 * `"states": [...]`, e.g. ["Submit Job", "Wait X Seconds", "Get Final Job Status"].
 * @param {object} source the stepsim handle or an SFNClient
 * @param {string} executionArn
 * @param {string[]} states
 */
export async function assertPath(source, executionArn, states) {
  if (!Array.isArray(states) || !states.every((s) => typeof s === "string"))
    throw new TypeError("assertPath expects an array of state names");
  await assertExecution(source, executionArn, { states });
}
