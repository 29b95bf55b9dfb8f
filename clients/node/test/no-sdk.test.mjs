// The package has no runtime dependency: a copy of src/ far from any node_modules starts a server,
// drives it and asserts on an execution through the stepsim handle alone. Only an SFN client
// handed to the execution helpers needs @aws-sdk/client-sfn, loaded lazily, with a clear error
// when it cannot be.
import assert from "node:assert/strict";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { POLLER_INPUT, STEPSIM_BIN, repoRoot, scratchDir } from "./support.mjs";

const srcDir = new URL("../src/", import.meta.url);

test("no source file imports a package at top level: only node: built-ins and its own files", () => {
  for (const file of readdirSync(srcDir).filter((f) => f.endsWith(".js"))) {
    const text = readFileSync(new URL(file, srcDir), "utf8");
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/gms))
      assert.match(specifier, /^(node:|\.\/)/, `${file} imports ${specifier}`);
  }
});

test("a copy of the package with no node_modules anywhere near runs the Job Poller", async () => {
  const copy = scratchDir();
  cpSync(srcDir, join(copy, "src"), { recursive: true });
  const helper = await import(pathToFileURL(join(copy, "src/index.js")).href);

  const stepsim = await helper.startStepsim({ bin: STEPSIM_BIN });
  try {
    const { stateMachines: [stateMachineArn] } =
      await stepsim.control.loadScenario(join(repoRoot, "scenarios/job_poller/classic_happy_path.json"));
    // Started as any non-SDK client would: the awsJson request, unsigned.
    const started = await fetch(stepsim.endpointUrl, {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "AWSStepFunctions.StartExecution" },
      body: JSON.stringify({ stateMachineArn, name: "poll-my-job", input: JSON.stringify(POLLER_INPUT) }),
    });
    const { executionArn } = await started.json();
    const done = await helper.waitForExecution(stepsim, executionArn);
    assert.equal(done.status, "SUCCEEDED");
    assert.ok(done.stopDate instanceof Date, "timestamps are Dates, as the SDK gives them");
    await helper.assertExecution(stepsim, executionArn, { output: "SUCCEEDED", durationSeconds: 600, stateEntered: { "Get Job Status": 10 } });
    await helper.assertPath(stepsim, executionArn, ["Submit Job", "Wait X Seconds", "Get Final Job Status"]);

    const fakeClient = { send: async () => assert.fail("the fake client must not be used") };
    const cwd = process.cwd();
    process.chdir(copy); // nothing to find from here either
    try {
      await assert.rejects(helper.waitForExecution(fakeClient, executionArn),
        /an SFN client was given but @aws-sdk\/client-sfn cannot be imported .*pass the stepsim handle instead/s);
    } finally {
      process.chdir(cwd);
    }
  } finally {
    assert.equal(await stepsim.stop(), 0);
  }
});

test("the execution helpers refuse a source that is neither the handle nor an SDK client", async () => {
  const { waitForExecution } = await import("../src/index.js");
  await assert.rejects(waitForExecution("http://127.0.0.1:4566", "arn"), /expected the stepsim handle \(from startStepsim\) or an SFNClient/);
});
