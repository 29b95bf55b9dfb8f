"""The aws-sdk:sfn integration through boto3: a state machine that starts and describes another
execution (with Input given as an object, which Step Functions writes as text), an activity
consumer built on getActivityTask and sendTaskSuccess, a synchronous Express start, and a service
error named as the AWS SDK for Java v2 names it."""
import json
import unittest

from stepsim_server import StepFunctionsTestCase

ROLE = "arn:aws:iam::123456789012:role/sfn"


def task(action, parameters, **rest):
    return {"Type": "Task", "Resource": f"arn:aws:states:::aws-sdk:sfn:{action}",
            "Parameters": parameters, **rest}


class SfnSdkIntegration(StepFunctionsTestCase):
    def machine(self, name, states, start, **extra):
        return self.sfn.create_state_machine(
            name=name, roleArn=ROLE, **extra,
            definition=json.dumps({"StartAt": start, "States": states}))["stateMachineArn"]

    def run_to_end(self, machine, payload):
        arn = self.sfn.start_execution(stateMachineArn=machine, input=json.dumps(payload))["executionArn"]
        self.server.clock(advanceSeconds=120)
        return self.sfn.describe_execution(executionArn=arn)

    def test_start_and_describe_another_execution(self):
        child = self.machine("child", {"Echo": {"Type": "Pass", "End": True}}, "Echo")
        parent = self.machine("parent", {
            "Start": task("startExecution", {"StateMachineArn.$": "$.target", "Name": "from-parent",
                                             "Input": {"greeting": "hello"}},
                          ResultPath="$.started", Next="Describe"),
            "Describe": task("describeExecution", {"ExecutionArn.$": "$.started.ExecutionArn"},
                             ResultSelector={"Status.$": "$.Status", "Output.$": "$.Output",
                                             "Name.$": "$.Name"},
                             End=True),
        }, "Start")
        described = self.run_to_end(parent, {"target": child})
        self.assertEqual(described["status"], "SUCCEEDED", described)
        output = json.loads(described["output"])
        self.assertEqual(output["Status"], "SUCCEEDED")
        self.assertEqual(output["Name"], "from-parent")
        # The object Input reached the child as its JSON text.
        self.assertEqual(json.loads(output["Output"]), {"greeting": "hello"})

        child_execution = self.sfn.list_executions(stateMachineArn=child)["executions"][0]
        self.assertEqual(child_execution["name"], "from-parent")
        scheduled = [e for e in self.sfn.get_execution_history(
            executionArn=self.sfn.list_executions(stateMachineArn=parent)["executions"][0]["executionArn"]
        )["events"] if e["type"] == "TaskScheduled"]
        self.assertEqual([(e["taskScheduledEventDetails"]["resourceType"],
                           e["taskScheduledEventDetails"]["resource"]) for e in scheduled],
                         [("aws-sdk:sfn", "startExecution"), ("aws-sdk:sfn", "describeExecution")])

    def test_activity_consumer_built_on_get_activity_task(self):
        activity = self.sfn.create_activity(name="work")["activityArn"]
        producer = self.machine("producer", {
            "Work": {"Type": "Task", "Resource": activity, "TimeoutSeconds": 300, "End": True}}, "Work")
        consumer = self.machine("consumer", {
            "Poll": task("getActivityTask", {"ActivityArn": activity, "WorkerName": "sdk-worker"},
                         Next="Answer"),
            "Answer": task("sendTaskSuccess", {
                "TaskToken.$": "$.TaskToken",
                "Output.$": "$.Input"}, End=True),
        }, "Poll")
        produced = self.sfn.start_execution(stateMachineArn=producer,
                                            input=json.dumps({"job": 7}))["executionArn"]
        consumed = self.sfn.start_execution(stateMachineArn=consumer)["executionArn"]
        self.server.clock(advanceSeconds=5)
        self.assertEqual(self.sfn.describe_execution(executionArn=consumed)["status"], "SUCCEEDED")
        described = self.sfn.describe_execution(executionArn=produced)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"job": 7})
        started = [e for e in self.sfn.get_execution_history(executionArn=produced)["events"]
                   if e["type"] == "ActivityStarted"]
        self.assertEqual(started[0]["activityStartedEventDetails"]["workerName"], "sdk-worker")

    def test_start_sync_execution_answers_with_the_express_result(self):
        express = self.machine("express", {"Double": {"Type": "Pass", "Parameters": {"n.$": "States.MathAdd($.n, $.n)"},
                                                      "End": True}}, "Double", type="EXPRESS")
        caller = self.machine("caller", {
            "Run": task("startSyncExecution", {"StateMachineArn": express, "Input": {"n": 21}},
                        ResultSelector={"Status.$": "$.Status", "Output.$": "States.StringToJson($.Output)"},
                        End=True)}, "Run")
        described = self.run_to_end(caller, {})
        self.assertEqual(described["status"], "SUCCEEDED", described)
        self.assertEqual(json.loads(described["output"]), {"Status": "SUCCEEDED", "Output": {"n": 42}})

    def test_service_errors_are_named_as_the_sdk_names_them(self):
        machine = self.machine("failing", {
            "Fail": task("sendTaskFailure", {"TaskToken": "not-a-token"},
                         Catch=[{"ErrorEquals": ["Sfn.InvalidTokenException"], "Next": "Caught"}],
                         End=True),
            "Caught": {"Type": "Pass", "End": True},
        }, "Fail")
        described = self.run_to_end(machine, {})
        self.assertEqual(described["status"], "SUCCEEDED", described)
        caught = json.loads(described["output"])
        self.assertEqual(caught["Error"], "Sfn.InvalidTokenException")
        self.assertTrue(caught["Cause"].startswith("Invalid Token: 'Invalid token' (Service: Sfn, Status Code: 400"),
                        caught["Cause"])

        missing = self.machine("missing", {
            "Describe": task("describeExecution", {
                "ExecutionArn": "arn:aws:states:us-east-1:123456789012:execution:nope:nope"}, End=True)},
            "Describe")
        described = self.run_to_end(missing, {})
        self.assertEqual((described["status"], described["error"]),
                         ("FAILED", "Sfn.ExecutionDoesNotExistException"))

    def test_unknown_action_is_refused_at_creation(self):
        code, message = self.error(self.sfn.create_state_machine, name="bad", roleArn=ROLE,
                                   definition=json.dumps({"StartAt": "T", "States": {
                                       "T": task("launchRocket", {}, End=True)}}))
        self.assertEqual(code, "InvalidDefinition")
        self.assertIn("launchRocket", message)


if __name__ == "__main__":
    unittest.main()
