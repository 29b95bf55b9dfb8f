// CloudFormation through the AWS SDK for JavaScript v3: a YAML stack with a state machine made,
// waited on with the SDK's waiters, its outputs used to run the workflow, updated through a change
// set, and deleted; and CloudFormation's errors as the SDK raises them.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  AlreadyExistsException,
  CloudFormationClient,
  CreateChangeSetCommand,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeChangeSetCommand,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  InsufficientCapabilitiesException,
  ValidateTemplateCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackCreateComplete,
  waitUntilStackDeleteComplete,
  waitUntilStackUpdateComplete,
} from "@aws-sdk/client-cloudformation";
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { serverForFile } from "./server.mjs";

const TEMPLATE = `
Parameters:
  Greeting:
    Type: String
    Default: hello
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {Service: states.amazonaws.com}
            Action: sts:AssumeRole
  Flow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: !GetAtt Role.Arn
      Definition:
        StartAt: Greet
        States:
          Greet:
            Type: Pass
            Result: !Sub "\${Greeting} from \${AWS::StackName}"
            End: true
Outputs:
  FlowArn:
    Value: !Ref Flow
`;
const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 1 };

const shared = serverForFile([], (config) => new CloudFormationClient(config));

async function stack(name) {
  return (await shared.client.send(new DescribeStacksCommand({ StackName: name }))).Stacks[0];
}

async function runFlow(flowArn) {
  const sfn = new SFNClient(shared.server.clientConfig);
  const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn: flowArn }));
  for (let i = 0; i < 200; i++) {
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    if (described.status !== "RUNNING") {
      sfn.destroy();
      return described;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`${executionArn} still running`);
}

test("a stack is made, waited on, run by its output, changed by a change set and deleted", async () => {
  const { StackId } = await shared.client.send(new CreateStackCommand({
    StackName: "greeter", TemplateBody: TEMPLATE, Capabilities: ["CAPABILITY_IAM"],
  }));
  await waitUntilStackCreateComplete({ client: shared.client, ...WAIT }, { StackName: "greeter" });
  const flowArn = (await stack("greeter")).Outputs[0].OutputValue;
  assert.match(flowArn, /^arn:aws:states:us-east-1:123456789012:stateMachine:Flow-[A-Z0-9]{12}$/);
  assert.equal(JSON.parse((await runFlow(flowArn)).output), "hello from greeter");

  const { Id } = await shared.client.send(new CreateChangeSetCommand({
    StackName: "greeter", ChangeSetName: "louder", UsePreviousTemplate: true,
    Parameters: [{ ParameterKey: "Greeting", ParameterValue: "HELLO" }],
    Capabilities: ["CAPABILITY_IAM"],
  }));
  await waitUntilChangeSetCreateComplete({ client: shared.client, ...WAIT }, { ChangeSetName: Id });
  const changeSet = await shared.client.send(new DescribeChangeSetCommand({ ChangeSetName: Id }));
  assert.deepEqual(changeSet.Changes.map((c) => [c.ResourceChange.Action,
    c.ResourceChange.LogicalResourceId, c.ResourceChange.Details[0].ChangeSource]),
  [["Modify", "Flow", "ParameterReference"]]);
  await shared.client.send(new ExecuteChangeSetCommand({ ChangeSetName: Id }));
  await waitUntilStackUpdateComplete({ client: shared.client, ...WAIT }, { StackName: "greeter" });
  assert.equal((await stack("greeter")).StackStatus, "UPDATE_COMPLETE");
  assert.equal(JSON.parse((await runFlow(flowArn)).output), "HELLO from greeter");

  await shared.client.send(new DeleteStackCommand({ StackName: "greeter" }));
  await waitUntilStackDeleteComplete({ client: shared.client, ...WAIT }, { StackName: StackId });
  const events = await shared.client.send(new DescribeStackEventsCommand({ StackName: StackId }));
  assert.equal(events.StackEvents[0].ResourceStatus, "DELETE_COMPLETE");
});

test("CloudFormation's errors arrive as the SDK's exceptions", async () => {
  await assert.rejects(
    shared.client.send(new CreateStackCommand({ StackName: "needs-iam", TemplateBody: TEMPLATE })),
    (error) => error instanceof InsufficientCapabilitiesException &&
      error.message === "Requires capabilities : [CAPABILITY_IAM]");
  await shared.client.send(new CreateStackCommand({
    StackName: "twice", TemplateBody: TEMPLATE, Capabilities: ["CAPABILITY_IAM"],
  }));
  await assert.rejects(
    shared.client.send(new CreateStackCommand({
      StackName: "twice", TemplateBody: TEMPLATE, Capabilities: ["CAPABILITY_IAM"],
    })),
    (error) => error instanceof AlreadyExistsException);
  await assert.rejects(
    shared.client.send(new DescribeStacksCommand({ StackName: "nowhere" })),
    (error) => error.name === "ValidationError" &&
      error.message === "Stack with id nowhere does not exist");
  await assert.rejects(
    shared.client.send(new ValidateTemplateCommand({ TemplateBody: "Resources:\n  A: {Type: X, DependsOn: B}" })),
    (error) => error.name === "ValidationError" && /Unresolved resource dependencies \[B\]/.test(error.message));
  const validated = await shared.client.send(new ValidateTemplateCommand({ TemplateBody: TEMPLATE }));
  assert.deepEqual(validated.Parameters.map((p) => [p.ParameterKey, p.DefaultValue]), [["Greeting", "hello"]]);
  assert.deepEqual(validated.Capabilities, ["CAPABILITY_IAM"]);
});
