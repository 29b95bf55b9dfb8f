// Making the server die with the test process, whatever ends it. The exit hook in server.js
// kills servers by pid when the process exits normally, but a process killed by a signal, or a
// test file that throws while node:test loads it, ends without running exit hooks. On Linux,
// util-linux's `setpriv --pdeathsig KILL` asks the kernel to SIGKILL the server when its parent
// dies; setpriv then execs stepsim, so the pid is still the server's own.
import { spawnSync } from "node:child_process";

let setprivPath;

/** `setpriv` if it is on PATH and knows --pdeathsig (checked once), else null. */
function findSetpriv() {
  if (setprivPath !== undefined) return setprivPath;
  setprivPath = null;
  if (process.platform !== "linux") return setprivPath;
  const help = spawnSync("setpriv", ["--help"], { encoding: "utf8", timeout: 5000 });
  if (help.status === 0 && help.stdout.includes("--pdeathsig")) setprivPath = "setpriv";
  return setprivPath;
}

/**
 * The command and arguments that run `executable args` so that it dies with this process when
 * the platform allows it, else the command itself.
 * @param {string} executable
 * @param {string[]} args
 * @param {boolean} enabled
 * @returns {{ command: string, args: string[] }}
 */
export function dyingWithParent(executable, args, enabled) {
  const setpriv = enabled ? findSetpriv() : null;
  if (!setpriv) return { command: executable, args };
  return { command: setpriv, args: ["--pdeathsig", "KILL", "--", executable, ...args] };
}
