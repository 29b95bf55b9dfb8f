"""Resources live per (account, region), as on AWS: the region is the one a request is signed for
and the account the one its access key id names (12 digits; any other key is the server's default
account, as LocalStack reads them). IAM is the account's in every region. A state machine's tasks
and a function's own code reach the services of their account and region."""
import json
import unittest

import boto3
import botocore.exceptions

from batch_world import create_world
from stepsim_server import StepsimServer, zip_of

ALICE, BOB = "111111111111", "222222222222"
DEFINITION = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})


def role_arn(account):
    return f"arn:aws:iam::{account}:role/runner"


def machine(sfn, account, name="m", definition=DEFINITION):
    return sfn.create_state_machine(name=name, definition=definition,
                                    roleArn=role_arn(account))["stateMachineArn"]


def names(sfn):
    return [m["name"] for m in sfn.list_state_machines()["stateMachines"]]


def finished(sfn, arn):
    execution = sfn.describe_execution(executionArn=arn)
    return execution["status"], json.loads(execution.get("output", "null"))


class Isolation(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer().__enter__()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def setUp(self):
        self.assertEqual(self.server.control("POST", "/_stepsim/reset")[0], 200)

    def client(self, service, region="us-east-1", account=None):
        return self.server.client(service, region=region, access_key=account or "test")

    def test_a_client_in_one_region_does_not_see_another_regions_resources(self):
        east, west = self.client("stepfunctions"), self.client("stepfunctions", "eu-west-1")
        self.assertEqual(machine(east, "123456789012"),
                         "arn:aws:states:us-east-1:123456789012:stateMachine:m")
        self.assertEqual(names(west), [])
        # The same name is free in the other region, with its own ARN.
        self.assertEqual(machine(west, "123456789012"),
                         "arn:aws:states:eu-west-1:123456789012:stateMachine:m")
        east_batch, west_batch = self.client("batch"), self.client("batch", "eu-west-1")
        create_world(west_batch)
        self.assertEqual(east_batch.describe_job_queues()["jobQueues"], [])
        [queue] = west_batch.describe_job_queues()["jobQueues"]
        self.assertTrue(queue["jobQueueArn"].startswith("arn:aws:batch:eu-west-1:123456789012:"))
        lam = self.client("lambda", "ap-southeast-2")
        arn = lam.create_function(FunctionName="f", Runtime="python3.12", Role=role_arn("1" * 12),
                                  Handler="fake:echo", Code={"ZipFile": zip_of({})})["FunctionArn"]
        self.assertEqual(arn, "arn:aws:lambda:ap-southeast-2:123456789012:function:f")
        with self.assertRaises(botocore.exceptions.ClientError) as refused:
            self.client("lambda").get_function(FunctionName="f")
        self.assertEqual(refused.exception.response["Error"]["Code"], "ResourceNotFoundException")
        # Named by its ARN from another region, Lambda says it cannot reach it, as AWS does.
        with self.assertRaises(botocore.exceptions.ClientError) as unreachable:
            self.client("lambda").invoke(FunctionName=arn)
        self.assertEqual(unreachable.exception.response["Error"],
                         {"Code": "ResourceNotFoundException", "Message": "Functions from "
                          "'ap-southeast-2' are not reachable in this region ('us-east-1')"})

    def test_an_access_key_of_twelve_digits_names_the_account(self):
        alice, bob = self.client("stepfunctions", account=ALICE), self.client("stepfunctions", account=BOB)
        self.assertEqual(machine(alice, ALICE), f"arn:aws:states:us-east-1:{ALICE}:stateMachine:m")
        self.assertEqual(names(bob), [])
        self.assertEqual(names(self.client("stepfunctions")), [])  # the default account's
        self.assertEqual(machine(bob, BOB, "other"),
                         f"arn:aws:states:us-east-1:{BOB}:stateMachine:other")
        self.assertEqual(names(alice), ["m"])
        for account in (ALICE, BOB):
            identity = self.client("sts", account=account).get_caller_identity()
            self.assertEqual((identity["Account"], identity["Arn"]),
                             (account, f"arn:aws:iam::{account}:root"))

    def test_iam_is_the_accounts_in_every_region(self):
        trust = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole"}]})
        made = self.client("iam", "eu-west-1", ALICE).create_role(
            RoleName="runner", AssumeRolePolicyDocument=trust)["Role"]
        self.assertEqual(made["Arn"], role_arn(ALICE))
        seen = self.client("iam", "us-east-1", ALICE).get_role(RoleName="runner")["Role"]
        self.assertEqual(seen["RoleId"], made["RoleId"])
        self.assertEqual([r["RoleName"] for r in
                          self.client("iam", "eu-west-1", BOB).list_roles()["Roles"]], [])
        # STS assumes it from any region; the session's calls are Alice's, in the region signed.
        credentials = self.client("sts", "ap-south-1", ALICE).assume_role(
            RoleArn=role_arn(ALICE), RoleSessionName="tester")["Credentials"]
        session_sfn = boto3.client(
            "stepfunctions", endpoint_url=self.server.url, region_name="ap-south-1",
            aws_access_key_id=credentials["AccessKeyId"],
            aws_secret_access_key=credentials["SecretAccessKey"],
            aws_session_token=credentials["SessionToken"])
        self.assertEqual(machine(session_sfn, ALICE),
                         f"arn:aws:states:ap-south-1:{ALICE}:stateMachine:m")
        self.assertEqual(names(self.client("stepfunctions", "ap-south-1", ALICE)), ["m"])
        self.assertEqual(names(self.client("stepfunctions", "ap-south-1")), [])

    def test_a_state_machines_tasks_call_within_its_account_and_region(self):
        lam = self.client("lambda", "eu-west-1", ALICE)
        function_arn = lam.create_function(
            FunctionName="echo", Runtime="python3.12", Role=role_arn(ALICE),
            Handler="fake:echo", Code={"ZipFile": zip_of({})})["FunctionArn"]
        definition = json.dumps({"StartAt": "Call", "States": {"Call": {
            "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "echo", "Payload": {"hello": "west"}},
            "OutputPath": "$.Payload", "End": True}}})
        for region, account, expected in (("eu-west-1", ALICE, "SUCCEEDED"),
                                          ("us-east-1", ALICE, "FAILED"),
                                          ("eu-west-1", BOB, "FAILED")):
            with self.subTest(region=region, account=account):
                sfn = self.client("stepfunctions", region, account)
                arn = sfn.start_execution(stateMachineArn=machine(sfn, account, "caller",
                                                                  definition))["executionArn"]
                status, output = finished(sfn, arn)
                self.assertEqual(status, expected)
                if expected == "SUCCEEDED":
                    self.assertEqual(output, {"hello": "west"})
                else:
                    history = sfn.get_execution_history(executionArn=arn)["events"]
                    failed = [e for e in history if e["type"] == "TaskFailed"]
                    self.assertEqual(failed[0]["taskFailedEventDetails"]["error"],
                                     "Lambda.ResourceNotFoundException")
        self.assertTrue(function_arn.startswith(f"arn:aws:lambda:eu-west-1:{ALICE}:"))

    def test_the_control_api_names_a_place_by_query(self):
        batch = self.client("batch", "eu-west-1", ALICE)
        create_world(batch)
        batch.submit_job(jobName="j", jobQueue="q", jobDefinition="jd")
        where = f"?account={ALICE}&region=eu-west-1"
        status, jobs = self.server.control("GET", "/_stepsim/batch/jobs" + where)
        self.assertEqual((status, [j["jobName"] for j in jobs["jobs"]]), (200, ["j"]))
        status, jobs = self.server.control("GET", "/_stepsim/batch/jobs")
        self.assertEqual((status, jobs["jobs"]), (200, []))
        for query, message in (("?region=mars", "region must name a region"),
                               ("?account=12", "account must be 12 digits")):
            status, refused = self.server.control("GET", "/_stepsim/batch/jobs" + query)
            self.assertEqual((status, refused["message"][:len(message)]), (400, message))

    def test_a_scope_that_names_no_region_is_refused(self):
        for region in ("not a region", "us-east", "x" * 300, "\xff\xfe-x-1"):
            with self.subTest(region=region[:20]):
                status, _, body = self.server.raw(
                    "POST", "/", b"{}",
                    {"Content-Type": "application/x-amz-json-1.0",
                     "X-Amz-Target": "AWSStepFunctions.ListStateMachines",
                     "Authorization": f"AWS4-HMAC-SHA256 Credential=test/20260101/{region}/states/"
                                      "aws4_request, SignedHeaders=host, Signature=0"})
                self.assertEqual(status, 403)
                error = json.loads(body)
                self.assertEqual(error["__type"], "InvalidSignatureException")
                self.assertIn("Credential should be scoped to a valid region", error["message"])
        self.assertEqual(self.server.control("GET", "/_stepsim/health")[0], 200)


class RealCode(unittest.TestCase):
    def test_a_functions_code_calls_the_services_of_its_account_and_region(self):
        code = zip_of({"app.py": (
            "import boto3, os\n"
            "def handler(event, context):\n"
            "    sfn = boto3.client('stepfunctions')\n"
            "    names = [m['name'] for m in sfn.list_state_machines()['stateMachines']]\n"
            "    who = boto3.client('sts').get_caller_identity()['Account']\n"
            "    return {'names': names, 'account': who, 'region': os.environ['AWS_REGION']}\n")})
        with StepsimServer() as server:
            for region, account, name in (("eu-west-1", ALICE, "alice-west"),
                                          ("us-east-1", ALICE, "alice-east"),
                                          ("eu-west-1", BOB, "bob-west")):
                machine(server.client("stepfunctions", region, account), account, name)
            lam = server.client("lambda", "eu-west-1", ALICE)
            lam.create_function(FunctionName="lister", Runtime="python3.12",
                                Role=role_arn(ALICE), Handler="app.handler",
                                Code={"ZipFile": code}, Timeout=60)
            response = lam.invoke(FunctionName="lister")
            payload = json.loads(response["Payload"].read())
            self.assertNotIn("FunctionError", response, payload)
            self.assertEqual(payload, {"names": ["alice-west"], "account": ALICE,
                                       "region": "eu-west-1"})


if __name__ == "__main__":
    unittest.main()
