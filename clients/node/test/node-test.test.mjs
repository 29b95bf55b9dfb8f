// useStepsim() under node's own test runner, run in a child `node --test` so its failures can be
// observed: the log of a failed test is printed under it (and only under failed tests), withLog
// puts it in the error itself, per-test servers are separate, a crash fails the run, and the
// server is gone when the run ends.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { processExists, STEPSIM_BIN } from "./support.mjs";

/**
 * The fixture's environment: STEPSIM_BIN set, and without NODE_TEST_CONTEXT, which node sets in
 * test files it runs and which would make the inner runner report to this one instead.
 */
function fixtureEnv() {
  const env = { ...process.env, STEPSIM_BIN };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** `node --test` on a fixture with the TAP reporter; resolves to {code, output}. */
function runFixture(name) {
  const file = fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
  return new Promise((resolve) => {
    execFile(process.execPath, ["--no-warnings", "--test", "--test-reporter=tap", file],
      { env: fixtureEnv(), timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, output: stdout + stderr }));
  });
}

/** The TAP text of one test: from its `ok`/`not ok` line to the next test's line. */
function tapBlock(output, testName) {
  const start = output.search(new RegExp(`^(not )?ok \\d+ - ${testName}$`, "m"));
  assert.ok(start >= 0, `no result line for '${testName}' in:\n${output}`);
  const rest = output.slice(start + 1);
  const next = rest.search(/^(# Subtest: |(not )?ok \d+ - |1\.\.)/m);
  return output.slice(start, next < 0 ? undefined : start + 1 + next);
}

test("a failed test gets the server's log during it; a passing one does not", async () => {
  const { code, output } = await runFixture("use-stepsim.fixture.mjs");
  assert.equal(code, 1, output);

  const passed = tapBlock(output, "passes");
  assert.match(passed, /^ok /);
  assert.doesNotMatch(passed, /stepsim log/);

  const failed = tapBlock(output, "fails after a call");
  assert.match(failed, /^not ok /);
  assert.match(failed, /deliberate failure/);
  assert.match(failed, /# --- stepsim log during this test ---/);
  assert.match(failed, /info states ListStateMachines 200/);
  assert.doesNotMatch(failed, /serving on|_stepsim\/health/, "only what was logged during the test");

  const wrapped = tapBlock(output, "fails inside withLog");
  assert.match(wrapped, /wrapped failure\n.*--- stepsim log during this test ---/s);
  assert.match(wrapped, /info control \/_stepsim\/clock 200/);

  const pid = Number(/server pid (\d+)/.exec(output)[1]);
  assert.equal(processExists(pid), false, "the after hook stopped the server");
});

test("scope 'test': each test has a fresh server", async () => {
  const { code, output } = await runFixture("per-test.fixture.mjs");
  assert.equal(code, 0, output);
  const first = /first pid (\d+) at (\S+)/.exec(output);
  const second = /second pid (\d+) at (\S+)/.exec(output);
  assert.notEqual(first[1], second[1]);
  assert.equal(first[2], "2026-01-01T00:01:00.000Z");
  assert.equal(second[2], "2026-01-01T00:01:00.000Z", "the second server's clock starts fresh");
  assert.equal(processExists(Number(first[1])) || processExists(Number(second[1])), false);
});

test("a server that dies during the tests fails the run, with its log", async () => {
  const { code, output } = await runFixture("crash.fixture.mjs");
  assert.equal(code, 1, output);
  assert.match(output, /stepsim was killed \(SIGKILL\) instead of stopping cleanly/);
  assert.match(output, /serving on 127\.0\.0\.1/);
});

test("the handle refuses use before the server has started", async () => {
  const { useStepsim } = await import("../src/node-test.js");
  const { describe } = await import("node:test");
  let early;
  await describe("unstarted", () => {
    const stepsim = useStepsim({ bin: STEPSIM_BIN });
    early = (() => { try { return stepsim.endpointUrl; } catch (error) { return error; } })();
  });
  assert.match(early.message, /useStepsim\(\): the server is not running yet \(reading 'endpointUrl'\)/);
});
