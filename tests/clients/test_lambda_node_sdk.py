"""Node functions import the AWS SDK for JavaScript v3 as AWS's nodejs18+ runtimes let them: the
SDK stepsim is given (--node-sdk-path) or finds from where it runs, for ES modules and CommonJS
alike, with the function's own node_modules first; without one, the import error says how to give
it."""
import json
import os
import pathlib
import subprocess
import tempfile
import time
import unittest

from batch_world import create_world
from stepsim_server import STEPSIM_BIN, StepsimServer, zip_of

ROOT = pathlib.Path(__file__).resolve().parents[2]
SDK = ROOT / "tests" / "clients" / "js" / "node_modules"  # the JS client tests' dependencies

ESM_HANDLER = """
import { BatchClient, DescribeJobQueuesCommand } from "@aws-sdk/client-batch";
const batch = new BatchClient({});
export const handler = async () => {
  const { jobQueues } = await batch.send(new DescribeJobQueuesCommand({}));
  return { queues: jobQueues.map((q) => q.jobQueueName) };
};
"""
CJS_HANDLER = """
const { BatchClient, DescribeJobQueuesCommand } = require("@aws-sdk/client-batch");
exports.handler = async () => {
  const { jobQueues } = await new BatchClient({}).send(new DescribeJobQueuesCommand({}));
  return { count: jobQueues.length };
};
"""


def run_job_poller(server, code):
    """The classic poller over `code` (SubmitJob and CheckJob handlers) on a 60-second job."""
    lam, sfn = server.client("lambda"), server.client("stepfunctions")
    create_world(server.client("batch"), queue="SampleJobQueue", definition="SampleJobDefinition")
    status, body = server.control("POST", "/_stepsim/batch/lifecycles", {"rules": [
        {"match": {}, "steps": [{"status": "RUNNING", "seconds": 590}, {"status": "SUCCEEDED"}]}]})
    assert status == 200, body
    for name, handler in (("SubmitJob", "submit_job.handler"), ("CheckJob", "check_job.handler")):
        lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler=handler,
                            Role="arn:aws:iam::123456789012:role/fn", Timeout=30,
                            Code={"ZipFile": code})
    definition = (ROOT / "scenarios" / "job_poller" / "classic.asl.json").read_text()
    arn = sfn.create_state_machine(name="poller", definition=definition,
                                   roleArn="arn:aws:iam::123456789012:role/sfn")["stateMachineArn"]
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps({
        "jobName": "node-job", "jobQueue": "SampleJobQueue",
        "jobDefinition": "SampleJobDefinition", "wait_time": 60}))
    deadline = time.time() + 60
    while time.time() < deadline:
        described = sfn.describe_execution(executionArn=execution["executionArn"])
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.05)
    raise AssertionError("the poller is still running")


def create_queue(server):
    batch = server.client("batch")
    batch.create_compute_environment(
        computeEnvironmentName="ce", type="MANAGED",
        computeResources={"type": "FARGATE", "maxvCpus": 4, "subnets": ["subnet-1"]})
    batch.create_job_queue(jobQueueName="node-queue", priority=1,
                           computeEnvironmentOrder=[{"order": 1, "computeEnvironment": "ce"}])


def invoke(server, name, files, handler):
    lam = server.client("lambda")
    lam.create_function(FunctionName=name, Runtime="nodejs20.x", Handler=handler,
                        Role="arn:aws:iam::123456789012:role/fn", Timeout=30,
                        Code={"ZipFile": zip_of(files)})
    response = lam.invoke(FunctionName=name)
    return response, json.loads(response["Payload"].read())


@unittest.skipUnless((SDK / "@aws-sdk" / "client-batch").is_dir(),
                     "the JS client tests' npm dependencies are not installed")
class NodeSdk(unittest.TestCase):
    def test_es_modules_and_commonjs_import_the_sdk_given_by_flag(self):
        with StepsimServer("--node-sdk-path", str(SDK)) as server:
            create_queue(server)
            response, body = invoke(server, "esm", {"index.mjs": ESM_HANDLER}, "index.handler")
            self.assertNotIn("FunctionError", response, body)
            self.assertEqual(body, {"queues": ["node-queue"]})
            response, body = invoke(server, "cjs", {"index.js": CJS_HANDLER}, "index.handler")
            self.assertNotIn("FunctionError", response, body)
            self.assertEqual(body, {"count": 1})

    def test_the_job_poller_runs_with_node_handlers_that_import_the_sdk(self):
        directory = ROOT / "fakes" / "job_poller_nodejs"
        code = zip_of({name: (directory / name).read_text()
                       for name in ("submit_job.mjs", "check_job.mjs")})
        with StepsimServer("--node-sdk-path", str(SDK)) as server:
            described = run_job_poller(server, code)
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(json.loads(described["output"]), "SUCCEEDED")
            _, scripts = server.control("GET", "/_stepsim/lambda/responses")
            counts = {f["functionName"]: f["invocations"] for f in scripts["functions"]}
            self.assertEqual(counts, {"SubmitJob": 1, "CheckJob": 11})

    def test_a_functions_own_node_modules_come_first(self):
        own = {
            "index.js": CJS_HANDLER,
            "node_modules/@aws-sdk/client-batch/package.json":
                '{"name": "@aws-sdk/client-batch", "main": "index.js"}',
            "node_modules/@aws-sdk/client-batch/index.js":
                "exports.DescribeJobQueuesCommand = class {};\n"
                "exports.BatchClient = class { async send() { return {jobQueues: [1, 2, 3]}; } };\n",
        }
        with StepsimServer("--node-sdk-path", str(SDK)) as server:
            response, body = invoke(server, "bundled", own, "index.handler")
        self.assertNotIn("FunctionError", response, body)
        self.assertEqual(body, {"count": 3})

    def test_the_sdk_is_found_from_the_working_directory(self):
        with tempfile.TemporaryDirectory() as project:
            os.symlink(SDK, os.path.join(project, "node_modules"))
            nested = os.path.join(project, "tests", "integration")
            os.makedirs(nested)
            previous = os.getcwd()
            os.chdir(nested)  # the server starts here and looks upward, as Node would
            try:
                with StepsimServer() as server:
                    create_queue(server)
                    response, body = invoke(server, "esm", {"index.mjs": ESM_HANDLER},
                                            "index.handler")
            finally:
                os.chdir(previous)
            self.assertNotIn("FunctionError", response, body)
            self.assertEqual(body, {"queues": ["node-queue"]})

    def test_without_an_sdk_the_import_error_names_the_flag(self):
        previous = os.getcwd()
        with tempfile.TemporaryDirectory() as empty:
            os.chdir(empty)
            try:
                with StepsimServer() as server:
                    response, body = invoke(server, "esm", {"index.mjs": ESM_HANDLER},
                                            "index.handler")
            finally:
                os.chdir(previous)
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(body["errorType"], "Runtime.ImportModuleError")
        self.assertIn("@aws-sdk/client-batch", body["errorMessage"])
        self.assertIn("--node-sdk-path", body["errorMessage"])

    def test_a_path_without_the_sdk_is_refused_before_serving(self):
        with tempfile.TemporaryDirectory() as empty:
            result = subprocess.run([STEPSIM_BIN, "serve", "--port", "0", "--node-sdk-path", empty],
                                    capture_output=True, text=True, timeout=30)
        self.assertNotEqual(result.returncode, 0)
        self.assertEqual(result.stdout, "")  # it never listened
        self.assertIn("neither it nor its node_modules holds @aws-sdk", result.stderr)


if __name__ == "__main__":
    unittest.main()
