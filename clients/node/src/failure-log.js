// Attaching the server's log to a failed test, in any test framework: wrap the test function;
// when it throws, what the server logged while it ran is appended to the error's message (and
// stack, which is what Jest, Vitest and node:test print), then the error is rethrown.

/** The block appended to a failure: the server's log, or a note that it was silent. */
export function logSection(text, title = "stepsim log during this test") {
  const body = text.trim() ? text.trimEnd() : "(nothing logged)";
  return `\n--- ${title} ---\n${body}\n--- end of stepsim log ---`;
}

/**
 * Appends `section` to an error's message and stack. The stack starts with the message as it
 * was when the error was made, so it is rewritten too; a thrown non-Error is left alone.
 */
export function appendToError(error, section) {
  if (!(error instanceof Error)) return error;
  const original = error.message;
  // Read first: V8 formats the stack lazily, so after the message changed it could already
  // show the new message, and the section would appear twice.
  const stack = error.stack;
  try {
    error.message = original + section;
    if (typeof stack === "string")
      error.stack = stack.includes(original) ? stack.replace(original, error.message) : stack + section;
  } catch {
    // a frozen error keeps its message
  }
  return error;
}

/**
 * Wraps a test function so a failure carries the server log written while it ran.
 * `stepsim` may be a function returning the handle: in Jest and Vitest the handle is assigned in
 * beforeAll, after the tests were declared, so it is looked up when the test runs.
 * @template {(...args: any[]) => any} F
 * @param {import("./server.js").Stepsim | (() => import("./server.js").Stepsim)} stepsimOrGetter
 * @param {F} fn
 * @returns {F}
 */
export function withLog(stepsimOrGetter, fn) {
  return async function testWithStepsimLog(...args) {
    const stepsim = typeof stepsimOrGetter === "function" ? stepsimOrGetter() : stepsimOrGetter;
    if (!stepsim) throw new Error("withLog: no stepsim handle (was the server started in beforeAll?)");
    const mark = stepsim.logMark();
    try {
      return await fn.apply(this, args);
    } catch (error) {
      await stepsim.settleLog();
      throw appendToError(error, logSection(stepsim.log(mark)));
    }
  };
}
