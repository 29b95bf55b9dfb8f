"""Lambda Invoke with boto3: built-in fakes driving the emulated Batch on a manual clock, the
sample's real Python handlers from a ZIP, a Node handler, function errors, timeouts, crashes,
scripted responses and the modeled errors of bad requests."""
import base64
import io
import json
import os
import subprocess
import tempfile
import threading
import time
import unittest
import zipfile
from pathlib import Path

import botocore.exceptions

from batch_world import create_world, describe
from stepsim_server import StepsimServer, zip_of

ROOT = Path(__file__).resolve().parents[2]
ROLE = "arn:aws:iam::123456789012:role/lambda-role"


def zip_dir(directory):
    return zip_of({p.name: p.read_text() for p in Path(directory).iterdir() if p.is_file()})


def python_zip(body):
    return zip_of({"app.py": body})


def create(lam, name, handler, code=None, runtime="python3.12", **extra):
    return lam.create_function(FunctionName=name, Runtime=runtime, Role=ROLE, Handler=handler,
                               Code={"ZipFile": code or python_zip("")}, **extra)


def invoke(lam, name, event=None, **extra):
    """Invokes; returns (response, parsed payload)."""
    response = lam.invoke(FunctionName=name, Payload=json.dumps(event or {}).encode(), **extra)
    raw = response["Payload"].read()
    return response, (json.loads(raw) if raw else None)


def tail(response):
    return base64.b64decode(response["LogResult"]).decode()


class FakeHandlers(unittest.TestCase):
    def test_submit_and_check_through_a_scripted_lifecycle(self):
        with StepsimServer("--clock", "manual") as server:
            lam, batch = server.client("lambda"), server.client("batch")
            create_world(batch)
            server.control("POST", "/_stepsim/batch/lifecycles", {"rules": [{
                "match": {"jobName": "poll-*"},
                "steps": [{"status": "RUNNABLE", "seconds": 10}, {"status": "RUNNING", "seconds": 60},
                          {"status": "SUCCEEDED"}]}]})
            create(lam, "SubmitJob", "fake:batch-submit-job")
            create(lam, "CheckJob", "fake:batch-job-status")

            response, job = invoke(lam, "SubmitJob",
                                   {"jobName": "poll-1", "jobQueue": "q", "jobDefinition": "jd"})
            self.assertEqual(response["StatusCode"], 200)
            self.assertNotIn("FunctionError", response)
            self.assertEqual(response["ExecutedVersion"], "$LATEST")
            self.assertEqual(set(job), {"jobArn", "jobName", "jobId"})
            self.assertEqual(describe(batch, job["jobId"])["jobName"], "poll-1")

            seen = []
            for advance in (0, 10, 60):
                server.clock(advanceSeconds=advance)
                seen.append(invoke(lam, "CheckJob", {"jobId": job["jobId"]})[1])
            self.assertEqual(seen, ["RUNNABLE", "RUNNING", "SUCCEEDED"])

            # A missing job is a function error with a clear type and message.
            response, error = invoke(lam, "CheckJob", {"jobId": "no-such-job"})
            self.assertEqual(response["FunctionError"], "Unhandled")
            self.assertIn("no-such-job", error["errorMessage"])
            self.assertTrue(error["errorType"])

    def test_echo_tail_event_dry_run_and_qualifiers(self):
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            create(lam, "echo", "fake:echo", Publish=True)
            lam.update_function_configuration(FunctionName="echo", Description="v2")
            lam.create_alias(FunctionName="echo", Name="live", FunctionVersion="1")

            response, body = invoke(lam, "echo", {"a": [1, "x"]}, LogType="Tail")
            self.assertEqual(body, {"a": [1, "x"]})
            log = tail(response)
            request_id = response["ResponseMetadata"]["RequestId"]
            self.assertTrue(log.startswith(f"START RequestId: {request_id} Version: $LATEST\n"), log)
            self.assertIn(f"END RequestId: {request_id}\n", log)
            self.assertIn(f"REPORT RequestId: {request_id}\tDuration: ", log)

            for name, qualifier, version in [("echo:1", None, "1"), ("echo", "live", "1"),
                                             ("echo:live", None, "1"), ("echo", "$LATEST", "$LATEST")]:
                extra = {"Qualifier": qualifier} if qualifier else {}
                response, _ = invoke(lam, name, {}, **extra)
                self.assertEqual(response["ExecutedVersion"], version, (name, qualifier))
            arn = lam.get_function(FunctionName="echo")["Configuration"]["FunctionArn"]
            self.assertEqual(invoke(lam, arn + ":1")[0]["ExecutedVersion"], "1")

            self.assertEqual(lam.invoke(FunctionName="echo", InvocationType="Event",
                                        Payload=b"{}")["StatusCode"], 202)
            self.assertEqual(lam.invoke(FunctionName="echo", InvocationType="DryRun",
                                        Payload=b"{}")["StatusCode"], 204)
            # An empty payload is the event {}.
            self.assertEqual(json.loads(lam.invoke(FunctionName="echo")["Payload"].read()), {})

    def test_bad_requests_get_modeled_errors(self):
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            create(lam, "echo", "fake:echo")

            def code_of(call, **kwargs):
                with self.assertRaises(botocore.exceptions.ClientError) as caught:
                    call(**kwargs)
                error = caught.exception.response
                return error["Error"]["Code"], error["ResponseMetadata"]["HTTPStatusCode"], error

            self.assertEqual(code_of(lam.invoke, FunctionName="missing")[:2],
                             ("ResourceNotFoundException", 404))
            self.assertEqual(code_of(lam.invoke, FunctionName="echo:7")[:2],
                             ("ResourceNotFoundException", 404))
            self.assertEqual(code_of(lam.invoke, FunctionName="echo", Qualifier="nope")[:2],
                             ("ResourceNotFoundException", 404))
            self.assertEqual(code_of(lam.invoke, FunctionName="echo", Payload=b"{not json")[:2],
                             ("InvalidRequestContentException", 400))
            self.assertEqual(
                code_of(lam.invoke, FunctionName="echo",
                        Payload=b'"' + b"x" * (6 * 1024 * 1024) + b'"')[:2],
                ("RequestTooLargeException", 413))
            self.assertEqual(
                code_of(lam.invoke, FunctionName="echo", InvocationType="Event",
                        Payload=b'"' + b"x" * (1024 * 1024) + b'"')[:2],
                ("RequestTooLargeException", 413))
            self.assertEqual(code_of(lam.invoke, FunctionName="bad name!")[:2],
                             ("InvalidParameterValueException", 400))
            code, status, error = code_of(create, lam=lam, name="f", handler="fake:nope")
            self.assertEqual((code, status), ("InvalidParameterValueException", 400))
            message = error["Error"]["Message"]
            for fake in ("fake:batch-job-status", "fake:batch-submit-job", "fake:echo"):
                self.assertIn(fake, message)
            code, status, _ = code_of(lam.update_function_configuration, FunctionName="echo",
                                      Handler="fake:missing")
            self.assertEqual((code, status), ("InvalidParameterValueException", 400))
            # An unsupported runtime is the modeled InvalidRuntimeException at invoke time.
            create(lam, "rb", "app.handler", runtime="ruby3.3")
            self.assertEqual(code_of(lam.invoke, FunctionName="rb")[:2],
                             ("InvalidRuntimeException", 502))


    def test_aws_cli_invoke(self):
        with StepsimServer("--clock", "manual") as server:
            create(server.client("lambda"), "echo", "fake:echo")
            env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                       AWS_DEFAULT_REGION="us-east-1", AWS_MAX_ATTEMPTS="1")
            with tempfile.TemporaryDirectory() as tmp:
                out = os.path.join(tmp, "out.json")
                version = subprocess.run(["aws", "--version"], capture_output=True, text=True)
                # CLI v2 reads blobs as base64 unless told otherwise; v1 takes them raw.
                raw = ([] if "aws-cli/1." in version.stdout + version.stderr
                       else ["--cli-binary-format", "raw-in-base64-out"])
                result = subprocess.run(
                    ["aws", "--endpoint-url", server.url, "--output", "json", "lambda", "invoke",
                     "--function-name", "echo", *raw, "--payload", '{"jobName": "my-job"}', out],
                    capture_output=True, text=True, env=env, timeout=120)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(json.loads(result.stdout)["StatusCode"], 200)
                with open(out) as f:
                    self.assertEqual(json.load(f), {"jobName": "my-job"})


class ScriptedResponses(unittest.TestCase):
    def test_ranges_throw_and_fall_through_to_the_handler(self):
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            create(lam, "CheckJob", "fake:echo")
            status, body = server.control("POST", "/_stepsim/lambda/responses", {
                "functionName": "CheckJob",
                "responses": {"0": {"Return": "SUBMITTED"}, "1-2": {"Return": "RUNNING"},
                              "3": {"Throw": {"Error": "States.TaskFailed", "Cause": "boom"}}}})
            self.assertEqual(status, 200, body)
            results = []
            for i in range(5):
                response, payload = invoke(lam, "CheckJob", {"n": i})
                results.append((response.get("FunctionError"), payload))
            self.assertEqual(results[:3], [(None, "SUBMITTED"), (None, "RUNNING"), (None, "RUNNING")])
            self.assertEqual(results[3][0], "Unhandled")
            self.assertEqual(results[3][1]["errorType"], "States.TaskFailed")
            self.assertEqual(results[3][1]["errorMessage"], "boom")
            self.assertEqual(results[4], (None, {"n": 4}))  # the 5th invocation runs the handler

            status, listing = server.control("GET", "/_stepsim/lambda/responses")
            self.assertEqual(listing["functions"][0]["functionName"], "CheckJob")
            self.assertEqual(listing["functions"][0]["invocations"], 5)
            status, listing = server.control("DELETE", "/_stepsim/lambda/responses")
            self.assertEqual((status, listing), (200, {"functions": []}))
            self.assertEqual(invoke(lam, "CheckJob", {"n": 9})[1], {"n": 9})

    def test_service_errors_durations_and_bad_scripts(self):
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            create(lam, "fn", "fake:echo", Timeout=5)
            server.control("POST", "/_stepsim/lambda/responses", {
                "functionName": "fn",
                "responses": {"0": {"ServiceError": "TooManyRequestsException"},
                              "1": {"Return": {"ok": True}, "DurationSeconds": 2},
                              "2": {"Return": 1, "DurationSeconds": 30}}})
            with self.assertRaises(lam.exceptions.TooManyRequestsException) as caught:
                invoke(lam, "fn")
            self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 429)

            # A scripted duration is virtual time: in manual mode the answer waits for the clock.
            answers = []
            thread = threading.Thread(target=lambda: answers.append(invoke(server.client("lambda"), "fn")))
            thread.start()
            time.sleep(0.3)
            self.assertEqual(answers, [])
            server.clock(advanceSeconds=2)
            thread.join(10)
            self.assertEqual(answers[0][1], {"ok": True})

            # Longer than the function's Timeout: a timeout after Timeout seconds.
            thread = threading.Thread(target=lambda: answers.append(invoke(server.client("lambda"), "fn")))
            thread.start()
            time.sleep(0.2)
            server.clock(advanceSeconds=5)
            thread.join(10)
            response, error = answers[1]
            self.assertEqual(response["FunctionError"], "Unhandled")
            self.assertEqual(error["errorType"], "Sandbox.Timedout")
            self.assertTrue(error["errorMessage"].endswith("Task timed out after 5.00 seconds"))

            for body, field in [({"responses": {}}, "functionName"),
                                ({"functionName": "fn", "responses": {"x": {"Return": 1}}}, 'responses["x"]'),
                                ({"functionName": "fn", "responses": {"0": {"Throw": {}}}}, "Throw.Error"),
                                ({"functionName": "fn", "responses": {"0": {"ServiceError": "Nope"}}},
                                 "ServiceError")]:
                status, answer = server.control("POST", "/_stepsim/lambda/responses", body)
                self.assertEqual(status, 400, body)
                self.assertIn(field, answer["message"])


class RealCode(unittest.TestCase):
    def test_sample_python_handlers_reach_the_emulated_batch(self):
        with StepsimServer("--clock", "manual") as server:
            lam, batch = server.client("lambda"), server.client("batch")
            create_world(batch)
            package = zip_dir(ROOT / "fakes" / "job_poller_python")
            create(lam, "SubmitJob", "submit_job.lambda_handler", code=package, Timeout=30)
            create(lam, "CheckJob", "check_job.lambda_handler", code=package, Timeout=30)

            response, job = invoke(lam, "SubmitJob",
                                   {"jobName": "real-1", "jobQueue": "q", "jobDefinition": "jd"},
                                   LogType="Tail")
            self.assertNotIn("FunctionError", response, job)
            self.assertEqual(describe(batch, job["jobId"])["jobName"], "real-1")
            self.assertIn(f"Submitted job real-1 with id {job['jobId']}", tail(response))

            response, status = invoke(lam, "CheckJob", {"jobId": job["jobId"]})
            self.assertEqual(status, "SUBMITTED")
            server.clock(advanceSeconds=3)  # the default lifecycle: SUBMITTED 1 s, PENDING 1 s, ...
            self.assertEqual(invoke(lam, "CheckJob", {"jobId": job["jobId"]})[1], "RUNNABLE")
            response, error = invoke(lam, "CheckJob", {"jobId": "nope"})
            self.assertEqual(response["FunctionError"], "Unhandled")
            self.assertEqual(error["errorType"], "JobNotFound")

    def test_the_environment_is_the_one_aws_sets(self):
        code = python_zip(
            "import os\n"
            "def handler(event, context):\n"
            "    env = {k: v for k, v in os.environ.items()\n"
            "           if k.startswith(('AWS_', 'LAMBDA_', '_HANDLER', 'TZ', 'LANG', 'COLOR'))\n"
            "           and 'KEY' not in k and 'TOKEN' not in k}\n"
            "    return {**env, 'cwd': os.getcwd()}\n")
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda", region="eu-west-1")
            create(lam, "env-fn", "app.handler", code=code, MemorySize=512,
                   Environment={"Variables": {"COLOR": "blue"}})
            _, env = invoke(lam, "env-fn")
        self.assertEqual(env["AWS_LAMBDA_FUNCTION_NAME"], "env-fn")
        self.assertEqual(env["AWS_LAMBDA_FUNCTION_VERSION"], "$LATEST")
        self.assertEqual(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"], "512")
        self.assertEqual(env["AWS_LAMBDA_INITIALIZATION_TYPE"], "on-demand")
        self.assertEqual(env["AWS_LAMBDA_LOG_GROUP_NAME"], "/aws/lambda/env-fn")
        self.assertRegex(env["AWS_LAMBDA_LOG_STREAM_NAME"], r"^2026/01/01/\[\$LATEST\][0-9a-f]{32}$")
        self.assertEqual(env["AWS_EXECUTION_ENV"], "AWS_Lambda_python3.12")
        self.assertEqual((env["AWS_REGION"], env["AWS_DEFAULT_REGION"]), ("eu-west-1", "eu-west-1"))
        self.assertEqual(env["_HANDLER"], "app.handler")
        self.assertEqual(env["LAMBDA_TASK_ROOT"], env["cwd"])
        self.assertIn("LAMBDA_RUNTIME_DIR", env)
        self.assertEqual((env["TZ"], env["LANG"], env["COLOR"]), (":UTC", "C.UTF-8", "blue"))

    def test_node_handler(self):
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            code = (ROOT / "fakes" / "job_poller_node" / "check_job.mjs").read_text()
            create(lam, "node-fn", "check_job.handler", code=zip_of({"check_job.mjs": code}),
                   runtime="nodejs20.x", Timeout=10)
            response, body = invoke(lam, "node-fn", {"jobId": "j-1"}, LogType="Tail")
            self.assertNotIn("FunctionError", response, body)
            self.assertEqual(body["event"], {"jobId": "j-1"})
            self.assertEqual(body["functionName"], "node-fn")
            self.assertEqual(body["requestId"], response["ResponseMetadata"]["RequestId"])
            self.assertGreater(body["remaining"], 0)
            self.assertIn("check_job.mjs got", tail(response))

    def test_errors_timeouts_crashes_and_recovery(self):
        code = python_zip(
            "import os, sys, time\n"
            "class JobFailed(Exception):\n    pass\n"
            "def handler(event, context):\n"
            "    action = event.get('action')\n"
            "    if action == 'raise':\n        raise JobFailed('the job failed')\n"
            "    if action == 'sleep':\n        time.sleep(event['seconds'])\n"
            "    if action == 'exit':\n        os._exit(3)\n"
            "    if action == 'spam':\n        sys.stdout.write('x' * 4_000_000 + '\\nlast line\\n')\n"
            "    return {'pid': os.getpid(), 'remaining': context.get_remaining_time_in_millis()}\n")
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            create(lam, "fn", "app.handler", code=code, Timeout=1)
            _, first = invoke(lam, "fn")
            self.assertLessEqual(first["remaining"], 1000)

            response, error = invoke(lam, "fn", {"action": "raise"})
            self.assertEqual(response["FunctionError"], "Unhandled")
            self.assertEqual((error["errorType"], error["errorMessage"]), ("JobFailed", "the job failed"))
            self.assertTrue(error["stackTrace"])
            # Still the same warm worker.
            self.assertEqual(invoke(lam, "fn")[1]["pid"], first["pid"])

            began = time.monotonic()
            response, error = invoke(lam, "fn", {"action": "sleep", "seconds": 3})
            self.assertLess(time.monotonic() - began, 2.5)
            self.assertEqual(response["FunctionError"], "Unhandled")
            self.assertEqual(error["errorType"], "Sandbox.Timedout")
            self.assertIn("Task timed out after 1.00 seconds", error["errorMessage"])
            _, after = invoke(lam, "fn")  # works again, on a new worker
            self.assertNotEqual(after["pid"], first["pid"])
            self.assertFalse(os.path.exists(f"/proc/{first['pid']}"), "timed-out worker still alive")

            response, error = invoke(lam, "fn", {"action": "exit"})
            self.assertEqual(error["errorType"], "Runtime.ExitError")
            self.assertIn("exit status 3", error["errorMessage"])

            response, body = invoke(lam, "fn", {"action": "spam"}, LogType="Tail")
            self.assertNotIn("FunctionError", response)
            log = tail(response)
            self.assertLessEqual(len(log.encode()), 4096)
            self.assertIn("last line", log)
            last_pid = invoke(lam, "fn")[1]["pid"]

            # A module that does not import is an init error, reported on the invocation.
            create(lam, "broken", "missing.handler", code=code)
            response, error = invoke(lam, "broken")
            self.assertEqual(response["FunctionError"], "Unhandled")
            self.assertEqual(error["errorType"], "Runtime.ImportModuleError")
        # No worker outlives the server.
        self.assertFalse(os.path.exists(f"/proc/{last_pid}"), "worker outlived the server")

    def test_provided_runtime_runs_the_package_bootstrap(self):
        # A custom runtime: the package's own executable `bootstrap` speaks the Runtime API.
        bootstrap = (
            "#!/usr/bin/env python3\n"
            "import json, os, urllib.request\n"
            "api = 'http://' + os.environ['AWS_LAMBDA_RUNTIME_API'] + '/2018-06-01/runtime/invocation/'\n"
            "while True:\n"
            "    with urllib.request.urlopen(api + 'next') as r:\n"
            "        rid = r.headers['Lambda-Runtime-Aws-Request-Id']\n"
            "        event = json.load(r)\n"
            "    print('custom runtime got', event, flush=True)\n"
            "    body = json.dumps({'handler': os.environ['_HANDLER'], 'event': event}).encode()\n"
            "    urllib.request.urlopen(urllib.request.Request(api + rid + '/response', data=body))\n")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            info = zipfile.ZipInfo("bootstrap")
            info.external_attr = 0o100755 << 16
            archive.writestr(info, bootstrap)
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            create(lam, "custom", "function.handler", code=buffer.getvalue(),
                   runtime="provided.al2023", Timeout=10)
            response, body = invoke(lam, "custom", {"x": 1}, LogType="Tail")
            self.assertNotIn("FunctionError", response, body)
            self.assertEqual(body, {"handler": "function.handler", "event": {"x": 1}})
            self.assertIn("custom runtime got {'x': 1}", tail(response))
            # A package without an executable bootstrap says so.
            create(lam, "nobootstrap", "x.y", code=python_zip(""), runtime="provided.al2")
            response, error = invoke(lam, "nobootstrap")
            self.assertEqual(error["errorType"], "Runtime.InvalidEntrypoint")

    def test_overlapping_invocations_grow_concurrency_and_warm_ones_reuse(self):
        code = python_zip("import os, time\n"
                          "def handler(event, context):\n"
                          "    time.sleep(event.get('sleep', 0))\n"
                          "    return os.getpid()\n")
        with StepsimServer("--clock", "manual") as server:
            lam = server.client("lambda")
            create(lam, "fn", "app.handler", code=code, Timeout=10)
            pids = {invoke(lam, "fn")[1] for _ in range(5)}
            self.assertEqual(len(pids), 1, "sequential invocations must reuse one warm worker")
            create(lam, "echo", "fake:echo")
            results = []
            threads = [threading.Thread(
                target=lambda: results.append(invoke(server.client("lambda"), "fn", {"sleep": 0.5})[1]))
                for _ in range(3)]
            began = time.monotonic()
            for thread in threads:
                thread.start()
            # Other functions answer while those run.
            time.sleep(0.1)
            self.assertEqual(invoke(lam, "echo", {"quick": True})[1], {"quick": True})
            self.assertLess(time.monotonic() - began, 0.45)
            for thread in threads:
                thread.join(15)
            self.assertEqual(len(set(results)), 3)
            self.assertLess(time.monotonic() - began, 1.4)

            # Updating the code starts a new worker for the new revision.
            lam.update_function_code(FunctionName="fn", ZipFile=python_zip(
                "def handler(event, context):\n    return 'v2'\n"))
            self.assertEqual(invoke(lam, "fn")[1], "v2")

            # A reset stops every worker (and the host reaps them: no zombies).
            server.control("POST", "/_stepsim/reset")
            for _ in range(200):
                if not any(os.path.exists(f"/proc/{pid}") for pid in results):
                    break
                time.sleep(0.01)
            self.assertFalse([pid for pid in results if os.path.exists(f"/proc/{pid}")])

    def test_auto_clock_holds_while_real_code_runs(self):
        # The handler reads the virtual clock, sleeps, reads it again and calls Batch meanwhile: a job
        # with an hour-long lifecycle is pending, yet time must not jump while the code runs.
        code = python_zip(
            "import json, os, time, urllib.request\n"
            "import boto3\n"
            "def now():\n"
            "    url = os.environ['AWS_ENDPOINT_URL'] + '/_stepsim/clock'\n"
            "    return json.load(urllib.request.urlopen(url))['now']\n"
            "def handler(event, context):\n"
            "    before = now()\n"
            "    time.sleep(0.3)\n"
            "    status = boto3.client('batch').describe_jobs(jobs=[event['jobId']])['jobs'][0]['status']\n"
            "    return {'before': before, 'after': now(), 'status': status}\n")
        with StepsimServer("--clock", "auto") as server:
            lam, batch = server.client("lambda"), server.client("batch")
            create_world(batch)
            server.control("POST", "/_stepsim/batch/lifecycles", {"rules": [{
                "match": {}, "steps": [{"status": "RUNNING", "seconds": 3600}, {"status": "SUCCEEDED"}]}]})
            create(lam, "fn", "app.handler", code=code, Timeout=30)
            server.clock(mode="manual")
            job_id = batch.submit_job(jobName="long", jobQueue="q", jobDefinition="jd")["jobId"]
            answers = []
            thread = threading.Thread(
                target=lambda: answers.append(invoke(server.client("lambda"), "fn", {"jobId": job_id})))
            thread.start()
            time.sleep(0.1)
            server.clock(mode="auto")  # the invocation is in flight: auto mode must wait for it
            thread.join(30)
            response, body = answers[0]
            self.assertNotIn("FunctionError", response, body)
            self.assertEqual(body["before"], body["after"])
            self.assertEqual(body["status"], "RUNNING")
            # Once the code has answered, auto mode runs the job to its end.
            for _ in range(100):
                if describe(batch, job_id)["status"] == "SUCCEEDED":
                    break
                time.sleep(0.01)
            self.assertEqual(describe(batch, job_id)["status"], "SUCCEEDED")


if __name__ == "__main__":
    unittest.main()
