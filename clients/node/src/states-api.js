// The three Step Functions reads the assertion helpers need (DescribeExecution,
// GetExecutionHistory, the virtual now), from either source a test has at hand:
// - the stepsim handle: plain awsJson 1.0 requests with fetch, so the helpers work without the
//   AWS SDK (stepsim does not check signatures; the Authorization header only carries the
//   credential scope, which names the service and region as an SDK's would);
// - the user's SFNClient: its own `send`, with command classes from @aws-sdk/client-sfn loaded
//   lazily, so that importing this package never requires the SDK.
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** An error Step Functions answered to a request made without the SDK. */
export class StatesApiError extends Error {
  constructor(operation, status, body) {
    super(`Step Functions ${operation} answered ${status}: ${body.__type ?? ""} ${body.message ?? body.Message ?? ""}`.trim());
    this.name = (body.__type ?? "StatesApiError").split("#").pop();
    this.status = status;
  }
}

/** Epoch seconds (the wire format) as a Date, the way the SDK hands timestamps out. */
const asDate = (value) => (typeof value === "number" ? new Date(value * 1000) : value);

/** The raw DescribeExecution answer in the SDK's shape (Dates for timestamps). */
function sdkShapedDescription(raw) {
  const out = { ...raw };
  for (const key of ["startDate", "stopDate", "redriveDate"]) if (key in out) out[key] = asDate(out[key]);
  return out;
}

/**
 * A Step Functions call over HTTP, as the SDK would send it minus the signature.
 * @param {{ endpointUrl: string, region: string, accessKeyId: string }} target
 */
export async function callStates(target, operation, body) {
  const response = await fetch(target.endpointUrl + "/", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-amz-json-1.0",
      "X-Amz-Target": `AWSStepFunctions.${operation}`,
      Authorization: `AWS4-HMAC-SHA256 Credential=${target.accessKeyId}/20260101/${target.region}/states/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new StatesApiError(operation, response.status, answer);
  return answer;
}

let sfnModule;

/**
 * @aws-sdk/client-sfn, loaded on first use: from where this package is installed (a peer
 * dependency beside it), else from the test's working directory (a package linked with
 * `npm link` or `file:` resolves from its own real path, where the SDK is not).
 */
async function loadSfnSdk() {
  if (sfnModule) return sfnModule;
  try {
    sfnModule = await import("@aws-sdk/client-sfn");
  } catch (nearby) {
    try {
      const require = createRequire(join(process.cwd(), "package.json"));
      sfnModule = await import(pathToFileURL(require.resolve("@aws-sdk/client-sfn")).href);
    } catch {
      throw new Error("an SFN client was given but @aws-sdk/client-sfn cannot be imported " +
        `(${nearby.message}); install it, or pass the stepsim handle instead, which needs no SDK`);
    }
  }
  return sfnModule;
}

/** Whether `source` is an AWS SDK v3 client (it sends commands). */
const isSdkClient = (source) => typeof source?.send === "function";

/** Whether `source` is a stepsim handle from startStepsim(). */
const isHandle = (source) => typeof source?.endpointUrl === "string" && typeof source?.control === "object";

/**
 * Adapts a source to `{describe(arn), history(arn), nowMillis()}`.
 * @param {object} source the stepsim handle or an SFNClient
 */
export function statesReader(source) {
  if (isHandle(source)) return handleReader(source);
  if (isSdkClient(source)) return sdkReader(source);
  throw new TypeError("expected the stepsim handle (from startStepsim) or an SFNClient from @aws-sdk/client-sfn");
}

function handleReader(stepsim) {
  const target = { endpointUrl: stepsim.endpointUrl, region: stepsim.clientConfig.region,
    accessKeyId: stepsim.clientConfig.credentials.accessKeyId };
  return {
    describe: async (executionArn) =>
      sdkShapedDescription(await callStates(target, "DescribeExecution", { executionArn })),
    history: (executionArn) => pagedHistory((request) => callStates(target, "GetExecutionHistory", request), executionArn)
      .then((events) => events.map((e) => ({ ...e, timestamp: asDate(e.timestamp) }))),
    nowMillis: async () => (await stepsim.control.clock()).epochMillis,
  };
}

function sdkReader(client) {
  return {
    describe: async (executionArn) => {
      const { DescribeExecutionCommand } = await loadSfnSdk();
      return client.send(new DescribeExecutionCommand({ executionArn }));
    },
    history: async (executionArn) => {
      const { GetExecutionHistoryCommand } = await loadSfnSdk();
      return pagedHistory((request) => client.send(new GetExecutionHistoryCommand(request)), executionArn);
    },
    nowMillis: async () => undefined, // an SFN client cannot read the virtual clock
  };
}

/** Every event of an execution's history, following nextToken. */
async function pagedHistory(fetchPage, executionArn) {
  const events = [];
  let nextToken;
  do {
    const page = await fetchPage({ executionArn, maxResults: 1000, nextToken });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}
