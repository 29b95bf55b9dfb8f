"""Step Functions Local's mock config through boto3: the AWS documentation's LambdaSQSIntegration
example (its definition and MockConfigFile.json, unchanged, in data/mock_config/) run as
`<state machine ARN>#<TestCase>` on the virtual clock; `--mock-config` and SFN_MOCK_CONFIG; a bad
file stopping the server before it listens."""
import json
import os
import subprocess
import tempfile
import unittest

from stepsim_server import STEPSIM_BIN, StepsimServer

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "mock_config")
MOCK_CONFIG = os.path.join(DATA, "MockConfigFile.json")
ROLE = "arn:aws:iam::123456789012:role/service-role/LambdaSQSIntegration"

with open(os.path.join(DATA, "LambdaSQSIntegration.asl.json")) as f:
    DEFINITION = f.read()
with open(MOCK_CONFIG) as f:
    RESPONSES = json.load(f)["MockedResponses"]


class MockedExecutions(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer("--clock", "manual", "--mock-config", MOCK_CONFIG)
        self.server.__enter__()
        self.sfn = self.server.client("stepfunctions")
        self.machine = self.create_machine()

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def create_machine(self):
        return self.sfn.create_state_machine(name="LambdaSQSIntegration", definition=DEFINITION,
                                             roleArn=ROLE)["stateMachineArn"]

    def history(self, arn):
        return self.sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]

    def test_happy_path_answers_both_states_from_the_mocks(self):
        started = self.sfn.start_execution(stateMachineArn=self.machine + "#HappyPath",
                                           name="executionWithHappyPathMockedServices")
        self.assertEqual(started["executionArn"],
                         "arn:aws:states:us-east-1:123456789012:execution:LambdaSQSIntegration:"
                         "executionWithHappyPathMockedServices")
        described = self.sfn.describe_execution(executionArn=started["executionArn"])
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(described["stateMachineArn"], self.machine)
        self.assertEqual(json.loads(described["output"]), RESPONSES["MockedSQSSuccess"]["0"]["Return"])

        events = self.history(started["executionArn"])
        succeeded = [e["taskSucceededEventDetails"] for e in events if e["type"] == "TaskSucceeded"]
        self.assertEqual([(s["resourceType"], s["resource"]) for s in succeeded],
                         [("lambda", "invoke"), ("sqs", "sendMessage")])
        lambda_return = RESPONSES["MockedLambdaSuccess"]["0"]["Return"]
        self.assertEqual(json.loads(succeeded[0]["output"]), lambda_return)
        # LambdaState's result is SQSState's input, as a real result would be.
        sqs_entered = [e for e in events if e["type"] == "TaskStateEntered"][1]
        self.assertEqual(json.loads(sqs_entered["stateEnteredEventDetails"]["input"]), lambda_return)

    def test_retry_path_fails_three_times_with_backoff_on_the_virtual_clock(self):
        arn = self.sfn.start_execution(stateMachineArn=self.machine + "#RetryPath",
                                       name="retry")["executionArn"]
        self.server.clock(advanceSeconds=13)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "RUNNING")
        self.server.clock(advanceSeconds=1)
        described = self.sfn.describe_execution(executionArn=arn)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), RESPONSES["MockedSQSSuccess"]["0"]["Return"])

        events = self.history(arn)
        t0 = events[0]["timestamp"]

        def seconds(event):
            return round((event["timestamp"] - t0).total_seconds(), 3)

        failed = [e for e in events if e["type"] == "TaskFailed"]
        self.assertEqual([seconds(e) for e in failed], [0, 2, 6])
        self.assertEqual([e["taskFailedEventDetails"]["error"] for e in failed],
                         ["Lambda.ResourceNotReadyException", "Lambda.TimeoutException",
                          "Lambda.TimeoutException"])
        self.assertEqual([e["taskFailedEventDetails"]["cause"] for e in failed],
                         ["Lambda resource is not ready.", "Lambda timed out.", "Lambda timed out."])
        # Retried after 2, 4 and 8 s (IntervalSeconds 2, BackoffRate 2); then SQSState at once.
        scheduled = [seconds(e) for e in events if e["type"] == "TaskScheduled"]
        self.assertEqual(scheduled, [0, 2, 6, 14, 14])
        self.assertEqual([seconds(e) for e in events if e["type"] == "TaskSucceeded"], [14, 14])

    def test_hybrid_path_runs_the_unmocked_state_which_stepsim_does_not_emulate(self):
        arn = self.sfn.start_execution(stateMachineArn=self.machine + "#HybridPath",
                                       name="hybrid")["executionArn"]
        described = self.sfn.describe_execution(executionArn=arn)
        self.assertEqual((described["status"], described["error"]), ("FAILED", "States.Runtime"))
        self.assertIn("stepsim does not emulate arn:aws:states:::sqs:sendMessage", described["cause"])
        types = [e["type"] for e in self.history(arn)]
        self.assertEqual(types[-3:], ["TaskScheduled", "TaskStartFailed", "ExecutionFailed"])

    def test_unknown_test_case_is_refused(self):
        with self.assertRaises(self.sfn.exceptions.InvalidArn) as caught:
            self.sfn.start_execution(stateMachineArn=self.machine + "#SadPath")
        self.assertIn("no test case 'SadPath'", caught.exception.response["Error"]["Message"])
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_reset_keeps_the_mock_config(self):
        status, body = self.server.control("POST", "/_stepsim/reset")
        self.assertEqual(status, 200, body)
        machine = self.create_machine()
        arn = self.sfn.start_execution(stateMachineArn=machine + "#HappyPath")["executionArn"]
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "SUCCEEDED")


class LoadingTheFile(unittest.TestCase):
    def serve(self, *args, env=None):
        """Runs `stepsim serve` expecting it to refuse to start: (exit code, stdout, stderr)."""
        process = subprocess.run([STEPSIM_BIN, "serve", "--port", "0", *args], capture_output=True,
                                 text=True, timeout=30,
                                 env=None if env is None else {**os.environ, **env})
        return process.returncode, process.stdout, process.stderr

    def bad_file(self, text):
        handle, path = tempfile.mkstemp(suffix=".json")
        with os.fdopen(handle, "w") as f:
            f.write(text)
        self.addCleanup(os.remove, path)
        return path

    def test_a_bad_mock_config_stops_the_server_before_it_listens(self):
        path = self.bad_file(json.dumps({"StateMachines": {}, "MockedResponses": {
            "R": {"0": {"Return": 1}, "0-1": {"Return": 2}}}}))
        code, out, err = self.serve("--mock-config", path)
        self.assertEqual(code, 2)
        self.assertEqual(out, "")
        self.assertIn(f"stepsim: {path}:1: /MockedResponses/R/0-1: overlaps", err)

    def test_a_syntax_error_names_its_line(self):
        path = self.bad_file('{\n  "StateMachines": {},\n  "MockedResponses": {,}\n}\n')
        code, out, err = self.serve("--mock-config", path)
        self.assertEqual((code, out), (2, ""))
        self.assertIn(f"stepsim: {path}:3: not JSON", err)

    def test_sfn_mock_config_environment_variable(self):
        with StepsimServer(env={"SFN_MOCK_CONFIG": MOCK_CONFIG}) as server:
            sfn = server.client("stepfunctions")
            machine = sfn.create_state_machine(name="LambdaSQSIntegration", definition=DEFINITION,
                                               roleArn=ROLE)["stateMachineArn"]
            arn = sfn.start_execution(stateMachineArn=machine + "#HappyPath")["executionArn"]
            self.assertEqual(sfn.describe_execution(executionArn=arn)["status"], "SUCCEEDED")
        # A bad file named by the variable stops the server too; the flag wins over the variable.
        bad = self.bad_file("[]")
        code, _, err = self.serve(env={"SFN_MOCK_CONFIG": bad})
        self.assertEqual(code, 2)
        self.assertIn(f"stepsim: {bad}: must be an object", err)
        with StepsimServer("--mock-config", MOCK_CONFIG, env={"SFN_MOCK_CONFIG": bad}):
            pass


if __name__ == "__main__":
    unittest.main()
