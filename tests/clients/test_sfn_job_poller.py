"""The Job Status Poller end to end through boto3 and the AWS CLI: the classic shape with Lambda
function ARNs, the lambda:invoke shape with a Retry on throttling, and the batch:submitJob.sync
shape — each succeeding and failing — on the virtual clock."""
import json
import os
import subprocess
import time
import unittest
from pathlib import Path

from batch_world import create_world
from stepsim_server import StepsimServer
from test_lambda_invoke import create

ROOT = Path(__file__).resolve().parents[2]
ROLE = "arn:aws:iam::123456789012:role/sfn-role"
INPUT = {"jobName": "my-job", "jobDefinition": "SampleJobDefinition",
         "jobQueue": "SampleJobQueue", "wait_time": 60}


def definition(shape):
    return (ROOT / "scenarios" / "job_poller" / f"{shape}.asl.json").read_text()


def lifecycle(final, seconds=590):
    return {"rules": [{"match": {}, "steps": [{"status": "RUNNING", "seconds": seconds},
                                              {"status": final}]}]}


class JobPoller:
    """A server with the sample's world: Batch resources and the two functions as fakes."""

    def __init__(self, server, final="SUCCEEDED", seconds=590):
        self.server = server
        self.lam, self.batch = server.client("lambda"), server.client("batch")
        self.sfn = server.client("stepfunctions")
        create_world(self.batch, queue="SampleJobQueue", definition="SampleJobDefinition")
        status, body = server.control("POST", "/_stepsim/batch/lifecycles", lifecycle(final, seconds))
        assert status == 200, body
        create(self.lam, "SubmitJob", "fake:batch-submit-job")
        create(self.lam, "CheckJob", "fake:batch-job-status")

    def run(self, shape, name="poller"):
        """Creates the machine, starts it, waits (auto clock) for the end; returns
        (describe, events, wall seconds)."""
        arn = self.sfn.create_state_machine(name=name, definition=definition(shape),
                                            roleArn=ROLE)["stateMachineArn"]
        began = time.perf_counter()
        execution = self.sfn.start_execution(stateMachineArn=arn, input=json.dumps(INPUT))
        for _ in range(500):
            described = self.sfn.describe_execution(executionArn=execution["executionArn"])
            if described["status"] != "RUNNING":
                break
            time.sleep(0.002)
        wall = time.perf_counter() - began
        events = []
        for page in self.sfn.get_paginator("get_execution_history").paginate(
                executionArn=execution["executionArn"]):
            events.extend(page["events"])
        return described, events, wall


def types(events):
    return [e["type"] for e in events]


class ClassicShape(unittest.TestCase):
    def test_succeeds_in_600_virtual_seconds(self):
        with StepsimServer("--clock", "auto") as server:
            described, events, wall = JobPoller(server).run("classic")
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(json.loads(described["output"]), "SUCCEEDED")
            self.assertEqual((described["stopDate"] - described["startDate"]).total_seconds(), 600)
            self.assertEqual(types(events).count("WaitStateEntered"), 10)
            self.assertEqual([e["id"] for e in events], list(range(1, len(events) + 1)))
            self.assertEqual(types(events)[:6],
                             ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled",
                              "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited"])
            self.assertEqual(types(events)[-1], "ExecutionSucceeded")
            for event in events[1:]:
                self.assertLess(event["previousEventId"], event["id"])
            self.assertLess(wall, 1.0)
            scheduled = events[2]["lambdaFunctionScheduledEventDetails"]
            self.assertEqual(scheduled["resource"],
                             "arn:aws:lambda:us-east-1:123456789012:function:SubmitJob")
            self.assertEqual(json.loads(scheduled["input"])["jobName"], "my-job")

    def test_failed_job_takes_the_fail_state(self):
        with StepsimServer("--clock", "auto") as server:
            described, events, _ = JobPoller(server, final="FAILED").run("classic")
            self.assertEqual(described["status"], "FAILED")
            self.assertEqual(described["error"], "DescribeJob returned FAILED")
            self.assertEqual(described["cause"], "AWS Batch Job Failed")
            self.assertIn("FailStateEntered", types(events))
            self.assertEqual(events[-1]["executionFailedEventDetails"],
                             {"error": "DescribeJob returned FAILED", "cause": "AWS Batch Job Failed"})

    def test_aws_cli(self):
        with StepsimServer("--clock", "auto") as server:
            JobPoller(server)
            env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                       AWS_DEFAULT_REGION="us-east-1", AWS_MAX_ATTEMPTS="1")

            def aws(*args):
                result = subprocess.run(["aws", "--endpoint-url", server.url, "--output", "json",
                                         "stepfunctions", *args],
                                        capture_output=True, text=True, env=env, timeout=120)
                self.assertEqual(result.returncode, 0, result.stderr)
                return json.loads(result.stdout)

            arn = aws("create-state-machine", "--name", "cli-poller", "--role-arn", ROLE,
                      "--definition", definition("classic"))["stateMachineArn"]
            execution = aws("start-execution", "--state-machine-arn", arn,
                            "--input", json.dumps(INPUT))["executionArn"]
            for _ in range(100):
                described = aws("describe-execution", "--execution-arn", execution)
                if described["status"] != "RUNNING":
                    break
            self.assertEqual(described["status"], "SUCCEEDED")
            self.assertEqual(json.loads(described["output"]), "SUCCEEDED")
            listed = aws("list-executions", "--state-machine-arn", arn)["executions"]
            self.assertEqual([e["executionArn"] for e in listed], [execution])


class LambdaInvokeShape(unittest.TestCase):
    def test_succeeds_and_retries_throttling_on_the_virtual_clock(self):
        with StepsimServer("--clock", "auto") as server:
            poller = JobPoller(server)
            described, events, _ = poller.run("lambda_invoke", name="plain")
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(json.loads(described["output"]), "SUCCEEDED")
            plain = (described["stopDate"] - described["startDate"]).total_seconds()
            self.assertEqual(plain, 600)
            self.assertIn("TaskScheduled", types(events))
            scheduled = next(e for e in events if e["type"] == "TaskScheduled")
            self.assertEqual(scheduled["taskScheduledEventDetails"]["resourceType"], "lambda")
            self.assertEqual(scheduled["taskScheduledEventDetails"]["resource"], "invoke")

            # CheckJob throttled twice: the Retry (2 s, backoff 2) adds 2 + 4 virtual seconds.
            status, body = server.control("POST", "/_stepsim/lambda/responses", {
                "functionName": "CheckJob",
                "responses": {"0-1": {"ServiceError": "TooManyRequestsException"}}})
            self.assertEqual(status, 200, body)
            described, events, _ = poller.run("lambda_invoke", name="throttled")
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual((described["stopDate"] - described["startDate"]).total_seconds(),
                             plain + 6)
            failures = [e["taskFailedEventDetails"] for e in events if e["type"] == "TaskFailed"]
            self.assertEqual([f["error"] for f in failures], ["Lambda.TooManyRequestsException"] * 2)


class BatchSyncShape(unittest.TestCase):
    def test_succeeds_and_fails_with_the_job(self):
        with StepsimServer("--clock", "auto") as server:
            poller = JobPoller(server)
            described, events, _ = poller.run("batch_sync")
            self.assertEqual(described["status"], "SUCCEEDED", described)
            self.assertEqual(json.loads(described["output"]), "SUCCEEDED")
            self.assertEqual((described["stopDate"] - described["startDate"]).total_seconds(), 590)
            self.assertEqual(types(events)[1:6], ["TaskStateEntered", "TaskScheduled", "TaskStarted",
                                                  "TaskSubmitted", "TaskSucceeded"])
            submitted = json.loads(events[4]["taskSubmittedEventDetails"]["output"])
            self.assertEqual(set(submitted), {"JobArn", "JobId", "JobName"})

        with StepsimServer("--clock", "auto") as server:
            described, events, _ = JobPoller(server, final="FAILED").run("batch_sync")
            self.assertEqual(described["status"], "FAILED")
            self.assertEqual(described["error"], "DescribeJob returned FAILED")
            failed = next(e for e in events if e["type"] == "TaskFailed")["taskFailedEventDetails"]
            self.assertEqual(failed["error"], "States.TaskFailed")
            self.assertEqual(json.loads(failed["cause"])["Status"], "FAILED")

    def test_stopping_the_execution_terminates_the_job(self):
        with StepsimServer("--clock", "manual") as server:
            poller = JobPoller(server)
            arn = poller.sfn.create_state_machine(name="sync", definition=definition("batch_sync"),
                                                  roleArn=ROLE)["stateMachineArn"]
            execution = poller.sfn.start_execution(stateMachineArn=arn, input=json.dumps(INPUT))
            server.clock(advanceSeconds=5)
            job_id = poller.batch.list_jobs(jobQueue="SampleJobQueue",
                                            jobStatus="RUNNING")["jobSummaryList"][0]["jobId"]
            poller.sfn.stop_execution(executionArn=execution["executionArn"], error="Stop",
                                      cause="enough")
            described = poller.sfn.describe_execution(executionArn=execution["executionArn"])
            self.assertEqual(described["status"], "ABORTED")
            self.assertEqual(described["error"], "Stop")
            job = poller.batch.describe_jobs(jobs=[job_id])["jobs"][0]
            self.assertEqual(job["status"], "FAILED")


if __name__ == "__main__":
    unittest.main()
