import type { StartOptions, Stepsim } from "./index.js";

export interface UseStepsimOptions extends StartOptions {
  /** One server for the file or describe block (default), or one per test. */
  scope?: "file" | "test";
  /** POST /_stepsim/reset before each test (file scope). */
  resetBetweenTests?: boolean;
  /** Fail the stopping hook unless the server exits 0 (default true). */
  checkExit?: boolean;
  /** Print the server log under failed tests (default true). */
  logOnFailure?: boolean;
}

/** Registers node:test hooks around a stepsim server; the handle works inside tests and hooks. */
export function useStepsim(options?: UseStepsimOptions): Stepsim;
