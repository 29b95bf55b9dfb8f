// withLog and appendToError without a server: the section is added once, to message and stack.
import assert from "node:assert/strict";
import { test } from "node:test";
import { appendToError, logSection } from "../src/failure-log.js";
import { withLog } from "../src/index.js";

/** A stand-in for the handle: a log that grows while the wrapped test runs. */
function fakeServer() {
  let text = "old line\n";
  return {
    logMark: () => text.length,
    log: (since) => text.slice(since),
    settleLog: async () => {},
    write: (line) => { text += line + "\n"; },
  };
}

test("a passing wrapped test returns its value and adds nothing", async () => {
  const server = fakeServer();
  assert.equal(await withLog(server, async (a, b) => a + b)(2, 3), 5);
});

test("a failing wrapped test carries only the log written while it ran, once", async () => {
  const server = fakeServer();
  const failing = withLog(server, async () => {
    server.write("during the test");
    throw new Error("boom");
  });
  const error = await failing().catch((e) => e);
  assert.equal(error.message, "boom\n--- stepsim log during this test ---\nduring the test\n--- end of stepsim log ---");
  assert.ok(error.stack.startsWith(`Error: ${error.message}\n    at `), error.stack);
  assert.equal(error.stack.split("--- stepsim log").length, 2, "the section appears once in the stack");
});

test("non-Errors pass through untouched; an empty log says so", () => {
  assert.equal(appendToError("text", "x"), "text");
  assert.match(logSection("  \n"), /\(nothing logged\)/);
});

test("the handle may be given as a getter, read when the test runs", async () => {
  let server;
  const wrapped = withLog(() => server, async () => {
    server.write("late-bound");
    throw new Error("boom");
  });
  server = fakeServer();
  assert.match((await wrapped().catch((e) => e)).message, /late-bound/);
  await assert.rejects(withLog(() => undefined, async () => {})(), /withLog: no stepsim handle/);
});
