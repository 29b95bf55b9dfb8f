#!/usr/bin/env python3
"""Server benchmarks: start to first answered request, idle resident memory, DescribeJobs
throughput with keep-alive from wrk, and Step Functions StartExecution + DescribeExecution
throughput (with the server's resident memory after the run). Prints medians. Usage:
    tools/bench/server_bench.py [path/to/stepsim ...] [--runs N] [--seconds S] [--only WHAT,...]
WHAT is startup, memory, describejobs or sfn (default: all of them). With several binaries the runs
alternate between them and the figures are also given as ratios to the first, so a noisy machine
affects all of them alike. Needs wrk (Debian package wrk)."""
import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request


def keep_everything(binary):
    """The flags that make `binary` keep every closed execution and finished job: the runs below
    describe the first execution after starting tens of thousands (servers that bound what they
    keep would forget it)."""
    help_text = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True).stdout
    return ["--max-executions", "0", "--max-jobs", "0"] if "--max-executions" in help_text else []


def start(binary, *args):
    process = subprocess.Popen([binary, "serve", "--port", "0", *keep_everything(binary), *args],
                               stdout=subprocess.PIPE,
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


def rss_mib(process):
    status = open(f"/proc/{process.pid}/status").read()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def cpu_seconds(process):
    """User + system CPU time the process has used so far."""
    fields = open(f"/proc/{process.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_wrk(url, script_text, seconds, connections, threads):
    """wrk's requests/s and request count; a run with non-2xx answers or socket errors fails."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(script_text)
    try:
        out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "-s",
                              script.name, url], capture_output=True, text=True).stdout
    finally:
        os.unlink(script.name)
    if re.search(r"Non-2xx|Socket errors", out):
        raise RuntimeError(out)
    return (float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            int(re.search(r"(\d+) requests in", out).group(1)))


def describe_jobs_rps(binary, log_level, seconds, connections, threads=1):
    process, url = start(binary, "--log-level", log_level)
    try:
        post(url, "/v1/createcomputeenvironment", {"computeEnvironmentName": "ce", "type": "MANAGED"})
        post(url, "/v1/createjobqueue", {"jobQueueName": "q", "priority": 1,
                                         "computeEnvironmentOrder": [{"order": 1, "computeEnvironment": "ce"}]})
        post(url, "/v1/registerjobdefinition", {"jobDefinitionName": "d", "type": "container",
                                                "containerProperties": {"image": "busybox"}})
        job = post(url, "/v1/submitjob", {"jobName": "j", "jobQueue": "q", "jobDefinition": "d"})
        body = json.dumps({"jobs": [job["jobId"]]})
        script = (f'wrk.method = "POST"\nwrk.body = {json.dumps(body)}\n'
                  'wrk.headers["Content-Type"] = "application/json"\n')
        return run_wrk(url + "/v1/describejobs", script, seconds, connections, threads)[0]
    finally:
        stop(process)


# --- Step Functions: StartExecution + DescribeExecution over awsJson 1.0 ---------------------------

SFN_MACHINES = {
    # Completes inside StartExecution: Pass states only.
    "pass": {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Result": {"ok": True}, "ResultPath": "$.a", "Next": "B"},
        "B": {"Type": "Pass", "End": True}}},
    # Stays RUNNING on the manual clock: a Wait of an hour that never elapses.
    "wait": {"StartAt": "A", "States": {
        "A": {"Type": "Pass", "Next": "W"},
        "W": {"Type": "Wait", "Seconds": 3600, "End": True}}},
}
SFN_EXPECTED_STATUS = {"pass": "SUCCEEDED", "wait": "RUNNING"}
SFN_INPUT = json.dumps({"jobName": "poll-1", "attempt": 3})
SFN_CONTENT_TYPE = "application/x-amz-json-1.0"


def sfn_call(conn, operation, body):
    conn.request("POST", "/", json.dumps(body).encode(),
                 {"Content-Type": SFN_CONTENT_TYPE, "X-Amz-Target": f"AWSStepFunctions.{operation}"})
    response = conn.getresponse()
    raw = response.read()
    if response.status != 200:
        raise RuntimeError(f"{operation}: {response.status} {raw[:300]!r}")
    return json.loads(raw)


def sfn_lua(start_body, describe_body):
    """Alternates StartExecution (no name: the server generates one) and DescribeExecution; each
    wrk thread keeps its own counter, so each connection's stream alternates too."""
    def headers(operation):
        return (f'{{["Content-Type"] = "{SFN_CONTENT_TYPE}", '
                f'["X-Amz-Target"] = "AWSStepFunctions.{operation}"}}')
    return f"""local start_body = {json.dumps(start_body)}
local describe_body = {json.dumps(describe_body)}
local requests = nil
local n = 0
request = function()
  if requests == nil then
    requests = {{wrk.format("POST", "/", {headers("StartExecution")}, start_body),
                wrk.format("POST", "/", {headers("DescribeExecution")}, describe_body)}}
  end
  n = n + 1
  return requests[n % 2 + 1]
end
"""


def sfn_rps(binary, machine, seconds, connections, threads):
    """(requests/s, resident MiB at the end, executions started, KiB of RSS growth per execution,
    server CPU microseconds per request: less sensitive than requests/s to a busy machine)."""
    process, url = start(binary, "--log-level", "warn", "--clock", "manual")
    parts = urllib.parse.urlparse(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port)
    try:
        created = sfn_call(conn, "CreateStateMachine", {
            "name": f"bench-{machine}", "definition": json.dumps(SFN_MACHINES[machine]),
            "roleArn": "arn:aws:iam::123456789012:role/r"})
        start_body = {"stateMachineArn": created["stateMachineArn"], "input": SFN_INPUT}
        # The same two requests the wrk script sends, checked before anything is timed.
        started = sfn_call(conn, "StartExecution", start_body)
        describe_body = {"executionArn": started["executionArn"]}
        described = sfn_call(conn, "DescribeExecution", describe_body)
        if described["status"] != SFN_EXPECTED_STATUS[machine]:
            raise RuntimeError(f"{machine}: execution is {described['status']}")
        second = sfn_call(conn, "StartExecution", start_body)
        if second["executionArn"] == started["executionArn"]:
            raise RuntimeError("StartExecution without a name gave the same execution twice")
        conn.close()
        rss_before, cpu_before = rss_mib(process), cpu_seconds(process)
        rate, requests = run_wrk(url + "/", sfn_lua(json.dumps(start_body), json.dumps(describe_body)),
                                 seconds, connections, threads)
        rss_after, cpu_used = rss_mib(process), cpu_seconds(process) - cpu_before
        executions = (requests + 1) // 2  # wrk counts completed requests; starts come first
        # The newest execution, one that wrk started, is in the expected status as well.
        conn = http.client.HTTPConnection(parts.hostname, parts.port)
        listed = sfn_call(conn, "ListExecutions", {"stateMachineArn": created["stateMachineArn"],
                                                   "maxResults": 1})["executions"]
        if not listed or listed[0]["status"] != SFN_EXPECTED_STATUS[machine]:
            raise RuntimeError(f"{machine}: newest execution after the run: {listed}")
        return (rate, rss_after, executions, (rss_after - rss_before) * 1024 / max(executions, 1),
                cpu_used * 1e6 / requests)
    finally:
        conn.close()
        stop(process)


def measure(binaries, runs, what):
    """Alternates runs of `what(binary)` across the binaries; returns their medians."""
    samples = {binary: [] for binary in binaries}
    for _ in range(runs):
        for binary in binaries:
            samples[binary].append(what(binary))
    return {binary: statistics.median(values) for binary, values in samples.items()}


def measure_tuples(binaries, runs, what):
    """Like measure, for a `what` that returns a tuple: the median of each member."""
    samples = {binary: [] for binary in binaries}
    for _ in range(runs):
        for binary in binaries:
            samples[binary].append(what(binary))
    return {binary: tuple(statistics.median(column) for column in zip(*values))
            for binary, values in samples.items()}


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
    parser.add_argument("--only", default="startup,memory,describejobs,sfn",
                        help="comma-separated: startup, memory, describejobs, sfn")
    args = parser.parse_args()
    only = set(args.only.split(","))

    if "startup" in only:
        report("start to first answered request",
               measure(args.binaries, max(args.runs, 11), startup_ms), "ms")
    if "memory" in only:
        report("idle resident memory", measure(args.binaries, args.runs, idle_rss_mib), "MiB")
    if "describejobs" in only:
        for level in ("warn", "info"):
            rates = measure(args.binaries, args.runs,
                            lambda binary: describe_jobs_rps(binary, level, args.seconds, 32))
            report(f"DescribeJobs, keep-alive, wrk -t1 -c32, --log-level {level}", rates,
                   "requests/s", "{:,.0f}")
    if "sfn" in only:
        print(f"load average at the start: {os.getloadavg()[0]:.2f}")
        settings = f"keep-alive, wrk -t2 -c32 -d{args.seconds}s, --log-level warn"
        rates = measure(args.binaries, args.runs,
                        lambda binary: describe_jobs_rps(binary, "warn", args.seconds, 32, 2))
        report(f"for scale, DescribeJobs of one job, {settings}", rates, "requests/s", "{:,.0f}")
        for machine, what in (("pass", "Pass-only machine, SUCCEEDED at start"),
                              ("wait", "Wait machine, RUNNING on the manual clock")):
            figures = measure_tuples(
                args.binaries, args.runs,
                lambda binary: sfn_rps(binary, machine, args.seconds, 32, 2))
            title = f"StartExecution + DescribeExecution alternating, {what}, {settings}"
            report(title, {b: f[0] for b, f in figures.items()}, "requests/s", "{:,.0f}")
            report("  as a ratio to DescribeJobs", {b: f[0] / rates[b] for b, f in figures.items()},
                   "", "{:.2f}")
            report("  resident memory at the end", {b: f[1] for b, f in figures.items()}, "MiB")
            report("  executions started", {b: f[2] for b, f in figures.items()}, "", "{:,.0f}")
            report("  resident memory growth per execution", {b: f[3] for b, f in figures.items()},
                   "KiB", "{:.2f}")
            report("  server CPU (user + system) per request", {b: f[4] for b, f in figures.items()},
                   "µs", "{:.1f}")
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
