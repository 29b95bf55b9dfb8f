"""The Step Functions API through boto3: state machines, executions, histories, validation,
StartSyncExecution, task tokens, tags, and the modeled errors of bad requests."""
import json
import unittest

from botocore.config import Config

from stepsim_server import StepFunctionsTestCase

ROLE = "arn:aws:iam::123456789012:role/sfn-role"
PASS = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
WAIT = json.dumps({"StartAt": "W", "States": {
    "W": {"Type": "Wait", "Seconds": 30, "Next": "Done"},
    "Done": {"Type": "Pass", "Result": {"waited": True}, "End": True}}})


class StepFunctionsApi(StepFunctionsTestCase):
    def machine(self, name="m", definition=PASS, **extra):
        return self.sfn.create_state_machine(name=name, definition=definition, roleArn=ROLE,
                                             **extra)["stateMachineArn"]

    def test_state_machine_lifecycle(self):
        arn = self.machine(tags=[{"key": "team", "value": "batch"}])
        self.assertEqual(arn, "arn:aws:states:us-east-1:123456789012:stateMachine:m")
        # Idempotent with the same definition; a different one is a conflict.
        self.assertEqual(self.machine(), arn)
        self.assertEqual(self.error(self.sfn.create_state_machine, name="m", definition=WAIT,
                                    roleArn=ROLE)[0], "StateMachineAlreadyExists")
        described = self.sfn.describe_state_machine(stateMachineArn=arn)
        self.assertEqual((described["name"], described["type"], described["status"]),
                         ("m", "STANDARD", "ACTIVE"))
        self.assertEqual(json.loads(described["definition"]), json.loads(PASS))
        # As on AWS, a machine has no revisionId until its first update.
        self.assertNotIn("revisionId", described)

        execution = self.sfn.start_execution(stateMachineArn=arn, name="before")["executionArn"]
        updated = self.sfn.update_state_machine(stateMachineArn=arn, definition=WAIT)
        self.assertRegex(updated["revisionId"], r"^[0-9a-f-]{36}$")
        self.assertEqual(self.sfn.describe_state_machine(stateMachineArn=arn)["revisionId"],
                         updated["revisionId"])
        for_execution = self.sfn.describe_state_machine_for_execution(executionArn=execution)
        self.assertNotIn("revisionId", for_execution)  # the execution kept the first revision
        self.assertEqual(json.loads(for_execution["definition"]), json.loads(PASS))
        # The same definition and role again is the same revision; a change is a new one.
        again = self.sfn.update_state_machine(stateMachineArn=arn, definition=WAIT, roleArn=ROLE)
        self.assertEqual(again["revisionId"], updated["revisionId"])
        changed = self.sfn.update_state_machine(stateMachineArn=arn, definition=PASS)
        self.assertNotEqual(changed["revisionId"], updated["revisionId"])

        names = [m["name"] for m in self.sfn.list_state_machines()["stateMachines"]]
        self.assertEqual(names, ["m"])
        self.assertEqual(self.sfn.list_tags_for_resource(resourceArn=arn)["tags"],
                         [{"key": "team", "value": "batch"}])
        self.sfn.untag_resource(resourceArn=arn, tagKeys=["team"])
        self.assertEqual(self.sfn.list_tags_for_resource(resourceArn=arn)["tags"], [])
        self.sfn.delete_state_machine(stateMachineArn=arn)
        self.assertEqual(self.error(self.sfn.describe_state_machine, stateMachineArn=arn)[0],
                         "StateMachineDoesNotExist")
        # The execution outlives its machine.
        self.assertEqual(self.sfn.describe_execution(executionArn=execution)["status"], "SUCCEEDED")

    def test_executions_on_the_virtual_clock(self):
        arn = self.machine(definition=WAIT)
        started = self.sfn.start_execution(stateMachineArn=arn, name="e1", input='{"a": 1}')
        # Same name and input while running: the same execution; different input: a conflict.
        again = self.sfn.start_execution(stateMachineArn=arn, name="e1", input='{"a": 1}')
        self.assertEqual(again["executionArn"], started["executionArn"])
        self.assertEqual(self.error(self.sfn.start_execution, stateMachineArn=arn, name="e1",
                                    input='{"a": 2}')[0], "ExecutionAlreadyExists")
        other = self.sfn.start_execution(stateMachineArn=arn)["executionArn"]
        self.assertRegex(other.rsplit(":", 1)[1], r"^[0-9a-f-]{36}$")

        self.assertEqual(self.sfn.describe_execution(executionArn=started["executionArn"])["status"],
                         "RUNNING")
        self.server.clock(advanceSeconds=30)
        described = self.sfn.describe_execution(executionArn=started["executionArn"])
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"waited": True})
        self.assertEqual((described["stopDate"] - described["startDate"]).total_seconds(), 30)

        stopped = self.sfn.start_execution(stateMachineArn=arn, name="e3")["executionArn"]
        self.sfn.stop_execution(executionArn=stopped, error="Manual", cause="testing")
        described = self.sfn.describe_execution(executionArn=stopped)
        self.assertEqual((described["status"], described["error"], described["cause"]),
                         ("ABORTED", "Manual", "testing"))

        listed = self.sfn.list_executions(stateMachineArn=arn)["executions"]
        self.assertEqual([e["name"] for e in listed][0], "e3")  # newest first
        succeeded = self.sfn.list_executions(stateMachineArn=arn, statusFilter="SUCCEEDED")
        self.assertEqual([e["name"] for e in succeeded["executions"]], [other.rsplit(":", 1)[1], "e1"])
        page = self.sfn.list_executions(stateMachineArn=arn, maxResults=1)
        self.assertEqual(len(page["executions"]), 1)
        self.assertIn("nextToken", page)
        rest = self.sfn.list_executions(stateMachineArn=arn, maxResults=5, nextToken=page["nextToken"])
        self.assertEqual(len(rest["executions"]), 2)

        history = self.sfn.get_execution_history(executionArn=started["executionArn"])["events"]
        self.assertEqual([e["type"] for e in history],
                         ["ExecutionStarted", "WaitStateEntered", "WaitStateExited",
                          "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        reverse = self.sfn.get_execution_history(executionArn=started["executionArn"],
                                                 reverseOrder=True, includeExecutionData=False)
        self.assertEqual(reverse["events"][0]["type"], "ExecutionSucceeded")
        self.assertNotIn("output", reverse["events"][0]["executionSucceededEventDetails"])
        paged = self.sfn.get_execution_history(executionArn=started["executionArn"], maxResults=4)
        self.assertEqual(len(paged["events"]), 4)
        tail = self.sfn.get_execution_history(executionArn=started["executionArn"],
                                              nextToken=paged["nextToken"])
        self.assertEqual([e["id"] for e in tail["events"]], [5, 6])

    def test_validation_and_bad_definitions(self):
        bad = json.dumps({"StartAt": "A", "States": {
            "A": {"Type": "Pass", "Next": "Nowhere"},
            "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:publish", "End": True}}})
        code, message = self.error(self.sfn.create_state_machine, name="bad", definition=bad,
                                   roleArn=ROLE)
        self.assertEqual(code, "InvalidDefinition")
        self.assertIn("MISSING_TRANSITION_TARGET: Missing 'Next' target: Nowhere at /States/A/Next",
                      message)
        self.assertIn("arn:aws:states:::lambda:publish", message)
        result = self.sfn.validate_state_machine_definition(definition=bad)
        self.assertEqual(result["result"], "FAIL")
        locations = {d["location"] for d in result["diagnostics"]}
        self.assertIn("/States/A/Next", locations)
        self.assertIn("/States/B/Resource", locations)
        self.assertEqual(self.sfn.validate_state_machine_definition(definition=PASS)["result"], "OK")
        self.assertEqual(self.error(self.sfn.create_state_machine, name="x", definition="{not json",
                                    roleArn=ROLE)[0], "InvalidDefinition")

    def test_modeled_errors(self):
        arn = self.machine()
        missing = "arn:aws:states:us-east-1:123456789012:execution:m:nope"
        cases = [
            (self.sfn.describe_state_machine, {"stateMachineArn": "not-an-arn"}, "InvalidArn"),
            (self.sfn.describe_state_machine, {"stateMachineArn": arn + "x"}, "StateMachineDoesNotExist"),
            (self.sfn.describe_execution, {"executionArn": missing}, "ExecutionDoesNotExist"),
            (self.sfn.describe_execution, {"executionArn": arn}, "InvalidArn"),
            (self.sfn.start_execution, {"stateMachineArn": arn, "input": "{oops"}, "InvalidExecutionInput"),
            (self.sfn.start_execution, {"stateMachineArn": arn, "input": '"' + "x" * 262144 + '"'},
             "ValidationException"),
            (self.sfn.start_execution, {"stateMachineArn": arn, "name": "bad name"}, "InvalidName"),
            (self.sfn.create_state_machine, {"name": "a/b", "definition": PASS, "roleArn": ROLE},
             "InvalidName"),
            (self.sfn.create_state_machine, {"name": "r", "definition": PASS, "roleArn": "role"},
             "InvalidArn"),
            (self.sfn.list_executions, {"stateMachineArn": arn, "nextToken": "garbage"}, "InvalidToken"),
            (self.sfn.send_task_success, {"taskToken": "nope", "output": "{}"}, "InvalidToken"),
            (self.sfn.send_task_success, {"taskToken": "00000000-0000-4000-8000-000000000000",
                                          "output": "{}"}, "TaskDoesNotExist"),
            (self.sfn.list_executions, {"stateMachineArn": arn, "statusFilter": "NOPE"},
             "ValidationException"),
        ]
        for call, kwargs, expected in cases:
            with self.subTest(expected=expected, kwargs=str(kwargs)[:80]):
                self.assertEqual(self.error(call, **kwargs)[0], expected)

    def test_error_messages_read_as_aws_writes_them(self):
        arn = self.machine()
        # Text that is no ARN, and an ARN of the wrong kind, are told apart.
        self.assertEqual(self.error(self.sfn.describe_execution, executionArn="plain-text"),
                         ("InvalidArn", "Invalid Arn: 'Invalid ARN prefix: plain-text'"))
        self.assertEqual(self.error(self.sfn.describe_execution, executionArn=arn),
                         ("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: "
                                        + arn + "'"))
        for call, kwargs in [(self.sfn.create_activity, {"name": "a b"}),
                             (self.sfn.start_execution, {"stateMachineArn": arn, "name": "a b"})]:
            self.assertEqual(self.error(call, **kwargs), ("InvalidName", "Invalid Name: 'a b'"))

    def test_logging_configuration_is_checked_and_completed(self):
        self.assertEqual(self.error(self.sfn.create_state_machine, name="loud", definition=PASS,
                                    roleArn=ROLE, loggingConfiguration={"level": "ERROR"}),
                         ("InvalidLoggingConfiguration",
                          "Invalid Logging Configuration: Must specify exactly one Log Destination."))
        arn = self.machine(name="quiet", loggingConfiguration={"destinations": []})
        self.assertEqual(self.sfn.describe_state_machine(stateMachineArn=arn)["loggingConfiguration"],
                         {"level": "OFF", "includeExecutionData": False})
        code, message = self.error(self.sfn.update_state_machine, stateMachineArn=arn)
        self.assertEqual(message, "Either the definition, the role ARN, the LoggingConfiguration, "
                                  "or the TracingConfiguration must be specified")

    def test_listed_executions_carry_their_redrive_count(self):
        arn = self.machine()
        self.sfn.start_execution(stateMachineArn=arn, name="once")
        [item] = self.sfn.list_executions(stateMachineArn=arn)["executions"]
        self.assertEqual((item["name"], item["status"], item["redriveCount"]), ("once", "SUCCEEDED", 0))

    def test_duplicate_state_names_across_branches(self):
        dup = json.dumps({"StartAt": "P", "States": {
            "P": {"Type": "Parallel", "Next": "X", "Branches": [
                {"StartAt": "X", "States": {"X": {"Type": "Pass", "End": True}}}]},
            "X": {"Type": "Pass", "End": True}}})
        code, message = self.error(self.sfn.create_state_machine, name="dup", definition=dup,
                                   roleArn=ROLE)
        self.assertEqual(code, "InvalidDefinition")
        self.assertIn("DUPLICATE_STATE_NAME: Duplicate State name: X at /States/P/Branches[0]/States/X",
                      message)
        result = self.sfn.validate_state_machine_definition(definition=dup)
        self.assertEqual(result["result"], "FAIL")
        self.assertEqual([(d["code"], d["location"]) for d in result["diagnostics"]],
                         [("DUPLICATE_STATE_NAME", "/States/P/Branches[0]/States/X")])

    def test_express_machines_refuse_sync_and_task_tokens(self):
        sync = json.dumps({"StartAt": "S", "States": {"S": {
            "Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync", "End": True}}})
        code, message = self.error(self.sfn.create_state_machine, name="x", definition=sync,
                                   roleArn=ROLE, type="EXPRESS")
        self.assertEqual(code, "InvalidDefinition")
        self.assertIn("Express state machine does not support '.sync' service integration at "
                      "/States/S/Resource", message)
        self.assertEqual(self.sfn.validate_state_machine_definition(
            definition=sync, type="EXPRESS")["result"], "FAIL")
        self.assertEqual(self.sfn.validate_state_machine_definition(definition=sync)["result"], "OK")

    def test_express_executions_are_not_kept_for_the_standard_operations(self):
        # As recorded against AWS: ListExecutions refuses an EXPRESS machine, and the operations
        # on one execution refuse an express execution ARN (whether it exists or not).
        express = self.machine(name="fast", type="EXPRESS")
        started = self.sfn.start_execution(stateMachineArn=express, name="run")["executionArn"]
        self.assertRegex(started, r"^arn:aws:states:us-east-1:123456789012:express:fast:run:"
                                  r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
        self.assertEqual(self.error(self.sfn.list_executions, stateMachineArn=express),
                         ("StateMachineTypeNotSupported",
                          "This operation is not supported by this type of state machine"))
        refused = ("InvalidArn", "Invalid Arn: 'Resource type not valid in this context: express'")
        unknown = "arn:aws:states:us-east-1:123456789012:express:fast:nope:0000"
        for arn in (started, unknown):
            for call in (self.sfn.describe_execution, self.sfn.get_execution_history,
                         self.sfn.stop_execution, self.sfn.describe_state_machine_for_execution):
                with self.subTest(call=call.__name__, arn=arn):
                    self.assertEqual(self.error(call, executionArn=arn), refused)

    def test_start_sync_execution_and_task_tokens(self):
        express = self.sfn.create_state_machine(
            name="express", definition=WAIT, roleArn=ROLE, type="EXPRESS")["stateMachineArn"]
        sync = self.server.client("stepfunctions", inject_host_prefix=False)
        self.server.clock(mode="auto")
        result = sync.start_sync_execution(stateMachineArn=express, input="{}")
        self.assertEqual(result["status"], "SUCCEEDED")
        self.assertEqual(json.loads(result["output"]), {"waited": True})
        self.assertEqual((result["stopDate"] - result["startDate"]).total_seconds(), 30)
        # Billed as AWS bills an express execution: 100 ms steps of its duration, 64 MB.
        self.assertEqual(result["billingDetails"],
                         {"billedDurationInMilliseconds": 30000, "billedMemoryUsedInMB": 64})
        context = self.sfn.create_state_machine(
            name="context", roleArn=ROLE, type="EXPRESS", definition=json.dumps(
                {"StartAt": "P", "States": {"P": {"Type": "Pass", "OutputPath": "$$.Execution",
                                                   "End": True}}}))["stateMachineArn"]
        described = json.loads(sync.start_sync_execution(stateMachineArn=context)["output"])
        self.assertNotIn("RedriveCount", described)  # a synchronous execution is never redriven
        standard = self.machine(name="standard")
        self.assertEqual(self.error(sync.start_sync_execution, stateMachineArn=standard)[0],
                         "StateMachineTypeNotSupported")

        # A task that waits for its token, answered through SendTaskSuccess.
        self.server.clock(mode="manual")
        waiting = self.sfn.create_state_machine(name="token", roleArn=ROLE, definition=json.dumps({
            "StartAt": "T", "States": {"T": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                "Parameters": {"FunctionName": "echo", "Payload": {"token.$": "$$.Task.Token"}},
                "End": True}}}))["stateMachineArn"]
        lam = self.server.client("lambda")
        lam.create_function(FunctionName="echo", Runtime="python3.12", Role=ROLE,
                            Handler="fake:echo", Code={"ZipFile": b"PK\x05\x06" + b"\0" * 18})
        status, _ = self.server.control("POST", "/_stepsim/lambda/responses", {
            "functionName": "echo", "responses": {"0": {"Return": "ignored"}}})
        execution = self.sfn.start_execution(stateMachineArn=waiting)["executionArn"]
        history = self.sfn.get_execution_history(executionArn=execution)["events"]
        scheduled = next(e for e in history if e["type"] == "TaskScheduled")
        token = json.loads(scheduled["taskScheduledEventDetails"]["parameters"])["Payload"]["token"]
        self.assertEqual(self.sfn.describe_execution(executionArn=execution)["status"], "RUNNING")
        self.sfn.send_task_heartbeat(taskToken=token)
        self.sfn.send_task_success(taskToken=token, output='{"done": true}')
        described = self.sfn.describe_execution(executionArn=execution)
        self.assertEqual((described["status"], json.loads(described["output"])),
                         ("SUCCEEDED", {"done": True}))
        self.assertEqual(self.error(self.sfn.send_task_success, taskToken=token, output="{}")[0],
                         "TaskDoesNotExist")


if __name__ == "__main__":
    unittest.main()
