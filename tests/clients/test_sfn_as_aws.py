"""What a workflow's tasks give back through boto3, checked against what AWS records: a task's
service error carries the AWS SDK's description of the call, a Lambda function's stack trace names
its files under /var/task, and lambda:invoke describes the HTTP answer as AWS's Lambda sends it."""
import json
import re
import time
import unittest

from stepsim_server import StepFunctionsTestCase, zip_of

ROLE = "arn:aws:iam::123456789012:role/sfn-role"
FUNCTIONS = "arn:aws:lambda:us-east-1:123456789012:function:"


class TasksAsAws(StepFunctionsTestCase):
    def run_machine(self, definition, execution_input="{}"):
        arn = self.sfn.create_state_machine(name="m", definition=json.dumps(definition),
                                            roleArn=ROLE)["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn, input=execution_input)["executionArn"]
        deadline = time.monotonic() + 30  # real function code runs on the wall clock
        while self.sfn.describe_execution(executionArn=execution)["status"] == "RUNNING":
            self.assertLess(time.monotonic(), deadline, "the execution did not finish")
            self.server.clock(advanceSeconds=1)
            time.sleep(0.02)
        return self.sfn.get_execution_history(executionArn=execution)["events"]

    def failed_event(self, events, details_key):
        return next(e[details_key] for e in events if details_key in e)

    def test_a_missing_function_fails_lambda_invoke_as_the_java_sdk_reports_it(self):
        events = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "absent", "Payload": {}}, "End": True}}})
        failed = self.failed_event(events, "taskFailedEventDetails")
        self.assertEqual(failed["error"], "Lambda.ResourceNotFoundException")
        self.assertRegex(failed["cause"], "^Function not found: " + re.escape(FUNCTIONS) +
                         r"absent:\$LATEST \(Service: AWSLambda; Status Code: 404; Error Code: "
                         r"ResourceNotFoundException; Request ID: [0-9a-f-]{36}; Proxy: null\)$")

    def test_an_aws_sdk_integration_reports_errors_as_the_sdk_v2_does(self):
        events = self.run_machine({"StartAt": "Get", "States": {"Get": {
            "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:lambda:getFunction",
            "Parameters": {"FunctionName": "absent"}, "End": True}}})
        failed = self.failed_event(events, "taskFailedEventDetails")
        self.assertEqual(failed["error"], "Lambda.ResourceNotFoundException")
        self.assertRegex(failed["cause"], r" \(Service: Lambda, Status Code: 404, "
                                          r"Request ID: [0-9a-f-]{36}\)$")

    def create_raiser(self):
        lam = self.server.client("lambda")
        lam.create_function(FunctionName="raiser", Runtime="python3.11", Role=ROLE,
                            Handler="lib/handler.run",
                            Code={"ZipFile": zip_of({"lib/handler.py": (
                                "def run(event, context):\n"
                                "    raise KeyError('missing')\n")})})
        return lam

    def test_a_function_error_keeps_the_runtime_text_except_through_lambda_invoke(self):
        lam = self.create_raiser()
        # Invoke answers with the document as the Python runtime wrote it (json.dumps, spaced).
        payload = lam.invoke(FunctionName="raiser")["Payload"].read().decode()
        self.assertTrue(payload.startswith('{"errorMessage": "\'missing\'", "errorType": "KeyError"'),
                        payload)
        # A function ARN task passes that text on; lambda:invoke rewrites it compactly.
        events = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": FUNCTIONS + "raiser", "End": True}}})
        same_text_other_request = re.sub(r'"requestId": "[^"]*"', '"requestId": "?"', payload)
        cause = self.failed_event(events, "lambdaFunctionFailedEventDetails")["cause"]
        self.assertEqual(re.sub(r'"requestId": "[^"]*"', '"requestId": "?"', cause),
                         same_text_other_request)
        self.sfn.delete_state_machine(stateMachineArn=self.sfn.list_state_machines()[
            "stateMachines"][0]["stateMachineArn"])
        events = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "raiser"}, "End": True}}})
        cause = self.failed_event(events, "taskFailedEventDetails")["cause"]
        self.assertTrue(cause.startswith('{"errorMessage":"\'missing\'","errorType":"KeyError",'),
                        cause)

    def test_a_python_stack_trace_names_the_function_files_under_var_task(self):
        self.create_raiser()
        events = self.run_machine({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "raiser"}, "End": True}}})
        cause = json.loads(self.failed_event(events, "taskFailedEventDetails")["cause"])
        self.assertEqual(cause["errorType"], "KeyError")
        self.assertEqual(cause["stackTrace"], [
            '  File "/var/task/lib/handler.py", line 2, in run\n'
            "    raise KeyError('missing')\n"])


class LambdaInvokeResult(StepFunctionsTestCase):
    def test_the_result_describes_the_http_answer_with_lambda_headers(self):
        lam = self.server.client("lambda")
        lam.create_function(FunctionName="echo", Runtime="python3.11", Role=ROLE,
                            Handler="fake:echo", Code={"ZipFile": zip_of({"x": ""})})
        arn = self.sfn.create_state_machine(name="m", roleArn=ROLE, definition=json.dumps(
            {"StartAt": "Call", "States": {"Call": {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "echo", "Payload": None}, "End": True}}}))["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn)["executionArn"]
        self.server.clock(advanceSeconds=1)
        result = json.loads(self.sfn.describe_execution(executionArn=execution)["output"])
        self.assertEqual(result["Payload"], {})  # a null Payload sends none: the event is {}
        metadata = result["SdkHttpMetadata"]
        headers, all_headers = metadata["HttpHeaders"], metadata["AllHttpHeaders"]
        self.assertEqual(headers["Content-Length"], "2")
        self.assertEqual(headers["Connection"], "keep-alive")
        self.assertEqual(headers["X-Amz-Executed-Version"], "$LATEST")
        self.assertRegex(headers["Date"], r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$")
        self.assertEqual(set(all_headers), set(headers))
        for name, value in headers.items():
            self.assertEqual(all_headers[name], [value], name)
        self.assertEqual(headers["x-amzn-RequestId"], result["SdkResponseMetadata"]["RequestId"])


class TextAsSent(StepFunctionsTestCase):
    def test_input_passed_on_unchanged_keeps_the_text_the_client_sent(self):
        arn = self.sfn.create_state_machine(name="m", roleArn=ROLE, definition=json.dumps(
            {"StartAt": "Keep", "States": {
                "Keep": {"Type": "Pass", "Next": "Change"},
                "Change": {"Type": "Pass", "Parameters": {"n.$": "$.n"}, "End": True}}}))["stateMachineArn"]
        sent = '{"n": 1,  "list": [1, 2]}'
        execution = self.sfn.start_execution(stateMachineArn=arn, input=sent)["executionArn"]
        events = self.sfn.get_execution_history(executionArn=execution)["events"]
        self.assertEqual(events[0]["executionStartedEventDetails"]["input"], sent)
        self.assertEqual(events[1]["stateEnteredEventDetails"]["input"], sent)
        self.assertEqual(events[2]["stateExitedEventDetails"]["output"], sent)
        # Data the workflow made is written compactly.
        self.assertEqual(self.sfn.describe_execution(executionArn=execution)["output"], '{"n":1}')

    def run_to_output(self, definition, execution_input):
        self.machines = getattr(self, "machines", 0) + 1
        arn = self.sfn.create_state_machine(name=f"ordered{self.machines}", roleArn=ROLE,
                                            definition=json.dumps(definition))["stateMachineArn"]
        execution = self.sfn.start_execution(stateMachineArn=arn, input=execution_input)["executionArn"]
        return self.sfn.describe_execution(executionArn=execution)["output"]

    def test_object_members_stay_in_the_order_they_were_written(self):
        # JSONPath: a template's members in template order, selected data in the input's order.
        output = self.run_to_output({"StartAt": "Shape", "States": {"Shape": {
            "Type": "Pass", "End": True,
            "Parameters": {"zulu.$": "$.record", "alpha": 1, "mike.$": "States.StringToJson($.text)"}}}},
            '{"text": "{\\"y\\": 1, \\"b\\": 2}", "record": {"z": 1, "a": {"q": 2, "c": 3}}}')
        self.assertEqual(output, '{"zulu":{"z":1,"a":{"q":2,"c":3}},"alpha":1,"mike":{"y":1,"b":2}}')
        # JSONata: constructed objects in expression order, $merge and ResultPath-like additions last.
        output = self.run_to_output({"QueryLanguage": "JSONata", "StartAt": "Shape", "States": {"Shape": {
            "Type": "Pass", "End": True,
            "Output": "{% $merge([$states.input, {'added': $keys($states.input.record)}]) %}"}}},
            '{"record": {"z": 1, "a": 2}, "first": true}')
        self.assertEqual(output, '{"record":{"z":1,"a":2},"first":true,"added":["z","a"]}')
        # ResultPath: a new member goes last, a replaced one keeps its place.
        output = self.run_to_output({"StartAt": "Shape", "States": {"Shape": {
            "Type": "Pass", "End": True, "Result": {"v": 2}, "ResultPath": "$.b"}}}, '{"b": 1, "a": 0}')
        self.assertEqual(output, '{"b":{"v":2},"a":0}')


if __name__ == "__main__":
    unittest.main()
