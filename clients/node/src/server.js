// Starting `stepsim serve --port 0` for a test, and stopping it by its pid. The server prints
// exactly one line to stdout when it is ready (`stepsim listening on http://HOST:PORT`) and logs
// to stderr; both are kept so a failing test can show what the server did.
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { resolveStepsimBinary } from "./binary.js";
import { StepsimControl } from "./control.js";
import { withLog } from "./failure-log.js";
import { dropLinesBefore, LogBuffer } from "./log-buffer.js";
import { dyingWithParent } from "./parent-death.js";

const LISTENING = "stepsim listening on ";

/** Thrown when the server exits, or stays silent, before it listens. `log` is its stderr. */
export class StepsimStartError extends Error {
  constructor(message, log) {
    super(log ? `${message}\n--- stepsim log ---\n${log}` : message);
    this.name = "StepsimStartError";
    this.log = log;
  }
}

/**
 * Servers still running when the test process exits are killed by pid, synchronously: a test
 * runner that forgets stop() (or crashes) must not leave a server behind.
 */
const running = new Set();
process.once("exit", () => {
  for (const pid of running) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/**
 * The client configuration every AWS SDK v3 client needs to reach this server: its endpoint,
 * a region, dummy credentials (stepsim does not check signatures), no retries (a test must see
 * the first error, not the third), and no host prefixes (`sync-` on StartSyncExecution would
 * make the SDK call sync-127.0.0.1, which does not resolve).
 */
function makeClientConfig(endpointUrl, region, accessKeyId) {
  return {
    endpoint: endpointUrl,
    region,
    // Not frozen, and a new object each time: the SDK writes into the credentials it is given.
    credentials: { accessKeyId, secretAccessKey: "test" },
    maxAttempts: 1,
    disableHostPrefix: true,
  };
}

/** One running server. Made by startStepsim(). */
export class Stepsim {
  /** @internal */
  constructor({ child, endpointUrl, log, exited, region, accessKeyId }) {
    this.process = child;
    /** The server's process id (it is stopped by this pid). */
    this.pid = child.pid;
    /** e.g. http://127.0.0.1:40123 */
    this.endpointUrl = endpointUrl;
    const { hostname, port } = new URL(endpointUrl);
    this.host = hostname;
    this.port = Number(port);
    this._clientIdentity = { region, accessKeyId };
    /** The control API: clock, reset, lifecycle rules, Lambda scripts, scenarios. */
    this.control = new StepsimControl(endpointUrl);
    this.exitCode = undefined;
    this.exitSignal = undefined;
    this._log = log;
    this._exited = exited.then(({ code, signal }) => {
      this.exitCode = code;
      this.exitSignal = signal;
      return code;
    });
    this._clients = [];
  }

  /**
   * For any SDK v3 client's constructor: `new SFNClient(stepsim.clientConfig)` (a fresh copy on
   * every read, so one client's changes never reach another).
   */
  get clientConfig() {
    return makeClientConfig(this.endpointUrl, this._clientIdentity.region, this._clientIdentity.accessKeyId);
  }

  /**
   * A client of the given SDK v3 class bound to this server, e.g. `stepsim.client(SFNClient)`;
   * `extra` is merged over the client config. stop() destroys the clients made here.
   * @template T
   * @param {new (config: object) => T} ClientClass
   * @param {object} [extra]
   * @returns {T}
   */
  client(ClientClass, extra = {}) {
    if (typeof ClientClass !== "function")
      throw new TypeError("client() takes an SDK client class, e.g. SFNClient from @aws-sdk/client-sfn");
    const client = new ClientClass({ ...this.clientConfig, ...extra });
    this._clients.push(client);
    return client;
  }

  /**
   * What the server logged so far (stderr), for attaching to a failure. With `since`, only what
   * came after it: a `logLength` taken earlier, or a `logMark()`, which also drops lines the
   * server wrote (by their timestamp) before the mark was taken but which reached this process
   * after it — the previous test's last request, typically.
   * @param {number | { offset: number, atMillis: number }} [since]
   */
  log(since = 0) {
    if (typeof since === "number") return this._log.since(since);
    return dropLinesBefore(this._log.since(since.offset), since.atMillis);
  }

  /** A point in the log (and in wall time) to pass to log() later: "what was logged after this". */
  logMark() {
    return { offset: this.logLength, atMillis: Date.now() };
  }

  /**
   * Wraps a test function so that, when it fails, its error carries what the server logged
   * while it ran (any framework: `test("x", stepsim.withLog(async () => { ... }))`).
   */
  withLog(fn) {
    return withLog(this, fn);
  }

  /**
   * Resolves once the log has been quiet for `quietMs` (at most `maxMs`): the server writes a
   * request's line just after answering it, and it reaches this process a moment later, so a
   * log read right after a failed call could miss the line that explains it. Only failures pay
   * for it, so the default waits generously.
   * @param {{ quietMs?: number, maxMs?: number }} [options]
   */
  async settleLog({ quietMs = 100, maxMs = 2000 } = {}) {
    const deadline = Date.now() + maxMs;
    let seen = this.logLength;
    while (Date.now() < deadline) {
      await sleep(quietMs);
      if (this.logLength === seen) return;
      seen = this.logLength;
    }
  }

  /** How much has been logged so far: a mark to pass to log(since) later. */
  get logLength() {
    return this._log.length;
  }

  /** Whether the process is still alive. */
  get running() {
    return this.exitCode === undefined;
  }

  /**
   * Stops the server: SIGTERM to its pid (it finishes requests in flight for up to 5 s and exits
   * 0), then SIGKILL to the pid if it has not exited within `timeoutMs`. Destroys the clients
   * made by client(). Safe to call twice.
   * @param {{ timeoutMs?: number }} [options]
   * @returns {Promise<number | null>} the exit code (0 for a clean stop; null when it was killed
   *   by a signal, named in `exitSignal`)
   */
  async stop({ timeoutMs = 10_000 } = {}) {
    for (const client of this._clients.splice(0)) client.destroy?.();
    if (!this.running) return this.exitCode;
    this.process.ref(); // the wait below must keep the test process alive
    signal(this.pid, "SIGTERM");
    let timer;
    const killed = new Promise((resolveKill) => {
      timer = setTimeout(() => {
        signal(this.pid, "SIGKILL");
        resolveKill();
      }, timeoutMs);
    });
    await Promise.race([this._exited, killed]);
    clearTimeout(timer);
    return this._exited;
  }

}

// `await using stepsim = await startStepsim()` stops it at the end of the block, where the
// runtime has explicit resource management.
if (Symbol.asyncDispose)
  Stepsim.prototype[Symbol.asyncDispose] = async function dispose() {
    await this.stop();
  };

/** process.kill by pid, ignoring a process that is already gone. */
function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if (error.code !== "ESRCH") throw error;
  }
}

/**
 * Resolves once the server's stderr has been read to its end (bounded: a worker process that
 * inherited it could hold it open), so the log holds the server's last lines.
 */
function stderrDrained(child, limitMs = 500) {
  if (child.stderr.readableEnded) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(done, limitMs);
    child.stderr.once("end", () => {
      clearTimeout(timer);
      done();
    });
  });
}

/**
 * Resolves with the URL of the listening line, or rejects when the server exits first, cannot
 * be started, prints something else, or says nothing within `timeoutMs`.
 */
function waitForListening(child, log, { bin, timeoutMs }) {
  return new Promise((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout });
    const fail = (message) => {
      clearTimeout(timer);
      lines.close();
      reject(new StepsimStartError(message, log.since(0)));
    };
    const timer = setTimeout(() => {
      signal(child.pid, "SIGKILL");
      fail(`stepsim (${bin}) did not print its listening line within ${timeoutMs} ms`);
    }, timeoutMs);
    const onError = (error) => fail(`cannot start ${bin}: ${error.message}`);
    const onExit = (code, sig) =>
      stderrDrained(child).then(() => fail(`stepsim (${bin}) exited with ${code ?? sig} before listening`));
    child.once("error", onError);
    child.once("exit", onExit);
    lines.once("line", (line) => {
      if (!line.startsWith(LISTENING)) {
        signal(child.pid, "SIGKILL");
        return fail(`unexpected first line from ${bin}: ${line}`);
      }
      clearTimeout(timer);
      child.removeListener("exit", onExit);
      child.removeListener("error", onError);
      // What stdout carries after the listening line goes to the log too (and must be read, or
      // a full pipe would block the server).
      lines.on("line", (more) => log.append(more + "\n"));
      resolveUrl(line.slice(LISTENING.length).trim());
    });
  });
}

/**
 * Starts `stepsim serve --port 0 [args]` and resolves once it listens.
 * @param {object} [options]
 * @param {string[]} [options.args] more `serve` flags, e.g. ["--clock", "manual"]
 * @param {string | URL} [options.bin] the executable; default STEPSIM_BIN, then `stepsim` on PATH
 * @param {string[]} [options.scenarios] scenario files to preload (`--scenario`, resolved here)
 * @param {string} [options.region] the clients' region, and the server's default region (its
 *   `--region`, where scenarios load and the control API works) unless `args` name another;
 *   default: the `--region` of `args`, else us-east-1
 * @param {string} [options.accessKeyId] the clients' access key id (default "test")
 * @param {string} [options.cwd] the server's working directory
 * @param {NodeJS.ProcessEnv} [options.env] its environment (default this process's)
 * @param {number} [options.startTimeoutMs] wall time allowed to start (default 15 s)
 * @param {number} [options.logLimit] characters of log kept (default 4 MB)
 * @param {boolean} [options.dieWithParent] on Linux, have the kernel kill the server if this
 *   process dies without stopping it (via `setpriv --pdeathsig`, when installed; default true)
 * @returns {Promise<Stepsim>}
 */
export async function startStepsim({
  args = [], bin, scenarios = [], region, accessKeyId = "test", cwd, env = process.env,
  startTimeoutMs = 15_000, logLimit = 4 * 1024 * 1024, dieWithParent = true,
} = {}) {
  const executable = resolveStepsimBinary({ bin, env, cwd: cwd ?? process.cwd() });
  const scenarioArgs = scenarios.flatMap((file) => ["--scenario", resolve(file)]);
  // Resources live per region: the clients sign for the region the server's defaults are in.
  const regionFlag = args.lastIndexOf("--region");
  const regionArgs = regionFlag < 0 && region ? ["--region", region] : [];
  region ??= regionFlag >= 0 ? args[regionFlag + 1] : "us-east-1";
  const command = dyingWithParent(
    executable, ["serve", "--port", "0", ...scenarioArgs, ...regionArgs, ...args], dieWithParent);
  const child = spawn(command.command, command.args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  const log = new LogBuffer(logLimit);
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => log.append(chunk));
  const exited = new Promise((resolveExit) =>
    child.once("exit", (code, sig) => stderrDrained(child).then(() => resolveExit({ code, signal: sig }))));
  if (child.pid !== undefined) {
    running.add(child.pid);
    exited.then(() => running.delete(child.pid));
  }
  const endpointUrl = await waitForListening(child, log, { bin: executable, timeoutMs: startTimeoutMs });
  // A forgotten stop() must not keep the test process alive; the exit hook above kills the pid.
  child.unref();
  child.stdout.unref?.();
  child.stderr.unref?.();
  return new Stepsim({ child, endpointUrl, log, exited, region, accessKeyId });
}
