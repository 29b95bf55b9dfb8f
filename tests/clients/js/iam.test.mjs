// IAM and STS through the AWS SDK for JavaScript v3: the Query protocol's XML answers and errors
// as the JS SDK parses them (it leaves IAM's policy documents URL-encoded, as AWS sends them).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  AttachRolePolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  EntityAlreadyExistsException,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  ListAttachedRolePoliciesCommand,
  ListRolesCommand,
  MalformedPolicyDocumentException,
  NoSuchEntityException,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { startServer } from "./server.mjs";

const TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" },
                Action: "sts:AssumeRole" }],
});
const INVOKE = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "lambda:InvokeFunction", Resource: "*" }],
});

let server;
let iam;
let sts;

before(async () => {
  server = await startServer("--clock", "manual");
  iam = new IAMClient(server.clientConfig);
  sts = new STSClient(server.clientConfig);
});

after(async () => {
  iam?.destroy();
  sts?.destroy();
  assert.equal(await server.stop(), 0);
});

test("GetCallerIdentity names the account", async () => {
  const identity = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Account, "123456789012");
  assert.equal(identity.Arn, "arn:aws:iam::123456789012:root");
});

test("a role with inline and managed policies, read back", async () => {
  const { Role } = await iam.send(new CreateRoleCommand({
    RoleName: "JsRole", AssumeRolePolicyDocument: TRUST, Tags: [{ Key: "k", Value: "v" }],
  }));
  assert.equal(Role.Arn, "arn:aws:iam::123456789012:role/JsRole");
  assert.ok(Role.CreateDate instanceof Date);
  assert.equal(Role.CreateDate.toISOString(), "2026-01-01T00:00:00.000Z");
  const got = await iam.send(new GetRoleCommand({ RoleName: "JsRole" }));
  assert.equal(decodeURIComponent(got.Role.AssumeRolePolicyDocument), TRUST);
  assert.deepEqual(got.Role.Tags, [{ Key: "k", Value: "v" }]);

  await iam.send(new PutRolePolicyCommand({ RoleName: "JsRole", PolicyName: "invoke",
                                            PolicyDocument: INVOKE }));
  const inline = await iam.send(new GetRolePolicyCommand({ RoleName: "JsRole",
                                                           PolicyName: "invoke" }));
  assert.equal(decodeURIComponent(inline.PolicyDocument), INVOKE);

  const { Policy } = await iam.send(new CreatePolicyCommand({ PolicyName: "js-policy",
                                                              PolicyDocument: INVOKE }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: "JsRole", PolicyArn: Policy.Arn }));
  await iam.send(new AttachRolePolicyCommand({
    RoleName: "JsRole", PolicyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaRole" }));
  const attached = await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: "JsRole" }));
  assert.deepEqual(attached.AttachedPolicies.map((p) => p.PolicyName),
                   ["js-policy", "AWSLambdaRole"]);
  const roles = await iam.send(new ListRolesCommand({}));
  assert.equal(roles.IsTruncated, false);
  assert.deepEqual(roles.Roles.map((r) => r.RoleName), ["JsRole"]);
});

test("IAM's errors are the SDK's modeled exceptions", async () => {
  await assert.rejects(iam.send(new GetRoleCommand({ RoleName: "missing" })), (error) => {
    assert.ok(error instanceof NoSuchEntityException);
    assert.equal(error.$metadata.httpStatusCode, 404);
    assert.equal(error.message, "The role with name missing cannot be found.");
    return true;
  });
  await iam.send(new CreateRoleCommand({ RoleName: "Twice", AssumeRolePolicyDocument: TRUST }));
  await assert.rejects(
    iam.send(new CreateRoleCommand({ RoleName: "twice", AssumeRolePolicyDocument: TRUST })),
    EntityAlreadyExistsException);
  await assert.rejects(
    iam.send(new CreateRoleCommand({ RoleName: "Bad", AssumeRolePolicyDocument: "{" })),
    MalformedPolicyDocumentException);
});

test("AssumeRole gives credentials that sign as the role's session", async () => {
  await iam.send(new CreateRoleCommand({ RoleName: "Assumable", AssumeRolePolicyDocument: TRUST }));
  const assumed = await sts.send(new AssumeRoleCommand({
    RoleArn: "arn:aws:iam::123456789012:role/Assumable", RoleSessionName: "js",
  }));
  assert.equal(assumed.Credentials.Expiration.toISOString(), "2026-01-01T01:00:00.000Z");
  const asRole = new STSClient({
    ...server.clientConfig,
    credentials: {
      accessKeyId: assumed.Credentials.AccessKeyId,
      secretAccessKey: assumed.Credentials.SecretAccessKey,
      sessionToken: assumed.Credentials.SessionToken,
    },
  });
  const identity = await asRole.send(new GetCallerIdentityCommand({}));
  assert.equal(identity.Arn, "arn:aws:sts::123456789012:assumed-role/Assumable/js");
  asRole.destroy();
});
