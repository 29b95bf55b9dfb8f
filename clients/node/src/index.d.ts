// Types for @stepsim/testing (the implementation is plain ESM JavaScript with JSDoc).

/** Where to find the stepsim executable. */
export interface BinaryLookup {
  /** The executable; wins over STEPSIM_BIN and PATH. */
  bin?: string | URL;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export class StepsimNotFoundError extends Error {
  /** Paths looked at. */
  tried: string[];
}

/** The executable's absolute path: `bin`, else STEPSIM_BIN, else `stepsim` on PATH. */
export function resolveStepsimBinary(options?: BinaryLookup): string;

export interface StartOptions {
  /** More `stepsim serve` flags, e.g. ["--clock", "manual"]. */
  args?: string[];
  /** The executable; default STEPSIM_BIN, then `stepsim` on PATH. */
  bin?: string | URL;
  /** Scenario files preloaded with `--scenario`. */
  scenarios?: string[];
  /** The clients' region, and the server's default region unless `args` name one (default: the
   *  `--region` of `args`, else us-east-1). */
  region?: string;
  /** The clients' access key id (default "test"). */
  accessKeyId?: string;
  /** The server's working directory. */
  cwd?: string;
  /** The server's environment (default this process's). */
  env?: NodeJS.ProcessEnv;
  /** Wall time allowed to print the listening line (default 15000). */
  startTimeoutMs?: number;
  /** Characters of log kept, oldest dropped first (default 4 MB). */
  logLimit?: number;
  /** On Linux, have the kernel kill the server if this process dies (setpriv --pdeathsig; default true). */
  dieWithParent?: boolean;
}

/** What every AWS SDK v3 client needs to reach the server. */
export interface StepsimClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: 1;
  disableHostPrefix: true;
}

export interface ClockState {
  now: string;
  epochMillis: number;
  mode: "auto" | "manual" | "realtime";
}

export interface ClockUpdate {
  mode?: "auto" | "manual" | "realtime";
  advanceSeconds?: number;
  advanceTo?: string | Date;
  advanceToNextTimer?: true;
}

export interface LifecycleStep {
  status: "SUBMITTED" | "PENDING" | "RUNNABLE" | "STARTING" | "RUNNING" | "SUCCEEDED" | "FAILED";
  seconds?: number;
  exitCode?: number;
  statusReason?: string;
}

export interface LifecycleRule {
  match: { jobName?: string; jobQueue?: string; jobDefinition?: string; submission?: number };
  steps?: LifecycleStep[];
  attempts?: LifecycleStep[][];
}

export type ScriptedResponse = (
  | { Return: unknown }
  | { Throw: { Error: string; Cause?: string } }
  | { ServiceError: string }
) & { DurationSeconds?: number };

export interface ProvisioningTimes {
  defaultMillis: number;
  millisByType: Record<string, number>;
}

export class StepsimControlError extends Error {
  status: number;
  body: unknown;
}

export class StepsimControl {
  constructor(endpointUrl: string);
  readonly endpointUrl: string;
  request<T = unknown>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown): Promise<T>;
  health(): Promise<{ status: "ok" }>;
  clock(update?: ClockUpdate): Promise<ClockState>;
  advanceClock(seconds: number): Promise<ClockState>;
  advanceToNextTimer(): Promise<ClockState>;
  setClockMode(mode: "auto" | "manual" | "realtime"): Promise<ClockState>;
  reset(): Promise<ClockState>;
  batchJobs(): Promise<Array<{
    jobId: string; jobName: string; jobQueue: string; status: string; statusReason?: string;
    createdAt: number; statusHistory: Array<{ status: string; at: number }>;
  }>>;
  readonly batchLifecycles: {
    add(rules: LifecycleRule[] | { rules: LifecycleRule[] }): Promise<{ rules: LifecycleRule[] }>;
    list(): Promise<{ rules: LifecycleRule[] }>;
    clear(): Promise<{ rules: LifecycleRule[] }>;
  };
  readonly lambdaResponses: {
    set(functionName: string, responses: Record<string, ScriptedResponse>): Promise<unknown>;
    list(): Promise<{ functions: Array<{ functionName: string; invocations: number; responses?: Record<string, ScriptedResponse> }> }>;
    clear(): Promise<unknown>;
  };
  cloudFormationProvisioning(times?: { defaultSeconds?: number; secondsByType?: Record<string, number> }): Promise<ProvisioningTimes>;
  resetCloudFormationProvisioning(): Promise<ProvisioningTimes>;
  loadScenario(scenario: string | URL | object, options?: { baseDir?: string }): Promise<{ name: string; stateMachines: string[] }>;
}

export interface LogMark {
  offset: number;
  atMillis: number;
}

export class Stepsim {
  readonly process: import("node:child_process").ChildProcess;
  readonly pid: number;
  readonly endpointUrl: string;
  readonly host: string;
  readonly port: number;
  readonly control: StepsimControl;
  /** A fresh copy on every read. */
  readonly clientConfig: StepsimClientConfig;
  readonly running: boolean;
  /** Set once the process exited (null when a signal ended it). */
  readonly exitCode: number | null | undefined;
  readonly exitSignal: NodeJS.Signals | null | undefined;
  /** An SDK v3 client bound to the server; stop() destroys it. */
  client<T>(ClientClass: new (config: any) => T, extra?: Record<string, unknown>): T;
  log(since?: number | LogMark): string;
  readonly logLength: number;
  logMark(): LogMark;
  settleLog(options?: { quietMs?: number; maxMs?: number }): Promise<void>;
  withLog<F extends (...args: any[]) => any>(fn: F): (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>>;
  /** SIGTERM, then SIGKILL after timeoutMs; resolves to the exit code. */
  stop(options?: { timeoutMs?: number }): Promise<number | null>;
}

export class StepsimStartError extends Error {
  log: string;
}

export function startStepsim(options?: StartOptions): Promise<Stepsim>;

/** The stepsim handle (no SDK needed) or an SFNClient from @aws-sdk/client-sfn. */
export type ExecutionSource = Stepsim | { send(command: any): Promise<any> };

/** A scenario file's `expect.executions.<name>`. */
export interface ExecutionExpectation {
  status?: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED";
  output?: unknown;
  outputContains?: unknown;
  error?: string;
  cause?: string;
  events?: string[];
  states?: string[];
  stateEntered?: Record<string, number>;
  assigned?: Record<string, Record<string, unknown>>;
  durationSeconds?: number | { min?: number; max?: number };
  version?: number;
}

export interface UnmetExpectation {
  what: string;
  expected: string;
  actual: string;
  diff: string[];
}

/** DescribeExecution's answer (timestamps as Dates). */
export interface ExecutionDescription {
  executionArn: string;
  stateMachineArn: string;
  name?: string;
  status: string;
  startDate: Date;
  stopDate?: Date;
  input?: string;
  output?: string;
  error?: string;
  cause?: string;
  [key: string]: unknown;
}

export interface HistoryEvent {
  id: number;
  type: string;
  timestamp: Date;
  [details: string]: unknown;
}

export class ExecutionAssertionError extends Error {
  executionArn: string;
  unmet: UnmetExpectation[];
}

export function describeExecution(source: ExecutionSource, executionArn: string): Promise<ExecutionDescription>;
export function executionHistory(source: ExecutionSource, executionArn: string): Promise<HistoryEvent[]>;
export function executionPath(source: ExecutionSource, executionArn: string): Promise<string[]>;
export function waitForExecution(source: ExecutionSource, executionArn: string,
  options?: { timeoutMs?: number; intervalMs?: number }): Promise<ExecutionDescription>;
export function assertExecution(source: ExecutionSource, executionArn: string,
  expect: ExecutionExpectation): Promise<ExecutionDescription>;
export function assertPath(source: ExecutionSource, executionArn: string, states: string[]): Promise<void>;

export const EXPECTATION_KEYS: readonly string[];
export function checkExecution(execution: { description: object; events?: object[]; nowMillis?: number },
  expect: ExecutionExpectation): UnmetExpectation[];
export function formatUnmet(unmet: UnmetExpectation[]): string[];
export function jsonDiff(expected: unknown, actual: unknown, options?: { subset?: boolean; limit?: number }): string[];
export function statesEntered(events: object[]): string[];
export function withLog<F extends (...args: any[]) => any>(stepsim: Stepsim | (() => Stepsim | undefined), fn: F):
  (...args: Parameters<F>) => Promise<Awaited<ReturnType<F>>>;
export function absolutizeScenarioPaths<T extends object>(scenario: T, baseDir: string): T;
