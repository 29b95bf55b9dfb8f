// The file references a scenario document may hold, made absolute. stepsim resolves them against
// the scenario file's directory when it reads a file, but a document POSTed to /_stepsim/scenario
// has no file: its references are resolved against the server's working directory. Rewriting them
// here lets a test load `scenarios/x.json` by path from any working directory.
import { isAbsolute, resolve } from "node:path";

/** `value` made absolute against `baseDir` when it is a relative path string. */
function absolute(value, baseDir) {
  return typeof value === "string" && !isAbsolute(value) ? resolve(baseDir, value) : value;
}

/** A state machine's own definitionFile and those of the versions it publishes. */
function machineWithAbsolutePaths(machine, baseDir) {
  const copy = { ...machine };
  if ("definitionFile" in copy) copy.definitionFile = absolute(copy.definitionFile, baseDir);
  if (Array.isArray(copy.versions))
    copy.versions = copy.versions.map((version) =>
      version && "definitionFile" in version
        ? { ...version, definitionFile: absolute(version.definitionFile, baseDir) }
        : version);
  return copy;
}

/** A CreateFunction request whose Code.Path (real code: a directory or ZIP) is absolute. */
function functionWithAbsolutePath(fn, baseDir) {
  return fn?.Code && typeof fn.Code.Path === "string"
    ? { ...fn, Code: { ...fn.Code, Path: absolute(fn.Code.Path, baseDir) } }
    : fn;
}

/**
 * A copy of a scenario document with every relative file reference the schema defines
 * (scenarios/schema.json: resources.stateMachines[].definitionFile and their versions',
 * resources.functions[].Code.Path, resources.stack.template, mockConfig given as a path) made absolute
 * against `baseDir`. Anything else is left as it is; the input is not modified.
 * @param {object} scenario
 * @param {string} baseDir
 * @returns {object}
 */
export function absolutizeScenarioPaths(scenario, baseDir) {
  if (!scenario || typeof scenario !== "object" || Array.isArray(scenario)) return scenario;
  const copy = { ...scenario };
  if (typeof copy.mockConfig === "string") copy.mockConfig = absolute(copy.mockConfig, baseDir);
  if (copy.resources && typeof copy.resources === "object") {
    const resources = { ...copy.resources };
    if (resources.stack && typeof resources.stack === "object")
      resources.stack = { ...resources.stack, template: absolute(resources.stack.template, baseDir) };
    if (Array.isArray(resources.stateMachines))
      resources.stateMachines = resources.stateMachines.map((m) =>
        m && typeof m === "object" ? machineWithAbsolutePaths(m, baseDir) : m);
    if (Array.isArray(resources.functions))
      resources.functions = resources.functions.map((fn) => functionWithAbsolutePath(fn, baseDir));
    copy.resources = resources;
  }
  return copy;
}
