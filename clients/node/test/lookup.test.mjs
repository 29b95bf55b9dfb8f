// Finding the binary: the `bin` option, else STEPSIM_BIN, else `stepsim` on PATH; a clear error
// naming the option and the variable when none gives one.
import assert from "node:assert/strict";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { resolveStepsimBinary, startStepsim, StepsimNotFoundError } from "../src/index.js";
import { STEPSIM_BIN, scratchDir } from "./support.mjs";

const real = resolve(STEPSIM_BIN);
const scratch = () => scratchDir("stepsim-lookup-");

/** A directory holding `stepsim` as a link to the real binary: a PATH entry. */
function dirWithStepsim() {
  const dir = scratch();
  symlinkSync(real, join(dir, "stepsim"));
  return dir;
}

test("the bin option wins over STEPSIM_BIN and PATH", () => {
  const onPath = dirWithStepsim();
  assert.equal(resolveStepsimBinary({ bin: real, env: { STEPSIM_BIN: "/nowhere/stepsim", PATH: onPath } }), real);
});

test("a relative bin is resolved against cwd; a file: URL is accepted", () => {
  const dir = dirWithStepsim();
  assert.equal(resolveStepsimBinary({ bin: "stepsim", env: {}, cwd: dir }), join(dir, "stepsim"));
  assert.equal(resolveStepsimBinary({ bin: new URL(`file://${real}`), env: {} }), real);
});

test("STEPSIM_BIN comes next, then the first stepsim on PATH", () => {
  const first = dirWithStepsim();
  const second = dirWithStepsim();
  assert.equal(resolveStepsimBinary({ env: { STEPSIM_BIN: real, PATH: first } }), real);
  assert.equal(resolveStepsimBinary({ env: { PATH: [scratch(), first, second].join(":") } }), join(first, "stepsim"));
});

test("on PATH, a directory or a non-executable file named stepsim is skipped", () => {
  const directory = scratch();
  mkdirSync(join(directory, "stepsim"));
  const plainFile = scratch();
  writeFileSync(join(plainFile, "stepsim"), "not a program", { mode: 0o644 });
  const good = dirWithStepsim();
  assert.equal(resolveStepsimBinary({ env: { PATH: [directory, plainFile, good].join(":") } }), join(good, "stepsim"));
});

test("nothing found: the error names the bin option, STEPSIM_BIN and PATH", () => {
  assert.throws(() => resolveStepsimBinary({ env: { PATH: scratch() } }), (error) => {
    assert.ok(error instanceof StepsimNotFoundError);
    assert.match(error.message, /stepsim binary not found: pass `bin` to startStepsim\(\), set STEPSIM_BIN/);
    assert.match(error.message, /or put `stepsim` on PATH \(searched PATH: \//);
    return true;
  });
});

test("an explicit bin or STEPSIM_BIN that is missing is an error, not a fallback to PATH", () => {
  const onPath = dirWithStepsim();
  assert.throws(() => resolveStepsimBinary({ bin: "/nowhere/stepsim", env: { PATH: onPath } }),
    /the `bin` option is '\/nowhere\/stepsim', which is not an executable file/);
  assert.throws(() => resolveStepsimBinary({ env: { STEPSIM_BIN: "build/missing", PATH: onPath }, cwd: "/tmp" }),
    /STEPSIM_BIN is 'build\/missing', which is not an executable file \(resolved to \/tmp\/build\/missing\)/);
});

test("startStepsim rejects with the lookup error before spawning anything", async () => {
  await assert.rejects(startStepsim({ env: { PATH: scratch() } }), StepsimNotFoundError);
});

test("startStepsim finds stepsim on PATH (the server gets the env it was given)", async () => {
  const stepsim = await startStepsim({ env: { ...process.env, STEPSIM_BIN: "", PATH: `${dirWithStepsim()}:${process.env.PATH}` } });
  try {
    assert.deepEqual(await stepsim.control.health(), { status: "ok" });
  } finally {
    assert.equal(await stepsim.stop(), 0);
  }
});
