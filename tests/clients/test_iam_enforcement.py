"""`serve --iam enforce`: what a state machine's execution role and a function's role may do is
checked as AWS checks it, through boto3. Allowed calls run, denied ones fail the task with AWS's
error (Deny beating Allow, wildcards in actions and resources), CreateStateMachine needs a role
Step Functions may assume, and without the flag nothing is checked."""
import json
import time
import unittest

from batch_world import create_world
from stepsim_server import StepsimServer
from test_lambda_invoke import python_zip

ACCOUNT = "123456789012"
TRUST_STATES = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"},
     "Action": "sts:AssumeRole"}]}
TRUST_LAMBDA = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
     "Action": "sts:AssumeRole"}]}


def function_arn(name):
    return f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:{name}"


def one_task_machine(function):
    return json.dumps({"StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": function_arn(function), "End": True}}})


def wait_for_end(sfn, execution):
    """The execution's description once it has ended (the auto clock runs it at once)."""
    for _ in range(500):
        described = sfn.describe_execution(executionArn=execution["executionArn"])
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.002)
    raise AssertionError("the execution did not end")


def statement(effect, action, resource):
    return {"Effect": effect, "Action": action, "Resource": resource}


class Enforced(unittest.TestCase):
    SERVER_ARGS = ("--iam", "enforce")

    def setUp(self):
        self.server = StepsimServer(*self.SERVER_ARGS).__enter__()
        self.iam = self.server.client("iam")
        self.lam = self.server.client("lambda")
        self.sfn = self.server.client("stepfunctions")
        self.batch = self.server.client("batch")
        create_world(self.batch, queue="SampleJobQueue", definition="SampleJobDefinition")
        self.lambda_role = self.role("CheckJobRole", TRUST_LAMBDA)
        for name, handler in (("Echo", "fake:echo"), ("CheckJob", "fake:batch-job-status"),
                              ("SubmitJob", "fake:batch-submit-job")):
            self.lam.create_function(FunctionName=name, Runtime="python3.12", Handler=handler,
                                     Role=self.lambda_role, Code={"ZipFile": python_zip("")})

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def role(self, name, trust, *statements):
        arn = self.iam.create_role(RoleName=name,
                                   AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]
        if statements:
            self.iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=json.dumps(
                {"Version": "2012-10-17", "Statement": list(statements)}))
        return arn

    def run_machine(self, role_arn, definition, name, payload=None):
        arn = self.sfn.create_state_machine(name=name, definition=definition,
                                            roleArn=role_arn)["stateMachineArn"]
        return wait_for_end(self.sfn, self.sfn.start_execution(
            stateMachineArn=arn, input=json.dumps(payload or {"hello": "world"})))

    def test_an_allowed_invoke_runs(self):
        role = self.role("Allowed", TRUST_STATES,
                         statement("Allow", "lambda:InvokeFunction", function_arn("Echo")))
        described = self.run_machine(role, one_task_machine("Echo"), "allowed")
        self.assertEqual(described["status"], "SUCCEEDED", described)
        self.assertEqual(json.loads(described["output"]), {"hello": "world"})

    def test_a_call_no_policy_allows_fails_the_task_as_aws_does(self):
        role = self.role("NoInvoke", TRUST_STATES,
                         statement("Allow", "lambda:InvokeFunction", function_arn("Other")))
        described = self.run_machine(role, one_task_machine("Echo"), "implicit")
        self.assertEqual(described["status"], "FAILED")
        self.assertEqual(described["error"], "Lambda.AWSLambdaException")
        self.assertRegex(described["cause"],
                         r"^User: arn:aws:sts::123456789012:assumed-role/NoInvoke/\w{32} is not "
                         r"authorized to perform: lambda:InvokeFunction on resource: "
                         r"arn:aws:lambda:us-east-1:123456789012:function:Echo because no "
                         r"identity-based policy allows the lambda:InvokeFunction action "
                         r"\(Service: AWSLambda; Status Code: 403; Error Code: "
                         r"AccessDeniedException; Request ID: [0-9a-f-]+; Proxy: null\)$")

    def test_deny_beats_allow(self):
        role = self.role("Denied", TRUST_STATES,
                         statement("Allow", "lambda:*", "*"),
                         statement("Deny", "lambda:InvokeFunction", function_arn("Echo")))
        described = self.run_machine(role, one_task_machine("Echo"), "deny")
        self.assertEqual(described["status"], "FAILED")
        self.assertIn("with an explicit deny in an identity-based policy", described["cause"])

    def test_wildcards_in_actions_and_resources(self):
        role = self.role("Wild", TRUST_STATES,
                         statement("Allow", "LAMBDA:Invoke*", "arn:aws:lambda:*:*:function:E?ho"))
        self.assertEqual(self.run_machine(role, one_task_machine("Echo"), "wild")["status"],
                         "SUCCEEDED")
        self.assertEqual(self.run_machine(role, one_task_machine("CheckJob"), "tame")["status"],
                         "FAILED")

    def test_managed_policies_count(self):
        role = self.role("Managed", TRUST_STATES)
        self.iam.attach_role_policy(RoleName="Managed",
                                    PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaRole")
        self.assertEqual(self.run_machine(role, one_task_machine("Echo"), "managed")["status"],
                         "SUCCEEDED")

    def test_the_role_must_trust_step_functions(self):
        role = self.role("LambdaOnly", TRUST_LAMBDA)
        with self.assertRaises(self.sfn.exceptions.ClientError) as caught:
            self.sfn.create_state_machine(name="m", definition=one_task_machine("Echo"),
                                          roleArn=role)
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], "AccessDeniedException")
        self.assertIn("states.amazonaws.com", error["Message"])
        with self.assertRaises(self.sfn.exceptions.ClientError):
            self.sfn.create_state_machine(name="m", definition=one_task_machine("Echo"),
                                          roleArn=f"arn:aws:iam::{ACCOUNT}:role/Missing")

    def test_a_functions_calls_are_checked_against_its_role(self):
        # The role lets Step Functions invoke both functions, but the functions' own role has no
        # batch:DescribeJobs: CheckJob fails as the sample's code would.
        self.iam.put_role_policy(RoleName="CheckJobRole", PolicyName="submit",
                                 PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                                     statement("Allow", "batch:SubmitJob", "*")]}))
        role = self.role("Poller", TRUST_STATES, statement("Allow", "lambda:InvokeFunction", "*"))
        definition = json.dumps({"StartAt": "Submit", "States": {
            "Submit": {"Type": "Task", "Resource": function_arn("SubmitJob"), "Next": "Check"},
            "Check": {"Type": "Task", "Resource": function_arn("CheckJob"), "End": True}}})
        described = self.run_machine(role, definition, "poller", {
            "jobName": "j", "jobQueue": "SampleJobQueue", "jobDefinition": "SampleJobDefinition"})
        self.assertEqual(described["status"], "FAILED")
        self.assertEqual(described["error"], "AccessDeniedException")
        self.assertIn("batch:DescribeJobs", described["cause"])
        self.assertIn("assumed-role/CheckJobRole/", described["cause"])


REAL_CODE = """
import boto3

def handler(event, context):
    jobs = boto3.client("batch").describe_jobs(jobs=["no-such-job"])["jobs"]
    who = boto3.client("sts").get_caller_identity()["Arn"]
    return {"jobs": jobs, "who": who}
"""


class RealCode(unittest.TestCase):
    """Real code signs its calls with its function role's credentials, so they are the role's."""

    def test_real_code_calls_are_checked_against_the_functions_role(self):
        with StepsimServer("--iam", "enforce") as server:
            iam, lam = server.client("iam"), server.client("lambda")
            roles = {}
            for name, actions in (("Reader", ["batch:DescribeJobs"]), ("Blind", ["batch:ListJobs"])):
                roles[name] = iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(
                    TRUST_LAMBDA))["Role"]["Arn"]
                iam.put_role_policy(RoleName=name, PolicyName="batch", PolicyDocument=json.dumps(
                    {"Version": "2012-10-17", "Statement": [statement("Allow", actions, "*")]}))
                lam.create_function(FunctionName=f"As{name}", Runtime="python3.12",
                                    Handler="app.handler", Role=roles[name],
                                    Code={"ZipFile": python_zip(REAL_CODE)})
            allowed = json.loads(lam.invoke(FunctionName="AsReader")["Payload"].read())
            self.assertEqual(allowed, {"jobs": [], "who": (
                "arn:aws:sts::123456789012:assumed-role/Reader/AsReader")})
            denied = lam.invoke(FunctionName="AsBlind")
            self.assertEqual(denied["FunctionError"], "Unhandled")
            error = json.loads(denied["Payload"].read())
            self.assertEqual(error["errorType"], "ClientError")
            self.assertIn("(AccessDeniedException) when calling the DescribeJobs operation: User: "
                          "arn:aws:sts::123456789012:assumed-role/Blind/AsBlind is not authorized "
                          "to perform: batch:DescribeJobs on resource: *", error["errorMessage"])


def run_echo_with_unknown_roles(server):
    """Runs a one-task machine whose role, and whose function's role, IAM has never heard of;
    returns the execution's description."""
    lam, sfn = server.client("lambda"), server.client("stepfunctions")
    nobody = f"arn:aws:iam::{ACCOUNT}:role/none"
    lam.create_function(FunctionName="Echo", Runtime="python3.12", Handler="fake:echo",
                        Role=nobody, Code={"ZipFile": python_zip("")})
    arn = sfn.create_state_machine(name="m", definition=one_task_machine("Echo"), roleArn=nobody)
    return wait_for_end(sfn, sfn.start_execution(stateMachineArn=arn["stateMachineArn"]))


class Warned(unittest.TestCase):
    def test_warn_logs_what_would_be_denied_and_runs_it(self):
        with StepsimServer("--iam", "warn", capture_stderr=True) as server:
            self.assertEqual(run_echo_with_unknown_roles(server)["status"], "SUCCEEDED")
        self.assertIn("iam warn: AWS would refuse this call", server.stderr_text)
        self.assertIn("lambda:InvokeFunction", server.stderr_text)


class Off(unittest.TestCase):
    def test_without_the_flag_roles_are_never_looked_at(self):
        with StepsimServer() as server:
            self.assertEqual(run_echo_with_unknown_roles(server)["status"], "SUCCEEDED")


if __name__ == "__main__":
    unittest.main()
