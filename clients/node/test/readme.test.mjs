// The README's examples are run as written: the node:test one under `node --test`, the
// Jest/Vitest one under node:test with beforeAll/afterAll/expect mapped onto it. They import the
// package by its name, which resolves to this checkout (a package may import itself through its
// "exports"), so they are written inside the package, in a git-ignored folder.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";
import { repoRoot, STEPSIM_BIN } from "./support.mjs";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const exampleDir = `${packageDir}.readme-examples/`;
const readme = readFileSync(`${packageDir}README.md`, "utf8");

after(() => rmSync(exampleDir, { recursive: true, force: true }));

/** The ```js block whose first line starts with `firstLine`. */
function codeBlock(firstLine) {
  const blocks = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const block = blocks.find((b) => b.startsWith(firstLine));
  assert.ok(block, `README has no js block starting with ${firstLine}`);
  return block;
}

/** Runs one file under `node --test` from the repository root (the examples' paths start there). */
function runExample(name, source) {
  mkdirSync(exampleDir, { recursive: true });
  const file = `${exampleDir}${name}`;
  writeFileSync(file, source);
  const env = { ...process.env, STEPSIM_BIN };
  delete env.NODE_TEST_CONTEXT; // report on its own, not to this runner
  return new Promise((resolve) => {
    execFile(process.execPath, ["--no-warnings", "--test", "--test-reporter=tap", file], { cwd: repoRoot, env, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ code: error ? error.code : 0, output: stdout + stderr }));
  });
}

test("the README's node:test example passes", async () => {
  const { code, output } = await runExample("node-test.test.mjs", codeBlock("// job-poller.test.mjs"));
  assert.equal(code, 0, output);
  assert.match(output, /^ok 1 - the Job Poller follows a 10-minute job to success$/m);
});

test("the README's Jest/Vitest example passes (its globals mapped onto node:test)", async () => {
  const globals = [
    'import assert from "node:assert/strict";',
    'import { after as afterAll, before as beforeAll, test } from "node:test";',
    "const expect = (actual) => ({ toBe: (expected) => assert.equal(actual, expected) });",
  ].join("\n");
  const { code, output } = await runExample("jest.test.mjs", `${globals}\n${codeBlock("// job-poller.test.js")}`);
  assert.equal(code, 0, output);
  assert.match(output, /^ok 1 - the poller takes the happy path$/m);
});
