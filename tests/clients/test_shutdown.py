"""Shutdown as the README says: SIGTERM answers an Invoke whose real code is still running before the
server exits, an idle warm worker does not hold the exit up, waiting GetActivityTask polls are
answered at once, and what a server killed with SIGKILL left in $TMPDIR is removed by the next one
(never a live server's)."""
import io
import os
import shutil
import signal
import tempfile
import threading
import time
import unittest
import zipfile

from stepsim_server import StepsimServer

ROLE = "arn:aws:iam::123456789012:role/lambda-role"


def package(source):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", source)
    return buffer.getvalue()


class Shutdown(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.server = StepsimServer(env={"TMPDIR": self.tmp}).__enter__()
        self.lam = self.server.client("lambda", read_timeout=30)

    def tearDown(self):
        if self.server.process.poll() is None:  # a test that failed before stopping it
            self.server.process.kill()
            self.server.process.wait(timeout=10)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def terminate(self):
        """SIGTERM; (exit code, seconds to exit)."""
        began = time.monotonic()
        self.server.process.send_signal(signal.SIGTERM)
        code = self.server.process.wait(timeout=20)
        self.server.process.stdout.close()
        return code, time.monotonic() - began

    def work_dirs(self):
        return sorted(name for name in os.listdir(self.tmp) if name.startswith("stepsim-"))

    def create(self, name, source):
        self.lam.create_function(FunctionName=name, Runtime="python3.11", Role=ROLE,
                                 Handler="app.handler", Timeout=30,
                                 Code={"ZipFile": package(source)})

    def test_an_invoke_in_flight_is_answered_before_exit(self):
        started = os.path.join(self.tmp, "started")
        self.create("slow", "import time\n"
                            "def handler(event, context):\n"
                            f"    open({started!r}, 'w').close()\n"
                            "    time.sleep(1.5)\n"
                            "    return 'finished'\n")
        answers = []
        caller = threading.Thread(target=lambda: answers.append(
            self.lam.invoke(FunctionName="slow", Payload=b"{}")))
        caller.start()
        deadline = time.monotonic() + 20
        while not os.path.exists(started):  # the code is running: the Invoke is in flight
            self.assertLess(time.monotonic(), deadline, "the function never started")
            time.sleep(0.01)
        code, seconds = self.terminate()
        caller.join(timeout=20)
        self.assertEqual(code, 0)
        self.assertEqual(len(answers), 1, "the in-flight Invoke got no answer")
        self.assertEqual(answers[0]["StatusCode"], 200)
        self.assertEqual(answers[0]["Payload"].read(), b'"finished"')
        self.assertLess(seconds, 4.5)
        self.assertEqual(self.work_dirs(), [], "the workers' directory was left behind")

    def test_an_idle_warm_worker_does_not_delay_exit(self):
        self.create("quick", "def handler(event, context):\n    return 1\n")
        self.assertEqual(self.lam.invoke(FunctionName="quick")["StatusCode"], 200)
        self.assertTrue(self.work_dirs())  # the workers' own, and the warm Python template's
        code, seconds = self.terminate()
        self.assertEqual(code, 0)
        self.assertLess(seconds, 1.5, "shutdown waited for an idle worker")
        self.assertEqual(self.work_dirs(), [])

    def test_waiting_activity_polls_are_answered_at_once(self):
        self.server.__exit__(None, None, None)
        self.server = StepsimServer("--activity-poll-seconds", "50",
                                    env={"TMPDIR": self.tmp}).__enter__()
        sfn = self.server.client("stepfunctions", read_timeout=60)
        arn = sfn.create_activity(name="work")["activityArn"]
        answers = []
        poller = threading.Thread(target=lambda: answers.append(sfn.get_activity_task(activityArn=arn)))
        poller.start()
        time.sleep(0.3)
        code, seconds = self.terminate()
        poller.join(timeout=10)
        self.assertEqual(code, 0)
        self.assertLess(seconds, 1.5)
        self.assertEqual(len(answers), 1)
        self.assertNotIn("taskToken", answers[0])

    def test_what_a_killed_server_left_is_removed_by_the_next_one(self):
        self.create("quick", "def handler(event, context):\n    return 1\n")
        self.lam.invoke(FunctionName="quick")
        left = self.work_dirs()
        self.assertTrue(left)
        # A second server while the first lives: the first one's directories are in use.
        with StepsimServer(env={"TMPDIR": self.tmp}):
            self.assertLessEqual(set(left), set(self.work_dirs()))
        self.server.process.kill()
        self.server.process.wait(timeout=10)
        self.server.process.stdout.close()
        self.assertEqual(self.work_dirs(), left, "SIGKILL cannot clean up")
        with StepsimServer(env={"TMPDIR": self.tmp}):
            self.assertTrue(set(left).isdisjoint(self.work_dirs()))


if __name__ == "__main__":
    unittest.main()
