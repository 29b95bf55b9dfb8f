// startStepsim / stop: a real server on a free port, stopped by pid (the process really gone),
// its log kept, SDK clients bound to it; and the ways a start can fail.
import assert from "node:assert/strict";
import { execFile, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { CreateStateMachineCommand, ListStateMachinesCommand, SFNClient, StartSyncExecutionCommand } from "@aws-sdk/client-sfn";
import { startStepsim, StepsimStartError } from "../src/index.js";
import { ROLE, STEPSIM_BIN, eventually, processExists, scratchDir } from "./support.mjs";

/** A stand-in executable (a node script) for the failure modes a real stepsim does not show. */
function fakeBinary(body) {
  const file = join(scratchDir(), "stepsim");
  writeFileSync(file, `#!${process.execPath}\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

test("starts on a free port, answers, and is gone after stop()", async () => {
  const stepsim = await startStepsim({ bin: STEPSIM_BIN });
  assert.match(stepsim.endpointUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.equal(stepsim.host, "127.0.0.1");
  assert.ok(stepsim.port > 0);
  assert.ok(processExists(stepsim.pid));
  assert.deepEqual(await stepsim.control.health(), { status: "ok" });
  assert.equal(stepsim.running, true);

  assert.equal(await stepsim.stop(), 0);
  assert.equal(stepsim.running, false);
  assert.equal(stepsim.exitCode, 0);
  assert.equal(processExists(stepsim.pid), false);
  assert.equal(await stepsim.stop(), 0, "a second stop() answers the same exit code");
  assert.match(stepsim.log(), /info stopped/, "the log holds the server's last line");
});

test("two servers run side by side on different ports", async () => {
  const [a, b] = await Promise.all([startStepsim({ bin: STEPSIM_BIN }), startStepsim({ bin: STEPSIM_BIN })]);
  try {
    assert.notEqual(a.port, b.port);
    await a.control.clock({ mode: "manual", advanceSeconds: 60 });
    assert.equal((await b.control.clock()).now, "2026-01-01T00:00:00.000Z");
  } finally {
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [0, 0]);
  }
});

test("clientConfig and client() bind SDK clients: no retries, no host prefix", async () => {
  const stepsim = await startStepsim({ bin: STEPSIM_BIN });
  try {
    const config = stepsim.clientConfig;
    assert.deepEqual(config, {
      endpoint: stepsim.endpointUrl, region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1, disableHostPrefix: true,
    });
    assert.notEqual(stepsim.clientConfig.credentials, config.credentials, "each read is a fresh copy");

    const sfn = stepsim.client(SFNClient);
    assert.equal(await sfn.config.maxAttempts(), 1);
    const { stateMachineArn } = await sfn.send(new CreateStateMachineCommand({
      name: "express", roleArn: ROLE, type: "EXPRESS",
      definition: JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: { ok: true }, End: true } } }),
    }));
    // StartSyncExecution is modeled with a `sync-` host prefix: it only reaches 127.0.0.1
    // because the client config turns host prefixes off.
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn }));
    assert.equal(result.status, "SUCCEEDED");
    assert.deepEqual(JSON.parse(result.output), { ok: true });

    const other = stepsim.client(SFNClient, { region: "eu-west-1" });
    assert.equal(await other.config.region(), "eu-west-1", "extra settings win");
  } finally {
    assert.equal(await stepsim.stop(), 0);
  }
});

test("log() holds the server's stderr; log(since) only what came after a mark", async () => {
  const stepsim = await startStepsim({ bin: STEPSIM_BIN });
  try {
    // Lines reach this process a moment after the server writes them (more under load).
    await eventually(() => /serving on/.test(stepsim.log()), { what: "the serving line" });
    assert.match(stepsim.log(), /info stepsim .* serving on 127\.0\.0\.1:\d+ \(clock auto/);
    const mark = stepsim.logLength;
    await stepsim.client(SFNClient).send(new ListStateMachinesCommand({}));
    await eventually(() => /ListStateMachines/.test(stepsim.log(mark)), { what: "the request's line" });
    const since = stepsim.log(mark);
    assert.match(since, /info states ListStateMachines 200/);
    assert.doesNotMatch(since, /serving on/);
  } finally {
    assert.equal(await stepsim.stop(), 0);
  }
});

test("serve flags, scenarios to preload and the clients' region are options", async () => {
  const stepsim = await startStepsim({
    bin: STEPSIM_BIN, args: ["--clock", "manual", "--seed", "7"], region: "eu-west-1",
    scenarios: [new URL("../../../scenarios/job_poller/classic_happy_path.json", import.meta.url).pathname],
  });
  try {
    assert.equal((await stepsim.control.clock()).mode, "manual");
    assert.equal(stepsim.clientConfig.region, "eu-west-1");
    const { stateMachines } = await stepsim.client(SFNClient).send(new ListStateMachinesCommand({}));
    assert.deepEqual(stateMachines.map((m) => m.name), ["JobStatusPoller"]);
  } finally {
    assert.equal(await stepsim.stop(), 0);
  }
});

test("a server that exits before listening is an error carrying its log and exit code", async () => {
  await assert.rejects(startStepsim({ bin: STEPSIM_BIN, args: ["--clock", "sideways"] }), (error) => {
    assert.ok(error instanceof StepsimStartError);
    assert.match(error.message, /exited with 2 before listening/);
    assert.match(error.log, /--clock: sideways not in \{auto,manual,realtime\}/);
    return true;
  });
});

test("a first line other than the listening line is an error, and the process is killed", async () => {
  const bin = fakeBinary(`console.log("hello " + process.pid); setInterval(() => {}, 1000);`);
  let pid;
  await assert.rejects(startStepsim({ bin }), (error) => {
    assert.match(error.message, /unexpected first line from .*: hello \d+/);
    pid = Number(/hello (\d+)/.exec(error.message)[1]);
    return true;
  });
  await eventually(() => !processExists(pid), { what: "the fake's death" });
});

test("a server that never says it listens is killed after startTimeoutMs", async () => {
  const bin = fakeBinary(`process.stderr.write("starting slowly, pid " + process.pid + "\\n"); setInterval(() => {}, 1000);`);
  const began = Date.now();
  let pid;
  await assert.rejects(startStepsim({ bin, startTimeoutMs: 300 }), (error) => {
    assert.match(error.message, /did not print its listening line within 300 ms/);
    assert.match(error.log, /starting slowly/);
    pid = Number(/pid (\d+)/.exec(error.log)[1]);
    return true;
  });
  assert.ok(Date.now() - began < 5000);
  await eventually(() => !processExists(pid), { what: "the silent fake's death" });
});

test("stop() kills by pid with SIGKILL when SIGTERM is not obeyed", async () => {
  const bin = fakeBinary([
    `process.on("SIGTERM", () => process.stderr.write("ignoring SIGTERM\\n"));`,
    `console.log("stepsim listening on http://127.0.0.1:9");`,
    `setInterval(() => {}, 1000);`,
  ].join("\n"));
  const stepsim = await startStepsim({ bin });
  assert.ok(processExists(stepsim.pid));
  assert.equal(await stepsim.stop({ timeoutMs: 300 }), null);
  assert.equal(stepsim.exitSignal, "SIGKILL");
  assert.equal(processExists(stepsim.pid), false);
  assert.match(stepsim.log(), /ignoring SIGTERM/);
});

test("a test process that forgets stop() exits anyway, and takes the server with it", async () => {
  const script = `
    import { startStepsim } from ${JSON.stringify(new URL("../src/index.js", import.meta.url).href)};
    const stepsim = await startStepsim({ bin: ${JSON.stringify(STEPSIM_BIN)} });
    console.log(stepsim.pid);`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { timeout: 20_000 });
  const pid = Number(stdout.trim());
  assert.ok(pid > 0);
  assert.equal(processExists(pid), false, "the exit hook killed the forgotten server");
});

test("a test process killed with SIGKILL takes its server with it (Linux, setpriv)", async (t) => {
  if (spawnSync("setpriv", ["--help"]).status !== 0) return t.skip("no setpriv here: only the exit hook applies");
  const script = `
    import { startStepsim } from ${JSON.stringify(new URL("../src/index.js", import.meta.url).href)};
    const stepsim = await startStepsim({ bin: ${JSON.stringify(STEPSIM_BIN)} });
    console.log(stepsim.pid);
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = await once(createInterface({ input: child.stdout }), "line");
  const pid = Number(line);
  assert.ok(processExists(pid));
  child.kill("SIGKILL"); // no exit hook runs
  await eventually(() => !processExists(pid), { what: "the orphaned server's death" });
});

test("dieWithParent: false starts stepsim directly", async () => {
  const stepsim = await startStepsim({ bin: STEPSIM_BIN, dieWithParent: false });
  assert.equal(await stepsim.stop(), 0);
});
