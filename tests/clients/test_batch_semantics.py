"""Real Batch semantics through boto3: timeouts, dependencies, array jobs, terminate and cancel,
listing and paging, tags."""
import unittest

from batch_world import create_world, describe
from stepsim_server import StepsimServer

START_MS = 1767225600000


def rule(match, *steps):
    return {"match": match, "steps": list(steps)}


def step(status, seconds=None, **extra):
    s = {"status": status, **extra}
    if seconds is not None:
        s["seconds"] = seconds
    return s


class Semantics(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer("--clock", "manual").__enter__()
        self.batch = self.server.client("batch")
        create_world(self.batch)

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def rules(self, *rules):
        status, body = self.server.control("POST", "/_stepsim/batch/lifecycles",
                                           {"rules": list(rules)})
        self.assertEqual(status, 200, body)

    def submit(self, name, **extra):
        return self.batch.submit_job(jobName=name, jobQueue="q", jobDefinition="jd",
                                     **extra)["jobId"]

    def test_attempt_timeout_fails_without_retry(self):
        self.rules(rule({}, step("RUNNABLE", 0), step("RUNNING", 600), step("SUCCEEDED")))
        job = self.submit("slow", timeout={"attemptDurationSeconds": 60},
                          retryStrategy={"attempts": 3})
        self.server.clock(advanceSeconds=59)
        self.assertEqual(describe(self.batch, job)["status"], "RUNNING")
        self.server.clock(advanceSeconds=1)
        detail = describe(self.batch, job)
        self.assertEqual(detail["status"], "FAILED")
        self.assertEqual(detail["statusReason"], "Job attempt duration exceeded timeout")
        self.assertEqual(len(detail["attempts"]), 1)
        self.assertEqual(detail["stoppedAt"], START_MS + 60_000)

    def test_dependencies_wait_then_run_or_fail(self):
        self.rules(rule({"jobName": "first"}, step("RUNNING", 100), step("SUCCEEDED")),
                   rule({"jobName": "broken"}, step("RUNNING", 50), step("FAILED", exitCode=2)),
                   rule({}, step("RUNNING", 10), step("SUCCEEDED")))
        first = self.submit("first")
        after = self.submit("after", dependsOn=[{"jobId": first}])
        broken = self.submit("broken")
        doomed = self.submit("doomed", dependsOn=[{"jobId": broken}])
        self.server.clock(advanceSeconds=60)
        self.assertEqual(describe(self.batch, after)["status"], "PENDING")
        doomed_detail = describe(self.batch, doomed)
        self.assertEqual(doomed_detail["status"], "FAILED")
        self.assertEqual(doomed_detail["statusReason"], "Dependent Job failed")
        self.server.clock(advanceSeconds=40)
        self.assertEqual(describe(self.batch, first)["status"], "SUCCEEDED")
        self.assertEqual(describe(self.batch, after)["status"], "RUNNING")
        self.server.clock(advanceSeconds=10)
        self.assertEqual(describe(self.batch, after)["status"], "SUCCEEDED")

    def test_array_job_children_and_summary(self):
        self.rules(rule({}, step("RUNNING", 30), step("SUCCEEDED")))
        parent = self.submit("fan", arrayProperties={"size": 3})
        children = self.batch.list_jobs(arrayJobId=parent, jobStatus="RUNNING")["jobSummaryList"]
        self.assertEqual(sorted(c["jobId"] for c in children),
                         [f"{parent}:0", f"{parent}:1", f"{parent}:2"])
        detail = describe(self.batch, parent)
        self.assertEqual(detail["status"], "PENDING")
        self.assertEqual(detail["arrayProperties"]["size"], 3)
        self.assertEqual(detail["arrayProperties"]["statusSummary"].get("RUNNING"), 3)
        self.assertEqual(describe(self.batch, f"{parent}:1")["arrayProperties"]["index"], 1)
        self.server.clock(advanceSeconds=30)
        detail = describe(self.batch, parent)
        self.assertEqual(detail["status"], "SUCCEEDED")
        self.assertEqual(detail["arrayProperties"]["statusSummary"].get("SUCCEEDED"), 3)

    def test_terminate_and_cancel(self):
        self.rules(rule({"jobName": "waiting"}, step("RUNNABLE")),
                   rule({}, step("RUNNING", 1000), step("SUCCEEDED")))
        running = self.submit("busy")
        queued = self.submit("waiting")
        cancel_too_late = self.submit("busy-2")
        self.batch.terminate_job(jobId=running, reason="operator stop")
        detail = describe(self.batch, running)
        self.assertEqual((detail["status"], detail["statusReason"], detail.get("isTerminated")),
                         ("FAILED", "operator stop", True))
        self.batch.cancel_job(jobId=queued, reason="not needed")
        detail = describe(self.batch, queued)
        self.assertEqual((detail["status"], detail["statusReason"], detail.get("isCancelled")),
                         ("FAILED", "not needed", True))
        self.batch.cancel_job(jobId=cancel_too_late, reason="too late")
        self.assertEqual(describe(self.batch, cancel_too_late)["status"], "RUNNING")

    def test_list_jobs_filters_and_paging(self):
        self.rules(rule({}, step("RUNNING", 100), step("SUCCEEDED")))
        ids = [self.submit(f"job-{i}") for i in range(7)]
        running = self.batch.list_jobs(jobQueue="q")["jobSummaryList"]
        self.assertEqual(sorted(j["jobId"] for j in running), sorted(ids))
        self.assertEqual(self.batch.list_jobs(jobQueue="q", jobStatus="SUCCEEDED")["jobSummaryList"], [])
        pages = self.batch.get_paginator("list_jobs").paginate(
            jobQueue="q", PaginationConfig={"PageSize": 3})
        seen = [j["jobId"] for page in pages for j in page["jobSummaryList"]]
        self.assertEqual(sorted(seen), sorted(ids))
        named = self.batch.list_jobs(jobQueue="q", filters=[{"name": "JOB_NAME", "values": ["job-1*"]}])
        self.assertEqual([j["jobName"] for j in named["jobSummaryList"]], ["job-1"])

    def test_tags_round_trip(self):
        arn = self.batch.describe_job_queues(jobQueues=["q"])["jobQueues"][0]["jobQueueArn"]
        self.batch.tag_resource(resourceArn=arn, tags={"team": "data", "env": "test"})
        self.batch.untag_resource(resourceArn=arn, tagKeys=["env"])
        self.assertEqual(self.batch.list_tags_for_resource(resourceArn=arn)["tags"], {"team": "data"})

    def test_definition_revisions(self):
        second = self.batch.register_job_definition(
            jobDefinitionName="jd", type="container", containerProperties={"image": "busybox:2"})
        self.assertEqual(second["revision"], 2)
        job = self.submit("uses-latest")
        self.assertTrue(describe(self.batch, job)["jobDefinition"].endswith("job-definition/jd:2"))
        job = self.batch.submit_job(jobName="pinned", jobQueue="q", jobDefinition="jd:1")["jobId"]
        self.assertTrue(describe(self.batch, job)["jobDefinition"].endswith("job-definition/jd:1"))


if __name__ == "__main__":
    unittest.main()
