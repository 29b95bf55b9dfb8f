"""Step Functions activities through boto3: the activity API, a state machine whose activity task a
worker thread runs (GetActivityTask long poll, SendTaskHeartbeat, SendTaskSuccess/Failure), heartbeat
timeouts on the manual virtual clock, empty polls after the configured limit, polls released by a
reset and by shutdown, and the modeled errors."""
import json
import threading
import time
import unittest

from stepsim_server import StepFunctionsTestCase, StepsimServer

ROLE = "arn:aws:iam::123456789012:role/sfn-role"
ACTIVITY_ARN = "arn:aws:states:us-east-1:123456789012:activity:resize"
POLL_SECONDS = 2


def activity_machine(activity_arn, **task_fields):
    task = {"Type": "Task", "Resource": activity_arn, "End": True, **task_fields}
    return json.dumps({"StartAt": "Resize", "States": {"Resize": task}})


class Worker(threading.Thread):
    """Polls an activity with its own client and runs `handle(sfn, task)` on the first task."""

    def __init__(self, server, activity_arn, handle, name="worker-1", polls=5):
        super().__init__(daemon=True)
        self.sfn = server.client("stepfunctions")
        self.activity_arn, self.handle, self.worker_name, self.polls = (
            activity_arn, handle, name, polls)
        self.task, self.error, self.empty_polls = None, None, 0

    def run(self):
        try:
            for _ in range(self.polls):
                task = self.sfn.get_activity_task(activityArn=self.activity_arn,
                                                  workerName=self.worker_name)
                if task.get("taskToken"):
                    self.task = task
                    self.handle(self.sfn, task)
                    return
                self.empty_polls += 1
        except Exception as error:  # reported by the test thread
            self.error = error

    def finish(self, test):
        self.join(timeout=30)
        test.assertFalse(self.is_alive(), "the worker is still polling")
        if self.error:
            raise self.error


class StepFunctionsActivities(StepFunctionsTestCase):
    SERVER_ARGS = ("--clock", "manual", "--activity-poll-seconds", str(POLL_SECONDS))

    def error(self, call, **kwargs):
        return super().error(call, **kwargs)[0]  # the code

    def machine(self, definition, name="m"):
        return self.sfn.create_state_machine(name=name, definition=definition,
                                             roleArn=ROLE)["stateMachineArn"]

    def history(self, execution):
        return self.sfn.get_execution_history(executionArn=execution)["events"]

    def wait_for_status(self, execution, status, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            described = self.sfn.describe_execution(executionArn=execution)
            if described["status"] == status:
                return described
            time.sleep(0.02)
        self.fail(f"{execution} is not {status}")

    def test_activity_lifecycle(self):
        created = self.sfn.create_activity(name="resize", tags=[{"key": "team", "value": "img"}])
        self.assertEqual(created["activityArn"], ACTIVITY_ARN)
        # Idempotent by name.
        self.assertEqual(self.sfn.create_activity(name="resize")["activityArn"], ACTIVITY_ARN)
        described = self.sfn.describe_activity(activityArn=ACTIVITY_ARN)
        self.assertEqual((described["name"], described["creationDate"]),
                         ("resize", created["creationDate"]))
        for name in ("b", "a"):
            self.sfn.create_activity(name=name)
        pages = self.sfn.get_paginator("list_activities").paginate(PaginationConfig={"PageSize": 2})
        self.assertEqual([a["name"] for page in pages for a in page["activities"]],
                         ["a", "b", "resize"])
        self.assertEqual(self.sfn.list_tags_for_resource(resourceArn=ACTIVITY_ARN)["tags"],
                         [{"key": "team", "value": "img"}])
        self.sfn.tag_resource(resourceArn=ACTIVITY_ARN, tags=[{"key": "tier", "value": "1"}])
        self.sfn.untag_resource(resourceArn=ACTIVITY_ARN, tagKeys=["team"])
        self.assertEqual(self.sfn.list_tags_for_resource(resourceArn=ACTIVITY_ARN)["tags"],
                         [{"key": "tier", "value": "1"}])
        self.sfn.delete_activity(activityArn=ACTIVITY_ARN)
        self.assertEqual(self.error(self.sfn.describe_activity, activityArn=ACTIVITY_ARN),
                         "ActivityDoesNotExist")
        self.assertEqual([a["name"] for a in self.sfn.list_activities()["activities"]], ["a", "b"])

    def test_modeled_errors(self):
        self.assertEqual(self.error(self.sfn.create_activity, name="bad name"), "InvalidName")
        self.assertEqual(self.error(self.sfn.create_activity, name="a/b"), "InvalidName")
        self.assertEqual(self.error(self.sfn.describe_activity, activityArn="resize"), "InvalidArn")
        self.assertEqual(self.error(self.sfn.delete_activity, activityArn="arn:aws:states:x"),
                         "InvalidArn")
        self.assertEqual(self.error(self.sfn.get_activity_task, activityArn="resize"), "InvalidArn")
        self.assertEqual(self.error(self.sfn.get_activity_task, activityArn=ACTIVITY_ARN),
                         "ActivityDoesNotExist")
        self.assertEqual(self.error(self.sfn.describe_activity, activityArn=ACTIVITY_ARN),
                         "ActivityDoesNotExist")
        self.assertEqual(self.error(self.sfn.list_activities, nextToken="bogus"), "InvalidToken")
        self.assertEqual(self.error(self.sfn.list_tags_for_resource, resourceArn=ACTIVITY_ARN),
                         "ResourceNotFound")
        # Deleting an activity that does not exist succeeds, as in AWS.
        self.sfn.delete_activity(activityArn=ACTIVITY_ARN)
        # A definition naming a malformed activity ARN is invalid.
        self.assertEqual(self.error(self.sfn.create_state_machine, name="m", roleArn=ROLE,
                                    definition=activity_machine(ACTIVITY_ARN + " x")),
                         "InvalidDefinition")

    def test_worker_runs_an_activity_task(self):
        self.sfn.create_activity(name="resize")
        machine = self.machine(activity_machine(ACTIVITY_ARN, TimeoutSeconds=600,
                                                HeartbeatSeconds=60))

        def work(sfn, task):
            request = json.loads(task["input"])
            sfn.send_task_heartbeat(taskToken=task["taskToken"])
            sfn.send_task_success(taskToken=task["taskToken"],
                                  output=json.dumps({"resized": request["image"]}))

        worker = Worker(self.server, ACTIVITY_ARN, work)
        worker.start()
        execution = self.sfn.start_execution(stateMachineArn=machine,
                                             input='{"image": "cat.png"}')["executionArn"]
        worker.finish(self)
        described = self.wait_for_status(execution, "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"resized": "cat.png"})

        events = self.history(execution)
        self.assertEqual([e["type"] for e in events],
                         ["ExecutionStarted", "TaskStateEntered", "ActivityScheduled",
                          "ActivityStarted", "ActivitySucceeded", "TaskStateExited",
                          "ExecutionSucceeded"])
        scheduled = events[2]["activityScheduledEventDetails"]
        self.assertEqual((scheduled["resource"], scheduled["timeoutInSeconds"],
                          scheduled["heartbeatInSeconds"]), (ACTIVITY_ARN, 600, 60))
        self.assertEqual(json.loads(scheduled["input"]), {"image": "cat.png"})
        self.assertEqual(events[3]["activityStartedEventDetails"], {"workerName": "worker-1"})
        self.assertEqual(json.loads(events[4]["activitySucceededEventDetails"]["output"]),
                         {"resized": "cat.png"})

    def test_a_waiting_poll_gets_the_task_as_soon_as_it_is_scheduled(self):
        self.sfn.create_activity(name="resize")
        machine = self.machine(activity_machine(ACTIVITY_ARN))
        answered = {}

        def poll():
            sfn = self.server.client("stepfunctions")
            began = time.monotonic()
            answered["task"] = sfn.get_activity_task(activityArn=ACTIVITY_ARN)
            answered["seconds"] = time.monotonic() - began

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        time.sleep(0.3)  # the poll is waiting by now
        self.sfn.start_execution(stateMachineArn=machine, input='{"n": 1}')
        poller.join(timeout=10)
        self.assertIn("taskToken", answered["task"])
        self.assertEqual(json.loads(answered["task"]["input"]), {"n": 1})
        self.assertLess(answered["seconds"], POLL_SECONDS)

    def test_send_task_failure_is_caught(self):
        self.sfn.create_activity(name="resize")
        machine = self.machine(json.dumps({"StartAt": "Resize", "States": {
            "Resize": {"Type": "Task", "Resource": ACTIVITY_ARN, "End": True,
                       "Catch": [{"ErrorEquals": ["Resize.TooLarge"], "ResultPath": "$.failure",
                                  "Next": "Fallback"}]},
            "Fallback": {"Type": "Pass", "End": True}}}))

        def fail(sfn, task):
            sfn.send_task_failure(taskToken=task["taskToken"], error="Resize.TooLarge",
                                  cause="4000x4000")

        worker = Worker(self.server, ACTIVITY_ARN, fail)
        worker.start()
        execution = self.sfn.start_execution(stateMachineArn=machine,
                                             input='{"image": "big.png"}')["executionArn"]
        worker.finish(self)
        described = self.wait_for_status(execution, "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]),
                         {"image": "big.png",
                          "failure": {"Error": "Resize.TooLarge", "Cause": "4000x4000"}})
        failed = next(e for e in self.history(execution) if e["type"] == "ActivityFailed")
        self.assertEqual(failed["activityFailedEventDetails"],
                         {"error": "Resize.TooLarge", "cause": "4000x4000"})

    def test_heartbeat_timeout_fails_the_execution(self):
        self.sfn.create_activity(name="resize")
        machine = self.machine(activity_machine(ACTIVITY_ARN, HeartbeatSeconds=10))
        execution = self.sfn.start_execution(stateMachineArn=machine)["executionArn"]
        # Queued with no worker, the heartbeat countdown has not started.
        self.server.clock(advanceSeconds=100)
        task = self.sfn.get_activity_task(activityArn=ACTIVITY_ARN, workerName="slow")
        self.assertIn("taskToken", task)
        self.server.clock(advanceSeconds=9)
        self.sfn.send_task_heartbeat(taskToken=task["taskToken"])
        self.server.clock(advanceSeconds=9)
        self.assertEqual(self.sfn.describe_execution(executionArn=execution)["status"], "RUNNING")
        self.server.clock(advanceSeconds=2)
        described = self.sfn.describe_execution(executionArn=execution)
        self.assertEqual((described["status"], described["error"]),
                         ("FAILED", "States.HeartbeatTimeout"))
        types = [e["type"] for e in self.history(execution)]
        self.assertEqual(types[2:], ["ActivityScheduled", "ActivityStarted", "ActivityTimedOut",
                                     "ExecutionFailed"])
        # The token of a task that timed out answers TaskTimedOut.
        self.assertEqual(self.error(self.sfn.send_task_heartbeat, taskToken=task["taskToken"]),
                         "TaskTimedOut")

    def test_an_empty_poll_answers_after_the_configured_limit(self):
        self.sfn.create_activity(name="resize")
        began = time.monotonic()
        task = self.sfn.get_activity_task(activityArn=ACTIVITY_ARN, workerName="idle")
        elapsed = time.monotonic() - began
        self.assertNotIn("taskToken", task)
        self.assertGreaterEqual(elapsed, POLL_SECONDS - 0.2)
        self.assertLess(elapsed, POLL_SECONDS + 5)

    def test_deleting_the_activity_fails_its_waiting_task(self):
        self.sfn.create_activity(name="resize")
        machine = self.machine(activity_machine(ACTIVITY_ARN))
        execution = self.sfn.start_execution(stateMachineArn=machine)["executionArn"]
        self.sfn.delete_activity(activityArn=ACTIVITY_ARN)
        described = self.sfn.describe_execution(executionArn=execution)
        self.assertEqual((described["status"], described["error"]), ("FAILED", "States.Runtime"))

    def test_reset_and_shutdown_answer_waiting_polls(self):
        self.sfn.create_activity(name="resize")
        results = []

        def poll():
            sfn = self.server.client("stepfunctions")
            try:
                results.append(sfn.get_activity_task(activityArn=ACTIVITY_ARN))
            except Exception as error:  # a closed connection would show up here
                results.append(error)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        time.sleep(0.3)
        began = time.monotonic()
        status, _ = self.server.control("POST", "/_stepsim/reset")
        self.assertEqual(status, 200)
        poller.join(timeout=10)
        self.assertLess(time.monotonic() - began, POLL_SECONDS)
        self.assertEqual(len(results), 1)
        self.assertIsInstance(results[0], dict)
        self.assertNotIn("taskToken", results[0])

        # SIGTERM with a poll waiting: the poll is answered and the server exits 0 (tearDown).
        self.sfn.create_activity(name="resize")
        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        time.sleep(0.3)
        began = time.monotonic()
        self.server.__exit__(None, None, None)
        poller.join(timeout=10)
        self.assertLess(time.monotonic() - began, POLL_SECONDS)
        self.assertEqual(len(results), 2)
        self.assertIsInstance(results[1], dict)
        self.server = StepsimServer()  # tearDown stops this one
        self.server.__enter__()


if __name__ == "__main__":
    unittest.main()
