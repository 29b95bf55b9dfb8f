"""Python workers forked from one warm template (--warm-runtimes on, the default) are as separate as
fresh interpreters: each function has its own module globals, environment, working directory and
process, its module-level code runs once per worker, and a crash or a timeout replaces only that
worker. Code that brings its own boto3, or variables an interpreter reads at start-up, start cold.
Run with STEPSIM_WARM_RUNTIMES=off too: then every worker is cold and the same holds."""
import base64
import json
import os
import time
import unittest
from pathlib import Path

from stepsim_server import StepsimServer, zip_of

WARM = os.environ.get("STEPSIM_WARM_RUNTIMES", "on") == "on"
ROLE = "arn:aws:iam::123456789012:role/r"

# What a worker reports of itself: whether the SDK was already imported before its own module ran
# (it was forked from the template), its globals, environment and place.
PROBE = """
import sys
SDK_PRELOADED = "boto3" in sys.modules
import json, os
INITS = []
INITS.append(os.getpid())
if os.environ.get("MARK_JSON"):
    json.MARKED_BY = os.environ["AWS_LAMBDA_FUNCTION_NAME"]

def handler(event, context):
    if event.get("crash"):
        os._exit(3)
    if event.get("sleep"):
        import time
        time.sleep(event["sleep"])
    return {"preloaded": SDK_PRELOADED, "inits": len(INITS), "pid": os.getpid(),
            "json_marked_by": getattr(json, "MARKED_BY", None),
            "only_a": os.environ.get("ONLY_A"), "name": os.environ["AWS_LAMBDA_FUNCTION_NAME"],
            "cwd": os.getcwd(), "task_root": os.environ["LAMBDA_TASK_ROOT"],
            "path0": sys.path[0]}
"""


class WarmRuntimes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer("--clock", "manual").__enter__()
        cls.lam = cls.server.client("lambda", read_timeout=60)
        for name, variables in (("a", {"ONLY_A": "yes", "MARK_JSON": "1"}), ("b", {})):
            cls.lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                    Handler="app.handler",
                                    Code={"ZipFile": zip_of({"app.py": f"# {name}\n" + PROBE})},
                                    Timeout=2, Environment={"Variables": variables})

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def invoke(self, name, event=None):
        response = self.lam.invoke(FunctionName=name, Payload=json.dumps(event or {}).encode(),
                                   LogType="Tail")
        return response, json.loads(response["Payload"].read())

    def test_two_functions_from_one_template_share_nothing(self):
        _, a = self.invoke("a")
        _, b = self.invoke("b")
        self.assertEqual((a["preloaded"], b["preloaded"]), (WARM, WARM))
        self.assertNotEqual(a["pid"], b["pid"])
        self.assertEqual((a["json_marked_by"], b["json_marked_by"]), ("a", None))
        self.assertEqual((a["only_a"], b["only_a"]), ("yes", None))
        self.assertEqual((a["name"], b["name"]), ("a", "b"))
        for seen in (a, b):
            self.assertEqual(seen["cwd"], seen["task_root"])
            self.assertEqual(seen["path0"], seen["task_root"])
        self.assertNotEqual(a["cwd"], b["cwd"])

    def test_module_code_runs_once_per_worker_and_init_is_reported(self):
        self.lam.update_function_configuration(FunctionName="b", Description="fresh worker")
        first, seen = self.invoke("b")
        self.assertEqual(seen["inits"], 1)
        self.assertIn("Init Duration", base64.b64decode(first["LogResult"]).decode())
        again, seen_again = self.invoke("b")
        self.assertEqual((seen_again["inits"], seen_again["pid"]), (1, seen["pid"]))
        self.assertNotIn("Init Duration", base64.b64decode(again["LogResult"]).decode())

    def test_what_a_worker_prints_reaches_its_own_log(self):
        # A rest between functions lets the template make a spare, which the next one is given.
        printer = ("import sys\nprint('loaded', __name__)\n"
                   "def handler(event, context):\n"
                   "    print('hello from', context.function_name)\n"
                   "    sys.stderr.write('to stderr\\n')\n"
                   "    raise ValueError('on purpose')\n")
        for k in range(3):
            name = f"printer{k}"
            self.lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE,
                                     Handler="app.handler",
                                     Code={"ZipFile": zip_of({"app.py": f"# {k}\n" + printer})})
            time.sleep(0.5)
            response, body = self.invoke(name)
            log = base64.b64decode(response["LogResult"]).decode()
            self.assertEqual(body["errorType"], "ValueError")
            for line in (f"hello from {name}", "to stderr",
                         "[ERROR] ValueError: on purpose"):
                self.assertIn(line, log)

    def test_a_crash_replaces_only_that_worker(self):
        _, before = self.invoke("a")
        _, other = self.invoke("b")
        crashed, body = self.invoke("a", {"crash": True})
        self.assertEqual(crashed.get("FunctionError"), "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.ExitError")
        self.assertIn("exit status 3", body["errorMessage"])
        _, still = self.invoke("b")
        self.assertEqual(still["pid"], other["pid"])
        _, after = self.invoke("a")
        self.assertNotEqual(after["pid"], before["pid"])
        self.assertEqual(after["inits"], 1)

    def test_a_timeout_replaces_the_worker(self):
        _, before = self.invoke("a")
        timed_out, body = self.invoke("a", {"sleep": 5})
        self.assertEqual(timed_out.get("FunctionError"), "Unhandled")
        self.assertIn("Task timed out after 2.00 seconds", body["errorMessage"])
        _, after = self.invoke("a")
        self.assertNotEqual(after["pid"], before["pid"])


NODE_SDK = Path(__file__).resolve().parent / "js" / "node_modules"
NODE_PROBE = """
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const sdkLoaded = Object.keys(require.cache).some((file) => file.includes('@aws-sdk/client-batch'));
globalThis.inits = (globalThis.inits ?? 0) + 1;
export const handler = async (event, context) => {
  if (event.crash) process.exit(3);
  return { sdkLoaded, inits: globalThis.inits, pid: process.pid, onlyA: process.env.ONLY_A ?? null,
           standby: process.env._STEPSIM_STANDBY ?? null, cwd: process.cwd(),
           taskRoot: process.env.LAMBDA_TASK_ROOT, name: context.functionName };
};
"""


@unittest.skipUnless(NODE_SDK.is_dir(), "the JS SDK is installed by npm ci in tests/clients/js")
class NodeStandby(unittest.TestCase):
    def test_each_node_function_gets_a_worker_of_its_own(self):
        with StepsimServer("--node-sdk-path", str(NODE_SDK)) as server:
            lam = server.client("lambda", read_timeout=60)
            for name, variables in (("a", {"ONLY_A": "yes"}), ("b", {})):
                lam.create_function(
                    FunctionName=name, Runtime="nodejs20.x", Role=ROLE, Handler="index.handler",
                    Code={"ZipFile": zip_of({"index.mjs": f"// {name}\n" + NODE_PROBE})},
                    Environment={"Variables": variables})
            time.sleep(1.5)  # the standby has loaded the SDK

            def invoke(name, event=None):
                response = lam.invoke(FunctionName=name, Payload=json.dumps(event or {}).encode())
                return response, json.loads(response["Payload"].read())

            _, a = invoke("a")
            time.sleep(1.5)
            _, b = invoke("b")
            self.assertEqual((a["sdkLoaded"], b["sdkLoaded"]), (WARM, WARM))
            self.assertNotEqual(a["pid"], b["pid"])
            self.assertEqual((a["onlyA"], b["onlyA"]), ("yes", None))
            self.assertEqual((a["standby"], b["standby"]), (None, None))
            self.assertEqual((a["name"], b["name"]), ("a", "b"))
            for seen in (a, b):
                self.assertEqual(seen["cwd"], seen["taskRoot"])
                self.assertEqual(seen["inits"], 1)
            crashed, body = invoke("a", {"crash": True})
            self.assertEqual(body["errorType"], "Runtime.ExitError")
            _, still = invoke("b")
            self.assertEqual((still["pid"], still["inits"]), (b["pid"], 1))
            _, again = invoke("a")
            self.assertNotEqual(again["pid"], a["pid"])


class StartsCold(unittest.TestCase):
    def test_code_with_its_own_boto3_or_startup_variables_starts_cold(self):
        own_sdk = zip_of({"app.py": "import boto3\ndef handler(e, c):\n    return boto3.WHOSE\n",
                          "boto3/__init__.py": "WHOSE = 'bundled'\n"})
        path_probe = zip_of({"app.py": "import sys\ndef handler(e, c):\n"
                                       "    return '/opt/extra' in sys.path\n"})
        with StepsimServer() as server:
            lam = server.client("lambda", read_timeout=60)
            lam.create_function(FunctionName="own", Runtime="python3.12", Role=ROLE,
                                Handler="app.handler", Code={"ZipFile": own_sdk})
            lam.create_function(FunctionName="pythonpath", Runtime="python3.12", Role=ROLE,
                                Handler="app.handler", Code={"ZipFile": path_probe},
                                Environment={"Variables": {"PYTHONPATH": "/opt/extra"}})
            self.assertEqual(json.loads(lam.invoke(FunctionName="own")["Payload"].read()),
                             "bundled")
            self.assertIs(json.loads(lam.invoke(FunctionName="pythonpath")["Payload"].read()),
                          True)


if __name__ == "__main__":
    unittest.main()
