"""CloudWatch Logs through boto3 and the AWS CLI (v1 and v2): groups, streams and events, paging,
filter patterns, retention and tags; and the logs Lambda writes, as AWS does, for real code's
prints and a built-in fake's line, which `aws logs tail` shows."""
import json
import os
import shutil
import subprocess
import unittest

from stepsim_server import StepsimServer
from test_cli import aws
from test_lambda_invoke import python_zip

ROLE = "arn:aws:iam::123456789012:role/lambda-role"
T0 = 1767225600000  # the virtual clock's start, 2026-01-01T00:00:00Z


def aws_cli_v2():
    """The AWS CLI v2 (`aws logs tail` is v2 only): the one on PATH, else Debian's."""
    for candidate in (shutil.which("aws"), "/usr/bin/aws"):
        if candidate:
            version = subprocess.run([candidate, "--version"], capture_output=True, text=True)
            if (version.stdout + version.stderr).startswith("aws-cli/2"):
                return candidate
    raise AssertionError("the AWS CLI v2 is needed for `aws logs tail`: run tools/setup.sh "
                         "(it installs Debian's awscli, which is v2)")


class LogsApi(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer("--clock", "manual").__enter__()
        self.logs = self.server.client("logs")

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def put(self, stream, *events, group="app"):
        return self.logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
            {"timestamp": T0 + offset, "message": message} for offset, message in events])

    def test_groups_and_streams(self):
        self.logs.create_log_group(logGroupName="app", tags={"team": "batch"})
        self.logs.create_log_group(logGroupName="other")
        with self.assertRaises(self.logs.exceptions.ResourceAlreadyExistsException):
            self.logs.create_log_group(logGroupName="app")
        groups = self.logs.describe_log_groups(logGroupNamePrefix="ap")["logGroups"]
        self.assertEqual([g["logGroupName"] for g in groups], ["app"])
        self.assertEqual(groups[0]["arn"], "arn:aws:logs:us-east-1:123456789012:log-group:app:*")
        self.assertEqual(groups[0]["creationTime"], T0)
        first = self.logs.describe_log_groups(limit=1)
        self.assertEqual(len(first["logGroups"]), 1)
        self.assertEqual(len(self.logs.describe_log_groups(nextToken=first["nextToken"])
                             ["logGroups"]), 1)

        self.logs.create_log_stream(logGroupName="app", logStreamName="b")
        self.logs.create_log_stream(logGroupName="app", logStreamName="a")
        self.put("b", (5, "later"))
        self.put("a", (1, "earlier"))
        streams = self.logs.describe_log_streams(logGroupName="app")["logStreams"]
        self.assertEqual([s["logStreamName"] for s in streams], ["a", "b"])
        by_time = self.logs.describe_log_streams(logGroupName="app", orderBy="LastEventTime",
                                                 descending=True)["logStreams"]
        self.assertEqual([s["logStreamName"] for s in by_time], ["b", "a"])
        self.assertEqual(by_time[0]["lastEventTimestamp"], T0 + 5)

        self.logs.put_retention_policy(logGroupName="app", retentionInDays=7)
        self.assertEqual(self.logs.describe_log_groups(logGroupNamePrefix="app")["logGroups"][0]
                         ["retentionInDays"], 7)
        self.logs.tag_resource(resourceArn="arn:aws:logs:us-east-1:123456789012:log-group:app",
                               tags={"env": "test"})
        self.assertEqual(self.logs.list_tags_log_group(logGroupName="app")["tags"],
                         {"team": "batch", "env": "test"})
        self.logs.delete_log_group(logGroupName="other")
        with self.assertRaises(self.logs.exceptions.ResourceNotFoundException):
            self.logs.delete_log_group(logGroupName="other")
        with self.assertRaises(self.logs.exceptions.ResourceNotFoundException):
            self.logs.describe_log_streams(logGroupName="missing")

    def test_events_read_back_forward_backward_and_filtered(self):
        self.logs.create_log_group(logGroupName="app")
        self.logs.create_log_stream(logGroupName="app", logStreamName="s")
        self.logs.create_log_stream(logGroupName="app", logStreamName="t")
        self.put("s", *[(i, f"line {i} ERROR" if i % 2 else f"line {i} ok") for i in range(6)])
        self.put("t", (3, "from t: ERROR job failed"))
        with self.assertRaises(self.logs.exceptions.InvalidParameterException):
            self.put("s", (9, "b"), (8, "a"))  # not in time order

        latest = self.logs.get_log_events(logGroupName="app", logStreamName="s", limit=2)
        self.assertEqual([e["message"] for e in latest["events"]], ["line 4 ok", "line 5 ERROR"])
        older = self.logs.get_log_events(logGroupName="app", logStreamName="s", limit=2,
                                         nextToken=latest["nextBackwardToken"])
        self.assertEqual([e["message"] for e in older["events"]], ["line 2 ok", "line 3 ERROR"])
        head = self.logs.get_log_events(logGroupName="app", logStreamName="s", startFromHead=True,
                                        startTime=T0 + 1, endTime=T0 + 3)
        self.assertEqual([e["message"] for e in head["events"]], ["line 1 ERROR", "line 2 ok"])

        events = self.logs.filter_log_events(logGroupName="app", filterPattern="ERROR")["events"]
        self.assertEqual([(e["logStreamName"], e["timestamp"] - T0) for e in events],
                         [("s", 1), ("s", 3), ("t", 3), ("s", 5)])  # interleaved by time
        phrase = self.logs.filter_log_events(logGroupName="app", filterPattern='"job failed"')
        self.assertEqual(len(phrase["events"]), 1)
        either = self.logs.filter_log_events(logGroupName="app", filterPattern="?zero ?ok",
                                             logStreamNames=["s"])
        self.assertEqual(len(either["events"]), 3)
        without = self.logs.filter_log_events(logGroupName="app", filterPattern="line -ERROR")
        self.assertEqual([e["message"] for e in without["events"]],
                         ["line 0 ok", "line 2 ok", "line 4 ok"])
        paged = self.logs.get_paginator("filter_log_events").paginate(
            logGroupName="app", PaginationConfig={"PageSize": 2})
        self.assertEqual(sum(len(page["events"]) for page in paged), 7)
        with self.assertRaises(self.logs.exceptions.InvalidParameterException):
            self.logs.filter_log_events(logGroupName="app", filterPattern="{ $.level = 1 }")

    def test_the_aws_cli_reads_events(self):
        self.logs.create_log_group(logGroupName="cli")
        self.logs.create_log_stream(logGroupName="cli", logStreamName="s")
        self.put("s", (0, "hello from the CLI"), group="cli")
        result = aws(self.server, "logs", "filter-log-events", "--log-group-name", "cli")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["events"][0]["message"], "hello from the CLI")


class ExecutionLogs(unittest.TestCase):
    """A state machine's loggingConfiguration: its level picks the events, includeExecutionData
    whether they carry the data, in AWS's JSON log events."""

    DEFINITION = json.dumps({"StartAt": "Pass", "States": {
        "Pass": {"Type": "Pass", "Result": {"ok": True}, "Next": "Fail"},
        "Fail": {"Type": "Fail", "Error": "Broken", "Cause": "on purpose"}}})

    def run_machine(self, server, name, level, include_data):
        logs, sfn = server.client("logs"), server.client("stepfunctions")
        logs.create_log_group(logGroupName=f"/aws/vendedlogs/states/{name}")
        group_arn = f"arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/{name}:*"
        arn = sfn.create_state_machine(
            name=name, definition=self.DEFINITION, roleArn=ROLE.replace("lambda-role", "sfn"),
            loggingConfiguration={"level": level, "includeExecutionData": include_data,
                                  "destinations": [{"cloudWatchLogsLogGroup": {
                                      "logGroupArn": group_arn}}]})["stateMachineArn"]
        execution = sfn.start_execution(stateMachineArn=arn, input='{"job": 1}')
        sfn.describe_execution(executionArn=execution["executionArn"])
        events = logs.filter_log_events(logGroupName=f"/aws/vendedlogs/states/{name}")["events"]
        return execution["executionArn"], events

    def test_all_events_with_their_data(self):
        with StepsimServer() as server:
            arn, events = self.run_machine(server, "Everything", "ALL", True)
            self.assertTrue(events[0]["logStreamName"].startswith("states/Everything/2026-01-01-00-00/"))
            messages = [json.loads(e["message"]) for e in events]
            self.assertEqual([m["type"] for m in messages],
                             ["ExecutionStarted", "PassStateEntered", "PassStateExited",
                              "FailStateEntered", "ExecutionFailed"])
            self.assertEqual(messages[0]["id"], "1")
            self.assertEqual(messages[0]["previous_event_id"], "0")
            self.assertEqual(messages[0]["execution_arn"], arn)
            self.assertEqual(messages[0]["event_timestamp"], str(T0))
            self.assertEqual(messages[0]["details"]["input"], '{"job": 1}')
            self.assertEqual(messages[4]["details"]["error"], "Broken")

    def test_the_server_log_names_each_state_entered(self):
        with StepsimServer("--log-level", "info", capture_stderr=True) as server:
            arn, _ = self.run_machine(server, "Logged", "OFF", False)
        self.assertIn(f"execution {arn} entered Pass at 2026-01-01T00:00:00.000Z",
                      server.stderr_text)
        self.assertIn(f"execution {arn} entered Fail", server.stderr_text)

    def test_error_level_without_data(self):
        with StepsimServer() as server:
            _, events = self.run_machine(server, "Errors", "ERROR", False)
            messages = [json.loads(e["message"]) for e in events]
            self.assertEqual([m["type"] for m in messages], ["ExecutionFailed"])
            _, quiet = self.run_machine(server, "Quiet", "OFF", False)
            self.assertEqual(quiet, [])


class LambdaLogs(unittest.TestCase):
    def test_lambda_writes_prints_and_a_fakes_line_that_aws_logs_tail_shows(self):
        with StepsimServer() as server:
            lam, logs = server.client("lambda"), server.client("logs")
            lam.create_function(FunctionName="Printer", Runtime="python3.12", Handler="app.handler",
                                Role=ROLE, Code={"ZipFile": python_zip(
                                    "import os\n"
                                    "def handler(event, context):\n"
                                    "    print('checking job', event['jobId'])\n"
                                    "    print(os.environ['AWS_LAMBDA_LOG_STREAM_NAME'])\n"
                                    "    return 'RUNNING'\n")})
            lam.create_function(FunctionName="Echo", Runtime="python3.12", Handler="fake:echo",
                                Role=ROLE, Code={"ZipFile": python_zip("")})
            invoked = lam.invoke(FunctionName="Printer", Payload=b'{"jobId": "j-1"}')
            request_id = invoked["ResponseMetadata"]["RequestId"]
            lam.invoke(FunctionName="Echo", Payload=b'{"a": 1}')

            streams = logs.describe_log_streams(logGroupName="/aws/lambda/Printer")["logStreams"]
            self.assertEqual(len(streams), 1)
            self.assertRegex(streams[0]["logStreamName"], r"^2026/01/01/\[\$LATEST\][0-9a-f]{32}$")
            messages = [e["message"] for e in logs.get_log_events(
                logGroupName="/aws/lambda/Printer", logStreamName=streams[0]["logStreamName"],
                startFromHead=True)["events"]]
            self.assertEqual(messages[0], f"START RequestId: {request_id} Version: $LATEST")
            self.assertEqual(messages[1], "checking job j-1")
            # The function knows the stream it logs to, as on AWS.
            self.assertEqual(messages[2], streams[0]["logStreamName"])
            self.assertEqual(messages[3], f"END RequestId: {request_id}")
            self.assertTrue(messages[4].startswith(f"REPORT RequestId: {request_id}\tDuration: "))

            env = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test",
                   "AWS_DEFAULT_REGION": "us-east-1", "AWS_PAGER": ""}
            tail = subprocess.run(
                [aws_cli_v2(), "--endpoint-url", server.url, "logs", "tail", "/aws/lambda/Echo",
                 # The virtual clock starts on 2026-01-01, whatever the wall clock says.
                 "--since", "2026-01-01T00:00:00", "--format", "short"],
                capture_output=True, text=True, env={**os.environ, **env}, timeout=120)
            self.assertEqual(tail.returncode, 0, tail.stderr)
            self.assertIn('2026-01-01T00:00:00 fake:echo returned {"a":1}', tail.stdout)
            printed = subprocess.run(
                [aws_cli_v2(), "--endpoint-url", server.url, "logs", "tail", "/aws/lambda/Printer",
                 "--since", "2026-01-01T00:00:00"],
                capture_output=True, text=True, env={**os.environ, **env}, timeout=120)
            self.assertIn("checking job j-1", printed.stdout, printed.stderr)


if __name__ == "__main__":
    unittest.main()
