#!/usr/bin/env python3
"""Server benchmarks: start to first answered request, idle resident memory, and DescribeJobs
throughput with keep-alive from wrk. Prints medians. Usage:
    tools/bench/server_bench.py [path/to/stepsim ...] [--runs N] [--seconds S]
With several binaries the runs alternate between them and the figures are also given as ratios to
the first, so a noisy machine affects all of them alike. Needs wrk (Debian package wrk)."""
import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request


def start(binary, *args):
    process = subprocess.Popen([binary, "serve", "--port", "0", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    url = process.stdout.readline().split()[-1]
    return process, url


def stop(process):
    process.terminate()
    process.wait(timeout=10)


def post(url, path, body):
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read())


def startup_ms(binary):
    """Wall time from exec to the first answered HTTP request, on a fixed port we poll."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    request = f"GET /_stepsim/health HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    began = time.perf_counter()
    process = subprocess.Popen([binary, "serve", "--port", str(port), "--log-level", "warn"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                    conn.sendall(request)
                    if conn.recv(64).startswith(b"HTTP/1.1 200"):
                        return (time.perf_counter() - began) * 1000
            except OSError:
                time.sleep(0.0005)
    finally:
        stop(process)


def idle_rss_mib(binary):
    process, url = start(binary)
    try:
        urllib.request.urlopen(url + "/_stepsim/health").read()
        time.sleep(0.5)
        status = open(f"/proc/{process.pid}/status").read()
        return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024
    finally:
        stop(process)


def describe_jobs_rps(binary, log_level, seconds, connections):
    process, url = start(binary, "--log-level", log_level)
    try:
        post(url, "/v1/createcomputeenvironment", {"computeEnvironmentName": "ce", "type": "MANAGED"})
        post(url, "/v1/createjobqueue", {"jobQueueName": "q", "priority": 1,
                                         "computeEnvironmentOrder": [{"order": 1, "computeEnvironment": "ce"}]})
        post(url, "/v1/registerjobdefinition", {"jobDefinitionName": "d", "type": "container",
                                                "containerProperties": {"image": "busybox"}})
        job = post(url, "/v1/submitjob", {"jobName": "j", "jobQueue": "q", "jobDefinition": "d"})
        body = json.dumps({"jobs": [job["jobId"]]})
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                         'wrk.headers["Content-Type"] = "application/json"\n')
        out = subprocess.run(["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", script.name,
                              url + "/v1/describejobs"], capture_output=True, text=True).stdout
        os.unlink(script.name)
        if re.search(r"Non-2xx", out):
            raise RuntimeError(out)
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    finally:
        stop(process)


def measure(binaries, runs, what):
    """Alternates runs of `what(binary)` across the binaries; returns their medians."""
    samples = {binary: [] for binary in binaries}
    for _ in range(runs):
        for binary in binaries:
            samples[binary].append(what(binary))
    return {binary: statistics.median(values) for binary, values in samples.items()}


def report(title, medians, unit, fmt="{:,.1f}"):
    base = next(iter(medians.values()))
    for binary, value in medians.items():
        ratio = f"  ({value / base:.2f}x the first)" if len(medians) > 1 else ""
        print(f"{title}: {binary}: median {fmt.format(value)} {unit}{ratio}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="*", default=["build/stepsim"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()

    report("start to first answered request", measure(args.binaries, max(args.runs, 11), startup_ms),
           "ms")
    report("idle resident memory", measure(args.binaries, args.runs, idle_rss_mib), "MiB")
    for level in ("warn", "info"):
        rates = measure(args.binaries, args.runs,
                        lambda binary: describe_jobs_rps(binary, level, args.seconds, 32))
        report(f"DescribeJobs, keep-alive, wrk -t1 -c32, --log-level {level}", rates,
               "requests/s", "{:,.0f}")


if __name__ == "__main__":
    main()
