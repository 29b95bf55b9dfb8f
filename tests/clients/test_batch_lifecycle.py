"""The foundation issue's acceptance run: a scripted lifecycle with a retry, stepped through in
manual mode with boto3; an hour-long job in auto mode; determinism across two servers."""
import time
import unittest

from batch_world import create_world, describe
from stepsim_server import StepsimServer

START_MS = 1767225600000  # the default --start-time, 2026-01-01T00:00:00Z

RETRY_RULE = {"rules": [{
    "match": {"jobName": "nightly-*"},
    "attempts": [
        [{"status": "RUNNABLE", "seconds": 30}, {"status": "STARTING", "seconds": 10},
         {"status": "RUNNING", "seconds": 300}, {"status": "FAILED", "exitCode": 1}],
        [{"status": "RUNNABLE", "seconds": 5}, {"status": "STARTING", "seconds": 5},
         {"status": "RUNNING", "seconds": 60}, {"status": "SUCCEEDED", "exitCode": 0}],
    ]}]}


class ManualModeRetry(unittest.TestCase):
    def test_status_after_every_advance(self):
        with StepsimServer("--clock", "manual") as server:
            batch = server.client("batch")
            create_world(batch, retryStrategy={"attempts": 2})
            status, body = server.control("POST", "/_stepsim/batch/lifecycles", RETRY_RULE)
            self.assertEqual(status, 200, body)

            job = batch.submit_job(jobName="nightly-1", jobQueue="q", jobDefinition="jd")
            job_id = job["jobId"]
            self.assertTrue(job["jobArn"].endswith(":job/" + job_id))

            detail = describe(batch, job_id)
            self.assertEqual(detail["status"], "RUNNABLE")
            self.assertEqual(detail["createdAt"], START_MS)
            self.assertEqual(detail["jobQueue"], "arn:aws:batch:us-east-1:123456789012:job-queue/q")
            self.assertEqual(detail["jobDefinition"],
                             "arn:aws:batch:us-east-1:123456789012:job-definition/jd:1")

            expected = [  # (advance seconds, status, attempts recorded)
                (29, "RUNNABLE", 0), (1, "STARTING", 0), (10, "RUNNING", 0), (299, "RUNNING", 0),
                (1, "RUNNABLE", 1), (5, "STARTING", 1), (5, "RUNNING", 1), (59, "RUNNING", 1),
                (1, "SUCCEEDED", 2)]
            elapsed = 0
            for seconds, status, attempts in expected:
                clock = server.clock(advanceSeconds=seconds)
                elapsed += seconds
                self.assertEqual(clock["epochMillis"], START_MS + elapsed * 1000)
                detail = describe(batch, job_id)
                self.assertEqual(detail["status"], status, f"after {elapsed} s")
                self.assertEqual(len(detail.get("attempts", [])), attempts, f"after {elapsed} s")
                if status == "RUNNING" and attempts == 0:
                    self.assertEqual(detail["startedAt"], START_MS + 40_000)

            first, second = detail["attempts"]
            self.assertEqual(first["container"]["exitCode"], 1)
            self.assertEqual(first["startedAt"], START_MS + 40_000)
            self.assertEqual(first["stoppedAt"], START_MS + 340_000)
            self.assertEqual(second["container"]["exitCode"], 0)
            self.assertEqual(second["startedAt"], START_MS + 350_000)
            self.assertEqual(second["stoppedAt"], START_MS + 410_000)
            self.assertEqual(detail["createdAt"], START_MS)
            self.assertEqual(detail["startedAt"], START_MS + 350_000)
            self.assertEqual(detail["stoppedAt"], START_MS + 410_000)
            self.assertEqual(detail["container"]["exitCode"], 0)

    def test_advance_to_fires_each_transition_at_its_own_instant(self):
        with StepsimServer("--clock", "manual") as server:
            batch = server.client("batch")
            create_world(batch, retryStrategy={"attempts": 2})
            server.control("POST", "/_stepsim/batch/lifecycles", RETRY_RULE)
            job_id = batch.submit_job(jobName="nightly-2", jobQueue="q", jobDefinition="jd")["jobId"]
            clock = server.clock(advanceTo="2026-01-01T01:00:00Z")
            self.assertEqual(clock["now"], "2026-01-01T01:00:00.000Z")
            detail = describe(batch, job_id)
            self.assertEqual(detail["status"], "SUCCEEDED")
            self.assertEqual([a["stoppedAt"] for a in detail["attempts"]],
                             [START_MS + 340_000, START_MS + 410_000])


class AutoMode(unittest.TestCase):
    def test_hour_long_job_finishes_in_milliseconds(self):
        with StepsimServer() as server:
            batch = server.client("batch")
            create_world(batch)
            server.control("POST", "/_stepsim/batch/lifecycles", {"rules": [{
                "match": {}, "steps": [{"status": "RUNNING", "seconds": 3600},
                                       {"status": "SUCCEEDED"}]}]})
            began = time.perf_counter()
            job_id = batch.submit_job(jobName="long", jobQueue="q", jobDefinition="jd")["jobId"]
            for _ in range(100):
                detail = describe(batch, job_id)
                if detail["status"] == "SUCCEEDED":
                    break
            wall = time.perf_counter() - began
            self.assertEqual(detail["status"], "SUCCEEDED")
            self.assertEqual(detail["stoppedAt"] - detail["startedAt"], 3_600_000)
            print(f"hour-long job SUCCEEDED after {wall * 1000:.1f} ms of wall time")
            self.assertLess(wall, 1.0)


def run_script(server):
    """The same calls, in the same order; returns everything that should be deterministic."""
    batch = server.client("batch")
    create_world(batch, retryStrategy={"attempts": 2})
    server.control("POST", "/_stepsim/batch/lifecycles", RETRY_RULE)
    ids, results = [], []
    for name in ("nightly-a", "other-b", "nightly-c"):
        response = batch.submit_job(jobName=name, jobQueue="q", jobDefinition="jd")
        ids.append(response["jobId"])
        results.append(response["ResponseMetadata"]["RequestId"])
    server.clock(advanceSeconds=400)
    results.append(batch.describe_jobs(jobs=ids)["jobs"])
    return ids, results


class Determinism(unittest.TestCase):
    def test_same_seed_same_ids_and_timestamps(self):
        with StepsimServer("--clock", "manual", "--seed", "7") as one, \
                StepsimServer("--clock", "manual", "--seed", "7") as two, \
                StepsimServer("--clock", "manual", "--seed", "8") as other:
            first, second, third = run_script(one), run_script(two), run_script(other)
            self.assertEqual(first, second)
            self.assertNotEqual(first[0], third[0])


if __name__ == "__main__":
    unittest.main()
