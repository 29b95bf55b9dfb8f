"""Retention bounds through boto3: `stepsim serve --max-executions 3` forgets the oldest closed
execution when a fourth closes (ExecutionDoesNotExist, gone from ListExecutions) while a running one
stays; `--max-jobs 3` does the same for finished Batch jobs (DescribeJobs leaves unknown ids out, as
AWS does)."""
import json
import unittest

from batch_world import create_world
from stepsim_server import StepsimServer

ROLE = "arn:aws:iam::123456789012:role/sfn-role"
# Waits $.seconds on the virtual clock (0: closes as it starts).
WAIT = {"StartAt": "W", "States": {"W": {"Type": "Wait", "SecondsPath": "$.seconds", "End": True}}}


class ClosedExecutions(unittest.TestCase):
    def test_the_fourth_closed_execution_evicts_the_first(self):
        with StepsimServer("--clock", "manual", "--max-executions", "3") as server:
            sfn = server.client("stepfunctions")
            machine = sfn.create_state_machine(name="m", definition=json.dumps(WAIT),
                                               roleArn=ROLE)["stateMachineArn"]

            def start(seconds):
                return sfn.start_execution(stateMachineArn=machine,
                                           input=json.dumps({"seconds": seconds}))["executionArn"]

            running = start(3600)
            closed = [start(0) for _ in range(3)]
            for arn in closed:
                self.assertEqual(sfn.describe_execution(executionArn=arn)["status"], "SUCCEEDED")
            fourth = start(0)

            for call in (sfn.describe_execution, sfn.get_execution_history):
                with self.assertRaises(sfn.exceptions.ExecutionDoesNotExist):
                    call(executionArn=closed[0])
            listed = [e["executionArn"]
                      for e in sfn.list_executions(stateMachineArn=machine)["executions"]]
            self.assertEqual(listed, [fourth, closed[2], closed[1], running])
            self.assertEqual(sfn.describe_execution(executionArn=running)["status"], "RUNNING")


class FinishedJobs(unittest.TestCase):
    def test_the_fourth_finished_job_evicts_the_first(self):
        with StepsimServer("--clock", "manual", "--max-jobs", "3") as server:
            batch = server.client("batch")
            create_world(batch)
            status, body = server.control("POST", "/_stepsim/batch/lifecycles", {"rules": [
                {"match": {"jobName": "long"}, "steps": [{"status": "RUNNING", "seconds": 3600}]},
                {"match": {}, "steps": [{"status": "RUNNING", "seconds": 10},
                                        {"status": "SUCCEEDED"}]}]})
            self.assertEqual(status, 200, body)

            def submit(name):
                return batch.submit_job(jobName=name, jobQueue="q", jobDefinition="jd")["jobId"]

            running = submit("long")
            jobs = [submit(f"job-{i}") for i in range(3)]
            server.clock(advanceSeconds=10)
            self.assertEqual([j["status"] for j in batch.describe_jobs(jobs=jobs)["jobs"]],
                             ["SUCCEEDED"] * 3)
            fourth = submit("job-3")
            server.clock(advanceSeconds=10)

            described = batch.describe_jobs(jobs=[jobs[0], *jobs[1:], fourth, running])["jobs"]
            self.assertEqual([j["jobId"] for j in described], [*jobs[1:], fourth, running])
            self.assertEqual(described[-1]["status"], "RUNNING")
            listed = [j["jobId"] for j in
                      batch.list_jobs(jobQueue="q", jobStatus="SUCCEEDED")["jobSummaryList"]]
            self.assertEqual(listed, [*jobs[1:], fourth])


if __name__ == "__main__":
    unittest.main()
