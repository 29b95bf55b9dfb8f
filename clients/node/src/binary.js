// Finding the stepsim executable: the `bin` option, else STEPSIM_BIN, else `stepsim` on PATH.
// The lookup is done here, not left to spawn(), so that a missing binary is one clear error that
// names every way to provide it instead of a bare ENOENT.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Thrown when no stepsim executable can be found; `tried` lists where it looked. */
export class StepsimNotFoundError extends Error {
  constructor(message, tried) {
    super(message);
    this.name = "StepsimNotFoundError";
    this.tried = tried;
  }
}

/**
 * Whether `file` is a regular file this process may execute. A directory named `stepsim` on PATH
 * must not win over a real binary later on it, hence the isFile check.
 * @param {string} file
 */
function isExecutableFile(file) {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The first `stepsim` executable on PATH, or undefined. Empty PATH entries mean the current
 * directory, as they do for the shell.
 * @param {string | undefined} pathValue
 * @param {string} cwd
 */
function findOnPath(pathValue, cwd) {
  for (const dir of (pathValue ?? "").split(delimiter)) {
    const candidate = resolve(cwd, dir || ".", "stepsim");
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/**
 * An explicitly named binary (option or variable) must exist: silently falling back to PATH would
 * test a different stepsim than the one the user asked for.
 * @param {string} file
 * @param {string} origin how it was named, for the error
 * @param {string} cwd
 */
function requireExplicit(file, origin, cwd) {
  const absolute = isAbsolute(file) ? file : resolve(cwd, file);
  if (isExecutableFile(absolute)) return absolute;
  throw new StepsimNotFoundError(
    `stepsim binary not found: ${origin} is '${file}', which is not an executable file ` +
      `(resolved to ${absolute}). Build it (cmake --build build) or fix ${origin}.`,
    [absolute],
  );
}

/**
 * Resolves the stepsim executable to an absolute path.
 * @param {{ bin?: string | URL, env?: NodeJS.ProcessEnv, cwd?: string }} [options]
 *   `bin` wins, then `env.STEPSIM_BIN`, then `stepsim` on `env.PATH`.
 * @returns {string}
 * @throws {StepsimNotFoundError} naming the `bin` option and STEPSIM_BIN when nothing is found.
 */
export function resolveStepsimBinary({ bin, env = process.env, cwd = process.cwd() } = {}) {
  if (bin instanceof URL) bin = fileURLToPath(bin);
  if (bin) return requireExplicit(bin, "the `bin` option", cwd);
  if (env.STEPSIM_BIN) return requireExplicit(env.STEPSIM_BIN, "STEPSIM_BIN", cwd);
  const onPath = findOnPath(env.PATH, cwd);
  if (onPath) return onPath;
  throw new StepsimNotFoundError(
    "stepsim binary not found: pass `bin` to startStepsim(), set STEPSIM_BIN to the executable " +
      "(e.g. STEPSIM_BIN=build/stepsim), or put `stepsim` on PATH " +
      `(searched PATH: ${env.PATH || "(empty)"})`,
    (env.PATH ?? "").split(delimiter).map((dir) => join(dir || ".", "stepsim")),
  );
}
