"""Client mistakes come back as modeled errors that real SDKs raise as the right exception, never
as 5xx, and the server keeps serving."""
import json
import unittest

import botocore.exceptions

from batch_world import create_world
from stepsim_server import StepsimServer


class ModeledErrors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer("--clock", "manual").__enter__()
        cls.batch = cls.server.client("batch")
        create_world(cls.batch)

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def assertClientException(self, call, mentions):
        with self.assertRaises(self.batch.exceptions.ClientException) as caught:
            call()
        message = caught.exception.response["Error"]["Message"]
        self.assertIn(mentions, message)
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_unknown_references(self):
        self.assertClientException(
            lambda: self.batch.submit_job(jobName="j", jobQueue="nope", jobDefinition="jd"), "nope")
        self.assertClientException(
            lambda: self.batch.submit_job(jobName="j", jobQueue="q", jobDefinition="nope"), "nope")

    def test_names_and_ranges(self):
        self.assertClientException(
            lambda: self.batch.submit_job(jobName="bad name!", jobQueue="q", jobDefinition="jd"),
            "jobName")
        self.assertClientException(
            lambda: self.batch.create_job_queue(jobQueueName="x" * 129, priority=1,
                                                computeEnvironmentOrder=[]), "jobQueueName")
        self.assertClientException(
            lambda: self.batch.register_job_definition(jobDefinitionName="d", type="container",
                                                       retryStrategy={"attempts": 11}), "attempts")
        self.assertClientException(
            lambda: self.batch.register_job_definition(jobDefinitionName="d", type="container",
                                                       timeout={"attemptDurationSeconds": 59}),
            "attemptDurationSeconds")
        self.assertClientException(
            lambda: self.batch.describe_job_queues(maxResults=1000), "maxResults")

    def test_duplicate_and_illegal_state(self):
        self.assertClientException(
            lambda: self.batch.create_job_queue(jobQueueName="q", priority=1,
                                                computeEnvironmentOrder=[
                                                    {"order": 1, "computeEnvironment": "ce"}]), "q")
        self.assertClientException(lambda: self.batch.delete_job_queue(jobQueue="q"), "DISABLED")

    def test_bad_enum(self):
        self.assertClientException(
            lambda: self.batch.create_compute_environment(computeEnvironmentName="c2", type="HUGE"),
            "type")

    def test_malformed_bodies_are_client_exceptions(self):
        for body in (b"{not json", b"[1,2]", b'{"jobs": "abc"}', b'{"jobs": ["\xff\xfe"]}',
                     b'{"jobs": [' + b'"x",' * 5 + b'"x"'):
            status, headers, payload = self.server.raw(
                "POST", "/v1/describejobs", body, {"Content-Type": "application/json"})
            self.assertEqual(status, 400, body)
            self.assertEqual(headers.get("x-amzn-ErrorType"), "ClientException", body)
            self.assertEqual(json.loads(payload)["__type"], "ClientException")
            self.assertIn("x-amzn-RequestId", headers)

    def test_huge_string_is_rejected_not_crashed(self):
        self.assertClientException(
            lambda: self.batch.submit_job(jobName="j" * 100_000, jobQueue="q", jobDefinition="jd"),
            "jobName")

    def test_operations_not_emulated_answer_unknown_operation(self):
        lam = self.server.client("lambda")
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            lam.list_layers()
        self.assertEqual(caught.exception.response["Error"]["Code"], "UnknownOperationException")
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def test_unknown_batch_operation(self):
        status, headers, payload = self.server.raw("POST", "/v1/launchrockets", b"{}")
        self.assertEqual(status, 400)
        self.assertEqual(headers.get("x-amzn-ErrorType"), "UnknownOperationException")

    def test_server_still_serves_after_all_that(self):
        queues = self.batch.describe_job_queues()["jobQueues"]
        self.assertIn("q", [q["jobQueueName"] for q in queues])


if __name__ == "__main__":
    unittest.main()
