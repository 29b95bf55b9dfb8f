"""Distributed Map through boto3 and the AWS CLI: items run as child workflow executions of a Map
Run on the virtual clock (their own ARNs, histories and $$), MaxConcurrency and UpdateMapRun,
tolerated failures (literal, path, percentage) and the threshold error, ItemBatcher's batches,
ItemReader refused at run time (stepsim has no S3), a stopped parent aborting its children, and the
Map Run API's errors."""
import json
import unittest

from stepsim_server import StepFunctionsTestCase, StepsimServer
from test_cli import aws

ROLE = "arn:aws:iam::123456789012:role/sfn"


def distributed_map(processor_states, start, **fields):
    """A machine whose one state is a Distributed Map over its input."""
    processor = {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                 "StartAt": start, "States": processor_states}
    return json.dumps({"StartAt": "Fan", "States": {
        "Fan": {"Type": "Map", "ItemProcessor": processor, "End": True, **fields}}})


# Items above 2 fail; the others wait 10 s and echo themselves.
FAIL_ABOVE_TWO = {
    "Check": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 2, "Next": "Boom"}],
              "Default": "Work"},
    "Work": {"Type": "Wait", "Seconds": 10, "End": True},
    "Boom": {"Type": "Fail", "Error": "Item.TooBig", "Cause": "items above 2 fail"},
}


class DistributedMap(StepFunctionsTestCase):
    def run_machine(self, name, definition, items, seconds=120):
        machine = self.sfn.create_state_machine(name=name, definition=definition,
                                                roleArn=ROLE)["stateMachineArn"]
        arn = self.sfn.start_execution(stateMachineArn=machine, input=json.dumps(items))["executionArn"]
        self.server.clock(advanceSeconds=seconds)
        return machine, arn, self.sfn.describe_execution(executionArn=arn)

    def history(self, arn):
        return self.sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]

    def map_run(self, execution):
        runs = self.sfn.list_map_runs(executionArn=execution)["mapRuns"]
        self.assertEqual(len(runs), 1)
        return runs[0]["mapRunArn"]

    def test_items_run_as_child_executions_of_a_map_run(self):
        definition = distributed_map(
            {"Work": {"Type": "Wait", "Seconds": 10, "Next": "Echo"},
             "Echo": {"Type": "Pass", "Parameters": {"item.$": "$.value", "me.$": "$$.Execution.Name"},
                      "End": True}},
            "Work", Label="Shards", MaxConcurrency=2,
            ItemSelector={"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"})
        machine, arn, described = self.run_machine("fan", definition, ["a", "b", "c"])
        self.assertEqual(described["status"], "SUCCEEDED")
        events = self.history(arn)
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapRunStarted",
                          "MapRunSucceeded", "MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"])
        map_run = events[3]["mapRunStartedEventDetails"]["mapRunArn"]
        self.assertTrue(map_run.startswith(
            "arn:aws:states:us-east-1:123456789012:mapRun:fan/Shards:"), map_run)
        # MaxConcurrency 2 over three 10-second items: two waves.
        self.assertEqual((events[-1]["timestamp"] - events[0]["timestamp"]).total_seconds(), 20)

        children = self.sfn.list_executions(mapRunArn=map_run)["executions"]
        self.assertEqual(len(children), 3)
        output = json.loads(described["output"])
        self.assertEqual([o["item"] for o in output], ["a", "b", "c"])
        # Each child knows its own name, which is its execution's name.
        self.assertEqual(sorted(o["me"] for o in output), sorted(c["name"] for c in children))
        child = self.sfn.describe_execution(executionArn=children[-1]["executionArn"])
        self.assertEqual(child["stateMachineArn"], machine + "/Shards")
        self.assertEqual(child["mapRunArn"], map_run)
        self.assertEqual(json.loads(child["input"]), {"value": "a", "index": 0})
        self.assertEqual([e["type"] for e in self.history(child["executionArn"])],
                         ["ExecutionStarted", "WaitStateEntered", "WaitStateExited", "PassStateEntered",
                          "PassStateExited", "ExecutionSucceeded"])

        described_run = self.sfn.describe_map_run(mapRunArn=map_run)
        self.assertEqual((described_run["status"], described_run["executionArn"], described_run["maxConcurrency"]),
                         ("SUCCEEDED", arn, 2))
        self.assertEqual(described_run["executionCounts"],
                         {"pending": 0, "running": 0, "succeeded": 3, "failed": 0, "timedOut": 0,
                          "aborted": 0, "total": 3, "resultsWritten": 3})
        listed = self.sfn.list_map_runs(executionArn=arn)["mapRuns"][0]
        self.assertEqual(listed["stateMachineArn"], machine + "/Shards")
        self.assertIn("stopDate", listed)

    def test_update_map_run_raises_concurrency_of_a_running_run(self):
        definition = distributed_map(FAIL_ABOVE_TWO, "Check", MaxConcurrency=1)
        machine = self.sfn.create_state_machine(name="slow", definition=definition,
                                                roleArn=ROLE)["stateMachineArn"]
        arn = self.sfn.start_execution(stateMachineArn=machine, input="[1, 2, 1, 2]")["executionArn"]
        self.server.clock(advanceSeconds=1)
        map_run = self.map_run(arn)
        self.assertEqual(self.sfn.describe_map_run(mapRunArn=map_run)["executionCounts"]["running"], 1)
        self.sfn.update_map_run(mapRunArn=map_run, maxConcurrency=3)
        counts = self.sfn.describe_map_run(mapRunArn=map_run)
        self.assertEqual((counts["maxConcurrency"], counts["executionCounts"]["running"],
                          counts["executionCounts"]["pending"]), (3, 3, 1))
        running = self.sfn.list_executions(mapRunArn=map_run, statusFilter="RUNNING")["executions"]
        self.assertEqual(len(running), 3)
        self.server.clock(advanceSeconds=30)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "SUCCEEDED")

    def test_update_map_run_takes_a_count_larger_than_an_int(self):
        definition = distributed_map(FAIL_ABOVE_TWO, "Check", MaxConcurrency=1)
        machine = self.sfn.create_state_machine(name="lenient", definition=definition,
                                                roleArn=ROLE)["stateMachineArn"]
        arn = self.sfn.start_execution(stateMachineArn=machine, input="[1, 3]")["executionArn"]
        map_run = self.map_run(arn)
        self.sfn.update_map_run(mapRunArn=map_run, toleratedFailureCount=2 ** 40)
        self.server.clock(advanceSeconds=30)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "SUCCEEDED")
        self.assertEqual(self.sfn.describe_map_run(mapRunArn=map_run)["executionCounts"]["failed"], 1)

    def test_failures_past_the_tolerance_fail_the_map_run(self):
        _, arn, described = self.run_machine("strict", distributed_map(FAIL_ABOVE_TWO, "Check"), [1, 3, 1])
        self.assertEqual((described["status"], described["error"], described["cause"]),
                         ("FAILED", "States.ExceedToleratedFailureThreshold",
                          "The specified tolerated failure threshold was exceeded"))
        self.assertEqual([e["type"] for e in self.history(arn)][-4:],
                         ["MapRunStarted", "MapRunFailed", "MapStateFailed", "ExecutionFailed"])
        map_run = self.sfn.describe_map_run(mapRunArn=self.map_run(arn))
        self.assertEqual(map_run["status"], "FAILED")
        self.assertEqual((map_run["executionCounts"]["failed"], map_run["executionCounts"]["aborted"]), (1, 1))
        failed = self.sfn.list_executions(mapRunArn=map_run["mapRunArn"], statusFilter="FAILED")["executions"]
        child = self.sfn.describe_execution(executionArn=failed[0]["executionArn"])
        self.assertEqual((child["error"], child["cause"]), ("Item.TooBig", "items above 2 fail"))

    def test_tolerated_failures_leave_the_error_in_their_slot(self):
        for name, fields, expected in [
                ("count", {"ToleratedFailureCount": 2}, "SUCCEEDED"),
                ("percentage", {"ToleratedFailurePercentage": 50}, "SUCCEEDED"),
                ("percentage-low", {"ToleratedFailurePercentage": 30}, "FAILED"),
                ("path", {"ToleratedFailureCountPath": "$$.Execution.Input[0]"}, "FAILED")]:
            with self.subTest(name):
                _, arn, described = self.run_machine(name, distributed_map(FAIL_ABOVE_TWO, "Check", **fields),
                                                     [1, 3, 4, 1, 2])
                self.assertEqual(described["status"], expected, described)
                if expected == "SUCCEEDED":
                    output = json.loads(described["output"])
                    self.assertEqual(output[0], 1)
                    self.assertEqual(output[1], {"Error": "Item.TooBig", "Cause": "items above 2 fail"})

    def test_tolerated_failure_path_must_name_a_number(self):
        definition = distributed_map(FAIL_ABOVE_TWO, "Check", ToleratedFailurePercentagePath="$$.Execution.Input[0]")
        _, arn, described = self.run_machine("bad-path", definition, ["lots"])
        self.assertEqual(described["error"], "States.Runtime")
        self.assertIn('The ToleratedFailurePercentagePath field refers to value "lots" which is not a valid float',
                      described["cause"])
        # A count too large for an integer field is no valid integer either.
        definition = distributed_map(FAIL_ABOVE_TWO, "Check", ToleratedFailureCountPath="$$.Execution.Input[0]")
        _, arn, described = self.run_machine("huge-path", definition, [10 ** 15])
        self.assertEqual(described["error"], "States.Runtime")
        self.assertIn("The ToleratedFailureCountPath field refers to value \"1000000000000000\" which is not a "
                      "valid integer", described["cause"])

    def test_item_batcher_groups_items_with_the_batch_input(self):
        definition = distributed_map({"Sum": {"Type": "Pass", "Parameters": {
            "count.$": "States.ArrayLength($.Items)", "tag.$": "$.BatchInput.tag"}, "End": True}}, "Sum",
            ItemBatcher={"MaxItemsPerBatch": 2, "BatchInput": {"tag": "t"}})
        _, arn, described = self.run_machine("batches", definition, [1, 2, 3, 4, 5])
        self.assertEqual(json.loads(described["output"]),
                         [{"count": 2, "tag": "t"}, {"count": 2, "tag": "t"}, {"count": 1, "tag": "t"}])
        map_run = self.sfn.describe_map_run(mapRunArn=self.map_run(arn))
        self.assertEqual((map_run["itemCounts"]["total"], map_run["executionCounts"]["total"]), (5, 3))

    def test_item_reader_fails_at_run_time_without_s3(self):
        definition = distributed_map({"P": {"Type": "Pass", "End": True}}, "P", ItemReader={
            "Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"},
            "Parameters": {"Bucket": "b", "Key": "k"}})
        _, _, described = self.run_machine("reader", definition, {})
        self.assertEqual(described["error"], "States.ItemReaderFailed")
        self.assertIn("does not emulate Amazon S3", described["cause"])

    def test_stopping_the_parent_aborts_the_children(self):
        machine = self.sfn.create_state_machine(name="stopped", definition=distributed_map(FAIL_ABOVE_TWO, "Check"),
                                                roleArn=ROLE)["stateMachineArn"]
        arn = self.sfn.start_execution(stateMachineArn=machine, input="[1, 2]")["executionArn"]
        self.server.clock(advanceSeconds=1)
        self.sfn.stop_execution(executionArn=arn, error="Halt")
        self.assertEqual([e["type"] for e in self.history(arn)][-2:], ["MapRunAborted", "ExecutionAborted"])
        map_run = self.map_run(arn)
        self.assertEqual(self.sfn.describe_map_run(mapRunArn=map_run)["status"], "ABORTED")
        children = self.sfn.list_executions(mapRunArn=map_run)["executions"]
        self.assertEqual([c["status"] for c in children], ["ABORTED", "ABORTED"])

    def test_a_stopped_child_is_a_failure_its_map_run_counts(self):
        definition = distributed_map(FAIL_ABOVE_TWO, "Check", ToleratedFailureCount=1)
        machine = self.sfn.create_state_machine(name="child-stopped", definition=definition,
                                                roleArn=ROLE)["stateMachineArn"]
        arn = self.sfn.start_execution(stateMachineArn=machine, input="[1, 2]")["executionArn"]
        child = self.sfn.list_executions(mapRunArn=self.map_run(arn))["executions"][-1]["executionArn"]
        self.sfn.stop_execution(executionArn=child, error="Operator", cause="not needed")
        self.server.clock(advanceSeconds=30)
        described = self.sfn.describe_execution(executionArn=arn)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), [{"Error": "Operator", "Cause": "not needed"}, 2])
        self.assertEqual([e["type"] for e in self.history(child)][-1], "ExecutionAborted")

    def test_redrive_runs_only_the_children_that_did_not_succeed(self):
        machine, arn, described = self.run_machine(
            "redriven", distributed_map(FAIL_ABOVE_TWO, "Check", MaxConcurrency=1), [1, 3])
        self.assertEqual(described["status"], "FAILED")
        self.sfn.redrive_execution(executionArn=arn)
        self.server.clock(advanceSeconds=60)
        self.assertEqual(self.sfn.describe_execution(executionArn=arn)["status"], "FAILED")
        first, second = [r["mapRunArn"] for r in self.sfn.list_map_runs(executionArn=arn)["mapRuns"]]
        self.assertEqual(len(self.sfn.list_executions(mapRunArn=first)["executions"]), 2)
        again = self.sfn.list_executions(mapRunArn=second)["executions"]
        self.assertEqual([json.loads(self.sfn.describe_execution(executionArn=c["executionArn"])["input"])
                          for c in again], [3])
        # A child is redriven through its parent only.
        code, message = self.error(self.sfn.redrive_execution, executionArn=again[0]["executionArn"])
        self.assertEqual(code, "ExecutionNotRedrivable")
        self.assertIn("child of a Map Run", message)

    def test_map_run_api_errors(self):
        code, _ = self.error(self.sfn.describe_map_run, mapRunArn="not-an-arn")
        self.assertEqual(code, "InvalidArn")
        unknown = "arn:aws:states:us-east-1:123456789012:mapRun:m/l:00000000-0000-4000-8000-000000000000"
        self.assertEqual(self.error(self.sfn.describe_map_run, mapRunArn=unknown)[0], "ResourceNotFound")
        self.assertEqual(self.error(self.sfn.update_map_run, mapRunArn=unknown, maxConcurrency=1)[0],
                         "ResourceNotFound")
        self.assertEqual(self.error(self.sfn.list_executions, mapRunArn=unknown)[0], "ResourceNotFound")
        _, arn, _ = self.run_machine("done", distributed_map({"P": {"Type": "Pass", "End": True}}, "P"), [1])
        self.assertEqual(self.error(self.sfn.update_map_run, mapRunArn=self.map_run(arn))[0], "ValidationException")
        missing = "arn:aws:states:us-east-1:123456789012:execution:nope:nope"
        self.assertEqual(self.error(self.sfn.list_map_runs, executionArn=missing)[0], "ExecutionDoesNotExist")

    def test_distributed_only_fields_are_refused_on_an_inline_map(self):
        definition = json.dumps({"StartAt": "M", "States": {"M": {
            "Type": "Map", "Label": "x", "End": True,
            "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}}}})
        code, message = self.error(self.sfn.create_state_machine, name="inline", definition=definition,
                                   roleArn=ROLE)
        self.assertEqual(code, "InvalidDefinition")
        self.assertIn('"Label" is only supported in a Distributed Map', message)


class DistributedMapCli(unittest.TestCase):
    def test_list_describe_and_update_map_runs_with_the_cli(self):
        with StepsimServer("--clock", "manual") as server:
            def cli(*args):
                result = aws(server, "stepfunctions", *args)
                self.assertEqual(result.returncode, 0, result.stderr)
                return json.loads(result.stdout) if result.stdout.strip() else None

            machine = cli("create-state-machine", "--name", "cli", "--role-arn", ROLE, "--definition",
                          distributed_map(FAIL_ABOVE_TWO, "Check", MaxConcurrency=1))["stateMachineArn"]
            execution = cli("start-execution", "--state-machine-arn", machine, "--input", "[1, 2]")["executionArn"]
            map_run = cli("list-map-runs", "--execution-arn", execution)["mapRuns"][0]["mapRunArn"]
            cli("update-map-run", "--map-run-arn", map_run, "--max-concurrency", "2",
                "--tolerated-failure-count", "1")
            described = cli("describe-map-run", "--map-run-arn", map_run)
            self.assertEqual((described["maxConcurrency"], described["toleratedFailureCount"],
                              described["executionCounts"]["running"]), (2, 1, 2))
            children = cli("list-executions", "--map-run-arn", map_run)["executions"]
            self.assertEqual(len(children), 2)


if __name__ == "__main__":
    unittest.main()
