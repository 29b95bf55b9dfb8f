"""A service stepsim does not emulate answers in the protocol its client speaks, so boto3 and the
AWS CLI report a clear error naming the service instead of failing to parse the answer: XML for
the Query protocol (SNS, ElastiCache) and EC2, S3's XML for rest-xml, JSON for awsJson and rest-json,
CBOR for Smithy RPC v2."""
import unittest

import botocore.exceptions

from stepsim_server import StepsimServer
from test_cli import aws


class NotEmulated(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def assertRefused(self, service, call):
        client = self.server.client(service)
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(client)
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "UnknownOperationException", service)
        self.assertIn(f"does not emulate the '{client.meta.service_model.signing_name}' service",
                      error["Message"])
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        self.assertTrue(caught.exception.response["ResponseMetadata"]["RequestId"])

    def test_query_protocol_services_get_an_xml_error(self):
        self.assertRefused("sns", lambda sns: sns.list_topics())
        self.assertRefused("elasticache", lambda cache: cache.describe_cache_clusters())

    def test_ec2_gets_its_own_xml_error(self):
        self.assertRefused("ec2", lambda ec2: ec2.describe_instances())

    def test_rest_xml_services_get_s3s_xml_error(self):
        self.assertRefused("s3", lambda s3: s3.list_buckets())
        self.assertRefused("route53", lambda route53: route53.list_hosted_zones())

    def test_json_services_get_a_json_error(self):
        self.assertRefused("sqs", lambda sqs: sqs.list_queues())          # awsJson 1.0
        self.assertRefused("kinesis", lambda kinesis: kinesis.list_streams())  # awsJson 1.1
        self.assertRefused("ecs", lambda ecs: ecs.list_clusters())       # awsJson 1.1
        self.assertRefused("apigateway", lambda api: api.get_rest_apis())  # rest-json

    def test_smithy_rpc_v2_cbor_services_get_a_cbor_error(self):
        cloudwatch = self.server.client("cloudwatch")
        protocol = cloudwatch.meta.service_model.protocol
        self.assertRefused("cloudwatch", lambda cw: cw.list_metrics())
        self.assertIn(protocol, ("smithy-rpc-v2-cbor", "json", "query"))

    def test_the_aws_cli_prints_the_error(self):
        for args, service in ((["sns", "list-topics"], "sns"),
                              (["elasticache", "create-cache-cluster", "--cache-cluster-id", "c"],
                               "elasticache"),
                              (["s3api", "list-buckets"], "s3")):
            result = aws(self.server, *args)
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("(UnknownOperationException)", result.stderr, result.stderr)
            self.assertIn(f"does not emulate the '{service}' service", result.stderr)
            self.assertNotIn("invalid XML", result.stderr)

    def test_the_server_keeps_serving(self):
        self.assertRefused("sns", lambda sns: sns.list_subscriptions())
        self.assertEqual(self.server.client("stepfunctions").list_state_machines()["stateMachines"], [])


if __name__ == "__main__":
    unittest.main()
