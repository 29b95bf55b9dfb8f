// node:test integration: useStepsim() registers the hooks that start a server before the tests
// of the file (or of the enclosing describe), stop it by pid after them, and print the server's
// log under each failed test.
//
// How a failure gets its log: node:test hands afterEach hooks the test's context, and from Node
// 20.12 / 21.7 on that context says whether the test passed (`t.passed`). When it did not, the
// log written during that test is printed with `t.diagnostic`, which every reporter shows under
// the test. On older Node versions, where `t.passed` does not exist, nothing is printed
// automatically: wrap the test function in `stepsim.withLog(fn)` instead (it appends the log to
// the error itself, and works in any framework).
import { after, afterEach, before, beforeEach } from "node:test";
import { logSection, withLog } from "./failure-log.js";
import { startStepsim } from "./server.js";

/**
 * A stand-in for the server that forwards to it once the before hook has started it: tests
 * receive one object at module load, the server comes later.
 */
function lateBoundHandle(current) {
  const handle = new Proxy({}, {
    get(_, property) {
      // withLog wraps a test function at module level, before the server exists; the wrapper
      // reads the server when the test runs.
      if (property === "withLog") return (fn) => withLog(handle, fn);
      const server = current();
      if (!server) {
        if (property === "then" || typeof property === "symbol") return undefined; // not a thenable
        throw new Error(`useStepsim(): the server is not running yet (reading '${String(property)}'); ` +
          "it starts in a before hook, so use it inside tests and hooks, not at module level");
      }
      const value = Reflect.get(server, property, server);
      return typeof value === "function" ? value.bind(server) : value;
    },
    has: (_, property) => Boolean(current()) && property in current(),
  });
  return handle;
}

/** Fails the after hook when the server did not stop cleanly: a crash must not pass silently. */
function checkExitCode(server, code) {
  if (code === 0) return;
  const how = code === null ? `was killed (${server.exitSignal})` : `exited with ${code}`;
  throw new Error(`stepsim ${how} instead of stopping cleanly${logSection(server.log(), "stepsim log")}`);
}

/**
 * Registers node:test hooks around a stepsim server and returns a handle to it.
 * @param {object} [options] startStepsim's options, plus:
 * @param {"file" | "test"} [options.scope] one server for all tests (default), or one per test
 * @param {boolean} [options.resetBetweenTests] POST /_stepsim/reset before each test (file scope)
 * @param {boolean} [options.checkExit] fail the stopping hook unless the server exits 0 (default true)
 * @param {boolean} [options.logOnFailure] print the server log under failed tests (default true)
 * @returns {import("./server.js").Stepsim}
 */
export function useStepsim({
  scope = "file", resetBetweenTests = false, checkExit = true, logOnFailure = true, ...startOptions
} = {}) {
  if (scope !== "file" && scope !== "test") throw new TypeError(`useStepsim: scope must be "file" or "test", not ${scope}`);
  let server;
  let mark;
  const start = async () => {
    server = await startStepsim(startOptions);
  };
  const stop = async () => {
    const stopping = server;
    if (!stopping) return;
    const code = await stopping.stop();
    if (checkExit) checkExitCode(stopping, code);
  };
  const report = async (t) => {
    if (!logOnFailure || !server || t?.passed !== false) return;
    await server.settleLog();
    // One diagnostic per line: reporters show a diagnostic as one line (TAP escapes newlines).
    for (const line of logSection(server.log(mark)).trim().split("\n")) t.diagnostic(line);
  };

  if (scope === "file") {
    before(start);
    after(stop);
  }
  beforeEach(async () => {
    if (scope === "test") await start();
    if (!server) throw new Error("stepsim is not running: its start failed (see the before hook's error)");
    mark = server.logMark();
    if (resetBetweenTests && scope === "file") await server.control.reset();
  });
  afterEach(async (t) => {
    await report(t);
    if (scope === "test") await stop();
  });
  return lateBoundHandle(() => server);
}
