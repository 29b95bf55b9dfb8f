#!/usr/bin/env python3
"""Soak: does a long-running server keep its memory bounded? Starts `stepsim serve --port 0`, drives
mixed traffic from a few keep-alive connections for a while, samples the server's resident memory
(VmRSS) every few seconds, and reports RSS over time (and whether it plateaus: its growth over the
second half of the run), requests/s, p50/p99 latency and errors (any non-2xx answer or connection
error). A benchmark, not a test: it fails only when the server cannot be set up. Usage:
    tools/bench/soak_bench.py [path/to/stepsim] [--minutes M] [--connections N]
                              [--server-arg=--max-executions=0 ...] [--stop-at-rss-mib MIB]
                              [--server-wrapper 'heaptrack -o FILE'] [--json FILE|-]

Each connection repeats one cycle of six requests, as real SDKs send them (SigV4-shaped
Authorization header; awsJson 1.0 with X-Amz-Target for Step Functions; rest-json for Lambda and
Batch):
    StartExecution of a Job Status Poller (alternately the lambda:invoke shape, with built-in fake
      functions that submit a Batch job and read its status, and the batch:submitJob.sync shape);
      auto mode moves the virtual clock, so each execution finishes within moments of wall time
    DescribeExecution and GetExecutionHistory of the execution this connection started last cycle
    SubmitJob, then DescribeJobs of that job
    Invoke of a built-in fake (fake:echo)
so every cycle leaves one execution and two Batch jobs behind in the server. (With a
--max-executions of a few dozen or less, the execution of the last cycle may already be forgotten:
those Describe calls then count as errors.)"""
import argparse
import base64
import io
import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROLE = "arn:aws:iam::123456789012:role/soak"
WORLD = {"jobName": "soak", "jobQueue": "SoakQueue", "jobDefinition": "SoakJobDefinition",
         "wait_time": 60}
SFN_CONTENT_TYPE = "application/x-amz-json-1.0"


def fake_package():
    """A ZIP package (base64) for a function whose handler is a built-in fake: it runs no code."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("README", "fake\n")
    return base64.b64encode(buffer.getvalue()).decode()


def authorization(service):
    return (f"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/{service}/aws4_request, "
            "SignedHeaders=host, Signature=0")


class HttpError(Exception):
    pass


class Connection:
    """One raw HTTP/1.1 keep-alive connection; reconnects after a connection error."""

    def __init__(self, port):
        self.port = port
        self.sock = None
        self.buffer = b""

    def close(self):
        if self.sock:
            self.sock.close()
        self.sock, self.buffer = None, b""

    def request(self, method, path, body, headers):
        """(status, body bytes); raises OSError or HttpError on a broken exchange."""
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}",
                 f"Content-Length: {len(body)}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self.receive()
        head = self.buffer[:end].decode("latin-1").split("\r\n")
        self.buffer = self.buffer[end + 4:]
        status = int(head[0].split(" ", 2)[1])
        fields = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if "content-length" not in fields:
            raise HttpError(f"answer without Content-Length: {head[0]}")
        length = int(fields["content-length"])
        while len(self.buffer) < length:
            self.receive()
        answer, self.buffer = self.buffer[:length], self.buffer[length:]
        if fields.get("connection", "").lower() == "close":
            self.close()
        return status, answer

    def receive(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise HttpError("the server closed the connection")
        self.buffer += chunk


class Api:
    """The three services' wire protocols over one connection."""

    def __init__(self, connection):
        self.connection = connection

    def sfn(self, operation, body):
        return self.connection.request("POST", "/", json.dumps(body).encode(), {
            "Content-Type": SFN_CONTENT_TYPE, "X-Amz-Target": f"AWSStepFunctions.{operation}",
            "Authorization": authorization("states")})

    def rest(self, service, path, body):
        return self.connection.request("POST", path, json.dumps(body).encode(), {
            "Content-Type": "application/json", "Authorization": authorization(service)})

    def batch(self, operation, body):
        return self.rest("batch", f"/v1/{operation.lower()}", body)

    def invoke(self, function, event):
        return self.rest("lambda", f"/2015-03-31/functions/{function}/invocations", event)

    def control(self, path, body):
        return self.connection.request("POST", path, json.dumps(body).encode(),
                                       {"Content-Type": "application/json"})


def checked(answer, what):
    status, body = answer
    if status // 100 != 2:
        raise RuntimeError(f"setup: {what}: {status} {body[:300]!r}")
    return json.loads(body or b"null")


def set_up_world(api):
    """Batch resources, a job lifecycle of 2 virtual minutes, the fake functions and the two
    Job Status Poller machines; returns the machines' ARNs."""
    checked(api.batch("CreateComputeEnvironment", {
        "computeEnvironmentName": "SoakEnvironment", "type": "MANAGED",
        "computeResources": {"type": "FARGATE", "maxvCpus": 4, "subnets": ["subnet-1"]}}), "CE")
    checked(api.batch("CreateJobQueue", {
        "jobQueueName": WORLD["jobQueue"], "priority": 1,
        "computeEnvironmentOrder": [{"order": 1, "computeEnvironment": "SoakEnvironment"}]}), "queue")
    checked(api.batch("RegisterJobDefinition", {
        "jobDefinitionName": WORLD["jobDefinition"], "type": "container",
        "containerProperties": {"image": "busybox", "vcpus": 1, "memory": 512}}), "definition")
    checked(api.control("/_stepsim/batch/lifecycles", {"rules": [{
        "match": {}, "steps": [{"status": "RUNNING", "seconds": 120}, {"status": "SUCCEEDED"}]}]}),
        "lifecycle")
    for name, handler in (("SubmitJob", "fake:batch-submit-job"),
                          ("CheckJob", "fake:batch-job-status"), ("Echo", "fake:echo")):
        checked(api.rest("lambda", "/2015-03-31/functions", {
            "FunctionName": name, "Runtime": "python3.12", "Role": ROLE, "Handler": handler,
            "Code": {"ZipFile": fake_package()}}), f"function {name}")
    machines = []
    for shape in ("lambda_invoke", "batch_sync"):
        definition = (ROOT / "scenarios" / "job_poller" / f"{shape}.asl.json").read_text()
        machines.append(checked(api.sfn("CreateStateMachine", {
            "name": f"soak-{shape}", "definition": definition, "roleArn": ROLE}),
            f"machine {shape}")["stateMachineArn"])
    return machines


class Worker(threading.Thread):
    """One connection running the cycle until `deadline`; counts and times every request."""

    def __init__(self, port, index, machines, deadline):
        super().__init__(daemon=True)
        self.api = Api(Connection(port))
        self.index, self.machines, self.deadline = index, machines, deadline
        self.latencies = {}  # operation -> [seconds]
        self.requests = 0
        self.errors = 0
        self.error_samples = []

    def call(self, operation, send):
        """Times `send()`; returns the parsed body of a 2xx answer, else None (an error)."""
        began = time.perf_counter()
        try:
            status, body = send()
        except (OSError, HttpError) as error:
            self.api.connection.close()
            status, body = None, str(error).encode()
        self.latencies.setdefault(operation, []).append(time.perf_counter() - began)
        self.requests += 1
        if status is None or status // 100 != 2:
            self.errors += 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{operation}: {status} {body[:200]!r}")
            return None
        return json.loads(body or b"null")

    def run(self):
        api, previous, cycle = self.api, None, 0
        event = {"jobName": "echo", "attempt": 3, "tags": {"team": "data"}}
        while time.monotonic() < self.deadline:
            machine = self.machines[(self.index + cycle) % len(self.machines)]
            cycle += 1
            started = self.call("StartExecution", lambda: api.sfn("StartExecution", {
                "stateMachineArn": machine, "input": json.dumps(WORLD)}))
            if previous:
                self.call("DescribeExecution",
                          lambda: api.sfn("DescribeExecution", {"executionArn": previous}))
                self.call("GetExecutionHistory", lambda: api.sfn("GetExecutionHistory", {
                    "executionArn": previous, "maxResults": 100}))
            previous = started["executionArn"] if started else None
            job = self.call("SubmitJob", lambda: api.batch("SubmitJob", {
                "jobName": "direct", "jobQueue": WORLD["jobQueue"],
                "jobDefinition": WORLD["jobDefinition"]}))
            if job:
                self.call("DescribeJobs",
                          lambda: api.batch("DescribeJobs", {"jobs": [job["jobId"]]}))
            self.call("Invoke", lambda: api.invoke("Echo", event))
        api.connection.close()


def newest_statuses(api, machines):
    """How the newest 100 executions of each machine stand at the end: they should have finished
    on the virtual clock (a RUNNING one is at most a few virtual minutes old)."""
    counts = {}
    for machine in machines:
        listed = checked(api.sfn("ListExecutions", {"stateMachineArn": machine, "maxResults": 100}),
                         "ListExecutions")
        for execution in listed["executions"]:
            counts[execution["status"]] = counts.get(execution["status"], 0) + 1
    api.connection.close()
    return dict(sorted(counts.items()))


def listening_port(server):
    """The port of the "stepsim listening on http://HOST:PORT" line (a wrapper may print first)."""
    for line in server.stdout:
        if line.startswith("stepsim listening on "):
            return int(line.strip().rsplit(":", 1)[1])
    raise RuntimeError("the server exited before it listened")


def stepsim_pid(pid, binary):
    """`pid`, or the descendant of it that runs `binary` when a wrapper (heaptrack) started it."""
    target = os.path.realpath(binary)
    pending = [pid]
    while pending:
        candidate = pending.pop(0)
        try:
            if os.path.realpath(f"/proc/{candidate}/exe") == target:
                return candidate
            children = Path(f"/proc/{candidate}/task/{candidate}/children").read_text().split()
        except OSError:
            continue
        pending.extend(int(child) for child in children)
    raise RuntimeError(f"no process of {binary} under {pid}")


def rss_mib(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else 0


def soak(args):
    command = [*shlex.split(args.server_wrapper), args.binary, "serve", "--port", "0",
               "--log-level", "warn", *args.server_arg]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    pid = None
    try:
        port = listening_port(server)
        pid = stepsim_pid(server.pid, args.binary)
        setup = Api(Connection(port))
        machines = set_up_world(setup)
        setup.connection.close()

        load_start = os.getloadavg()[0]
        began = time.monotonic()
        deadline = began + args.minutes * 60
        workers = [Worker(port, i, machines, deadline) for i in range(args.connections)]
        for worker in workers:
            worker.start()
        samples = []
        cpu_before = cpu_seconds(pid)
        capped = False
        while any(worker.is_alive() for worker in workers):
            elapsed = time.monotonic() - began
            samples.append({"seconds": round(elapsed, 1), "rss_mib": round(rss_mib(pid), 1),
                            "requests": sum(worker.requests for worker in workers)})
            if args.stop_at_rss_mib and samples[-1]["rss_mib"] >= args.stop_at_rss_mib:
                capped = True
                for worker in workers:
                    worker.deadline = 0
            if server.poll() is not None:
                raise RuntimeError(f"the server exited with {server.returncode} during the soak")
            time.sleep(min(args.sample_seconds, max(0.05, deadline - time.monotonic())))
        for worker in workers:
            worker.join()
        elapsed = time.monotonic() - began
        cpu_used = cpu_seconds(pid) - cpu_before
        if elapsed - samples[-1]["seconds"] >= 1:
            samples.append({"seconds": round(elapsed, 1), "rss_mib": round(rss_mib(pid), 1),
                            "requests": sum(worker.requests for worker in workers)})
        load_end = os.getloadavg()[0]
        statuses = newest_statuses(Api(Connection(port)), machines)
    finally:
        # The server itself, not a wrapper that may not pass the signal on.
        try:
            os.kill(pid or server.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        server.wait(timeout=300)

    latencies = {}
    for worker in workers:
        for operation, values in worker.latencies.items():
            latencies.setdefault(operation, []).extend(values)
    everything = [value for values in latencies.values() for value in values]
    requests = len(everything)
    half = next(s for s in samples if s["seconds"] >= elapsed / 2)
    growth = samples[-1]["rss_mib"] - half["rss_mib"]
    return {
        "binary": args.binary, "server_args": args.server_arg, "connections": args.connections,
        "seconds": round(elapsed, 1), "stopped_at_rss_cap": capped,
        "requests": requests, "requests_per_second": round(requests / elapsed, 1),
        "executions_started": len(latencies.get("StartExecution", [])),
        "server_cpu_seconds": round(cpu_used, 1),
        "latency_ms": {"p50": round(percentile(everything, 0.5) * 1000, 3),
                       "p99": round(percentile(everything, 0.99) * 1000, 3),
                       "by_operation": {op: {"count": len(values),
                                             "p50": round(percentile(values, 0.5) * 1000, 3),
                                             "p99": round(percentile(values, 0.99) * 1000, 3)}
                                        for op, values in sorted(latencies.items())}},
        "errors": sum(worker.errors for worker in workers),
        "newest_execution_statuses": statuses,
        "error_samples": [sample for worker in workers for sample in worker.error_samples][:10],
        "rss_samples": samples,
        "rss_mib": {"first": samples[0]["rss_mib"], "half": half["rss_mib"],
                    "last": samples[-1]["rss_mib"],
                    "max": max(sample["rss_mib"] for sample in samples)},
        "rss_growth_second_half_mib": round(growth, 1),
        # Bounded memory still moves a little (caches, the allocator): call it a plateau when the
        # second half of the run added less than 5 % of the memory held at half time.
        "plateaus": growth <= 0.05 * half["rss_mib"],
        "load_average": {"start": round(load_start, 2), "end": round(load_end, 2)},
    }


def print_report(result, rows):
    print(f"soak of {result['binary']} {' '.join(result['server_args'])}".rstrip())
    print(f"  {result['seconds']:.0f} s, {result['connections']} connections"
          f"{' (stopped early at the RSS cap)' if result['stopped_at_rss_cap'] else ''}; "
          f"load average {result['load_average']['start']} at the start, "
          f"{result['load_average']['end']} at the end")
    print(f"  requests: {result['requests']:,} ({result['requests_per_second']:,.0f}/s), "
          f"executions started: {result['executions_started']:,}, "
          f"server CPU {result['server_cpu_seconds']} s")
    print(f"  latency: p50 {result['latency_ms']['p50']:.2f} ms, "
          f"p99 {result['latency_ms']['p99']:.2f} ms")
    for op, figures in result["latency_ms"]["by_operation"].items():
        print(f"    {op:20} {figures['count']:>9,}  p50 {figures['p50']:6.2f} ms  "
              f"p99 {figures['p99']:6.2f} ms")
    print(f"  errors: {result['errors']}; the newest executions: {result['newest_execution_statuses']}")
    for sample in result["error_samples"]:
        print(f"    {sample}")
    print("  resident memory:")
    samples = result["rss_samples"]
    step = max(1, (len(samples) - 1) // max(1, rows - 1))
    shown = samples[::step]
    if shown[-1] is not samples[-1]:
        shown.append(samples[-1])
    for sample in shown:
        print(f"    {sample['seconds']:7.0f} s  {sample['rss_mib']:9.1f} MiB  "
              f"{sample['requests']:>11,} requests")
    verdict = "plateaus" if result["plateaus"] else "still growing"
    print(f"  second half of the run: {result['rss_growth_second_half_mib']:+.1f} MiB "
          f"({result['rss_mib']['half']} -> {result['rss_mib']['last']} MiB): {verdict}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("binary", nargs="?", default="build/stepsim")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--sample-seconds", type=float, default=5)
    parser.add_argument("--rows", type=int, default=11, help="rows of the RSS table")
    parser.add_argument("--stop-at-rss-mib", type=float, default=0,
                        help="end the run early when the server's RSS reaches this (0: never)")
    parser.add_argument("--server-arg", action="append", default=[],
                        help="an extra `stepsim serve` argument (repeatable), e.g. "
                             "--server-arg=--max-executions=0")
    parser.add_argument("--server-wrapper", default="",
                        help="a command the server runs under, e.g. 'heaptrack -o /tmp/soak'")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON ('-': stdout)")
    args = parser.parse_args()

    result = soak(args)
    if args.json == "-":
        json.dump(result, sys.stdout, indent=1)
        print()
    else:
        print_report(result, args.rows)
        if args.json:
            Path(args.json).write_text(json.dumps(result, indent=1) + "\n")


if __name__ == "__main__":
    main()
