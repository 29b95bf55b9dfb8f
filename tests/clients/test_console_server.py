"""The server side of the web console through real HTTP: every page has a URL the server answers
(typed, or opened from the execution URL the info log prints), a browser opening "/" lands on the
console while SDK requests to "/" are served as before, the pages cannot be framed or driven from
other origins, and the control endpoints the pages read (job status histories, the next timer,
example inputs) answer what the emulation did."""
import http.client
import json
import os
import shutil
import tempfile
import unittest
from urllib.parse import urlparse

from stepsim_server import StepsimServer

SCENARIO = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "job_poller",
                        "classic_happy_path.json")
MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:JobStatusPoller"
INPUT = {"jobName": "my-job", "jobDefinition": "SampleJobDefinition", "jobQueue": "SampleJobQueue",
         "wait_time": 60}


class ConsoleServer(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer("--clock", "manual", "--scenario", SCENARIO).__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)
        self.address = urlparse(self.server.url).netloc

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.address, timeout=10)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def control(self, method, path, body=None):
        status, _, data = self.request(method, path, None if body is None else json.dumps(body),
                                       {"Content-Type": "application/json"})
        return status, json.loads(data)

    def sfn(self, operation, body):
        status, _, data = self.request("POST", "/", json.dumps(body),
                                       {"Content-Type": "application/x-amz-json-1.0",
                                        "X-Amz-Target": "AWSStepFunctions." + operation})
        self.assertEqual(status, 200, data)
        return json.loads(data)

    def start_execution(self, name):
        return self.sfn("StartExecution", {"stateMachineArn": MACHINE, "name": name,
                                           "input": json.dumps(INPUT)})["executionArn"]

    def test_a_browser_opening_the_root_is_sent_to_the_console(self):
        status, headers, _ = self.request("GET", "/", headers={"Accept": "text/html,*/*;q=0.8"})
        self.assertEqual(status, 302)
        self.assertEqual(headers["Location"], "/_stepsim/ui/")
        status, headers, _ = self.request("GET", "/_stepsim/ui")
        self.assertEqual((status, headers["Location"]), (302, "/_stepsim/ui/"))

    def test_the_root_without_a_browser_is_still_the_services(self):
        # No Accept: text/html and no AWS signal: refused as AWS does, not redirected.
        status, _, body = self.request("GET", "/")
        self.assertEqual(status, 403)
        self.assertIn(b"MissingAuthenticationToken", body)
        # An SDK's call to "/" with an HTML-accepting client is still served.
        self.assertIn("stateMachines", self.sfn("ListStateMachines", {}))

    def test_every_page_url_serves_the_console_page(self):
        arn = self.start_execution("typed-url")
        pages = ["/_stepsim/ui/", "/_stepsim/ui/state-machines/" + MACHINE,
                 "/_stepsim/ui/executions/" + arn, "/_stepsim/ui/jobs", "/_stepsim/ui/functions",
                 "/_stepsim/ui/functions/CheckJob"]
        index = None
        for page in pages:
            status, headers, body = self.request("GET", page, headers={"Accept": "text/html"})
            self.assertEqual(status, 200, page)
            self.assertTrue(headers["Content-Type"].startswith("text/html"), page)
            self.assertEqual(headers["X-Frame-Options"], "DENY")
            self.assertIn("frame-ancestors 'none'", headers["Content-Security-Policy"])
            index = index or body
            self.assertEqual(body, index, page)
        self.assertIn(b"/_stepsim/ui/assets/", index)

    def test_assets_carry_their_types_and_unknown_pages_are_not_found(self):
        status, headers, body = self.request("GET", "/_stepsim/ui/assets/vendor/dagre.min.js")
        self.assertEqual(status, 200)
        self.assertTrue(headers["Content-Type"].startswith("text/javascript"))
        self.assertIn(b"dagre", body)
        # The minified library keeps its licenses (dagre's and the graphlib it bundles) at its head.
        self.assertTrue(body.startswith(b"/*! "))
        self.assertEqual(body[:body.index(b"*/")].count(b"Permission is hereby granted"), 2)
        status, _, body = self.request("GET", "/_stepsim/ui/assets/vendor/dagre.LICENSE.txt")
        self.assertEqual(status, 200)
        self.assertIn(b"Permission is hereby granted", body)
        for missing in ["/_stepsim/ui/assets/nothing.js", "/_stepsim/ui/settings",
                        "/_stepsim/ui/executions/", "/_stepsim/ui/assets/../index.html"]:
            self.assertEqual(self.request("GET", missing)[0], 404, missing)
        self.assertEqual(self.request("POST", "/_stepsim/ui/jobs", b"{}",
                                      {"Content-Type": "application/json"})[0], 405)

    def test_other_origins_cannot_read_or_drive_the_console(self):
        status, _, _ = self.request("GET", "/_stepsim/ui/", headers={"Origin": "https://evil.example"})
        self.assertEqual(status, 403)
        status, _, _ = self.request("GET", "/_stepsim/ui/", headers={"Host": "evil.example"})
        self.assertEqual(status, 403)
        # The console's own origin is answered, as the page's fetches are.
        status, _, _ = self.request("POST", "/", json.dumps({}), {
            "Origin": "http://" + self.address, "Content-Type": "application/x-amz-json-1.0",
            "X-Amz-Target": "AWSStepFunctions.ListStateMachines"})
        self.assertEqual(status, 200)

    def test_the_info_log_names_each_executions_page(self):
        with StepsimServer("--scenario", SCENARIO, "--log-level", "info", capture_stderr=True) as server:
            self.server, self.address = server, urlparse(server.url).netloc
            arn = self.start_execution("logged")
        self.assertIn(f"execution {arn} started: {server.url}/_stepsim/ui/executions/{arn}",
                      server.stderr_text)
        self.assertIn(f"console at {server.url}/_stepsim/ui/", server.stderr_text)

    def test_job_status_history_follows_the_lifecycle(self):
        self.start_execution("history")
        status, clock = self.control("POST", "/_stepsim/clock", {"advanceSeconds": 600})
        self.assertEqual(status, 200)
        status, listed = self.control("GET", "/_stepsim/batch/jobs")
        self.assertEqual(status, 200)
        [job] = listed["jobs"]
        self.assertEqual((job["jobName"], job["status"]), ("my-job", "SUCCEEDED"))
        start = clock["epochMillis"] - 600_000
        # The scenario's lifecycle: RUNNABLE 10 s, STARTING 20 s, RUNNING 570 s, then SUCCEEDED.
        self.assertEqual([(h["status"], h["at"] - start) for h in job["statusHistory"]],
                         [("SUBMITTED", 0), ("PENDING", 0), ("RUNNABLE", 0), ("STARTING", 10_000),
                          ("RUNNING", 30_000), ("SUCCEEDED", 600_000)])
        self.assertEqual(self.control("POST", "/_stepsim/batch/jobs", {})[0], 405)

    def test_the_clock_advances_to_the_next_timer(self):
        self.start_execution("next-timer")
        _, before = self.control("GET", "/_stepsim/clock")
        seen = []
        for _ in range(3):
            status, clock = self.control("POST", "/_stepsim/clock", {"advanceToNextTimer": True})
            self.assertEqual(status, 200)
            seen.append(clock["epochMillis"] - before["epochMillis"])
        # The job's first status change (10 s), the lifecycle's next (30 s), the Wait's end (60 s).
        self.assertEqual(seen, [10_000, 30_000, 60_000])
        status, error = self.control("POST", "/_stepsim/clock",
                                     {"advanceToNextTimer": True, "advanceSeconds": 1})
        self.assertEqual(status, 400)
        self.assertIn("advanceToNextTimer", error["message"])
        self.assertEqual(self.control("POST", "/_stepsim/clock", {"advanceToNextTimer": 1})[0], 400)

    def test_nothing_scheduled_leaves_the_clock_alone(self):
        _, before = self.control("GET", "/_stepsim/clock")
        status, after = self.control("POST", "/_stepsim/clock", {"advanceToNextTimer": True})
        self.assertEqual((status, after["epochMillis"]), (200, before["epochMillis"]))

    def test_example_inputs_come_from_the_preloaded_timeline(self):
        status, body = self.control("GET", "/_stepsim/console/example-inputs")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body["inputs"][MACHINE]), INPUT)


class ConsoleDir(unittest.TestCase):
    """serve --console-dir: page files from disk, re-read on every request, typed by extension;
    the vendored library still from the binary; nothing outside the folder."""

    def test_files_on_disk_replace_the_built_in_ones(self):
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        os.makedirs(os.path.join(folder, "src"))
        with open(os.path.join(folder, "index.html"), "w") as f:
            f.write("<!doctype html><title>from disk</title>")
        with StepsimServer("--console-dir", folder) as server:
            address = urlparse(server.url).netloc

            def get(path):
                connection = http.client.HTTPConnection(address, timeout=10)
                connection.request("GET", path)
                response = connection.getresponse()
                answer = response.status, response.getheader("Content-Type"), response.read()
                connection.close()
                return answer

            self.assertEqual(get("/_stepsim/ui/jobs")[2], b"<!doctype html><title>from disk</title>")
            with open(os.path.join(folder, "src", "added.js"), "w") as f:
                f.write("var added = 1;")
            status, kind, body = get("/_stepsim/ui/assets/src/added.js")
            self.assertEqual((status, body), (200, b"var added = 1;"))
            self.assertTrue(kind.startswith("text/javascript"), kind)
            status, kind, body = get("/_stepsim/ui/assets/vendor/dagre.min.js")
            self.assertEqual(status, 200)
            self.assertIn(b"dagre", body)
            self.assertEqual(get("/_stepsim/ui/assets/../" + os.path.basename(folder) + "/index.html")[0], 404)


if __name__ == "__main__":
    unittest.main()
