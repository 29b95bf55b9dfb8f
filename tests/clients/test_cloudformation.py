"""CloudFormation through the AWS CLI and boto3: `aws cloudformation deploy` of the Job Status
Poller's stack (YAML, inline Python functions, Batch on Fargate with its VPC, IAM roles), the
poller started by the stack's output and run to the end, updates through change sets, exports
and imports, rollback of a stack that cannot be made, deletion, the waiters, and CloudFormation's
errors."""
import json
import os
import pathlib
import tempfile
import time
import unittest

import botocore.exceptions

from stepsim_server import StepsimServer
from test_cli import aws

ROOT = pathlib.Path(__file__).resolve().parents[2]
JOB_POLLER_TEMPLATE = ROOT / "scenarios" / "cloudformation" / "job_poller_template.yaml"
CDK_TEMPLATE = pathlib.Path(__file__).parent / "data" / "cdk_greeter.template.json"
FAST = {"Delay": 0.05, "MaxAttempts": 200}

LOG_GROUP_AND_BUCKET = """
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /stepsim/rollback-demo
  Bucket:
    Type: AWS::S3::Bucket
    DependsOn: Logs
"""

EXPORTER = """
Parameters:
  Retention:
    Type: Number
    Default: 7
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Retention
Outputs:
  LogGroupName:
    Value: !Ref Logs
    Export:
      Name: shared-log-group
"""

IMPORTER = """
Resources:
  Activity:
    Type: AWS::StepFunctions::Activity
    Properties:
      Name: !Join ["-", [!ImportValue shared-log-group, "activity"]]
Outputs:
  ActivityName:
    Value: !GetAtt Activity.Name
"""

ACTIVITY_THEN_LOGS = """
Resources:
  Activity:
    Type: AWS::StepFunctions::Activity
    Properties:
      Name: worker
  Logs:
    Type: AWS::Logs::LogGroup
    DependsOn: Activity
"""


def outputs_of(stack):
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


class CloudFormationTest(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer().__enter__()
        self.cfn = self.server.client("cloudformation")

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def error(self, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(**kwargs)
        return caught.exception.response["Error"]

    def stack(self, name):
        return self.cfn.describe_stacks(StackName=name)["Stacks"][0]

    def create(self, name, body, **kwargs):
        self.cfn.create_stack(StackName=name, TemplateBody=body, **kwargs)
        self.cfn.get_waiter("stack_create_complete").wait(StackName=name, WaiterConfig=FAST)
        return self.stack(name)


class DeployTheJobPoller(CloudFormationTest):
    def test_deploy_run_the_poller_by_its_output_then_delete_everything(self):
        result = aws(self.server, "cloudformation", "deploy", "--template-file",
                     str(JOB_POLLER_TEMPLATE), "--stack-name", "JobPoller",
                     "--capabilities", "CAPABILITY_IAM",
                     "--parameter-overrides", "MaxVcpus=16", "JobQueueName=PollerQueue")
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
        self.assertIn("Successfully created/updated stack - JobPoller", result.stdout)
        stack = self.stack("JobPoller")
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        [queue] = self.server.client("batch").describe_job_queues()["jobQueues"]
        self.assertEqual(queue["jobQueueName"], "PollerQueue")
        [environment] = self.server.client("batch").describe_compute_environments()[
            "computeEnvironments"]
        self.assertEqual(environment["computeResources"]["maxvCpus"], 16)
        outputs = outputs_of(stack)
        self.assertRegex(outputs["StateMachineArn"],
                         r"^arn:aws:states:us-east-1:123456789012:stateMachine:JobStatusPoller-")
        resources = self.cfn.describe_stack_resources(StackName="JobPoller")["StackResources"]
        self.assertEqual({r["ResourceStatus"] for r in resources}, {"CREATE_COMPLETE"})
        self.assertEqual(len(resources), 17)

        sfn = self.server.client("stepfunctions")
        described = run_to_end(sfn, outputs["StateMachineArn"], {
            "jobName": "my-job", "jobQueue": outputs["JobQueueArn"],
            "jobDefinition": outputs["JobDefinitionArn"], "wait_time": 60})
        self.assertEqual(described["status"], "SUCCEEDED", described)
        self.assertEqual(json.loads(described["output"]), "SUCCEEDED")

        functions = self.server.client("lambda").list_functions()["Functions"]
        self.assertEqual(len(functions), 2)
        result = aws(self.server, "cloudformation", "delete-stack", "--stack-name", "JobPoller")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = aws(self.server, "cloudformation", "wait", "stack-delete-complete",
                     "--stack-name", stack["StackId"])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(self.server.client("lambda").list_functions()["Functions"], [])
        self.assertEqual(sfn.list_state_machines()["stateMachines"], [])
        self.assertEqual(self.server.client("batch").describe_job_queues()["jobQueues"], [])
        self.assertEqual(self.server.client("iam").list_roles()["Roles"], [])
        deleted = self.cfn.describe_stacks(StackName=stack["StackId"])["Stacks"][0]
        self.assertEqual(deleted["StackStatus"], "DELETE_COMPLETE")
        error = self.error(self.cfn.describe_stacks, StackName="JobPoller")
        self.assertEqual(error["Code"], "ValidationError")
        self.assertEqual(error["Message"], "Stack with id JobPoller does not exist")

    def test_deploy_without_the_iam_capability_is_refused(self):
        result = aws(self.server, "cloudformation", "deploy", "--template-file",
                     str(JOB_POLLER_TEMPLATE), "--stack-name", "JobPoller")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("InsufficientCapabilities", result.stderr)
        self.assertIn("Requires capabilities : [CAPABILITY_IAM]", result.stderr)

    def test_deploying_again_changes_only_what_changed(self):
        args = ["cloudformation", "deploy", "--template-file", str(JOB_POLLER_TEMPLATE),
                "--stack-name", "JobPoller", "--capabilities", "CAPABILITY_IAM"]
        self.assertEqual(aws(self.server, *args).returncode, 0)
        again = aws(self.server, *args, "--no-fail-on-empty-changeset")
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertIn("No changes to deploy", again.stdout)
        # A changed parameter deploys as an update, in place. The CLI names its change sets by the
        # wall-clock second and leaves the empty one behind, as on AWS, where a deploy takes
        # longer than a second: wait for the next one so the names differ.
        time.sleep(1.1)
        changed = aws(self.server, *args, "--parameter-overrides", "MaxVcpus=32")
        self.assertEqual(changed.returncode, 0, changed.stderr)
        self.assertEqual(self.stack("JobPoller")["StackStatus"], "UPDATE_COMPLETE")
        [environment] = self.server.client("batch").describe_compute_environments()[
            "computeEnvironments"]
        self.assertEqual(environment["computeResources"]["maxvCpus"], 32)


def run_to_end(sfn, state_machine_arn, payload):
    execution = sfn.start_execution(stateMachineArn=state_machine_arn, input=json.dumps(payload))
    deadline = time.time() + 60
    while time.time() < deadline:
        described = sfn.describe_execution(executionArn=execution["executionArn"])
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.05)
    raise AssertionError(f"{execution['executionArn']} still running")


class CdkTemplate(CloudFormationTest):
    def test_a_cdk_synthesised_template_deploys_and_its_workflow_runs(self):
        # JSON with CDK's hashed logical ids, Fn::Join ARNs, a DefinitionString built by Fn::Join,
        # the CDKMetadata resource and its condition, an SSM-typed parameter and Rules.
        stack = self.create("GreeterStack", CDK_TEMPLATE.read_text(),
                            Capabilities=["CAPABILITY_IAM"])
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE", stack.get("StackStatusReason"))
        flow = outputs_of(stack)["FlowArn"]
        self.assertEqual(self.cfn.list_exports()["Exports"][0]["Name"], "GreeterStack-FlowArn")
        described = run_to_end(self.server.client("stepfunctions"), flow, {"name": "stepsim"})
        self.assertEqual(described["status"], "SUCCEEDED", described)
        self.assertEqual(json.loads(described["output"]), "hello stepsim")
        policy = self.server.client("iam").get_role_policy(
            RoleName=self.cfn.describe_stack_resource(
                StackName="GreeterStack", LogicalResourceId="FlowRoleC0D1E2F3")
            ["StackResourceDetail"]["PhysicalResourceId"],
            PolicyName="FlowRoleDefaultPolicy4A5B6C7D")
        function_arn = self.server.client("lambda").list_functions()["Functions"][0]["FunctionArn"]
        self.assertEqual(policy["PolicyDocument"]["Statement"][0]["Resource"],
                         [function_arn, function_arn + ":*"])


SAM_TEMPLATE = """
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.11
    Timeout: 30
Resources:
  SubmitJob:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: SubmitJob
      CodeUri: {code}
      Handler: submit_job.lambda_handler
      Policies:
        - Statement:
            - Effect: Allow
              Action: [batch:SubmitJob]
              Resource: "*"
  CheckJob:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: CheckJob
      CodeUri: {code}
      Handler: check_job.lambda_handler
      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: rate(1 day)
  Poller:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: {definition}
      Policies:
        - LambdaInvokePolicy:
            FunctionName: !Ref SubmitJob
        - LambdaInvokePolicy:
            FunctionName: !Ref CheckJob
  Environment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources: {{Type: FARGATE, MaxvCpus: 4, Subnets: [subnet-0123456789abcdef0]}}
  Queue:
    Type: AWS::Batch::JobQueue
    Properties:
      JobQueueName: SampleJobQueue
      Priority: 1
      ComputeEnvironmentOrder: [{{Order: 1, ComputeEnvironment: !Ref Environment}}]
  Job:
    Type: AWS::Batch::JobDefinition
    Properties:
      JobDefinitionName: SampleJobDefinition
      Type: container
      ContainerProperties: {{Image: busybox, Command: [echo, hi], Vcpus: 1, Memory: 512}}
Outputs:
  PollerArn:
    Value: !Ref Poller
"""


class SamTemplate(CloudFormationTest):
    def test_a_sam_template_deploys_with_local_code_and_runs_the_poller(self):
        # The sample's real handlers (fakes/job_poller_python) as a SAM CodeUri, the classic
        # definition as a DefinitionUri whose function ARNs the FunctionNames match.
        body = SAM_TEMPLATE.format(
            code=ROOT / "fakes" / "job_poller_python",
            definition=ROOT / "scenarios" / "job_poller" / "classic.asl.json")
        with tempfile.NamedTemporaryFile("w", suffix=".yaml") as template:
            template.write(body)
            template.flush()
            result = aws(self.server, "cloudformation", "deploy", "--template-file",
                         template.name, "--stack-name", "SamPoller",
                         "--capabilities", "CAPABILITY_IAM")
        self.assertEqual(result.returncode, 0, result.stderr + result.stdout)
        outputs = outputs_of(self.stack("SamPoller"))
        described = run_to_end(self.server.client("stepfunctions"), outputs["PollerArn"], {
            "jobName": "sam-job", "jobQueue": "SampleJobQueue",
            "jobDefinition": "SampleJobDefinition", "wait_time": 60})
        self.assertEqual(described["status"], "SUCCEEDED", described)
        self.assertEqual(json.loads(described["output"]), "SUCCEEDED")
        # boto3 hands a JSON template body back parsed.
        processed = self.cfn.get_template(StackName="SamPoller",
                                          TemplateStage="Processed")["TemplateBody"]
        self.assertEqual(processed["Resources"]["SubmitJob"]["Type"], "AWS::Lambda::Function")
        self.assertEqual(processed["Resources"]["SubmitJobRole"]["Type"], "AWS::IAM::Role")
        self.assertEqual(processed["Metadata"]["stepsim:ignoredEvents"],
                         [{"Resource": "CheckJob", "Event": "Nightly", "Type": "Schedule"}])
        original = self.cfn.get_template(StackName="SamPoller")["TemplateBody"]
        self.assertIn("AWS::Serverless::Function", json.dumps(original))

    def test_create_stack_of_a_sam_template_needs_auto_expand(self):
        body = SAM_TEMPLATE.format(code=ROOT / "fakes" / "job_poller_python",
                                   definition=ROOT / "scenarios" / "job_poller" / "classic.asl.json")
        error = self.error(self.cfn.create_stack, StackName="sam", TemplateBody=body,
                           Capabilities=["CAPABILITY_IAM"])
        self.assertEqual(error["Code"], "InsufficientCapabilitiesException")
        self.assertEqual(error["Message"], "Requires capabilities : [CAPABILITY_AUTO_EXPAND]")
        stack = self.create("sam", body, Capabilities=["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"])
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")


LOCAL_CODE = """
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
  CheckJob:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.11
      Handler: check_job.lambda_handler
      Role: !GetAtt Role.Arn
      Code: fakes/job_poller_python
"""


class LocalCode(unittest.TestCase):
    def test_a_functions_code_given_as_a_path_is_packed_from_where_the_server_runs(self):
        # What `aws cloudformation package` would upload to S3: relative to the server's directory.
        previous = os.getcwd()
        os.chdir(ROOT)
        try:
            with StepsimServer() as server:
                cfn = server.client("cloudformation")
                cfn.create_stack(StackName="local", TemplateBody=LOCAL_CODE,
                                 Capabilities=["CAPABILITY_IAM"])
                cfn.get_waiter("stack_create_complete").wait(StackName="local", WaiterConfig=FAST)
                name = cfn.describe_stack_resource(StackName="local", LogicalResourceId="CheckJob")[
                    "StackResourceDetail"]["PhysicalResourceId"]
                response = server.client("lambda").invoke(FunctionName=name,
                                                           Payload=json.dumps({"jobId": "nope"}))
                error = json.loads(response["Payload"].read())
        finally:
            os.chdir(previous)
        # The sample's CheckJob ran: it raises its own error for a job Batch does not know.
        self.assertEqual(response["FunctionError"], "Unhandled")
        self.assertEqual(error["errorType"], "JobNotFound")


class Rollback(CloudFormationTest):
    def test_a_stack_that_cannot_be_made_rolls_back_with_the_reason(self):
        self.cfn.create_stack(StackName="broken", TemplateBody=LOG_GROUP_AND_BUCKET)
        with self.assertRaises(botocore.exceptions.WaiterError):
            self.cfn.get_waiter("stack_create_complete").wait(StackName="broken",
                                                              WaiterConfig=FAST)
        self.assertEqual(self.stack("broken")["StackStatus"], "ROLLBACK_COMPLETE")
        events = self.cfn.describe_stack_events(StackName="broken")["StackEvents"]
        rollback = next(e for e in events if e["ResourceStatus"] == "ROLLBACK_IN_PROGRESS")
        self.assertEqual(rollback["ResourceStatusReason"],
                         "The following resource(s) failed to create: [Bucket]. "
                         "Rollback requested by user.")
        story = [(e["LogicalResourceId"], e["ResourceStatus"]) for e in reversed(events)]
        self.assertEqual(story, [
            ("broken", "CREATE_IN_PROGRESS"),
            ("Logs", "CREATE_IN_PROGRESS"), ("Logs", "CREATE_IN_PROGRESS"),
            ("Logs", "CREATE_COMPLETE"),
            ("Bucket", "CREATE_IN_PROGRESS"), ("Bucket", "CREATE_FAILED"),
            ("broken", "ROLLBACK_IN_PROGRESS"),
            ("Bucket", "DELETE_IN_PROGRESS"), ("Bucket", "DELETE_COMPLETE"),
            ("Logs", "DELETE_IN_PROGRESS"), ("Logs", "DELETE_COMPLETE"),
            ("broken", "ROLLBACK_COMPLETE")])
        failed = next(e for e in events if e["ResourceStatus"] == "CREATE_FAILED")
        self.assertEqual(failed["ResourceStatusReason"],
                         "Resource type AWS::S3::Bucket is not supported by stepsim")
        logs = self.server.client("logs").describe_log_groups()["logGroups"]
        self.assertEqual(logs, [])
        # A stack that rolled back cannot be updated, only deleted.
        error = self.error(self.cfn.update_stack, StackName="broken",
                           TemplateBody=LOG_GROUP_AND_BUCKET)
        self.assertEqual(error["Code"], "ValidationError")
        self.cfn.delete_stack(StackName="broken")
        self.cfn.get_waiter("stack_delete_complete").wait(StackName="broken", WaiterConfig=FAST)

    def test_with_rollback_disabled_the_made_resources_stay(self):
        self.cfn.create_stack(StackName="kept", TemplateBody=LOG_GROUP_AND_BUCKET,
                              DisableRollback=True)
        with self.assertRaises(botocore.exceptions.WaiterError):
            self.cfn.get_waiter("stack_create_complete").wait(StackName="kept", WaiterConfig=FAST)
        self.assertEqual(self.stack("kept")["StackStatus"], "CREATE_FAILED")
        names = [g["logGroupName"]
                 for g in self.server.client("logs").describe_log_groups()["logGroups"]]
        self.assertEqual(names, ["/stepsim/rollback-demo"])


class ChangeSetsAndExports(CloudFormationTest):
    def test_an_update_through_a_change_set_shows_and_makes_its_changes(self):
        self.create("exporter", EXPORTER)
        group = outputs_of(self.stack("exporter"))["LogGroupName"]
        self.assertRegex(group, r"^exporter-Logs-[A-Z0-9]{12}$")
        change_set = self.cfn.create_change_set(
            StackName="exporter", ChangeSetName="longer-retention", UsePreviousTemplate=True,
            Parameters=[{"ParameterKey": "Retention", "ParameterValue": "30"}])
        self.cfn.get_waiter("change_set_create_complete").wait(
            ChangeSetName=change_set["Id"], WaiterConfig=FAST)
        described = self.cfn.describe_change_set(ChangeSetName="longer-retention",
                                                 StackName="exporter")
        self.assertEqual(described["ExecutionStatus"], "AVAILABLE")
        [change] = described["Changes"]
        self.assertEqual(change["ResourceChange"]["Action"], "Modify")
        self.assertEqual(change["ResourceChange"]["LogicalResourceId"], "Logs")
        self.assertEqual(change["ResourceChange"]["Replacement"], "False")
        self.assertEqual(change["ResourceChange"]["Details"][0]["Target"]["Name"],
                         "RetentionInDays")
        self.cfn.execute_change_set(ChangeSetName=change_set["Id"])
        self.cfn.get_waiter("stack_update_complete").wait(StackName="exporter", WaiterConfig=FAST)
        stack = self.stack("exporter")
        self.assertEqual(stack["StackStatus"], "UPDATE_COMPLETE")
        self.assertEqual(stack["Parameters"],
                         [{"ParameterKey": "Retention", "ParameterValue": "30"}])
        [log_group] = self.server.client("logs").describe_log_groups()["logGroups"]
        self.assertEqual((log_group["logGroupName"], log_group["retentionInDays"]), (group, 30))

        # The same again has nothing to change.
        self.cfn.create_change_set(StackName="exporter", ChangeSetName="same",
                                   UsePreviousTemplate=True,
                                   Parameters=[{"ParameterKey": "Retention",
                                                "UsePreviousValue": True}])
        same = self.cfn.describe_change_set(ChangeSetName="same", StackName="exporter")
        self.assertEqual(same["Status"], "FAILED")
        self.assertIn("didn't contain changes", same["StatusReason"])
        error = self.error(self.cfn.update_stack, StackName="exporter", UsePreviousTemplate=True,
                           Parameters=[{"ParameterKey": "Retention", "UsePreviousValue": True}])
        self.assertEqual(error["Message"], "No updates are to be performed.")

    def test_an_export_is_imported_and_holds_its_stack_until_the_importer_goes(self):
        self.create("exporter", EXPORTER)
        group = outputs_of(self.stack("exporter"))["LogGroupName"]
        self.assertEqual(self.cfn.list_exports()["Exports"][0]["Name"], "shared-log-group")
        self.create("importer", IMPORTER)
        self.assertEqual(outputs_of(self.stack("importer"))["ActivityName"], group + "-activity")
        self.assertEqual(self.cfn.list_imports(ExportName="shared-log-group")["Imports"],
                         ["importer"])
        self.cfn.delete_stack(StackName="exporter")
        stack = self.stack("exporter")
        self.assertEqual(stack["StackStatus"], "DELETE_FAILED")
        self.assertEqual(stack["StackStatusReason"],
                         "Export shared-log-group cannot be deleted as it is in use by importer")
        self.cfn.delete_stack(StackName="importer")
        self.cfn.get_waiter("stack_delete_complete").wait(StackName="importer", WaiterConfig=FAST)
        self.cfn.delete_stack(StackName="exporter")
        self.cfn.get_waiter("stack_delete_complete").wait(StackName="exporter", WaiterConfig=FAST)
        self.assertEqual(self.cfn.list_exports()["Exports"], [])


class VirtualClock(CloudFormationTest):
    def test_statuses_move_with_the_clock_by_each_types_provisioning_time(self):
        self.server.clock(mode="manual")
        status, times = self.server.control("POST", "/_stepsim/cloudformation/provisioning",
                                            {"defaultSeconds": 2,
                                             "secondsByType": {"AWS::Logs::LogGroup": 30}})
        self.assertEqual(status, 200, times)
        self.assertEqual(times, {"defaultMillis": 2000,
                                 "millisByType": {"AWS::Logs::LogGroup": 30000}})
        self.cfn.create_stack(StackName="slow", TemplateBody=ACTIVITY_THEN_LOGS)
        self.assertEqual(self.stack("slow")["StackStatus"], "CREATE_IN_PROGRESS")
        self.server.clock(advanceSeconds=2)  # the activity is made, the log group under way
        resources = {r["LogicalResourceId"]: r["ResourceStatus"] for r in
                     self.cfn.describe_stack_resources(StackName="slow")["StackResources"]}
        self.assertEqual(resources, {"Activity": "CREATE_COMPLETE", "Logs": "CREATE_IN_PROGRESS"})
        self.server.clock(advanceSeconds=29)
        self.assertEqual(self.stack("slow")["StackStatus"], "CREATE_IN_PROGRESS")
        self.server.clock(advanceSeconds=1)
        stack = self.stack("slow")
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        events = self.cfn.describe_stack_events(StackName="slow")["StackEvents"]
        self.assertEqual((events[0]["Timestamp"] - stack["CreationTime"]).total_seconds(), 32)

    def test_provisioning_times_are_checked(self):
        status, body = self.server.control("POST", "/_stepsim/cloudformation/provisioning",
                                           {"secondsByType": {"AWS::Lambda::Function": -1}})
        self.assertEqual(status, 400)
        self.assertIn("non-negative", body["message"])


class Errors(CloudFormationTest):
    def test_template_errors_are_validation_errors_in_cloudformations_words(self):
        error = self.error(self.cfn.validate_template, TemplateBody="Resources:\n  A: [")
        self.assertEqual(error["Code"], "ValidationError")
        self.assertIn("Template format error", error["Message"])
        error = self.error(self.cfn.create_stack, StackName="s",
                           TemplateBody=json.dumps({"Resources": {"A": {
                               "Type": "AWS::Logs::LogGroup",
                               "Properties": {"LogGroupName": {"Ref": "Nope"}}}}}))
        self.assertEqual(error["Message"], "Template format error: Unresolved resource "
                         "dependencies [Nope] in the Resources block of the template")
        error = self.error(self.cfn.create_stack, StackName="s", TemplateBody=EXPORTER,
                           Parameters=[{"ParameterKey": "Retention", "ParameterValue": "many"}])
        self.assertEqual(error["Code"], "ValidationError")
        self.assertEqual(self.cfn.list_stacks()["StackSummaries"], [])

    def test_names_conflicts_and_missing_stacks(self):
        self.create("one", EXPORTER)
        error = self.error(self.cfn.create_stack, StackName="one", TemplateBody=EXPORTER)
        self.assertEqual((error["Code"], error["Message"]),
                         ("AlreadyExistsException", "Stack [one] already exists"))
        error = self.error(self.cfn.create_stack, StackName="bad_name", TemplateBody=EXPORTER)
        self.assertIn("Member must satisfy regular expression pattern", error["Message"])
        error = self.error(self.cfn.describe_stack_events, StackName="nothing")
        self.assertEqual(error["Message"], "Stack with id nothing does not exist")
        error = self.error(self.cfn.describe_change_set, ChangeSetName="none", StackName="one")
        self.assertEqual(error["Code"], "ChangeSetNotFound")

    def test_validate_template_reports_parameters_and_capabilities(self):
        described = self.cfn.validate_template(TemplateBody=JOB_POLLER_TEMPLATE.read_text())
        self.assertEqual([p["ParameterKey"] for p in described["Parameters"]],
                         ["ImageUri", "JobQueueName", "JobDefinitionName", "MaxVcpus"])
        self.assertEqual(described["Capabilities"], ["CAPABILITY_IAM"])
        self.assertEqual(described["CapabilitiesReason"],
                         "The following resource(s) require capabilities: [AWS::IAM::Role]")
        summary = self.cfn.get_template_summary(TemplateBody=JOB_POLLER_TEMPLATE.read_text())
        self.assertIn("AWS::StepFunctions::StateMachine", summary["ResourceTypes"])


if __name__ == "__main__":
    unittest.main()
