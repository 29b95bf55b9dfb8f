"""`stepsim run --html FILE`: one self-contained page with what each scenario ran, as the web
console shows it. Checked here as data: nothing is loaded from a server or the network, the
scenarios' results, executions, history events, jobs and Lambda logs are embedded, and no text of
the run can end the data's <script> element early. (The page drawing it in a browser is checked
by tests/clients/js/console.test.mjs.)"""
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from stepsim_server import STEPSIM_BIN

JOB_POLLER = os.path.join(os.path.dirname(__file__), "..", "..", "scenarios", "job_poller")


def scenario(name, job_status, expected_status, job_name, note="poll"):
    """The Job Poller on a job that ends in `job_status`, expecting the execution to end in
    `expected_status`; `note` rides along in the input."""
    return {
        "name": name, "description": "The Job Poller on a job that ends " + job_status, "seed": 7, "clock": {"start": "2026-03-01T00:00:00Z"},
        "resources": {
            "computeEnvironments": [{"computeEnvironmentName": "ce", "type": "MANAGED",
                                     "computeResources": {"type": "FARGATE", "maxvCpus": 2,
                                                          "subnets": ["subnet-1"]}}],
            "jobQueues": [{"jobQueueName": "q", "priority": 1,
                           "computeEnvironmentOrder": [{"order": 1, "computeEnvironment": "ce"}]}],
            "jobDefinitions": [{"jobDefinitionName": "d", "type": "container",
                                "containerProperties": {"image": "busybox", "command": ["true"],
                                                        "resourceRequirements": [
                                                            {"type": "VCPU", "value": "1"},
                                                            {"type": "MEMORY", "value": "512"}]}}],
            "functions": [{"FunctionName": "SubmitJob", "Handler": "fake:batch-submit-job"},
                          {"FunctionName": "CheckJob", "Handler": "fake:batch-job-status"}],
            "stateMachines": [{"name": "Poller", "definitionFile": "classic.asl.json"}]},
        "jobLifecycles": [{"match": {"jobName": job_name},
                           "steps": [{"status": "RUNNING", "seconds": 90}, {"status": job_status}]}],
        "timeline": [{"at": 0, "startExecution": {
            "stateMachine": "Poller", "name": "run-1",
            "input": {"jobName": job_name, "jobDefinition": "d", "jobQueue": "q", "wait_time": 30,
                      "note": note}}}],
        "expect": {"executions": {"run-1": {"status": expected_status}}},
    }


def embedded_report(page):
    match = re.search(r"<script>window\.STEPSIM_REPORT = (.*?);</script>", page, re.S)
    return json.loads(match.group(1))


class HtmlReport(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.dir)
        shutil.copy(os.path.join(JOB_POLLER, "classic.asl.json"), self.dir)

    def write(self, name, doc):
        path = os.path.join(self.dir, name + ".json")
        with open(path, "w") as f:
            json.dump(doc, f)
        return path

    def run_html(self, *files):
        out = os.path.join(self.dir, "report.html")
        result = subprocess.run([STEPSIM_BIN, "run", "--html", out, *files], capture_output=True,
                                text=True, timeout=60)
        with open(out) as f:
            return result, f.read()

    def test_a_failed_scenario_carries_where_it_failed(self):
        # The job fails, the scenario expected success: the execution fails at "Job Failed".
        failing = self.write("failing", scenario("job-fails", "FAILED", "SUCCEEDED", "bad-job"))
        passing = self.write("passing", scenario("job-succeeds", "SUCCEEDED", "SUCCEEDED", "good-job"))
        result, page = self.run_html(failing, passing)
        self.assertEqual(result.returncode, 1, result.stderr)
        report = embedded_report(page)
        self.assertEqual(report["title"], "stepsim run: 1 passed, 1 failed")
        by_name = {s["name"]: s for s in report["scenarios"]}
        failed, passed = by_name["job-fails"], by_name["job-succeeds"]
        self.assertFalse(failed["passed"])
        self.assertEqual(failed["unmet"][0]["what"], "execution run-1 status")
        self.assertTrue(passed["passed"])

        [execution] = failed["executions"]
        self.assertEqual(execution["describe"]["status"], "FAILED")
        events = execution["events"]
        self.assertEqual(events[-1]["type"], "ExecutionFailed")
        entered = [e["stateEnteredEventDetails"]["name"] for e in events if e["type"] == "ChoiceStateEntered" or e["type"] == "FailStateEntered"]
        self.assertEqual(entered[-1], "Job Failed")
        [machine] = failed["stateMachines"]
        self.assertIn('"Job Failed"', machine["definition"])
        [job] = failed["jobs"]
        self.assertEqual([h["status"] for h in job["statusHistory"]][-2:], ["RUNNING", "FAILED"])
        self.assertEqual(sorted(f["FunctionName"] for f in failed["functions"]), ["CheckJob", "SubmitJob"])
        self.assertTrue(failed["logGroups"]["/aws/lambda/CheckJob"])
        self.assertEqual(failed["clock"]["now"], "2026-03-01T00:01:30.000Z")

    def test_the_page_needs_no_server_and_no_network(self):
        result, page = self.run_html(self.write("passing", scenario("ok", "SUCCEEDED", "SUCCEEDED", "j")))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIsNone(re.search(r'<script[^>]+src=', page), "a script is loaded, not inlined")
        self.assertIsNone(re.search(r'<link[^>]+stylesheet', page), "a stylesheet is loaded, not inlined")
        self.assertNotIn("http://", re.sub(r"http://www\.w3\.org/[^\"']*", "", page.split("STEPSIM_REPORT")[0]))
        self.assertIn("dagre", page)
        self.assertIn("Copyright (c) 2012-2014 Chris Pettitt", page)  # dagre's license, kept

    def test_text_from_the_run_cannot_end_the_data_early(self):
        note = "</script><script>alert(1)</script><!--"
        result, page = self.run_html(self.write("escapes", scenario("escapes", "SUCCEEDED", "SUCCEEDED", "j", note)))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("</script><script>alert(1)", page)
        self.assertNotIn("<!--", page.split("window.STEPSIM_REPORT")[1])
        report = embedded_report(page)
        [execution] = report["scenarios"][0]["executions"]
        self.assertEqual(json.loads(execution["describe"]["input"])["note"], note)

    def test_an_unwritable_file_is_an_error(self):
        result = subprocess.run([STEPSIM_BIN, "run", "--html", os.path.join(self.dir, "no", "such", "r.html"),
                                 self.write("ok", scenario("ok", "SUCCEEDED", "SUCCEEDED", "j"))],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 2)
        self.assertIn("r.html", result.stderr)


if __name__ == "__main__":
    unittest.main()
