// What the tests share: the binary under test, the Job Status Poller's world (Batch resources,
// the two functions as built-in fakes) made through the AWS SDK as a user's test would make it.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CreateComputeEnvironmentCommand, CreateJobQueueCommand, BatchClient, RegisterJobDefinitionCommand } from "@aws-sdk/client-batch";
import { CreateFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** The binary under test: STEPSIM_BIN, else the checkout's own build. */
export const STEPSIM_BIN = process.env.STEPSIM_BIN ?? `${repoRoot}build/stepsim`;

export const ROLE = "arn:aws:iam::123456789012:role/sfn-role";

export const POLLER_INPUT = {
  jobName: "my-job", jobDefinition: "SampleJobDefinition", jobQueue: "SampleJobQueue", wait_time: 60,
};

/** The sample's classic definition (Lambda function ARNs), from the scenarios library. */
export const classicDefinition = () =>
  readFileSync(`${repoRoot}scenarios/job_poller/classic.asl.json`, "utf8");

/** The smallest valid ZIP (an empty archive): fakes need a package, not any code in it. */
const EMPTY_ZIP = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);

/**
 * Creates the sample's world: a compute environment, SampleJobQueue, SampleJobDefinition, and
 * SubmitJob/CheckJob as the built-in fakes `fake:batch-submit-job` / `fake:batch-job-status`.
 */
export async function createJobPollerWorld(stepsim) {
  const batch = stepsim.client(BatchClient);
  await batch.send(new CreateComputeEnvironmentCommand({
    computeEnvironmentName: "ce", type: "MANAGED",
    computeResources: { type: "FARGATE", maxvCpus: 4, subnets: ["subnet-1"] },
  }));
  await batch.send(new CreateJobQueueCommand({
    jobQueueName: "SampleJobQueue", priority: 1, computeEnvironmentOrder: [{ order: 1, computeEnvironment: "ce" }],
  }));
  await batch.send(new RegisterJobDefinitionCommand({
    jobDefinitionName: "SampleJobDefinition", type: "container",
    containerProperties: {
      image: "busybox", command: ["echo", "hi"],
      resourceRequirements: [{ type: "VCPU", value: "1" }, { type: "MEMORY", value: "512" }],
    },
  }));
  const lambda = stepsim.client(LambdaClient);
  for (const [name, handler] of [["SubmitJob", "fake:batch-submit-job"], ["CheckJob", "fake:batch-job-status"]])
    await lambda.send(new CreateFunctionCommand({
      FunctionName: name, Runtime: "python3.12", Role: ROLE, Handler: handler, Code: { ZipFile: EMPTY_ZIP },
    }));
}

/** A lifecycle rule for every job: RUNNING for `seconds`, then `final`. */
export const jobEndsAfter = (seconds, final = "SUCCEEDED") =>
  [{ match: {}, steps: [{ status: "RUNNING", seconds }, { status: final }] }];

/**
 * Whether a live process has this pid (signal 0 checks without signalling). A zombie is dead:
 * a killed server whose parent exited waits for init to reap it, which a container's init may
 * never do.
 */
export function processExists(pid) {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return error.code === "EPERM";
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return true; // no /proc: trust the signal
  }
}

/** Polls `condition` until it holds (or throws after `timeoutMs`): for effects that land a moment later. */
export async function eventually(condition, { timeoutMs = 3000, what = "condition" } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const scratchDirs = [];
process.once("exit", () => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new temporary directory, removed when the test process exits. */
export function scratchDir(prefix = "stepsim-node-test-") {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratchDirs.push(dir);
  return dir;
}
