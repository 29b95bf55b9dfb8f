"""The /_stepsim/ control API: health, clock, reset, lifecycle rules, and its errors."""
import time
import unittest

from batch_world import create_world
from stepsim_server import StepsimServer


class ControlApi(unittest.TestCase):
    def test_health_and_clock(self):
        with StepsimServer("--start-time", "2030-05-06T07:08:09Z") as server:
            self.assertEqual(server.control("GET", "/_stepsim/health"), (200, {"status": "ok"}))
            self.assertIn("x-amzn-RequestId", server.raw("GET", "/_stepsim/health")[1])
            status, clock = server.control("GET", "/_stepsim/clock")
            self.assertEqual(status, 200)
            self.assertEqual(clock, {"now": "2030-05-06T07:08:09.000Z",
                                     "epochMillis": 1904281689000, "mode": "auto"})
            clock = server.clock(mode="manual", advanceSeconds=1.5)
            self.assertEqual((clock["mode"], clock["epochMillis"]), ("manual", 1904281690500))
            clock = server.clock(advanceTo="2030-05-07T02:00:00+02:00")
            self.assertEqual(clock["now"], "2030-05-07T00:00:00.000Z")

    def test_realtime_mode_follows_the_wall_clock_scaled(self):
        with StepsimServer("--clock", "realtime", "--time-scale", "1000") as server:
            batch = server.client("batch")
            create_world(batch)
            server.control("POST", "/_stepsim/batch/lifecycles", {"rules": [{"match": {}, "steps": [
                {"status": "RUNNING", "seconds": 100}, {"status": "SUCCEEDED"}]}]})
            job_id = batch.submit_job(jobName="rt", jobQueue="q", jobDefinition="jd")["jobId"]
            self.assertEqual(batch.describe_jobs(jobs=[job_id])["jobs"][0]["status"], "RUNNING")
            time.sleep(0.3)  # 300 virtual seconds: the job's timer fires on its own
            self.assertEqual(batch.describe_jobs(jobs=[job_id])["jobs"][0]["status"], "SUCCEEDED")
            frozen = server.clock(mode="manual")["epochMillis"]
            self.assertGreaterEqual(frozen - 1767225600000, 250_000)
            time.sleep(0.1)
            self.assertEqual(server.control("GET", "/_stepsim/clock")[1]["epochMillis"], frozen)

    def test_clock_errors(self):
        with StepsimServer("--clock", "manual") as server:
            for body in ({"mode": "sometimes"}, {"advanceSeconds": -1}, {"advanceSeconds": "5"},
                         {"advanceTo": "yesterday"}, {"advanceTo": "2000-01-01T00:00:00Z"},
                         {"advanceSeconds": 1, "advanceTo": "2030-01-01T00:00:00Z"}):
                status, error = server.control("POST", "/_stepsim/clock", body)
                self.assertEqual(status, 400, body)
                self.assertIn("message", error)
            status, _, _ = server.raw("POST", "/_stepsim/clock", b"{oops")
            self.assertEqual(status, 400)
            self.assertEqual(server.control("GET", "/_stepsim/clock")[1]["epochMillis"], 1767225600000)
            self.assertEqual(server.control("GET", "/_stepsim/nothing-here")[0], 404)
            self.assertEqual(server.control("DELETE", "/_stepsim/clock")[0], 405)

    def test_reset_drops_everything(self):
        with StepsimServer("--clock", "manual") as server:
            batch = server.client("batch")
            create_world(batch)
            server.control("POST", "/_stepsim/batch/lifecycles", {"rules": [{"match": {}, "steps": [
                {"status": "RUNNING", "seconds": 5}, {"status": "SUCCEEDED"}]}]})
            server.clock(advanceSeconds=100)
            status, clock = server.control("POST", "/_stepsim/reset")
            self.assertEqual(status, 200)
            self.assertEqual(clock["epochMillis"], 1767225600000)
            self.assertEqual(batch.describe_job_queues()["jobQueues"], [])
            self.assertEqual(server.control("GET", "/_stepsim/batch/lifecycles")[1], {"rules": []})

    def test_lifecycle_rules_install_list_clear_and_validate(self):
        with StepsimServer("--clock", "manual") as server:
            rule = {"match": {"jobName": "a*"}, "steps": [{"status": "RUNNING", "seconds": 5},
                                                          {"status": "SUCCEEDED"}]}
            self.assertEqual(server.control("POST", "/_stepsim/batch/lifecycles",
                                            {"rules": [rule]})[0], 200)
            listed = server.control("GET", "/_stepsim/batch/lifecycles")[1]["rules"]
            self.assertEqual(len(listed), 1)
            self.assertEqual(listed[0]["match"], {"jobName": "a*"})
            bad_rules = [
                ({"rules": [{"match": {}, "steps": [{"status": "DANCING", "seconds": 1}]}]},
                 "rules[0].steps[0].status"),
                ({"rules": [{"match": {}, "steps": [{"status": "RUNNING", "seconds": -1}]}]},
                 "rules[0].steps[0].seconds"),
                ({"rules": [rule, {"match": {}, "attempts": [[{"status": "RUNNING", "seconds": 1}],
                                                             [{"status": "SUCCEEDED"},
                                                              {"status": "RUNNING"}]]}]},
                 "rules[1].attempts[1]"),
                ({"rules": [{"match": {"submission": "first"}, "steps": [{"status": "SUCCEEDED"}]}]},
                 "rules[0].match.submission"),
                ({"rules": "all of them"}, "rules"),
            ]
            for body, field in bad_rules:
                status, error = server.control("POST", "/_stepsim/batch/lifecycles", body)
                self.assertEqual(status, 400, body)
                self.assertIn(field, error["message"])
            # Nothing from a rejected body was installed.
            self.assertEqual(len(server.control("GET", "/_stepsim/batch/lifecycles")[1]["rules"]), 1)
            server.control("DELETE", "/_stepsim/batch/lifecycles")
            self.assertEqual(server.control("GET", "/_stepsim/batch/lifecycles")[1], {"rules": []})


if __name__ == "__main__":
    unittest.main()
