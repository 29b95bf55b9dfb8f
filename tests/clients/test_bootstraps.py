"""The Lambda runtime bootstraps stepsim ships (emulator/lambda/bootstrap) against a mock Runtime
API, and the Job Status Poller sample handlers (fakes/job_poller_python) against a stub boto3.

Needs no stepsim: the mock server below plays stepsim's per-worker runtime API, and each bootstrap
runs as a subprocess under the same command, cwd and environment stepsim gives a worker.
"""
import contextlib
import importlib.util
import io
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock

sys.dont_write_bytecode = True  # loading the sample handlers must not litter fakes/ with caches

ROOT = Path(__file__).resolve().parents[2]
BOOTSTRAPS = ROOT / "emulator" / "lambda" / "bootstrap"
PYTHON_BOOTSTRAP = BOOTSTRAPS / "python_bootstrap.py"
NODE_BOOTSTRAP = BOOTSTRAPS / "node_bootstrap.js"
PYTHON_SAMPLE = ROOT / "fakes" / "job_poller_python"
NODE_SAMPLE = ROOT / "fakes" / "job_poller_node"
NODE = shutil.which("node")
RUNTIME = "/2018-06-01/runtime"
WAIT = 5  # seconds for any single step; everything normally takes milliseconds


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], OSError):  # a killed worker's reset is expected
            super().handle_error(request, client_address)


class MockRuntimeAPI:
    """Plays stepsim's runtime API: queued invocations go out on GET /next; posts are recorded.
    Also answers the two AWS Batch calls the sample handlers make, for the endpoint test."""

    def __init__(self):
        self.invocations = queue.Queue()
        self.posts = queue.Queue()
        self.batch_calls = []
        self.connections = 0
        self.closed = threading.Event()
        mock_api = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, like stepsim
            disable_nagle_algorithm = True  # headers and body go out as separate writes

            def setup(self):
                super().setup()
                mock_api.connections += 1

            def log_message(self, *args):
                pass

            def reply(self, status, body, headers=()):
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path != RUNTIME + "/invocation/next":
                    return self.reply(404, b"{}")
                while True:  # block like stepsim until there is an invocation
                    if mock_api.closed.is_set():
                        self.close_connection = True  # drop the connection: "stepsim went away"
                        return
                    try:
                        body, headers = mock_api.invocations.get(timeout=0.02)
                        break
                    except queue.Empty:
                        pass
                self.reply(200, body, headers.items())

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path.startswith("/v1/"):  # AWS Batch, reached through AWS_ENDPOINT_URL
                    return self.reply(200, mock_api.batch(self.path, json.loads(body)),
                                      [("Content-Type", "application/json")])
                headers = {k.lower(): v for k, v in self.headers.items()}
                mock_api.posts.put((self.path, headers, body))
                self.reply(202, b'{"status":"OK"}')

        self.server = QuietServer(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.closed.set()
        self.server.shutdown()
        self.server.server_close()

    def batch(self, path, request):
        self.batch_calls.append((path, request))
        if path == "/v1/submitjob":
            return json.dumps({"jobArn": "arn:aws:batch:us-east-1:123456789012:job/j-1",
                               "jobName": request["jobName"], "jobId": "j-1"}).encode()
        return json.dumps({"jobs": [{"jobId": j, "jobName": "n", "status": "RUNNING"}
                                    for j in request["jobs"] if j == "j-1"]}).encode()

    def queue_invocation(self, event, **headers):
        """Queues one invocation; returns its request id."""
        request_id = headers.pop("request_id", str(uuid.uuid4()))
        all_headers = {"Lambda-Runtime-Aws-Request-Id": request_id,
                       "Lambda-Runtime-Deadline-Ms": str(int(time.time() * 1000) + 30000),
                       "Lambda-Runtime-Invoked-Function-Arn":
                           "arn:aws:lambda:us-east-1:123456789012:function:fn",
                       "Content-Type": "application/json"}
        all_headers.update({k.replace("_", "-"): v for k, v in headers.items()})
        self.invocations.put((json.dumps(event).encode(), all_headers))
        return request_id

    def next_post(self):
        """What the bootstrap posted next: (kind, request id, lower-case headers, body): the body
        parsed when it is JSON, else its bytes."""
        path, headers, body = self.posts.get(timeout=WAIT)
        if path == RUNTIME + "/init/error":
            return "init_error", None, headers, json.loads(body)
        prefix = RUNTIME + "/invocation/"
        assert path.startswith(prefix), path
        request_id, kind = path[len(prefix):].rsplit("/", 1)
        if headers.get("content-type") != "application/json":
            return kind, request_id, headers, body
        return kind, request_id, headers, json.loads(body)

    def invoke(self, event, **headers):
        """Queues an invocation and waits for its outcome: (kind, lower-case headers, body)."""
        request_id = self.queue_invocation(event, **headers)
        kind, posted_id, posted_headers, body = self.next_post()
        assert posted_id == request_id, (posted_id, request_id)
        return kind, posted_headers, body


class BootstrapCase(unittest.TestCase):
    """Starts a worker the way stepsim does: cwd = package, stdout+stderr into one log file.
    Each worker gets its own mock runtime API, as each stepsim worker has its own port."""

    command = None  # set by subclasses

    def setUp(self):
        self.task_root = Path(tempfile.mkdtemp(prefix="stepsim-bootstrap-"))
        self.logs = Path(tempfile.mkdtemp(prefix="stepsim-bootstrap-logs-"))
        for directory in (self.task_root, self.logs):
            self.addCleanup(shutil.rmtree, directory, ignore_errors=True)
        self.api = None

    def write(self, name, source):
        path = self.task_root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))

    def start(self, handler, task_root=None, address=None, **env):
        self.api = MockRuntimeAPI()
        self.addCleanup(self.api.close)
        task_root = str(task_root or self.task_root)
        environment = {k: v for k, v in os.environ.items() if not k.startswith(
            ("AWS_", "_X_AMZN", "_HANDLER", "PYTHONUNBUFFERED"))}  # -u must do that job
        environment.update({
            "_HANDLER": handler, "LAMBDA_TASK_ROOT": task_root,
            "AWS_LAMBDA_RUNTIME_API": address or self.api.address,
            "AWS_LAMBDA_FUNCTION_NAME": "fn", "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
            "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/fn",
            "AWS_LAMBDA_LOG_STREAM_NAME": "2024/01/01/[$LATEST]0123456789abcdef",
            "AWS_REGION": "us-east-1", "GREETING": "hello",
            "PYTHONDONTWRITEBYTECODE": "1"})  # keep fakes/ free of __pycache__
        environment.update(env)
        self.log_path = self.logs / f"worker-{len(list(self.logs.iterdir()))}.log"
        log = open(self.log_path, "wb")
        self.addCleanup(log.close)
        process = subprocess.Popen(self.command, cwd=task_root, env=environment,
                                   stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        self.addCleanup(self.stop, process)
        return process

    @staticmethod
    def stop(process):
        if process.poll() is None:
            process.kill()
        process.wait(timeout=WAIT)

    def log(self):
        return self.log_path.read_text(errors="replace")

    def assertInitError(self, process, error_type, message):
        kind, _, headers, body = self.api.next_post()
        self.assertEqual(kind, "init_error")
        self.assertEqual(body["errorType"], error_type)
        self.assertIn(message, body["errorMessage"])
        self.assertEqual(headers["lambda-runtime-function-error-type"], error_type)
        self.assertEqual(process.wait(timeout=WAIT), 1)
        return body

    def assertExitsWhenRuntimeGone(self, handler):
        # Nothing listens on this port any more: the worker must give up at once.
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            dead = f"127.0.0.1:{s.getsockname()[1]}"
        process = self.start(handler, address=dead)
        self.assertIn(process.wait(timeout=WAIT), (0, 1))
        # And stepsim dropping a worker blocked in GET /next.
        process = self.start(handler)
        self.assertEqual(self.api.invoke({"n": 1})[0], "response")
        self.api.close()
        started = time.monotonic()
        self.assertIn(process.wait(timeout=WAIT), (0, 1))
        self.assertLess(time.monotonic() - started, 1.5)

    def assertWarmInvocationsFast(self, handler):
        self.start(handler)
        self.api.invoke({"n": 0})
        durations = []
        for n in range(50):
            started = time.perf_counter()
            self.assertEqual(self.api.invoke({"n": n})[0], "response")
            durations.append(time.perf_counter() - started)
        # Not a speed test (that is tools/bench): a Nagle/delayed-ACK stall makes every round trip
        # ~40 ms, which the median shows however loaded the machine is.
        median = sorted(durations)[len(durations) // 2]
        self.assertLess(median, 0.025, f"median {median * 1000:.2f} ms per invocation")


class PythonBootstrap(BootstrapCase):
    command = [sys.executable, "-u", str(PYTHON_BOOTSTRAP)]

    def setUp(self):
        super().setUp()
        self.write("app.py", """
            import os
            import sys
            calls = 0

            def handler(event, context):
                global calls
                calls += 1
                print(f"handler saw {event!r}")
                return {"echo": event, "calls": calls}

            def nothing(event, context):
                return None

            def boom(event, context):
                raise ValueError('bad "thing"\\n\\x01 \\u00fcn\\u00ef \\ud800 end')

            def unserializable(event, context):
                return {"s": {1, 2}}

            def raw_bytes(event, context):
                return b"not json \\xff"

            def ctx(event, context):
                cc = context.client_context
                return {"aws_request_id": context.aws_request_id,
                        "function_name": context.function_name,
                        "function_version": context.function_version,
                        "invoked_function_arn": context.invoked_function_arn,
                        "memory_limit_in_mb": context.memory_limit_in_mb,
                        "log_group_name": context.log_group_name,
                        "log_stream_name": context.log_stream_name,
                        "remaining": context.get_remaining_time_in_millis(),
                        "client_custom": cc and cc.custom,
                        "client_app_title": cc and cc.client and cc.client.app_title,
                        "identity_id": context.identity.cognito_identity_id,
                        "identity_pool": context.identity.cognito_identity_pool_id,
                        "trace": os.environ.get("_X_AMZN_TRACE_ID"),
                        "greeting": os.environ.get("GREETING"),
                        "cwd": os.getcwd(), "path0": sys.path[0]}
            """)

    def test_events_in_responses_out_on_one_connection(self):
        self.start("app.handler")
        for n in range(1, 4):
            kind, _, body = self.api.invoke({"n": n, "text": "h\u00e9"})
            self.assertEqual(kind, "response")
            self.assertEqual(body, {"echo": {"n": n, "text": "h\u00e9"}, "calls": n})
        self.assertLessEqual(self.api.connections, 2)
        self.assertIn("handler saw {'n': 3, 'text': 'h\u00e9'}", self.log())

    def test_none_is_null(self):
        self.start("app.nothing")
        self.assertEqual(self.api.invoke({}), ("response", mock.ANY, None))

    def test_raising_handler_posts_an_error_and_keeps_serving(self):
        self.start("app.boom")
        kind, headers, body = self.api.invoke({})
        self.assertEqual(kind, "error")
        self.assertEqual(headers["lambda-runtime-function-error-type"], "Unhandled")
        self.assertEqual(body["errorType"], "ValueError")
        self.assertEqual(body["errorMessage"], 'bad "thing"\n\x01 \u00fcn\u00ef ? end')
        trace = body["stackTrace"]
        self.assertEqual(len(trace), 1, trace)  # only the user's frame, not the runtime's
        # The user's file as AWS shows it, with its source line, not where it was unpacked.
        self.assertRegex(trace[0], r'^  File "/var/task/app\.py", line \d+, in boom\n    raise ValueError')
        self.assertIn("[ERROR] ValueError: bad", self.log())
        self.assertEqual(self.api.invoke({})[0], "error")  # the worker survives its errors

    def test_unserializable_result_is_a_marshal_error(self):
        self.start("app.unserializable")
        kind, _, body = self.api.invoke({})
        self.assertEqual(kind, "error")
        self.assertEqual(body["errorType"], "Runtime.MarshalError")
        self.assertEqual(body["errorMessage"],
                         "Unable to marshal response: Object of type set is not JSON serializable")

    def test_bytes_are_the_response_as_they_are(self):
        self.start("app.raw_bytes")
        kind, headers, body = self.api.invoke({})
        self.assertEqual((kind, headers["content-type"], body),
                         ("response", "application/unknown", b"not json \xff"))

    def test_missing_module(self):
        process = self.start("nope.handler")
        self.assertInitError(process, "Runtime.ImportModuleError",
                             "Unable to import module 'nope': No module named 'nope'")

    def test_missing_handler(self):
        process = self.start("app.nothere")
        self.assertInitError(process, "Runtime.HandlerNotFound",
                             "Handler 'nothere' missing on module 'app'")

    def test_syntax_error_and_raising_module(self):
        self.write("broken.py", "def handler(:\n    pass\n")
        body = self.assertInitError(self.start("broken.handler"), "Runtime.UserCodeSyntaxError",
                                    "Syntax error in module 'broken'")
        self.assertIn('"/var/task/broken.py"', body["stackTrace"][0])
        self.write("raises.py", "raise RuntimeError('no config')\n")
        process = self.start("raises.handler")
        kind, _, _, body = self.api.next_post()
        self.assertEqual((kind, body["errorType"], body["errorMessage"]),
                         ("init_error", "RuntimeError", "no config"))
        self.assertEqual(process.wait(timeout=WAIT), 1)

    def test_context(self):
        self.start("app.ctx")
        deadline = int(time.time() * 1000) + 5000
        kind, _, body = self.api.invoke(
            {}, request_id="req-1", Lambda_Runtime_Deadline_Ms=str(deadline),
            Lambda_Runtime_Trace_Id="Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
            Lambda_Runtime_Client_Context=json.dumps(
                {"custom": {"k": "v"}, "env": {}, "client": {"app_title": "app"}}),
            Lambda_Runtime_Cognito_Identity=json.dumps(
                {"cognitoIdentityId": "id-1", "cognitoIdentityPoolId": "pool-1"}))
        self.assertEqual(kind, "response")
        self.assertTrue(0 < body.pop("remaining") <= 5000)
        self.assertEqual(body, {
            "aws_request_id": "req-1", "function_name": "fn", "function_version": "$LATEST",
            "invoked_function_arn": "arn:aws:lambda:us-east-1:123456789012:function:fn",
            "memory_limit_in_mb": "256", "log_group_name": "/aws/lambda/fn",
            "log_stream_name": "2024/01/01/[$LATEST]0123456789abcdef",
            "client_custom": {"k": "v"}, "client_app_title": "app",
            "identity_id": "id-1", "identity_pool": "pool-1",
            "trace": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", "greeting": "hello",
            "cwd": str(self.task_root), "path0": str(self.task_root)})
        # Without the optional headers: no trace id left over, no client context, a past deadline.
        _, _, body = self.api.invoke({}, Lambda_Runtime_Deadline_Ms="1000")
        self.assertEqual((body["trace"], body["client_custom"], body["identity_id"],
                          body["remaining"]), (None, None, None, 0))

    def test_handler_in_a_subdirectory(self):
        self.write("src/lib/tool.py", "def handler(event, context):\n    return ['sub', event]\n")
        self.start("src/lib/tool.handler")
        self.assertEqual(self.api.invoke(7)[2], ["sub", 7])

    def test_exits_when_the_runtime_api_goes_away(self):
        self.assertExitsWhenRuntimeGone("app.handler")

    def test_warm_invocations_are_fast(self):
        self.assertWarmInvocationsFast("app.handler")

    def test_sample_handlers_find_batch_through_aws_endpoint_url(self):
        # The real sample code under the bootstrap, with boto3 pointed at the mock by env alone.
        batch = MockRuntimeAPI()  # plays stepsim's AWS endpoint
        self.addCleanup(batch.close)
        credentials = {"AWS_ENDPOINT_URL": f"http://{batch.address}",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "test",
                       "AWS_SECRET_ACCESS_KEY": "test", "AWS_SESSION_TOKEN": "test",
                       "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull}
        self.start("submit_job.lambda_handler", task_root=PYTHON_SAMPLE, **credentials)
        kind, _, body = self.api.invoke({"jobName": "poll", "jobQueue": "q", "jobDefinition": "jd"})
        self.assertEqual((kind, body["jobId"], body["jobName"]), ("response", "j-1", "poll"))
        self.assertIn("Submitted job poll with id j-1", self.log())
        self.assertEqual(batch.batch_calls, [
            ("/v1/submitjob", {"jobName": "poll", "jobQueue": "q", "jobDefinition": "jd"})])
        self.start("check_job.lambda_handler", task_root=PYTHON_SAMPLE, **credentials)
        self.assertEqual(self.api.invoke({"jobId": "j-1"})[1:], (mock.ANY, "RUNNING"))
        kind, _, body = self.api.invoke({"jobId": "missing"})
        self.assertEqual((kind, body["errorType"]), ("error", "JobNotFound"))
        self.assertEqual([path for path, _ in batch.batch_calls],
                         ["/v1/submitjob"] + ["/v1/describejobs"] * 2)


@unittest.skipIf(NODE is None, "node is not on PATH: Node bootstrap cases skipped")
class NodeBootstrap(BootstrapCase):
    command = [NODE or "node", str(NODE_BOOTSTRAP)]

    def setUp(self):
        super().setUp()
        self.write("index.js", """
            let calls = 0;
            exports.handler = async (event) => {
              calls += 1;
              console.log('handler saw', JSON.stringify(event));
              return { echo: event, calls };
            };
            exports.boom = async () => {
              throw new TypeError('bad "thing"\\n\\u0001 \\u00fcn\\u00ef');
            };
            exports.callback = (event, context, callback) => {
              setTimeout(() => callback(null, { via: 'callback', n: event.n }), 5);
            };
            exports.callbackError = (event, context, callback) => callback(new Error('cb failed'));
            exports.waits = (event, context, callback) => {
              callback(null, 'done');
              setTimeout(() => console.log('timer after callback ran'), 30);
            };
            exports.legacy = (event, context) => {
              setTimeout(() => context.succeed({ via: 'succeed' }), 5);
            };
            exports.nothing = () => {};
            exports.crash = () => { setTimeout(() => { throw new RangeError('late'); }, 1); };
            exports.reject = () => { Promise.reject(new Error('nobody awaits')); };
            exports.ctx = async (event, context) => ({
              awsRequestId: context.awsRequestId, functionName: context.functionName,
              functionVersion: context.functionVersion,
              invokedFunctionArn: context.invokedFunctionArn,
              memoryLimitInMB: context.memoryLimitInMB, logGroupName: context.logGroupName,
              logStreamName: context.logStreamName, clientContext: context.clientContext,
              identity: context.identity, remaining: context.getRemainingTimeInMillis(),
              waits: context.callbackWaitsForEmptyEventLoop,
              legacy: [typeof context.done, typeof context.succeed, typeof context.fail],
              trace: process.env._X_AMZN_TRACE_ID || null, greeting: process.env.GREETING,
              cwd: process.cwd(),
            });
            """)

    def test_events_in_responses_out_on_one_connection(self):
        self.start("index.handler")
        for n in range(1, 4):
            kind, _, body = self.api.invoke({"n": n})
            self.assertEqual((kind, body), ("response", {"echo": {"n": n}, "calls": n}))
        self.assertLessEqual(self.api.connections, 2)
        self.assertRegex(self.log(), r'\dZ\t[-0-9a-f]{36}\tINFO\thandler saw {"n":3}\n')

    def test_throwing_handler_posts_an_error(self):
        self.start("index.boom")
        kind, headers, body = self.api.invoke({})
        self.assertEqual(kind, "error")
        self.assertEqual(headers["lambda-runtime-function-error-type"], "Unhandled")
        self.assertEqual(body["errorType"], "TypeError")
        self.assertEqual(body["errorMessage"], 'bad "thing"\n\x01 \u00fcn\u00ef')
        self.assertEqual(body["trace"][0], 'TypeError: bad "thing"')
        self.assertIn("/var/task/index.js:", body["stackTrace"][1])
        self.assertNotIn(str(self.task_root), "\n".join(body["trace"]))
        self.assertEqual(body["stackTrace"], body["trace"][1:])
        self.assertIn("Invoke Error", self.log())
        self.assertEqual(self.api.invoke({})[0], "error")  # the worker survives its errors

    def test_callback_styles(self):
        self.start("index.callback")
        self.assertEqual(self.api.invoke({"n": 4})[2], {"via": "callback", "n": 4})
        self.start("index.callbackError")
        kind, _, body = self.api.invoke({})
        self.assertEqual((kind, body["errorType"], body["errorMessage"]),
                         ("error", "Error", "cb failed"))
        self.start("index.legacy")
        self.assertEqual(self.api.invoke({})[2], {"via": "succeed"})
        self.start("index.nothing")
        self.assertEqual(self.api.invoke({})[:3:2], ("response", None))

    def test_callback_waits_for_the_empty_event_loop(self):
        self.start("index.waits")
        self.assertEqual(self.api.invoke({})[2], "done")
        self.assertIn("timer after callback ran", self.log())

    def test_escaped_errors_end_the_worker(self):
        process = self.start("index.crash")
        kind, _, body = self.api.invoke({})
        self.assertEqual((kind, body["errorType"], body["errorMessage"]),
                         ("error", "RangeError", "late"))
        self.assertEqual(process.wait(timeout=WAIT), 129)
        process = self.start("index.reject")
        kind, _, body = self.api.invoke({})
        self.assertEqual((kind, body["errorType"], body["errorMessage"]),
                         ("error", "Runtime.UnhandledPromiseRejection", "Error: nobody awaits"))
        self.assertEqual(process.wait(timeout=WAIT), 128)

    def test_esm_and_cjs_handlers(self):
        self.start("check_job.handler", task_root=NODE_SAMPLE)
        kind, _, body = self.api.invoke({"jobId": "j-1"}, request_id="req-mjs")
        self.assertEqual(kind, "response")
        self.assertTrue(0 < body.pop("remaining") <= 30000)
        self.assertEqual(body, {"status": "echo", "event": {"jobId": "j-1"},
                                "requestId": "req-mjs", "functionName": "fn"})
        self.assertIn('check_job.mjs got {"jobId":"j-1"}', self.log())
        self.write("other.cjs", "module.exports.handler = async (e) => ['cjs', e];\n")
        self.start("other.handler")
        self.assertEqual(self.api.invoke(1)[2], ["cjs", 1])
        self.write("esm/package.json", '{"type": "module"}')
        self.write("esm/main.js", "export const handler = async (e) => ['esm-js', e];\n")
        self.start("esm/main.handler")
        self.assertEqual(self.api.invoke(2)[2], ["esm-js", 2])

    def test_missing_module(self):
        process = self.start("nope.handler")
        self.assertInitError(process, "Runtime.ImportModuleError", "Cannot find module 'nope'")

    def test_missing_handler(self):
        process = self.start("index.nothere")
        self.assertInitError(process, "Runtime.HandlerNotFound",
                             "index.nothere is undefined or not exported")

    def test_syntax_error(self):
        self.write("broken.js", "exports.handler = (;\n")
        self.assertInitError(self.start("broken.handler"), "Runtime.UserCodeSyntaxError",
                             "SyntaxError")

    def test_context(self):
        self.start("index.ctx")
        deadline = int(time.time() * 1000) + 5000
        kind, _, body = self.api.invoke(
            {}, request_id="req-1", Lambda_Runtime_Deadline_Ms=str(deadline),
            Lambda_Runtime_Trace_Id="Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
            Lambda_Runtime_Client_Context='{"custom": {"k": "v"}}',
            Lambda_Runtime_Cognito_Identity='{"cognitoIdentityId": "id-1"}')
        self.assertEqual(kind, "response")
        self.assertTrue(0 < body.pop("remaining") <= 5000)
        self.assertEqual(body, {
            "awsRequestId": "req-1", "functionName": "fn", "functionVersion": "$LATEST",
            "invokedFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:fn",
            "memoryLimitInMB": "256", "logGroupName": "/aws/lambda/fn",
            "logStreamName": "2024/01/01/[$LATEST]0123456789abcdef",
            "clientContext": {"custom": {"k": "v"}}, "identity": {"cognitoIdentityId": "id-1"},
            "waits": True, "legacy": ["function"] * 3,
            "trace": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1", "greeting": "hello",
            "cwd": str(self.task_root)})
        _, _, body = self.api.invoke({})
        self.assertEqual((body["trace"], body.get("clientContext")), (None, None))

    def test_handler_in_a_subdirectory(self):
        self.write("src/lib/tool.js", "exports.run = async (e) => ['sub', e];\n")
        self.start("src/lib/tool.run")
        self.assertEqual(self.api.invoke(7)[2], ["sub", 7])

    def test_exits_when_the_runtime_api_goes_away(self):
        self.assertExitsWhenRuntimeGone("index.handler")

    def test_warm_invocations_are_fast(self):
        self.assertWarmInvocationsFast("index.handler")


class StubBatch:
    def __init__(self):
        self.calls = []

    def submit_job(self, **kwargs):
        self.calls.append(("submit_job", kwargs))
        return {"jobArn": "arn:aws:batch:us-east-1:123456789012:job/j-1",
                "jobName": kwargs["jobName"], "jobId": "j-1",
                "ResponseMetadata": {"HTTPStatusCode": 200}}

    def describe_jobs(self, jobs):
        self.calls.append(("describe_jobs", {"jobs": jobs}))
        return {"jobs": [{"jobId": j, "status": "SUCCEEDED"} for j in jobs if j == "j-1"]}


class SampleHandlers(unittest.TestCase):
    """fakes/job_poller_python in-process, with boto3.client replaced by a stub."""

    def load(self, name):
        self.batch = StubBatch()
        path = PYTHON_SAMPLE / f"{name}.py"
        spec = importlib.util.spec_from_file_location(f"sample_{name}", path)
        module = importlib.util.module_from_spec(spec)
        with mock.patch("boto3.client", return_value=self.batch) as client:
            spec.loader.exec_module(module)
        client.assert_called_once_with("batch")  # no endpoint_url: AWS_ENDPOINT_URL decides
        return module

    def run_handler(self, module, event):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            result = module.lambda_handler(event, None)
        return result, out.getvalue()

    def test_submit_job(self):
        module = self.load("submit_job")
        result, printed = self.run_handler(
            module, {"jobName": "poll", "jobQueue": "q", "jobDefinition": "jd", "wait_time": 5})
        self.assertEqual(result, {"jobArn": "arn:aws:batch:us-east-1:123456789012:job/j-1",
                                  "jobName": "poll", "jobId": "j-1"})
        self.assertEqual(self.batch.calls, [
            ("submit_job", {"jobName": "poll", "jobQueue": "q", "jobDefinition": "jd"})])
        self.assertIn("Submitted job poll with id j-1", printed)
        self.run_handler(module, {"jobName": "p2", "jobQueue": "q", "jobDefinition": "jd",
                                  "parameters": {"a": "1"},
                                  "containerOverrides": {"command": ["echo", "x"]}})
        self.assertEqual(self.batch.calls[1], ("submit_job", {
            "jobName": "p2", "jobQueue": "q", "jobDefinition": "jd", "parameters": {"a": "1"},
            "containerOverrides": {"command": ["echo", "x"]}}))

    def test_check_job(self):
        module = self.load("check_job")
        result, printed = self.run_handler(module, {"jobId": "j-1"})
        self.assertEqual(result, "SUCCEEDED")
        self.assertIn("SUCCEEDED", printed)
        self.assertEqual(self.batch.calls, [("describe_jobs", {"jobs": ["j-1"]})])
        nested = {"jobId": {"jobArn": "arn", "jobName": "poll", "jobId": "j-1"}}
        self.assertEqual(self.run_handler(module, nested)[0], "SUCCEEDED")
        with self.assertRaises(module.JobNotFound) as caught:
            self.run_handler(module, {"jobId": "nope"})
        self.assertIn("nope", str(caught.exception))


if __name__ == "__main__":
    unittest.main()
