"""`stepsim run`, `stepsim validate`, `stepsim serve --scenario` and POST /_stepsim/scenario, driven
as a user or CI would: exit statuses, reports, traces, and boto3 against a preloaded world."""
import json
import os
import subprocess
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree

from stepsim_server import STEPSIM_BIN, StepsimServer

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCENARIOS = os.path.join(ROOT, "scenarios")
BAD = os.path.join(ROOT, "tests", "scenarios")
CLASSIC = os.path.join(SCENARIOS, "job_poller", "classic_happy_path.json")


def stepsim(*args):
    return subprocess.run([STEPSIM_BIN, *args], capture_output=True, text=True, timeout=120)


def library_files():
    """The scenario files `stepsim run scenarios/` must find (not definitions or mock configs)."""
    found = []
    for folder, _, names in os.walk(SCENARIOS):
        for name in names:
            if not name.endswith(".json") or name.endswith(".asl.json") or name == "schema.json":
                continue
            with open(os.path.join(folder, name)) as f:
                doc = json.load(f)
            if "MockedResponses" not in doc:
                found.append(doc["name"])
    return sorted(found)


class RunTest(unittest.TestCase):
    def test_library_passes_and_junit_has_every_scenario(self):
        with tempfile.TemporaryDirectory() as tmp:
            junit = os.path.join(tmp, "junit.xml")
            result = stepsim("run", SCENARIOS, "--junit", junit)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            root = ElementTree.parse(junit).getroot()
        cases = root.findall("./testsuite/testcase")
        self.assertEqual(sorted(c.get("name") for c in cases), library_files())
        self.assertEqual(root.get("failures"), "0")
        self.assertEqual(root.findall(".//failure"), [])
        self.assertIn(f"{len(cases)} passed, 0 failed", result.stdout)

    def test_wrong_expected_status_exits_1_with_expected_and_actual(self):
        with tempfile.TemporaryDirectory() as tmp:
            junit = os.path.join(tmp, "junit.xml")
            result = stepsim("run", os.path.join(BAD, "wrong_status.json"), "--junit", junit)
            self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
            self.assertIn('status: expected "FAILED", got "SUCCEEDED"', result.stdout)
            self.assertTrue(result.stdout.startswith("FAIL  "))
            failure = ElementTree.parse(junit).getroot().find(".//testcase/failure")
        self.assertIn('expected "FAILED", got "SUCCEEDED"', failure.text)

    def test_output_mismatch_shows_a_json_diff(self):
        doc = {
            "name": "diffed", "description": "An output expectation that does not hold.",
            "resources": {"stateMachines": [{"name": "M", "definition": {
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": True,
                                                 "Result": {"status": "SUCCEEDED", "jobName": "my-job"}}}}}]},
            "timeline": [{"at": 0, "startExecution": {"stateMachine": "M", "name": "e"}}],
            "expect": {"executions": {"e": {"outputContains": {"status": "FAILED", "jobName": "my-job",
                                                               "missing": 1}}}},
        }
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "diffed.json")
            with open(path, "w") as f:
                json.dump(doc, f)
            result = stepsim("run", path, "--json")
            text = stepsim("run", path).stdout
        self.assertEqual(result.returncode, 1, result.stderr)
        report = json.loads(result.stdout)
        unmet = report["scenarios"][0]["unmet"]
        self.assertEqual(len(unmet), 1)
        self.assertEqual(unmet[0]["what"], "execution e output (subset)")
        self.assertIn('/status: expected "FAILED", got "SUCCEEDED"', unmet[0]["diff"])
        self.assertIn("/missing: missing (expected 1)", unmet[0]["diff"])
        self.assertNotIn("/jobName", " ".join(unmet[0]["diff"]))
        self.assertIn('    /status: expected "FAILED", got "SUCCEEDED"', text)

    def test_unusable_files_exit_2_naming_file_and_pointer(self):
        cases = {
            "misspelled_key.json": ["/expcet", "unknown key 'expcet'", "did you mean 'expect'"],
            "bad_types.json": ["/seed", "must be an integer"],
            "missing_file.json": ["/resources/stateMachines/0/definitionFile", "cannot read"],
            "missing_resource.json": ["/timeline/0/startExecution/stateMachine", "NoSuchStateMachine"],
            "invalid_definition.json": ["MISSING_TRANSITION_TARGET"],
            "not_json.json": ["not valid JSON"],
        }
        for name, needles in cases.items():
            with self.subTest(name):
                result = stepsim("run", os.path.join(BAD, name), CLASSIC)
                self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
                self.assertEqual(result.stdout, "", "nothing may run")
                self.assertIn(os.path.join(BAD, name) + ":", result.stderr)
                self.assertIn("nothing was run", result.stderr)
                for needle in needles:
                    self.assertIn(needle, result.stderr)

    def test_deep_nesting_is_refused_not_a_crash(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "deep.json")
            with open(path, "w") as f:
                f.write('{"name": "deep", "description": "d",\n "timeline": ' + "[" * 200000 + "]" * 200000 + "}")
            for command in (["run", path], ["validate", path], ["validate", tmp]):
                result = stepsim(*command)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(f"{path}:2: not valid JSON: nests deeper than 1000 levels", result.stderr)
            with StepsimServer() as server:
                status, body = server.control("POST", "/_stepsim/scenario", None)
                self.assertEqual(status, 400)
                request = urllib.request.Request(server.url + "/_stepsim/scenario", method="POST",
                                                 data=b"[" * 200000 + b"]" * 200000,
                                                 headers={"Content-Type": "application/json"})
                with self.assertRaises(urllib.error.HTTPError) as refused:
                    urllib.request.urlopen(request)
                self.assertEqual(refused.exception.code, 400)
                self.assertIn(b"nests deeper than 1000 levels", refused.exception.read())
                self.assertEqual(server.control("GET", "/_stepsim/health")[0], 200)

    def test_misspelled_key_names_its_line(self):
        result = stepsim("run", os.path.join(BAD, "misspelled_key.json"))
        with open(os.path.join(BAD, "misspelled_key.json")) as f:
            line = next(i for i, text in enumerate(f, 1) if '"expcet"' in text)
        self.assertIn(f"misspelled_key.json:{line}: /expcet:", result.stderr)

    def test_traces_are_byte_identical_and_follow_the_seed(self):
        with tempfile.TemporaryDirectory() as tmp:
            paths = [os.path.join(tmp, f"trace{i}.txt") for i in range(3)]
            for path in paths[:2]:
                self.assertEqual(stepsim("run", SCENARIOS, "--trace", path).returncode, 0)
            stepsim("run", CLASSIC, "--trace", paths[2], "--seed", "7")
            texts = []
            for path in paths:
                with open(path, "rb") as f:
                    texts.append(f.read())
        self.assertEqual(texts[0], texts[1])
        trace = texts[0].decode()
        for kind in ("clock      jump", "state      poll-my-job entered Submit Job", "lambda     CheckJob",
                     "job        my-job", "execution  poll-my-job SUCCEEDED"):
            self.assertIn(kind, trace)
        classic = trace.split("=== job-poller-classic-happy-path")[1].split("===")[0]
        self.assertNotEqual(texts[2].decode().split("\n", 1)[1], classic.split("\n", 1)[1],
                            "another seed gives other job ids")

    def test_fail_fast_stops_starting_scenarios_after_the_first_failure(self):
        with tempfile.TemporaryDirectory() as tmp:
            junit = os.path.join(tmp, "junit.xml")
            # One job: the failing scenario (sorted first) runs before the others would start.
            result = stepsim("run", os.path.join(BAD, "wrong_status.json"), CLASSIC,
                             os.path.join(SCENARIOS, "variables"), "--fail-fast", "--jobs", "1",
                             "--junit", junit)
            self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
            root = ElementTree.parse(junit).getroot()
        lines = result.stdout.splitlines()
        self.assertTrue(lines[0].startswith("FAIL  "), result.stdout)
        skipped = [line for line in lines if line.startswith("SKIP  ")]
        self.assertGreaterEqual(len(skipped), 2, result.stdout)
        self.assertTrue(all("(not run: --fail-fast)" in line for line in skipped))
        self.assertRegex(lines[-1], rf"^0 passed, 1 failed, {len(skipped)} not run, ")
        self.assertEqual(root.get("skipped"), str(len(skipped)))
        self.assertEqual(len(root.findall(".//skipped")), len(skipped))

    def test_each_scenario_is_reported_as_it_ends_then_the_count(self):
        # Not a terminal: plain lines, one per scenario, no progress line, the count last.
        result = stepsim("run", CLASSIC, os.path.join(BAD, "wrong_status.json"), "--jobs", "1")
        self.assertEqual(result.returncode, 1)
        lines = result.stdout.splitlines()
        self.assertEqual([line[:6] for line in lines if line[:4] in ("PASS", "FAIL")],
                         ["PASS  ", "FAIL  "])
        self.assertNotIn("\r", result.stdout)
        self.assertRegex(lines[-1], r"^1 passed, 1 failed, 2 scenarios in ")

    def test_junit_is_written_when_nothing_can_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            junit = os.path.join(tmp, "junit.xml")
            bad = os.path.join(BAD, "missing_resource.json")
            result = stepsim("run", bad, CLASSIC, "--junit", junit)
            self.assertEqual(result.returncode, 2)
            root = ElementTree.parse(junit).getroot()
        [case] = root.findall(".//testcase")
        self.assertEqual((case.get("classname"), case.get("name")), (bad, "load"))
        error = case.find("error")
        self.assertIn("missing_resource.json", error.get("message"))
        self.assertEqual(root.get("errors"), "1")

    def test_shards_split_the_library(self):
        names = []
        for shard in ("1/3", "2/3", "3/3"):
            result = stepsim("run", SCENARIOS, "--shard", shard, "--json")
            self.assertEqual(result.returncode, 0, result.stderr)
            names.append({s["name"] for s in json.loads(result.stdout)["scenarios"]})
        self.assertEqual(sorted(set.union(*names)), library_files())
        self.assertEqual(sum(len(n) for n in names), len(library_files()))
        self.assertEqual(stepsim("run", SCENARIOS, "--shard", "4/3").returncode, 2)


class ValidateTest(unittest.TestCase):
    def test_good_scenarios_and_definitions(self):
        definition = os.path.join(SCENARIOS, "job_poller", "classic.asl.json")
        result = stepsim("validate", CLASSIC, definition)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("ok  " + definition, result.stdout)

    def test_bad_definition_gets_aws_diagnostics_with_line(self):
        with tempfile.NamedTemporaryFile("w", suffix=".asl.json", delete=False) as f:
            f.write('{\n  "StartAt": "A",\n  "States": {\n    "A": {"Type": "Pass", "Next": "B"}\n  }\n}\n')
        try:
            result = stepsim("validate", f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{f.name}:4: MISSING_TRANSITION_TARGET", result.stderr)
        self.assertIn("/States/A/Next", result.stderr)

    def test_a_directory_means_every_scenario_and_definition_in_it(self):
        result = stepsim("validate", SCENARIOS)
        self.assertEqual(result.returncode, 0, result.stderr)
        checked = result.stdout.splitlines()
        self.assertEqual(len([line for line in checked if "(scenario " in line]), len(library_files()))
        self.assertIn("ok  " + os.path.join(SCENARIOS, "job_poller", "classic.asl.json") +
                      " (state machine definition)", checked)

    def test_mock_configs(self):
        good = os.path.join(SCENARIOS, "job_poller", "mock_config.json")
        result = stepsim("validate", good)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("ok  " + good + " (mock config)", result.stdout)
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            f.write('{"StateMachines": {},\n "MockedResponses": {"R": {"3-1": {"Return": 1}}}}')
        try:
            result = stepsim("validate", f.name)
        finally:
            os.unlink(f.name)
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{f.name}:2: /MockedResponses/R/3-1: a range must not run backwards", result.stderr)

    def test_bad_scenario(self):
        result = stepsim("validate", os.path.join(BAD, "misspelled_key.json"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("/expcet", result.stderr)


class ServeScenarioTest(unittest.TestCase):
    def test_boto3_lists_and_starts_the_preloaded_machine(self):
        with StepsimServer("--scenario", CLASSIC) as server:
            sfn = server.client("stepfunctions")
            machines = sfn.list_state_machines()["stateMachines"]
            self.assertEqual([m["name"] for m in machines], ["JobStatusPoller"])
            self.assertEqual([f["FunctionName"] for f in server.client("lambda").list_functions()["Functions"]],
                             ["CheckJob", "SubmitJob"])
            arn = sfn.start_execution(
                stateMachineArn=machines[0]["stateMachineArn"],
                input=json.dumps({"jobName": "my-job", "jobDefinition": "SampleJobDefinition",
                                  "jobQueue": "SampleJobQueue", "wait_time": 60}))["executionArn"]
            described = self.wait_for_end(sfn, arn)
            self.assertEqual(described["status"], "SUCCEEDED")
            # The scenario's lifecycle rule played: 600 virtual seconds.
            self.assertEqual((described["stopDate"] - described["startDate"]).total_seconds(), 600)

    def test_post_scenario_at_runtime(self):
        with open(CLASSIC) as f:
            doc = json.load(f)
        # Relative paths in a posted scenario start at the server's working directory.
        doc["resources"]["stateMachines"][0]["definitionFile"] = os.path.join(
            SCENARIOS, "job_poller", "classic.asl.json")
        with StepsimServer() as server:
            bad = dict(doc, expcet={})
            status, body = server.control("POST", "/_stepsim/scenario", bad)
            self.assertEqual(status, 400)
            self.assertIn("/expcet", body["message"])
            self.assertEqual(server.client("stepfunctions").list_state_machines()["stateMachines"], [])
            status, body = server.control("POST", "/_stepsim/scenario", doc)
            self.assertEqual(status, 200, body)
            self.assertEqual(body["stateMachines"],
                             ["arn:aws:states:us-east-1:123456789012:stateMachine:JobStatusPoller"])
            self.assertEqual(len(server.client("batch").describe_job_queues()["jobQueues"]), 1)

    def test_bad_scenario_stops_the_server_before_it_listens(self):
        result = subprocess.run(
            [STEPSIM_BIN, "serve", "--port", "0", "--scenario", os.path.join(BAD, "misspelled_key.json")],
            capture_output=True, text=True, timeout=30)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        self.assertIn("/expcet", result.stderr)

    @staticmethod
    def wait_for_end(sfn, arn):
        deadline = time.time() + 20
        while True:
            described = sfn.describe_execution(executionArn=arn)
            if described["status"] != "RUNNING" or time.time() > deadline:
                return described
            time.sleep(0.01)


if __name__ == "__main__":
    unittest.main()
