// Starts `stepsim serve --port 0` for a JS SDK test and hands out clients pointed at it.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { after, before } from "node:test";

export const STEPSIM_BIN = process.env.STEPSIM_BIN ?? "build/stepsim";

export async function startServer(...args) {
  const child = spawn(STEPSIM_BIN, ["serve", "--port", "0", "--log-level", "warn", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const line = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`stepsim exited with ${code}`)));
  });
  const prefix = "stepsim listening on ";
  if (!line.startsWith(prefix)) throw new Error(`unexpected first line: ${line}`);
  const url = line.slice(prefix.length);
  return {
    url,
    clientConfig: {
      endpoint: url,
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      maxAttempts: 1,
    },
    async control(method, path, body) {
      const response = await fetch(url + path, {
        method,
        headers: { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      return exited;
    },
  };
}

// One server for the tests of a file: started before them, stopped after them (it must exit 0).
// `makeClient` builds the file's SDK client from the server's config; `shared.server` and
// `shared.client` are set once the tests run.
export function serverForFile(args, makeClient) {
  const shared = {};
  before(async () => {
    shared.server = await startServer(...args);
    shared.client = makeClient(shared.server.clientConfig);
  });
  after(async () => {
    shared.client?.destroy();
    assert.equal(await shared.server.stop(), 0);
  });
  return shared;
}
