"""The AWS CLI against stepsim, and the stepsim command line itself."""
import json
import os
import signal
import subprocess
import unittest

from batch_world import create_world
from stepsim_server import STEPSIM_BIN, StepsimServer


def aws(server, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
               AWS_DEFAULT_REGION="us-east-1", AWS_MAX_ATTEMPTS="1")
    result = subprocess.run(["aws", "--endpoint-url", server.url, "--output", "json", *args],
                            capture_output=True, text=True, env=env, timeout=120)
    return result


class AwsCli(unittest.TestCase):
    def test_describe_job_queues_and_submit_job(self):
        with StepsimServer() as server:
            create_world(server.client("batch"), queue="cli-queue", definition="cli-def")
            result = aws(server, "batch", "describe-job-queues")
            self.assertEqual(result.returncode, 0, result.stderr)
            queues = json.loads(result.stdout)["jobQueues"]
            self.assertEqual([q["jobQueueName"] for q in queues], ["cli-queue"])
            self.assertEqual(queues[0]["status"], "VALID")

            result = aws(server, "batch", "submit-job", "--job-name", "from-cli",
                         "--job-queue", "cli-queue", "--job-definition", "cli-def")
            self.assertEqual(result.returncode, 0, result.stderr)
            job = json.loads(result.stdout)
            self.assertEqual(job["jobName"], "from-cli")

            result = aws(server, "batch", "describe-jobs", "--jobs", job["jobId"])
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(json.loads(result.stdout)["jobs"][0]["status"], "SUCCEEDED")

    def test_cli_reports_modeled_error(self):
        with StepsimServer() as server:
            result = aws(server, "batch", "submit-job", "--job-name", "x", "--job-queue", "missing",
                         "--job-definition", "d")
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("ClientException", result.stderr)


class CommandLine(unittest.TestCase):
    def test_version_and_help(self):
        version = subprocess.run([STEPSIM_BIN, "--version"], capture_output=True, text=True)
        self.assertEqual(version.returncode, 0)
        self.assertRegex(version.stdout.strip(), r"^stepsim \d+\.\d+\.\d+$")
        help_text = subprocess.run([STEPSIM_BIN, "serve", "--help"], capture_output=True, text=True)
        for flag in ("--host", "--port", "--region", "--account", "--seed", "--start-time", "--clock",
                     "--time-scale", "--log-level", "--log-format"):
            self.assertIn(flag, help_text.stdout)

    def test_bad_flags_exit_2(self):
        for args in (["--clock", "sometimes"], ["--start-time", "noon"], ["--account", "12"],
                     ["--time-scale", "0"], ["--port", "70000"]):
            result = subprocess.run([STEPSIM_BIN, "serve", *args], capture_output=True, text=True,
                                    timeout=10)
            self.assertEqual(result.returncode, 2, args)
            self.assertEqual(result.stdout, "", args)

    def test_sigint_exits_cleanly_and_one_line_on_stdout(self):
        process = subprocess.Popen([STEPSIM_BIN, "serve", "--port", "0"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        line = process.stdout.readline()
        self.assertRegex(line, r"^stepsim listening on http://127\.0\.0\.1:\d+\n$")
        process.send_signal(signal.SIGINT)
        stdout, _ = process.communicate(timeout=10)
        self.assertEqual(process.returncode, 0)
        self.assertEqual(stdout, "")

    def test_json_logs_one_line_per_request(self):
        process = subprocess.Popen([STEPSIM_BIN, "serve", "--port", "0", "--log-format", "json"],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        url = process.stdout.readline().strip().split()[-1]
        server = StepsimServer()
        server.url = url
        server.client("batch").describe_job_queues()
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=10)
        records = [json.loads(line) for line in stderr.splitlines() if line.strip()]
        requests = [r for r in records if "DescribeJobQueues" in json.dumps(r)]
        self.assertEqual(len(requests), 1, stderr)
        self.assertIn("200", json.dumps(requests[0]))

    def test_default_demo_runs(self):
        result = subprocess.run([STEPSIM_BIN], capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn('poll-my-job SUCCEEDED with output "SUCCEEDED"', result.stdout)
        self.assertIn("PASS  job-poller-classic-happy-path  virtual 600s", result.stdout)
        self.assertEqual(result.stdout.count("poll-my-job entered Wait X Seconds"), 10)


if __name__ == "__main__":
    unittest.main()
