#!/usr/bin/env python3
"""Lambda Invoke benchmarks (issue #3): warm Invoke of built-in fakes over keep-alive HTTP with wrk,
warm Invoke of real Python and Node.js handlers, and the cold start of Python functions. Prints
medians. Usage:
    tools/bench/lambda_bench.py [path/to/stepsim ...] [--runs N] [--seconds S] [--invokes N]
With several binaries the runs alternate between them and the figures are also given as ratios to
the first, so a noisy machine affects all of them alike. Needs wrk (Debian package wrk) and, for
the boto3 figures, boto3 in the python3 that runs this script.

Real handlers run under whatever `python3` and `node` the PATH that stepsim inherits names, as in
normal use; the reference lines at the end time those interpreters starting on their own, so the
cold-start figures can be read against them."""
import argparse
import base64
import http.client
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time
import urllib.parse
import zipfile

ROLE = "arn:aws:iam::123456789012:role/r"
EVENT = b'{"jobName":"poll-1","attempt":3,"tags":{"team":"data","env":"test"}}'
PY_ECHO = "def handler(event, context):\n    return event\n"
PY_BOTO3 = "import boto3\n\n" + PY_ECHO
# What the sample handlers in fakes/job_poller_python do at module level.
PY_BOTO3_CLIENT = "import boto3\n\nbatch = boto3.client(\"batch\")\n\n\n" + PY_ECHO
NODE_ECHO = "export const handler = async (e) => e;\n"


def start(binary, *args):
    process = subprocess.Popen([binary, "serve", "--port", "0", "--log-level", "warn", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    url = process.stdout.readline().split()[-1]
    return process, url


def stop(process):
    process.terminate()
    process.wait(timeout=10)


class Client:
    """One keep-alive HTTP/1.1 connection to the server."""

    def __init__(self, url):
        parts = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port)

    def call(self, method, path, body=b"", headers=None):
        self.conn.request(method, path, body,
                          {"Content-Type": "application/json", **(headers or {})})
        response = self.conn.getresponse()
        return response.status, response.headers, response.read()

    def ok(self, method, path, body):
        status, _, raw = self.call(method, path, json.dumps(body).encode())
        if status // 100 != 2:
            raise RuntimeError(f"{method} {path}: {status} {raw[:300]!r}")
        return json.loads(raw or b"null")

    def invoke(self, name, event=EVENT, tail=False):
        return self.call("POST", f"/2015-03-31/functions/{name}/invocations", event,
                         {"X-Amz-Log-Type": "Tail"} if tail else None)

    def close(self):
        self.conn.close()


def zip_b64(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return base64.b64encode(buffer.getvalue()).decode()


def create_function(client, name, handler, files=None, runtime="python3.12", timeout=30):
    client.ok("POST", "/2015-03-31/functions", {
        "FunctionName": name, "Runtime": runtime, "Role": ROLE, "Handler": handler,
        "Timeout": timeout, "Code": {"ZipFile": zip_b64(files or {"README": "fake\n"})}})


def report_duration(headers):
    """The Duration of the REPORT line in the log tail: stepsim handing the event to the runtime
    (its answer to invocation/next) until the runtime's invocation/response arrives."""
    log = base64.b64decode(headers["X-Amz-Log-Result"]).decode()
    return float(re.search(r"REPORT .*\tDuration: ([\d.]+) ms", log).group(1))


def check_invoke(client, name, event=EVENT, expect=lambda raw: True, tail=False):
    """Invokes; raises unless it answered 200 with no function error and `expect(body)`."""
    status, headers, raw = client.invoke(name, event, tail)
    if status != 200 or "X-Amz-Function-Error" in headers or not expect(raw):
        raise RuntimeError(f"Invoke {name}: {status} {dict(headers)} {raw[:300]!r}")
    return headers


def timed_invokes(client, name, count):
    """Wall times (ms) of `count` sequential checked Invokes of `name`."""
    times = []
    for _ in range(count):
        began = time.perf_counter()
        check_invoke(client, name)
        times.append((time.perf_counter() - began) * 1000)
    return times


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


# --- 1. warm Invoke of a built-in fake, wrk -------------------------------------------------------

def fake_rps(binary, fake, seconds, connections):
    """wrk's requests/s for Invoke of fake:`fake`, or, for scale, for DescribeJobs of one job (the
    server benchmark's request) when `fake` is None."""
    process, url = start(binary)
    path = "/2015-03-31/functions/f/invocations"
    try:
        client = Client(url)
        if fake == "echo":
            create_function(client, "f", "fake:echo")
            event = EVENT
            # Equal as JSON: the fake re-serializes the event (compact, whatever the spacing sent).
            check_invoke(client, "f", event, lambda raw: json.loads(raw) == json.loads(event))
        else:
            client.ok("POST", "/v1/createcomputeenvironment", {
                "computeEnvironmentName": "ce", "type": "MANAGED",
                "computeResources": {"type": "FARGATE", "maxvCpus": 4, "subnets": ["subnet-1"]}})
            client.ok("POST", "/v1/createjobqueue", {
                "jobQueueName": "q", "priority": 1,
                "computeEnvironmentOrder": [{"order": 1, "computeEnvironment": "ce"}]})
            client.ok("POST", "/v1/registerjobdefinition", {
                "jobDefinitionName": "jd", "type": "container",
                "containerProperties": {"image": "busybox", "command": ["echo", "hi"]}})
            job = client.ok("POST", "/v1/submitjob",
                            {"jobName": "j", "jobQueue": "q", "jobDefinition": "jd"})
            if fake is None:
                path = "/v1/describejobs"
                event = json.dumps({"jobs": [job["jobId"]]}).encode()
                client.close()
                return wrk(url + path, event, seconds, connections)
            create_function(client, "f", "fake:batch-job-status")
            event = json.dumps({"jobId": job["jobId"]}).encode()
            statuses = {"SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED",
                        "FAILED"}
            check_invoke(client, "f", event, lambda raw: json.loads(raw) in statuses)
        client.close()
        return wrk(url + path, event, seconds, connections)
    finally:
        stop(process)


def wrk(url, body, seconds, connections):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.method = "POST"\nwrk.body = {json.dumps(body.decode())}\n'
                     'wrk.headers["Content-Type"] = "application/json"\n')
    out = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", script.name, url],
        capture_output=True, text=True).stdout
    os.unlink(script.name)
    if re.search(r"Non-2xx|Socket errors", out):
        raise RuntimeError(out)
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


# --- 2 and 4. warm Invoke of a real handler, sequential -------------------------------------------

def warm_latencies(binary, runtime, invokes):
    """Per-invoke wall times (ms) of `invokes` sequential Invokes over one keep-alive connection,
    after one cold Invoke; then, for scale, the REPORT Durations of as many Invokes with
    LogType Tail, and the median of boto3 lambda.invoke."""
    process, url = start(binary)
    try:
        client = Client(url)
        if runtime == "python":
            create_function(client, "f", "app.handler", {"app.py": PY_ECHO}, "python3.12")
        else:
            create_function(client, "f", "index.handler", {"index.mjs": NODE_ECHO}, "nodejs20.x")
        expected = json.loads(EVENT)
        check_invoke(client, "f", EVENT, lambda raw: json.loads(raw) == expected)  # cold
        for _ in range(20):  # let both ends settle (allocators, JIT, CPU frequency)
            client.invoke("f")
        times = timed_invokes(client, "f", invokes)
        durations = [report_duration(check_invoke(client, "f", tail=True))
                     for _ in range(invokes)]
        # The same loop against fake:echo: the client, HTTP and the server without a runtime.
        create_function(client, "fake", "fake:echo")
        for _ in range(20):
            client.invoke("fake")
        fake = timed_invokes(client, "fake", invokes)
        client.close()
        return {"wall": times, "duration": durations, "fake": fake,
                "boto3": boto3_median(url, invokes)}
    finally:
        stop(process)


def boto3_median(url, invokes):
    try:
        import boto3
        from botocore.config import Config
    except ImportError:
        return None
    lam = boto3.client("lambda", endpoint_url=url, region_name="us-east-1",
                       aws_access_key_id="test", aws_secret_access_key="test",
                       config=Config(retries={"total_max_attempts": 1}))
    for _ in range(20):
        lam.invoke(FunctionName="f", Payload=EVENT)["Payload"].read()
    times = []
    for _ in range(invokes):
        began = time.perf_counter()
        lam.invoke(FunctionName="f", Payload=EVENT)["Payload"].read()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


# --- 3. cold start --------------------------------------------------------------------------------

def cold_starts(binary, body, functions):
    """For `functions` freshly created functions (each with its own code, so each is unpacked too):
    the wall time (ms) of its first Invoke, and that Invoke's REPORT Duration."""
    process, url = start(binary)
    try:
        client = Client(url)
        out = []
        for i in range(functions):
            name = f"cold{i}"
            create_function(client, name, "app.handler", {"app.py": f"# {name}\n{body}"})
            began = time.perf_counter()
            headers = check_invoke(client, name, EVENT,
                                   lambda raw: json.loads(raw) == json.loads(EVENT), tail=True)
            out.append(((time.perf_counter() - began) * 1000, report_duration(headers)))
        client.close()
        return out
    finally:
        stop(process)


def spawn_ms(argv, runs=11):
    """Median wall time of spawning `argv` to its exit, from here, with this PATH."""
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times)


# Timed inside one interpreter, one step after the other, as a worker meets them at init.
IMPORT_STEPS = """
import json, time
steps, began = {}, time.perf_counter()
def step(name):
    global began
    now = time.perf_counter(); steps[name] = (now - began) * 1000; began = now
import decimal, http.client, importlib, logging, os, sys, traceback
step("the bootstrap's own imports")
import boto3
step("then import boto3")
boto3.client("batch")
step("then boto3.client('batch')")
print(json.dumps(steps))
"""


def import_steps_ms(runs=11):
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "x", "AWS_SECRET_ACCESS_KEY": "x",
           "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1"}  # as a worker has them
    samples = [json.loads(subprocess.run(["python3", "-c", IMPORT_STEPS], check=True, env=env,
                                         capture_output=True, text=True).stdout)
               for _ in range(runs)]
    return {name: statistics.median(s[name] for s in samples) for name in samples[0]}


# --- driver ---------------------------------------------------------------------------------------

def measure(binaries, runs, what):
    """Alternates runs of `what(binary)` across the binaries; returns their samples."""
    samples = {binary: [] for binary in binaries}
    for _ in range(runs):
        for binary in binaries:
            samples[binary].append(what(binary))
    return samples


def report(title, medians, unit, fmt="{:,.1f}"):
    base = next(iter(medians.values()))
    for binary, value in medians.items():
        ratio = f"  ({value / base:.2f}x the first)" if len(medians) > 1 else ""
        print(f"{title}: {binary}: {fmt.format(value)} {unit}{ratio}", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binaries", nargs="*", default=["build/stepsim"])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--invokes", type=int, default=500)
    parser.add_argument("--functions", type=int, default=10, help="cold starts per run")
    args = parser.parse_args()
    binaries = args.binaries

    for fake in ("echo", "batch-job-status", None):
        samples = measure(binaries, args.runs,
                          lambda binary: fake_rps(binary, fake, args.seconds, 32))
        what = f"Invoke fake:{fake}" if fake else "for scale, DescribeJobs of one job"
        report(f"{what}, keep-alive, wrk -t1 -c32 -d{args.seconds}s, median of runs",
               {b: statistics.median(v) for b, v in samples.items()}, "requests/s", "{:,.0f}")

    for runtime, label in (("python", "python3.12 app.handler (return event)"),
                           ("node", "nodejs20.x index.handler (async e => e)")):
        samples = measure(binaries, args.runs,
                          lambda binary: warm_latencies(binary, runtime, args.invokes))
        # Each statistic is taken per run (N sequential invokes), then the median over the runs.
        for stat, pick in (("median", lambda v: statistics.median(v["wall"])),
                           ("p90", lambda v: percentile(v["wall"], 0.90)),
                           ("p99", lambda v: percentile(v["wall"], 0.99)),
                           ("REPORT Duration median (runtime's round trip)",
                            lambda v: statistics.median(v["duration"])),
                           ("for scale, the same loop against fake:echo, median",
                            lambda v: statistics.median(v["fake"]))):
            report(f"warm Invoke {label}, raw HTTP keep-alive, {args.invokes} sequential, {stat}",
                   {b: statistics.median(pick(r) for r in v) for b, v in samples.items()}, "ms",
                   "{:.3f}")
        if all(r["boto3"] is not None for v in samples.values() for r in v):
            report(f"warm Invoke {label}, boto3 lambda.invoke, median",
                   {b: statistics.median(r["boto3"] for r in v) for b, v in samples.items()},
                   "ms", "{:.3f}")

    for label, body in (("return event", PY_ECHO), ("import boto3", PY_BOTO3),
                        ("import boto3 + boto3.client('batch') at module level", PY_BOTO3_CLIENT)):
        samples = measure(binaries, args.runs,
                          lambda binary: cold_starts(binary, body, args.functions))
        pooled = {b: [s for run in v for s in run] for b, v in samples.items()}
        title = (f"cold start python3.12 ({label}), first Invoke of {args.functions} new "
                 f"functions x {args.runs} runs")
        report(f"{title}, median",
               {b: statistics.median(w for w, _ in v) for b, v in pooled.items()}, "ms")
        report(f"{title}, max", {b: max(w for w, _ in v) for b, v in pooled.items()}, "ms")
        report(f"{title}, of which REPORT Duration (median)",
               {b: statistics.median(d for _, d in v) for b, v in pooled.items()}, "ms", "{:.2f}")

    # Versions, not paths: the figures get pasted into docs/benchmarks.md.
    versions = [subprocess.run(argv, capture_output=True, text=True).stdout.strip()
                for argv in (["python3", "-c", "import platform; print(platform.python_version())"],
                             ["node", "--version"])]
    print("reference, the interpreters on their own (median of 11); python3 "
          f"{versions[0]}, node {versions[1]}:", flush=True)
    for argv in (["python3", "-c", "pass"], ["python3", "-S", "-c", "pass"], ["node", "-e", ""]):
        print(f"  {' '.join(argv)}, spawn to exit: {spawn_ms(argv):.1f} ms", flush=True)
    for name, ms in import_steps_ms().items():
        print(f"  python3, in process: {name}: {ms:.1f} ms", flush=True)


if __name__ == "__main__":
    main()
