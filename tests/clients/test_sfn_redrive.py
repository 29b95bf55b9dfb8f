"""RedriveExecution through boto3: a failed execution continues from the failed state with the
same ARN and input, DescribeExecution's redrive fields, client-token idempotency, and the cases
AWS refuses (ExecutionNotRedrivable)."""
import json
import unittest

from stepsim_server import StepsimServer, empty_zip

ROLE = "arn:aws:iam::123456789012:role/sfn-role"


class RedriveExecution(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer("--clock", "manual")
        self.server.__enter__()
        self.sfn = self.server.client("stepfunctions")
        self.lam = self.server.client("lambda")
        self.lam.create_function(FunctionName="Flaky", Runtime="python3.12", Role=ROLE,
                                 Handler="fake:echo", Code={"ZipFile": empty_zip()})
        fn = "arn:aws:lambda:us-east-1:123456789012:function:Flaky"
        definition = {"StartAt": "Prepare", "States": {
            "Prepare": {"Type": "Pass", "Result": 1, "ResultPath": "$.prepared", "Next": "Call"},
            "Call": {"Type": "Task", "Resource": fn, "ResultPath": "$.called", "End": True}}}
        self.machine = self.sfn.create_state_machine(
            name="flaky", definition=json.dumps(definition), roleArn=ROLE)["stateMachineArn"]

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def error(self, call, **kwargs):
        with self.assertRaises(self.sfn.exceptions.ClientError) as caught:
            call(**kwargs)
        return caught.exception.response["Error"]["Code"], caught.exception.response["Error"]["Message"]

    def script_first_call_to_throw(self):
        status, body = self.server.control("POST", "/_stepsim/lambda/responses", {
            "functionName": "Flaky",
            "responses": {"0": {"Throw": {"Error": "Flaky.Broken", "Cause": "first call"}}}})
        self.assertEqual(status, 200, body)

    def history_types(self, arn):
        return [e["type"] for e in self.sfn.get_execution_history(executionArn=arn,
                                                                   maxResults=1000)["events"]]

    def test_failed_execution_redrives_from_the_failed_state(self):
        self.script_first_call_to_throw()
        arn = self.sfn.start_execution(stateMachineArn=self.machine, name="run-1",
                                       input='{"job": 7}')["executionArn"]
        failed = self.sfn.describe_execution(executionArn=arn)
        self.assertEqual((failed["status"], failed["error"]), ("FAILED", "Flaky.Broken"))
        self.assertEqual((failed["redriveStatus"], failed["redriveCount"]), ("REDRIVABLE", 0))
        before = len(self.history_types(arn))

        self.server.clock(advanceSeconds=120)
        answer = self.sfn.redrive_execution(executionArn=arn, clientToken="try-2")
        redriven = self.sfn.describe_execution(executionArn=arn)
        self.assertEqual(redriven["status"], "SUCCEEDED")
        self.assertEqual(json.loads(redriven["output"]),
                         {"job": 7, "prepared": 1, "called": {"job": 7, "prepared": 1}})
        self.assertEqual(redriven["redriveCount"], 1)
        self.assertEqual(redriven["redriveDate"], answer["redriveDate"])
        self.assertEqual((redriven["startDate"] - failed["startDate"]).total_seconds(), 0)
        self.assertEqual((answer["redriveDate"] - failed["startDate"]).total_seconds(), 120)
        self.assertEqual(redriven["redriveStatus"], "NOT_REDRIVABLE")
        self.assertEqual(redriven["redriveStatusReason"],
                         "Execution is SUCCEEDED and cannot be redriven")
        self.assertNotIn("error", redriven)

        types = self.history_types(arn)
        self.assertEqual(types[before:], ["ExecutionRedriven", "TaskStateEntered",
                                          "LambdaFunctionScheduled", "LambdaFunctionStarted",
                                          "LambdaFunctionSucceeded", "TaskStateExited",
                                          "ExecutionSucceeded"])
        self.assertEqual(types.count("PassStateEntered"), 1)  # Prepare ran once
        events = self.sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]
        redriven_event = next(e for e in events if e["type"] == "ExecutionRedriven")
        self.assertEqual(redriven_event["executionRedrivenEventDetails"], {"redriveCount": 1})
        self.assertEqual([e["id"] for e in events], list(range(1, len(events) + 1)))

        # The same client token answers again without redriving; a new one is refused now.
        again = self.sfn.redrive_execution(executionArn=arn, clientToken="try-2")
        self.assertEqual(again["redriveDate"], answer["redriveDate"])
        code, message = self.error(self.sfn.redrive_execution, executionArn=arn,
                                   clientToken="try-3")
        self.assertEqual(code, "ExecutionNotRedrivable")
        self.assertIn("SUCCEEDED", message)

    def test_refusals(self):
        waiting = self.sfn.create_state_machine(name="waits", roleArn=ROLE, definition=json.dumps(
            {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": True}}}))
        arn = self.sfn.start_execution(stateMachineArn=waiting["stateMachineArn"])["executionArn"]
        self.assertEqual(self.error(self.sfn.redrive_execution, executionArn=arn)[0],
                         "ExecutionNotRedrivable")
        described = self.sfn.describe_execution(executionArn=arn)
        self.assertEqual(described["redriveStatusReason"],
                         "Execution is RUNNING and cannot be redriven")
        # Stopped: redrivable, and it waits the full minute again.
        self.sfn.stop_execution(executionArn=arn)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["redriveStatus"],
                         "REDRIVABLE")
        self.sfn.redrive_execution(executionArn=arn)
        self.server.clock(advanceSeconds=59)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "RUNNING")
        self.server.clock(advanceSeconds=1)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "SUCCEEDED")

        # After 14 days a failed execution can no longer be redriven.
        self.script_first_call_to_throw()
        old = self.sfn.start_execution(stateMachineArn=self.machine)["executionArn"]
        self.server.clock(advanceSeconds=14 * 24 * 3600 + 1)
        self.assertEqual(self.sfn.describe_execution(executionArn=old)["redriveStatusReason"],
                         "Execution redrivable period exceeded")
        self.assertEqual(self.error(self.sfn.redrive_execution, executionArn=old)[0],
                         "ExecutionNotRedrivable")

        missing = "arn:aws:states:us-east-1:123456789012:execution:flaky:nope"
        self.assertEqual(self.error(self.sfn.redrive_execution, executionArn=missing)[0],
                         "ExecutionDoesNotExist")
        self.assertEqual(self.error(self.sfn.redrive_execution, executionArn="not-an-arn")[0],
                         "InvalidArn")


if __name__ == "__main__":
    unittest.main()
