// stepsim for JavaScript test suites: start a server on a free port, point AWS SDK v3 clients at
// it, drive its virtual clock and control API, and assert on executions. No runtime dependency;
// the AWS SDK is the caller's (only an SFNClient passed to the execution helpers makes this
// package load @aws-sdk/client-sfn, lazily).
export { resolveStepsimBinary, StepsimNotFoundError } from "./binary.js";
export { StepsimControl, StepsimControlError } from "./control.js";
export {
  assertExecution, assertPath, describeExecution, executionHistory, executionPath,
  ExecutionAssertionError, waitForExecution,
} from "./executions.js";
export { checkExecution, EXPECTATION_KEYS, formatUnmet, jsonDiff, statesEntered } from "./expectations.js";
export { withLog } from "./failure-log.js";
export { absolutizeScenarioPaths } from "./scenario-paths.js";
export { startStepsim, Stepsim, StepsimStartError } from "./server.js";
