// A small client of stepsim's control API (`/_stepsim/...` on the server's port): the virtual
// clock, reset, Batch job lifecycle rules, scripted Lambda responses, scenarios and CloudFormation
// provisioning times. Plain fetch, so it needs no AWS SDK.
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { absolutizeScenarioPaths } from "./scenario-paths.js";

/** A control request stepsim refused (4xx/5xx); `status` and `body` are what it answered. */
export class StepsimControlError extends Error {
  constructor(method, path, status, body) {
    const reason = body && typeof body === "object" && "message" in body ? body.message : JSON.stringify(body);
    super(`stepsim control ${method} ${path} answered ${status}: ${reason}`);
    this.name = "StepsimControlError";
    this.status = status;
    this.body = body;
  }
}

/**
 * The body of a control answer: JSON when it is JSON, the text otherwise (a proxy's HTML error
 * page should still reach the error message).
 * @param {Response} response
 */
async function readAnswer(response) {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A scenario file's JSON; a syntax error names the file, which JSON.parse alone would not. */
function parseScenarioFile(file, text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(`${file}: ${error.message}`);
  }
}

/** Lifecycle rules may be given as the array or as the control API's own `{rules: [...]}`. */
function rulesBody(rules) {
  return Array.isArray(rules) ? { rules } : rules;
}

/**
 * The control API of one server. Every method resolves to the JSON stepsim answers and rejects
 * with a StepsimControlError on a 4xx/5xx, so a bad rule fails the test where it was installed.
 */
export class StepsimControl {
  /** @param {string} endpointUrl e.g. http://127.0.0.1:4566 */
  constructor(endpointUrl) {
    this.endpointUrl = endpointUrl;
    /** Batch job lifecycle rules (README "Job lifecycle rules"). */
    this.batchLifecycles = {
      /** Appends rules (an array or `{rules}`); resolves to every installed rule. */
      add: (rules) => this.request("POST", "/_stepsim/batch/lifecycles", rulesBody(rules)),
      list: () => this.request("GET", "/_stepsim/batch/lifecycles"),
      clear: () => this.request("DELETE", "/_stepsim/batch/lifecycles"),
    };
    /** Scripted Lambda responses, keyed by 0-based invocation numbers or ranges ("1-2"). */
    this.lambdaResponses = {
      /** Replaces one function's script and restarts its invocation count. */
      set: (functionName, responses) =>
        this.request("POST", "/_stepsim/lambda/responses", { functionName, responses }),
      /** Every function's invocation count and script: `{functions: [...]}`. */
      list: () => this.request("GET", "/_stepsim/lambda/responses"),
      clear: () => this.request("DELETE", "/_stepsim/lambda/responses"),
    };
  }

  /**
   * One control request; the escape hatch for endpoints this class does not wrap. A body is
   * always sent as application/json, which stepsim requires of control requests.
   * @param {"GET" | "POST" | "DELETE"} method
   * @param {string} path starting with /_stepsim/
   * @param {unknown} [body]
   */
  async request(method, path, body) {
    const response = await fetch(this.endpointUrl + path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await readAnswer(response);
    if (!response.ok) throw new StepsimControlError(method, path, response.status, answer);
    return answer;
  }

  /** `{status: "ok"}` while the server serves. */
  health() {
    return this.request("GET", "/_stepsim/health");
  }

  /**
   * Without an argument reads the virtual clock (`{now, epochMillis, mode}`); with one moves it:
   * any of `{mode}`, `{advanceSeconds}`, `{advanceTo}`, `{advanceToNextTimer: true}`.
   * @param {{ mode?: "auto" | "manual" | "realtime", advanceSeconds?: number,
   *           advanceTo?: string | Date, advanceToNextTimer?: true }} [update]
   */
  clock(update) {
    if (update === undefined) return this.request("GET", "/_stepsim/clock");
    const body = { ...update };
    if (body.advanceTo instanceof Date) body.advanceTo = body.advanceTo.toISOString();
    return this.request("POST", "/_stepsim/clock", body);
  }

  /** Moves the virtual clock forward, firing every timer due on the way. */
  advanceClock(seconds) {
    return this.clock({ advanceSeconds: seconds });
  }

  /** Moves the virtual clock to the earliest scheduled timer (nothing when none is). */
  advanceToNextTimer() {
    return this.clock({ advanceToNextTimer: true });
  }

  /** @param {"auto" | "manual" | "realtime"} mode */
  setClockMode(mode) {
    return this.clock({ mode });
  }

  /** Drops every resource, job and rule; the clock goes back to its start. */
  reset() {
    return this.request("POST", "/_stepsim/reset");
  }

  /** Every Batch job kept, with its status history (for timelines). */
  async batchJobs() {
    return (await this.request("GET", "/_stepsim/batch/jobs")).jobs;
  }

  /**
   * CloudFormation provisioning times in virtual seconds. Without an argument reads them; with
   * `{defaultSeconds, secondsByType}` sets what it names.
   */
  cloudFormationProvisioning(times) {
    if (times === undefined) return this.request("GET", "/_stepsim/cloudformation/provisioning");
    return this.request("POST", "/_stepsim/cloudformation/provisioning", times);
  }

  /** Puts back the default provisioning time (1 s for every type). */
  resetCloudFormationProvisioning() {
    return this.request("DELETE", "/_stepsim/cloudformation/provisioning");
  }

  /**
   * Loads a scenario's resources, lifecycle rules, scripted responses and mock config into the
   * running server (its timeline and expectations are not used). A path is read here and its
   * relative file references (definitionFile, Code.Path, mockConfig, resources.stack.template)
   * are made absolute against the file's directory, as `stepsim run` would resolve them; the
   * server alone would resolve them against its own working directory. An object's relative references are
   * resolved against `baseDir` (default: the server's working directory, i.e. leave them).
   * @param {string | URL | object} scenario a path or the scenario document
   * @param {{ baseDir?: string }} [options]
   * @returns {Promise<{ name: string, stateMachines: string[] }>}
   */
  async loadScenario(scenario, { baseDir } = {}) {
    let document = scenario;
    if (typeof scenario === "string" || scenario instanceof URL) {
      const file = resolve(scenario instanceof URL ? fileURLToPath(scenario) : scenario);
      document = parseScenarioFile(file, await readFile(file, "utf8"));
      baseDir = dirname(file);
    }
    if (baseDir !== undefined) document = absolutizeScenarioPaths(document, baseDir);
    return this.request("POST", "/_stepsim/scenario", document);
  }
}
