"""IAM and STS through boto3 and the AWS CLI: the Query protocol (forms in, XML out), roles,
inline and managed policies with versions, instance profiles, users, tags, the AWS-managed
policies, temporary credentials on the virtual clock, and IAM's errors as the SDKs raise them."""
import json
import unittest

import boto3
import botocore.exceptions
from botocore.config import Config

from stepsim_server import StepsimServer
from test_cli import aws

TRUST_STATES = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"},
     "Action": "sts:AssumeRole"}]}
TRUST_ACCOUNT = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
     "Action": "sts:AssumeRole"}]}
INVOKE = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*"}]}


def client_as(server, service, credentials):
    """A client signing with temporary credentials STS issued."""
    return boto3.client(
        service, endpoint_url=server.url, region_name="us-east-1",
        aws_access_key_id=credentials["AccessKeyId"],
        aws_secret_access_key=credentials["SecretAccessKey"],
        aws_session_token=credentials["SessionToken"],
        config=Config(retries={"total_max_attempts": 1}))


class ServerTest(unittest.TestCase):
    SERVER_ARGS = ("--clock", "manual")

    def setUp(self):
        self.server = StepsimServer(*self.SERVER_ARGS).__enter__()
        self.iam = self.server.client("iam")
        self.sts = self.server.client("sts")

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def error(self, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(**kwargs)
        return caught.exception.response


class Roles(ServerTest):
    def test_a_role_round_trips_with_its_trust_policy_tags_and_description(self):
        created = self.iam.create_role(
            RoleName="PollerRole", Path="/service-role/",
            AssumeRolePolicyDocument=json.dumps(TRUST_STATES), Description="runs the poller",
            MaxSessionDuration=7200, Tags=[{"Key": "team", "Value": "batch"}])["Role"]
        self.assertEqual(created["Arn"], "arn:aws:iam::123456789012:role/service-role/PollerRole")
        self.assertRegex(created["RoleId"], r"^AROA[A-Z2-7]{17}$")
        role = self.iam.get_role(RoleName="pollerrole")["Role"]  # names ignore case
        # botocore turns IAM's URL-encoded document back into JSON.
        self.assertEqual(role["AssumeRolePolicyDocument"], TRUST_STATES)
        self.assertEqual(role["Description"], "runs the poller")
        self.assertEqual(role["MaxSessionDuration"], 7200)
        self.assertEqual(role["Tags"], [{"Key": "team", "Value": "batch"}])
        self.assertEqual(role["CreateDate"].isoformat(), "2026-01-01T00:00:00+00:00")

        self.iam.update_role(RoleName="PollerRole", Description="polls jobs")
        self.iam.update_assume_role_policy(RoleName="PollerRole",
                                           PolicyDocument=json.dumps(TRUST_ACCOUNT))
        self.iam.tag_role(RoleName="PollerRole", Tags=[{"Key": "TEAM", "Value": "sfn"},
                                                        {"Key": "env", "Value": "test"}])
        self.iam.untag_role(RoleName="PollerRole", TagKeys=["env"])
        role = self.iam.get_role(RoleName="PollerRole")["Role"]
        self.assertEqual(role["Description"], "polls jobs")
        self.assertEqual(role["AssumeRolePolicyDocument"], TRUST_ACCOUNT)
        self.assertEqual(self.iam.list_role_tags(RoleName="PollerRole")["Tags"],
                         [{"Key": "TEAM", "Value": "sfn"}])

    def test_roles_list_by_path_and_page_with_markers(self):
        for name in ("a", "b", "c"):
            self.iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST_STATES))
        self.iam.create_role(RoleName="d", Path="/ops/",
                             AssumeRolePolicyDocument=json.dumps(TRUST_STATES))
        first = self.iam.list_roles(MaxItems=2)
        self.assertTrue(first["IsTruncated"])
        rest = self.iam.list_roles(Marker=first["Marker"])
        self.assertFalse(rest["IsTruncated"])
        self.assertEqual([r["RoleName"] for r in first["Roles"] + rest["Roles"]],
                         ["a", "b", "c", "d"])
        self.assertNotIn("Tags", first["Roles"][0])  # ListRoles leaves tags out, as IAM does
        self.assertEqual([r["RoleName"] for r in self.iam.list_roles(PathPrefix="/ops/")["Roles"]],
                         ["d"])
        paged = [r["RoleName"] for page in self.iam.get_paginator("list_roles").paginate(
            PaginationConfig={"PageSize": 1}) for r in page["Roles"]]
        self.assertEqual(paged, ["a", "b", "c", "d"])

    def test_role_errors_are_the_modeled_exceptions(self):
        self.iam.create_role(RoleName="R", AssumeRolePolicyDocument=json.dumps(TRUST_STATES))
        with self.assertRaises(self.iam.exceptions.EntityAlreadyExistsException) as caught:
            self.iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(TRUST_STATES))
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 409)
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException) as caught:
            self.iam.get_role(RoleName="missing")
        self.assertEqual(caught.exception.response["Error"]["Message"],
                         "The role with name missing cannot be found.")
        with self.assertRaises(self.iam.exceptions.MalformedPolicyDocumentException):
            self.iam.create_role(RoleName="bad", AssumeRolePolicyDocument="{not json")
        with self.assertRaises(self.iam.exceptions.MalformedPolicyDocumentException):
            # A trust policy names who may assume the role.
            self.iam.create_role(RoleName="bad", AssumeRolePolicyDocument=json.dumps(
                {"Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]}))
        response = self.error(self.iam.create_role, RoleName="bad name!",
                              AssumeRolePolicyDocument=json.dumps(TRUST_STATES))
        self.assertEqual(response["Error"]["Code"], "ValidationError")
        self.assertEqual(response["Error"]["Type"], "Sender")
        self.assertIn("RoleName", response["Error"]["Message"])

    def test_a_role_with_policies_cannot_be_deleted_until_they_are_gone(self):
        self.iam.create_role(RoleName="R", AssumeRolePolicyDocument=json.dumps(TRUST_STATES))
        self.iam.put_role_policy(RoleName="R", PolicyName="invoke",
                                 PolicyDocument=json.dumps(INVOKE))
        self.iam.attach_role_policy(RoleName="R",
                                    PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_role(RoleName="R")
        self.iam.delete_role_policy(RoleName="R", PolicyName="invoke")
        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_role(RoleName="R")
        self.iam.detach_role_policy(RoleName="R",
                                    PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
        self.iam.delete_role(RoleName="R")
        self.assertEqual(self.iam.list_roles()["Roles"], [])


class Policies(ServerTest):
    def setUp(self):
        super().setUp()
        self.iam.create_role(RoleName="R", AssumeRolePolicyDocument=json.dumps(TRUST_STATES))

    def test_inline_policies_put_get_list_delete(self):
        self.iam.put_role_policy(RoleName="R", PolicyName="invoke",
                                 PolicyDocument=json.dumps(INVOKE))
        got = self.iam.get_role_policy(RoleName="R", PolicyName="invoke")
        self.assertEqual(got["PolicyDocument"], INVOKE)
        self.assertEqual(self.iam.list_role_policies(RoleName="R")["PolicyNames"], ["invoke"])
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_role_policy(RoleName="R", PolicyName="other")
        with self.assertRaises(self.iam.exceptions.MalformedPolicyDocumentException):
            self.iam.put_role_policy(RoleName="R", PolicyName="p", PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*"}]}))
        self.iam.delete_role_policy(RoleName="R", PolicyName="invoke")
        self.assertEqual(self.iam.list_role_policies(RoleName="R")["PolicyNames"], [])

    def test_aws_managed_policies_are_there_to_attach(self):
        arn = "arn:aws:iam::aws:policy/service-role/AWSBatchServiceRole"
        policy = self.iam.get_policy(PolicyArn=arn)["Policy"]
        self.assertEqual(policy["PolicyName"], "AWSBatchServiceRole")
        document = self.iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]
        self.assertIn("ecs:*", json.dumps(document["Document"]))
        aws_names = {p["PolicyName"] for p in self.iam.list_policies(Scope="AWS")["Policies"]}
        self.assertTrue({"AWSLambdaRole", "AWSBatchServiceRole", "AWSStepFunctionsFullAccess",
                         "AdministratorAccess"} <= aws_names)
        self.iam.attach_role_policy(RoleName="R",
                                    PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
        self.iam.attach_role_policy(RoleName="R", PolicyArn=arn)
        attached = self.iam.list_attached_role_policies(RoleName="R")["AttachedPolicies"]
        self.assertEqual([p["PolicyName"] for p in attached], ["AWSLambdaRole", "AWSBatchServiceRole"])
        self.assertEqual(self.iam.get_policy(PolicyArn=arn)["Policy"]["AttachmentCount"], 1)
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.attach_role_policy(RoleName="R", PolicyArn="arn:aws:iam::aws:policy/Nope")
        response = self.error(self.iam.delete_policy, PolicyArn=arn)
        self.assertEqual(response["Error"]["Code"], "AccessDenied")

    def test_customer_policies_have_versions(self):
        arn = self.iam.create_policy(PolicyName="poll", Path="/app/",
                                     PolicyDocument=json.dumps(INVOKE),
                                     Description="lets the poller invoke")["Policy"]["Arn"]
        self.assertEqual(arn, "arn:aws:iam::123456789012:policy/app/poll")
        with self.assertRaises(self.iam.exceptions.EntityAlreadyExistsException):
            self.iam.create_policy(PolicyName="POLL", PolicyDocument=json.dumps(INVOKE))
        describe = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["batch:DescribeJobs"], "Resource": "*"}]}
        v2 = self.iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(describe),
                                            SetAsDefault=True)["PolicyVersion"]
        self.assertEqual((v2["VersionId"], v2["IsDefaultVersion"]), ("v2", True))
        versions = self.iam.list_policy_versions(PolicyArn=arn)["Versions"]
        self.assertEqual([(v["VersionId"], v["IsDefaultVersion"]) for v in versions],
                         [("v2", True), ("v1", False)])
        self.assertEqual(self.iam.get_policy(PolicyArn=arn)["Policy"]["DefaultVersionId"], "v2")
        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_policy_version(PolicyArn=arn, VersionId="v2")  # the default
        for _ in range(3):
            self.iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(INVOKE))
        with self.assertRaises(self.iam.exceptions.LimitExceededException):
            self.iam.create_policy_version(PolicyArn=arn, PolicyDocument=json.dumps(INVOKE))
        self.iam.set_default_policy_version(PolicyArn=arn, VersionId="v1")
        self.iam.attach_role_policy(RoleName="R", PolicyArn=arn)
        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_policy(PolicyArn=arn)
        self.iam.detach_role_policy(RoleName="R", PolicyArn=arn)
        for version in ("v2", "v3", "v4", "v5"):
            self.iam.delete_policy_version(PolicyArn=arn, VersionId=version)
        self.iam.delete_policy(PolicyArn=arn)
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_policy(PolicyArn=arn)

    def test_instance_profiles_and_users_for_deploy_tools(self):
        profile = self.iam.create_instance_profile(InstanceProfileName="ecsInstanceRole")
        self.assertRegex(profile["InstanceProfile"]["InstanceProfileId"], r"^AIPA")
        self.iam.add_role_to_instance_profile(InstanceProfileName="ecsInstanceRole", RoleName="R")
        roles = self.iam.get_instance_profile(
            InstanceProfileName="ecsInstanceRole")["InstanceProfile"]["Roles"]
        self.assertEqual([r["RoleName"] for r in roles], ["R"])
        self.assertEqual(len(self.iam.list_instance_profiles_for_role(
            RoleName="R")["InstanceProfiles"]), 1)
        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_role(RoleName="R")
        self.iam.remove_role_from_instance_profile(InstanceProfileName="ecsInstanceRole",
                                                   RoleName="R")
        self.iam.delete_instance_profile(InstanceProfileName="ecsInstanceRole")

        user = self.iam.create_user(UserName="deployer")["User"]
        self.assertEqual(user["Arn"], "arn:aws:iam::123456789012:user/deployer")
        self.iam.put_user_policy(UserName="deployer", PolicyName="p",
                                 PolicyDocument=json.dumps(INVOKE))
        self.assertEqual(self.iam.list_user_policies(UserName="deployer")["PolicyNames"], ["p"])
        with self.assertRaises(self.iam.exceptions.DeleteConflictException):
            self.iam.delete_user(UserName="deployer")
        self.iam.delete_user_policy(UserName="deployer", PolicyName="p")
        self.iam.delete_user(UserName="deployer")

    def post_form(self, form):
        return self.server.raw("POST", "/", form, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Authorization": "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/iam/aws4_request"})

    def test_bad_forms_get_query_errors(self):
        status, headers, body = self.post_form(b"Action=NoSuchThing&Version=2010-05-08")
        self.assertEqual(status, 400)
        self.assertIn(b"<Code>InvalidAction</Code>", body)
        self.assertTrue(headers["Content-Type"].startswith("text/xml"))
        for form in (b"Action=ListRoles&MaxItems=0", b"Action=ListRoles&MaxItems=many",
                     b"Action=GetRole", b"Action=GetRole&RoleName=%FF%FE",
                     b"Action=CreateRole&RoleName=x&AssumeRolePolicyDocument=" + b"[" * 5000):
            status, _, body = self.post_form(form)
            self.assertEqual(status, 400, body)
            self.assertIn(b"<Type>Sender</Type>", body)
        # The server is still there.
        self.assertEqual(self.iam.list_roles()["Roles"][0]["RoleName"], "R")


class Sts(ServerTest):
    def test_caller_identity_is_the_accounts_root(self):
        identity = self.sts.get_caller_identity()
        self.assertEqual(identity["Account"], "123456789012")
        self.assertEqual(identity["Arn"], "arn:aws:iam::123456789012:root")

    def test_assumed_role_credentials_identify_the_session_until_they_expire(self):
        arn = self.iam.create_role(RoleName="Deployer", MaxSessionDuration=3600,
                                   AssumeRolePolicyDocument=json.dumps(TRUST_ACCOUNT))["Role"]["Arn"]
        assumed = self.sts.assume_role(RoleArn=arn, RoleSessionName="ci", DurationSeconds=900)
        credentials = assumed["Credentials"]
        self.assertRegex(credentials["AccessKeyId"], r"^ASIA[A-Z2-7]{16}$")
        self.assertEqual(credentials["Expiration"].isoformat(), "2026-01-01T00:15:00+00:00")
        self.assertEqual(assumed["AssumedRoleUser"]["Arn"],
                         "arn:aws:sts::123456789012:assumed-role/Deployer/ci")
        as_role = client_as(self.server, "sts", credentials)
        me = as_role.get_caller_identity()
        self.assertEqual(me["Arn"], "arn:aws:sts::123456789012:assumed-role/Deployer/ci")
        self.assertTrue(me["UserId"].startswith(
            self.iam.get_role(RoleName="Deployer")["Role"]["RoleId"] + ":ci"))
        # Fifteen virtual minutes later the credentials are refused.
        self.server.clock(advanceSeconds=900)
        response = self.error(as_role.get_caller_identity)
        self.assertEqual(response["Error"]["Code"], "ExpiredTokenException")

    def test_assume_role_errors(self):
        response = self.error(self.sts.assume_role,
                              RoleArn="arn:aws:iam::123456789012:role/none", RoleSessionName="s1")
        self.assertEqual(response["Error"]["Code"], "AccessDenied")
        arn = self.iam.create_role(RoleName="Short", AssumeRolePolicyDocument=json.dumps(
            TRUST_ACCOUNT))["Role"]["Arn"]
        response = self.error(self.sts.assume_role, RoleArn=arn, RoleSessionName="s1",
                              DurationSeconds=7200)
        self.assertEqual(response["Error"]["Code"], "ValidationError")
        with self.assertRaises(self.sts.exceptions.MalformedPolicyDocumentException):
            self.sts.assume_role(RoleArn=arn, RoleSessionName="s1", Policy="[1")

    def test_session_tokens(self):
        token = self.sts.get_session_token(DurationSeconds=1800)["Credentials"]
        self.assertEqual(token["Expiration"].isoformat(), "2026-01-01T00:30:00+00:00")


class EnforcedTrust(ServerTest):
    SERVER_ARGS = ("--clock", "manual", "--iam", "enforce")

    def test_only_principals_the_trust_policy_names_may_assume_the_role(self):
        arn = self.iam.create_role(RoleName="StatesOnly", AssumeRolePolicyDocument=json.dumps(
            TRUST_STATES))["Role"]["Arn"]
        response = self.error(self.sts.assume_role, RoleArn=arn, RoleSessionName="me")
        self.assertEqual(response["Error"]["Code"], "AccessDenied")
        self.assertIn("sts:AssumeRole", response["Error"]["Message"])
        open_arn = self.iam.create_role(RoleName="Mine", AssumeRolePolicyDocument=json.dumps(
            TRUST_ACCOUNT))["Role"]["Arn"]
        self.assertIn("Credentials", self.sts.assume_role(RoleArn=open_arn, RoleSessionName="me"))


class AwsCli(unittest.TestCase):
    def test_the_first_commands_people_run(self):
        with StepsimServer() as server:
            result = aws(server, "sts", "get-caller-identity")
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual(json.loads(result.stdout)["Account"], "123456789012")
            result = aws(server, "iam", "create-role", "--role-name", "StepFunctionsRole",
                         "--assume-role-policy-document", json.dumps(TRUST_STATES))
            self.assertEqual(result.returncode, 0, result.stderr)
            result = aws(server, "iam", "attach-role-policy", "--role-name", "StepFunctionsRole",
                         "--policy-arn", "arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
            self.assertEqual(result.returncode, 0, result.stderr)
            result = aws(server, "iam", "put-role-policy", "--role-name", "StepFunctionsRole",
                         "--policy-name", "batch", "--policy-document", json.dumps(INVOKE))
            self.assertEqual(result.returncode, 0, result.stderr)
            result = aws(server, "iam", "list-attached-role-policies", "--role-name",
                         "StepFunctionsRole")
            self.assertEqual(json.loads(result.stdout)["AttachedPolicies"][0]["PolicyName"],
                             "AWSLambdaRole")
            result = aws(server, "iam", "create-role", "--role-name", "StepFunctionsRole",
                         "--assume-role-policy-document", json.dumps(TRUST_STATES))
            self.assertNotEqual(result.returncode, 0)
            self.assertIn("(EntityAlreadyExists)", result.stderr)
            result = aws(server, "iam", "get-role", "--role-name", "nope")
            self.assertIn("(NoSuchEntity)", result.stderr)


if __name__ == "__main__":
    unittest.main()
