#!/usr/bin/env python3
"""Warm runtimes (issue #21): how fast real code starts with --warm-runtimes on (the default) and
off, on the same binary in the same run.

    tools/bench/warm_runtimes_bench.py build/stepsim [--runs 7] [--seconds 5]

1. First invocation of a new function in a running server whose runtimes are warm (a function of
   the same runtime was invoked before, and the server rested a second): Python with the sample's
   module-level `boto3.client("batch")`, Node importing @aws-sdk/client-batch and making a client
   at module level (the SDK from tests/clients/js, `npm ci` there first). Targets: <= 30 ms and
   <= 60 ms.
2. Warm invocations of a Python echo handler under wrk (4 connections): target >= 2,000/s.
3. `stepsim run scenarios/job_poller/python_poller.json` (two functions, the sample's real Python
   handlers) beside one fresh `python3 -c "import boto3; boto3.client('batch')"`, alternated run
   by run: target <= 1.25x.

Every figure is a median over the runs; each run of 1 starts a fresh server."""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import lambda_bench as lb  # noqa: E402  (the Invoke helpers)

ROOT = pathlib.Path(__file__).resolve().parents[2]
NODE_SDK = ROOT / "tests" / "clients" / "js" / "node_modules"
PY_SAMPLE = lb.PY_BOTO3_CLIENT
NODE_SDK_CLIENT = ("import { BatchClient } from '@aws-sdk/client-batch';\n"
                   "const batch = new BatchClient({});\n"
                   "export const handler = async (e) => e;\n")
POLLER = ROOT / "scenarios" / "job_poller" / "python_poller.json"
BOTO3_START = "import boto3; boto3.client('batch', region_name='us-east-1')"


def function_files(runtime, k):
    # A comment makes each function's code its own package, as distinct functions are.
    if runtime == "python":
        return "app.handler", {"app.py": f"# {k}\n" + PY_SAMPLE}, "python3.12"
    return "index.handler", {"index.mjs": f"// {k}\n" + NODE_SDK_CLIENT}, "nodejs20.x"


def first_invocations(binary, runtime, warm, runs):
    """Wall times (ms) of the first Invoke of `runs` new functions, one server."""
    args = ["--warm-runtimes", "on" if warm else "off"]
    if NODE_SDK.is_dir():
        args += ["--node-sdk-path", str(NODE_SDK)]
    process, url = lb.start(binary, *args)
    try:
        client = lb.Client(url)
        handler, files, name = function_files(runtime, "primer")
        lb.create_function(client, "primer", handler, files, name)
        lb.check_invoke(client, "primer")  # the runtime is warm from here on
        times = []
        for k in range(runs):
            time.sleep(1.0)  # a standby taken is replaced: let the next one get ready
            handler, files, name = function_files(runtime, k)
            lb.create_function(client, f"f{k}", handler, files, name)
            began = time.perf_counter()
            lb.check_invoke(client, f"f{k}")
            times.append((time.perf_counter() - began) * 1000)
        client.close()
        return times
    finally:
        lb.stop(process)


def warm_rps(binary, seconds):
    process, url = lb.start(binary)
    try:
        client = lb.Client(url)
        lb.create_function(client, "f", "app.handler", {"app.py": lb.PY_ECHO}, "python3.12")
        for _ in range(20):
            lb.check_invoke(client, "f")
        client.close()
        return lb.wrk(url + "/2015-03-31/functions/f/invocations", lb.EVENT, seconds, 4)
    finally:
        lb.stop(process)


def wall_ms(command):
    began = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - began) * 1000


def poller_runs(binary, runs):
    warm, cold, boto3 = [], [], []
    for _ in range(runs):
        warm.append(wall_ms([binary, "run", "--warm-runtimes", "on", str(POLLER)]))
        boto3.append(wall_ms(["python3", "-c", BOTO3_START]))
        cold.append(wall_ms([binary, "run", "--warm-runtimes", "off", str(POLLER)]))
    return warm, cold, boto3


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seconds", type=int, default=5)
    options = parser.parse_args()
    med = statistics.median
    load = os.getloadavg()[0]
    print(f"load average at start: {load:.2f}")
    for runtime, target in (("python", 30), ("node", 60)):
        warm = first_invocations(options.binary, runtime, True, options.runs)
        cold = first_invocations(options.binary, runtime, False, options.runs)
        print(f"first invocation, {runtime}: warm {med(warm):.1f} ms (target <= {target}), "
              f"cold {med(cold):.1f} ms, cold/warm {med(cold) / med(warm):.1f}x")
    rps = [warm_rps(options.binary, options.seconds) for _ in range(3)]
    print(f"warm invocations, python echo, wrk 4 connections: {med(rps):,.0f}/s (target >= 2,000)")
    warm, cold, boto3 = poller_runs(options.binary, options.runs)
    print(f"stepsim run python_poller.json: warm {med(warm):.0f} ms, cold {med(cold):.0f} ms; "
          f"python3 + boto3 + a batch client: {med(boto3):.0f} ms; "
          f"warm/boto3 {med(warm) / med(boto3):.2f}x (target <= 1.25), "
          f"cold/boto3 {med(cold) / med(boto3):.2f}x")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
