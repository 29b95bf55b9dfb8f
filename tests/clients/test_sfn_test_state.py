"""TestState through boto3 and the AWS CLI: a Pass state's data flow at DEBUG, a Choice, Tasks that
call an emulated Lambda function (the built-in echo fake; a scripted error caught by Catch; a
scripted duration answered later on the virtual clock), and the modeled errors of bad requests."""
import json
import os
import subprocess
import unittest

from stepsim_server import StepsimServer, empty_zip

SFN_ROLE = "arn:aws:iam::123456789012:role/sfn-role"
LAMBDA_ROLE = "arn:aws:iam::123456789012:role/lambda-role"
FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:{}"


class TestState(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer()
        cls.server.__enter__()
        # TestState is modeled with the "sync-" host prefix, which an IP literal cannot take.
        cls.sfn = cls.server.client("stepfunctions", inject_host_prefix=False)
        cls.lam = cls.server.client("lambda")

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def function(self, name, handler="fake:echo", **extra):
        self.lam.create_function(FunctionName=name, Runtime="python3.12", Role=LAMBDA_ROLE,
                                 Handler=handler, Code={"ZipFile": empty_zip()}, **extra)
        return FUNCTION_ARN.format(name)

    def script(self, name, responses):
        status, body = self.server.control("POST", "/_stepsim/lambda/responses",
                                           {"functionName": name, "responses": responses})
        self.assertEqual(status, 200, body)

    def run_state(self, state, state_input, level="DEBUG", **extra):
        return self.sfn.test_state(definition=json.dumps(state), input=json.dumps(state_input),
                                   roleArn=SFN_ROLE, inspectionLevel=level, **extra)

    def error(self, **kwargs):
        with self.assertRaises(self.sfn.exceptions.ClientError) as caught:
            self.sfn.test_state(**kwargs)
        response = caught.exception.response
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400, response)
        return response["Error"]["Code"], response["Error"]["Message"]

    def test_pass_with_parameters_and_result_path_at_debug(self):
        state = {"Type": "Pass", "InputPath": "$.order",
                 "Parameters": {"id.$": "$.id", "kind": "book", "label.$": "States.Format('#{}', $.id)"},
                 "ResultPath": "$.picked", "Next": "Ship"}
        state_input = {"order": {"id": 7, "qty": 2}, "customer": "ada"}
        out = self.run_state(state, state_input)
        self.assertEqual(out["status"], "SUCCEEDED")
        self.assertEqual(out["nextState"], "Ship")
        after_parameters = {"id": 7, "kind": "book", "label": "#7"}
        expected_output = {"order": {"id": 7, "qty": 2}, "customer": "ada", "picked": after_parameters}
        self.assertEqual(json.loads(out["output"]), expected_output)
        data = {k: json.loads(v) for k, v in out["inspectionData"].items()}
        self.assertEqual(data, {
            "input": state_input,
            "afterInputPath": {"id": 7, "qty": 2},
            "afterParameters": after_parameters,
            "afterResultSelector": after_parameters,
            "afterResultPath": expected_output,
        })
        self.assertNotIn("error", out)

        info = self.run_state(state, state_input, level="INFO")
        self.assertNotIn("inspectionData", info)
        self.assertEqual(json.loads(info["output"]), expected_output)

    def test_choice(self):
        state = {"Type": "Choice", "Default": "Small", "Choices": [
            {"Variable": "$.size", "NumericGreaterThanEquals": 10, "Next": "Big"},
            {"And": [{"Variable": "$.size", "NumericLessThan": 10},
                     {"Variable": "$.rush", "BooleanEquals": True}], "Next": "Rush"}]}
        self.assertEqual(self.run_state(state, {"size": 12})["nextState"], "Big")
        self.assertEqual(self.run_state(state, {"size": 2, "rush": True})["nextState"], "Rush")
        small = self.run_state(state, {"size": 2, "rush": False})
        self.assertEqual((small["status"], small["nextState"]), ("SUCCEEDED", "Small"))
        self.assertEqual(json.loads(small["output"]), {"size": 2, "rush": False})

    def test_task_calls_the_echo_fake(self):
        arn = self.function("echo")
        state = {"Type": "Task", "Resource": arn, "Parameters": {"greeting.$": "$.name"},
                 "ResultSelector": {"said.$": "$.greeting"}, "ResultPath": "$.reply", "End": True}
        out = self.run_state(state, {"name": "hello"})
        self.assertEqual(out["status"], "SUCCEEDED")
        self.assertNotIn("nextState", out)
        self.assertEqual(json.loads(out["output"]), {"name": "hello", "reply": {"said": "hello"}})
        self.assertEqual(json.loads(out["inspectionData"]["result"]), {"greeting": "hello"})

        invoke = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                  "Parameters": {"FunctionName": "echo", "Payload.$": "$"},
                  "OutputPath": "$.Payload", "Next": "After"}
        out = self.run_state(invoke, {"n": 1}, level="INFO")
        self.assertEqual((out["status"], out["nextState"]), ("SUCCEEDED", "After"))
        self.assertEqual(json.loads(out["output"]), {"n": 1})

    def test_lambda_error_caught_and_retriable(self):
        arn = self.function("thrower")
        self.script("thrower", {"0-1": {"Throw": {"Error": "Inventory.Empty", "Cause": "no stock"}}})
        state = {"Type": "Task", "Resource": arn, "Next": "Ship",
                 "Catch": [{"ErrorEquals": ["Inventory.Empty"], "Next": "Restock",
                            "ResultPath": "$.failure"}]}
        out = self.run_state(state, {"item": "pen"})
        self.assertEqual(out["status"], "CAUGHT_ERROR")
        self.assertEqual(out["nextState"], "Restock")
        self.assertEqual(out["error"], "Inventory.Empty")
        output = json.loads(out["output"])
        self.assertEqual(output["item"], "pen")
        self.assertEqual(output["failure"]["Error"], "Inventory.Empty")
        self.assertIn("no stock", output["failure"]["Cause"])
        self.assertEqual(out["inspectionData"]["errorDetails"], {"catchIndex": 0})

        state["Retry"] = [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 3, "MaxAttempts": 2}]
        out = self.run_state(state, {"item": "pen"})
        self.assertEqual(out["status"], "RETRIABLE")
        self.assertNotIn("nextState", out)
        self.assertEqual(out["inspectionData"]["errorDetails"],
                         {"retryIndex": 0, "retryBackoffIntervalSeconds": 3})

    def test_task_answers_after_virtual_time(self):
        arn = self.function("slow", Timeout=120)
        self.script("slow", {"0": {"Return": {"done": True}, "DurationSeconds": 90}})
        before = self.server.control("GET", "/_stepsim/clock")[1]["epochMillis"]
        out = self.run_state({"Type": "Task", "Resource": arn, "End": True}, {}, level="INFO")
        self.assertEqual(json.loads(out["output"]), {"done": True})
        after = self.server.control("GET", "/_stepsim/clock")[1]["epochMillis"]
        self.assertGreaterEqual(after - before, 90_000)

    def test_wait_does_not_wait(self):
        before = self.server.control("GET", "/_stepsim/clock")[1]["epochMillis"]
        out = self.run_state({"Type": "Wait", "Seconds": 600, "Next": "Later"}, {"a": 1})
        self.assertEqual((out["status"], out["nextState"]), ("SUCCEEDED", "Later"))
        after = self.server.control("GET", "/_stepsim/clock")[1]["epochMillis"]
        self.assertEqual(after, before)

    def test_a_mocked_result_is_checked_against_the_integration_model(self):
        state = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Parameters": {"FunctionName": "work"}, "End": True}
        with self.assertRaises(self.sfn.exceptions.ValidationException) as refused:
            self.sfn.test_state(definition=json.dumps(state), input="{}",
                                mock={"result": json.dumps({"StatusCode": "200"})})
        self.assertEqual(refused.exception.response["Error"]["Message"],
                         "Mock result schema validation error: Field 'StatusCode' must be a number")
        out = self.sfn.test_state(definition=json.dumps(state), input="{}",
                                  mock={"result": json.dumps({"StatusCode": 200, "Extra": [1]})})
        self.assertEqual(out["status"], "SUCCEEDED")

    def test_fail(self):
        out = self.run_state({"Type": "Fail", "Error": "Bad", "Cause": "very"}, {})
        self.assertEqual((out["status"], out["error"], out["cause"]), ("FAILED", "Bad", "very"))
        self.assertNotIn("output", out)

    def test_jsonata_task_with_a_mock(self):
        state = {"Type": "Task", "QueryLanguage": "JSONata",
                 "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "work", "Payload": {"id": "{% $states.input.id %}"}},
                 "Assign": {"jobId": "{% $states.result.Payload.jobId %}", "tries": "{% $tries + 1 %}"},
                 "Output": {"job": "{% $states.result.Payload.jobId %}"},
                 "Next": "Poll"}
        out = self.sfn.test_state(definition=json.dumps(state), input=json.dumps({"id": 7}),
                                  inspectionLevel="DEBUG", variables=json.dumps({"tries": 1}),
                                  mock={"result": json.dumps({"Payload": {"jobId": "j-1"}}),
                                        # Invoke's model has Payload as a blob (a string)
                                        "fieldValidationMode": "NONE"})
        self.assertEqual((out["status"], out["nextState"]), ("SUCCEEDED", "Poll"))
        self.assertEqual(json.loads(out["output"]), {"job": "j-1"})
        data = {k: json.loads(v) for k, v in out["inspectionData"].items()}
        # JSONata states report afterArguments, none of the JSONPath steps; the variables are
        # those after the state's assignments.
        self.assertEqual(data, {
            "input": {"id": 7},
            "afterArguments": {"FunctionName": "work", "Payload": {"id": 7}},
            "result": {"Payload": {"jobId": "j-1"}},
            "variables": {"tries": 2, "jobId": "j-1"},
        })

        bad = dict(state, Output="{% $states.result. %}")
        self.assertEqual(self.error(definition=json.dumps(bad), roleArn=SFN_ROLE)[0],
                         "InvalidDefinition")

    def test_bad_requests(self):
        code, message = self.error(definition="{not json", roleArn=SFN_ROLE)
        self.assertEqual(code, "InvalidDefinition")
        code, message = self.error(definition=json.dumps({"Type": "Pass", "Next": 3}),
                                   roleArn=SFN_ROLE)
        self.assertEqual(code, "InvalidDefinition")
        self.assertIn("/Next", message)
        self.assertEqual(self.error(definition=json.dumps({"Type": "Pass", "End": True}),
                                    roleArn=SFN_ROLE, input="{oops")[0], "InvalidExecutionInput")
        self.assertEqual(self.error(definition=json.dumps({"Type": "Pass", "End": True}),
                                    roleArn="role")[0], "InvalidArn")
        task = json.dumps({"Type": "Task", "Resource": FUNCTION_ARN.format("x"), "End": True})
        self.assertEqual(self.error(definition=task),
                         ("ValidationException", "RoleArn must be specified when testing a Task state"))
        self.assertEqual(self.error(definition=json.dumps({"Type": "Pass", "End": True}),
                                    inspectionLevel="LOUD")[0], "ValidationException")
        parallel = {"Type": "Parallel", "End": True, "Branches": [
            {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}]}
        self.assertEqual(self.error(definition=json.dumps(parallel), roleArn=SFN_ROLE)[0],
                         "InvalidDefinition")

    def test_aws_cli(self):
        env = dict(os.environ, AWS_DISABLE_HOST_PREFIX_INJECTION="true")
        result = subprocess.run(
            ["aws", "--endpoint-url", self.server.url, "--output", "json", "stepfunctions",
             "test-state", "--definition", json.dumps({"Type": "Pass", "Result": {"x": 1},
                                                       "ResultPath": "$.r", "Next": "N"}),
             "--input", json.dumps({"a": 1}), "--role-arn", SFN_ROLE,
             "--inspection-level", "DEBUG"],
            capture_output=True, text=True, env=env, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        out = json.loads(result.stdout)
        self.assertEqual((out["status"], out["nextState"]), ("SUCCEEDED", "N"))
        self.assertEqual(json.loads(out["output"]), {"a": 1, "r": {"x": 1}})
        self.assertEqual(json.loads(out["inspectionData"]["result"]), {"x": 1})


if __name__ == "__main__":
    unittest.main()
