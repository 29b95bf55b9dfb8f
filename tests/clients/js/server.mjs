// Starts `stepsim serve --port 0` for a JS SDK test and hands out clients pointed at it.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

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
