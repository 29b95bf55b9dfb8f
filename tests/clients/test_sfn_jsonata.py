"""JSONata and workflow variables through boto3: the Job Status Poller written in JSONata succeeds
with the same history shape as the JSONPath one, Assign values appear in the history, a Map
iteration cannot assign an outer variable, and JSONata mistakes are AWS errors."""
import json
import unittest

from stepsim_server import StepsimServer
from test_sfn_job_poller import ROLE, JobPoller, types


def machine(sfn, name, definition):
    return sfn.create_state_machine(name=name, definition=json.dumps(definition),
                                    roleArn=ROLE)["stateMachineArn"]


def run(sfn, arn, payload=None):
    execution = sfn.start_execution(stateMachineArn=arn, input=json.dumps(payload or {}))
    described = sfn.describe_execution(executionArn=execution["executionArn"])
    events = sfn.get_execution_history(executionArn=execution["executionArn"],
                                       maxResults=1000)["events"]
    return described, events


def exited(events, state):
    return next(e["stateExitedEventDetails"] for e in events
                if "stateExitedEventDetails" in e and e["stateExitedEventDetails"]["name"] == state)


class JsonataJobPoller(unittest.TestCase):
    def test_same_history_shape_as_jsonpath_and_assign_in_history(self):
        with StepsimServer("--clock", "auto") as server:
            poller = JobPoller(server)
            path_run, path_events, _ = poller.run("lambda_invoke", name="jsonpath")
            described, events, _ = poller.run("jsonata", name="jsonata")
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(json.loads(described["output"]), "SUCCEEDED")
            self.assertEqual((described["stopDate"] - described["startDate"]).total_seconds(),
                             (path_run["stopDate"] - path_run["startDate"]).total_seconds())
            self.assertEqual(types(events), types(path_events))
            # SubmitJob's result is kept in variables, not in the state output.
            submit = exited(events, "Submit Job")
            assigned = {k: json.loads(v) for k, v in submit["assignedVariables"].items()}
            self.assertEqual(set(assigned), {"jobId", "jobName", "waitTime"})
            self.assertEqual(assigned["jobName"], "my-job")
            self.assertEqual(assigned["waitTime"], 60)
            self.assertEqual(submit["assignedVariablesDetails"], {"truncated": False})
            job = poller.batch.describe_jobs(jobs=[assigned["jobId"]])["jobs"][0]
            self.assertEqual(job["status"], "SUCCEEDED")
            # CheckJob got the job id from the variable.
            scheduled = [json.loads(e["taskScheduledEventDetails"]["parameters"])
                         for e in events if e["type"] == "TaskScheduled"]
            self.assertEqual(scheduled[1]["Payload"], {"jobId": assigned["jobId"], "jobName": "my-job"})
            self.assertNotIn("assignedVariables", exited(events, "Wait X Seconds"))

    def test_failed_job_takes_the_fail_state(self):
        with StepsimServer("--clock", "auto") as server:
            described, events, _ = JobPoller(server, final="FAILED").run("jsonata")
            self.assertEqual(described["status"], "FAILED")
            self.assertEqual(described["error"], "DescribeJob returned FAILED")
            self.assertEqual(described["cause"], "AWS Batch Job Failed")


class Variables(unittest.TestCase):
    def test_assign_in_jsonpath_states_and_dollar_references(self):
        with StepsimServer("--clock", "auto") as server:
            sfn = server.client("stepfunctions")
            arn = machine(sfn, "jsonpath-vars", {
                "StartAt": "Remember", "States": {
                    "Remember": {"Type": "Pass", "Assign": {"customer.$": "$.customer", "count": 2},
                                 "Next": "Use"},
                    "Use": {"Type": "Pass",
                            "Parameters": {"who.$": "$customer", "greeting.$": "States.Format('hi {}', $customer)",
                                           "n.$": "$count"},
                            "End": True}}})
            described, events = run(sfn, arn, {"customer": "ana"})
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(json.loads(described["output"]),
                             {"who": "ana", "greeting": "hi ana", "n": 2})
            self.assertEqual(exited(events, "Remember")["assignedVariables"],
                             {"customer": '"ana"', "count": "2"})

    def test_assignments_of_a_state_see_the_values_before_it(self):
        with StepsimServer("--clock", "auto") as server:
            sfn = server.client("stepfunctions")
            arn = machine(sfn, "before", {
                "QueryLanguage": "JSONata", "StartAt": "One", "States": {
                    "One": {"Type": "Pass", "Assign": {"x": 1}, "Next": "Two"},
                    "Two": {"Type": "Pass", "Assign": {"x": "{% $x + 1 %}", "y": "{% $x %}"},
                            "Output": "{% [$x] %}", "Next": "Three"},
                    "Three": {"Type": "Pass", "Output": {"x": "{% $x %}", "y": "{% $y %}",
                                                         "previous": "{% $states.input %}"},
                              "End": True}}})
            described, _ = run(sfn, arn)
            self.assertEqual(json.loads(described["output"]), {"x": 2, "y": 1, "previous": [1]})

    def test_map_iteration_reads_but_cannot_assign_outer_variables(self):
        with StepsimServer("--clock", "auto") as server:
            sfn = server.client("stepfunctions")
            iteration = {"StartAt": "Scale", "States": {
                "Scale": {"Type": "Pass", "Assign": {"scaled": "{% $states.input * $factor %}"},
                          "Next": "Report"},
                "Report": {"Type": "Pass", "Output": "{% $scaled %}", "End": True}}}
            definition = {
                "QueryLanguage": "JSONata", "StartAt": "Set", "States": {
                    "Set": {"Type": "Pass", "Assign": {"factor": 3}, "Next": "Each"},
                    "Each": {"Type": "Map", "Items": [1, 2, 3], "ItemProcessor": iteration,
                             "Output": {"scaled": "{% $states.result %}", "factor": "{% $factor %}"},
                             "End": True}}}
            described, _ = run(sfn, machine(sfn, "map-reads", definition))
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(json.loads(described["output"]), {"scaled": [3, 6, 9], "factor": 3})

            # An iteration assigning the outer `factor` is refused when the machine is created.
            iteration["States"]["Scale"]["Assign"] = {"factor": "{% $states.input %}"}
            with self.assertRaises(sfn.exceptions.InvalidDefinition) as refused:
                machine(sfn, "map-assigns", definition)
            self.assertIn("factor", str(refused.exception))

            # The outer scope cannot read an iteration's variable: as on AWS, a JSONata reference
            # is looked up when it runs, and finds nothing.
            iteration["States"]["Scale"]["Assign"] = {"scaled": "{% $states.input %}"}
            definition["States"]["Each"]["Output"] = "{% $scaled %}"
            described, _ = run(sfn, machine(sfn, "map-leaks", definition))
            self.assertEqual((described["status"], described["error"]),
                             ("FAILED", "States.QueryEvaluationError"))
            self.assertIn("'$scaled' specified for the field 'Output' returned nothing (undefined)",
                          described["cause"])


class JsonataErrors(unittest.TestCase):
    def test_syntax_error_is_invalid_definition_with_position(self):
        with StepsimServer() as server:
            sfn = server.client("stepfunctions")
            with self.assertRaises(sfn.exceptions.InvalidDefinition) as refused:
                machine(sfn, "bad", {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                    "P": {"Type": "Pass", "Output": "{% $states.input.( %}", "End": True}}})
            self.assertIn("/States/P/Output", str(refused.exception))

    def test_jsonpath_fields_are_refused_in_jsonata_states(self):
        with StepsimServer() as server:
            sfn = server.client("stepfunctions")
            with self.assertRaises(sfn.exceptions.InvalidDefinition) as refused:
                machine(sfn, "mixed", {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                    "P": {"Type": "Pass", "InputPath": "$.a", "End": True}}})
            self.assertIn("InputPath", str(refused.exception))

    def test_evaluation_error_is_a_catchable_query_evaluation_error(self):
        with StepsimServer("--clock", "auto") as server:
            sfn = server.client("stepfunctions")
            arn = machine(sfn, "eval-error", {
                "QueryLanguage": "JSONata", "StartAt": "Add", "States": {
                    "Add": {"Type": "Map", "Items": "{% [$states.input.a + 1] %}",
                            "ItemProcessor": {"StartAt": "Echo", "States": {
                                "Echo": {"Type": "Pass", "End": True}}},
                            "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"],
                                       "Output": "{% $states.errorOutput %}", "Next": "Caught"}],
                            "Next": "Caught"},
                    "Caught": {"Type": "Succeed"}}})
            described, _ = run(sfn, arn, {"a": "text"})
            self.assertEqual(described["status"], "SUCCEEDED", described)
            caught = json.loads(described["output"])
            self.assertEqual(caught["Error"], "States.QueryEvaluationError")
            self.assertIn("T2001", caught["Cause"])

            uncaught = machine(sfn, "eval-error-uncaught", {
                "QueryLanguage": "JSONata", "StartAt": "Wait", "States": {
                    "Wait": {"Type": "Wait", "Seconds": "{% $states.input.delay %}", "End": True}}})
            described, _ = run(sfn, uncaught, {"delay": "soon"})
            self.assertEqual(described["status"], "FAILED")
            self.assertEqual(described["error"], "States.QueryEvaluationError")

    def test_hostile_expressions_fail_the_execution_not_the_server(self):
        with StepsimServer("--clock", "auto") as server:
            sfn = server.client("stepfunctions")
            for name, expression in [
                    ("recursion", "($f := function($n){ $f($n + 1) }; $f(0))"),
                    ("range", "[1..100000000]"),
                    ("backtracking", "$match('" + "a" * 40 + "!', /(a+)+$/)")]:
                arn = machine(sfn, name, {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
                    "P": {"Type": "Pass", "Output": "{% " + expression + " %}", "End": True}}})
                described, _ = run(sfn, arn)
                self.assertEqual(described["status"], "FAILED", name)
                self.assertEqual(described["error"], "States.QueryEvaluationError", name)
            sfn.list_state_machines()  # still serving


if __name__ == "__main__":
    unittest.main()
