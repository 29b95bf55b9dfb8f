// AWS Step Functions versions and aliases through the AWS SDK for JavaScript v3: publishing on
// create and update, PublishStateMachineVersion's idempotence and revision check, listing and
// describing versions, executions started on a version, an alias's lifecycle and validation,
// executions routed 50/50 by an alias, and the rules for deleting versions and aliases.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  ConflictException,
  CreateStateMachineAliasCommand,
  CreateStateMachineCommand,
  DeleteStateMachineAliasCommand,
  DeleteStateMachineVersionCommand,
  DescribeExecutionCommand,
  DescribeStateMachineAliasCommand,
  DescribeStateMachineCommand,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachineAliasesCommand,
  ListStateMachineVersionsCommand,
  PublishStateMachineVersionCommand,
  ResourceNotFound,
  SFNClient,
  StartExecutionCommand,
  UpdateStateMachineAliasCommand,
  UpdateStateMachineCommand,
  ValidationException,
} from "@aws-sdk/client-sfn";
import { serverForFile } from "./server.mjs";

const ROLE = "arn:aws:iam::123456789012:role/sfn";
// Revision n answers {"v": n}, so an execution's output tells which version ran it.
const definitionOf = (n) => JSON.stringify({
  StartAt: "Answer", States: { Answer: { Type: "Pass", Result: { v: n }, End: true } },
});
const shared = serverForFile(["--clock", "manual"], (config) => new SFNClient(config));
let machineArn;
let v1;
let v2;
let v3;
let aliasArn;

const executionArns = async (stateMachineArn) =>
  (await shared.client.send(new ListExecutionsCommand({ stateMachineArn }))).executions
    .map((e) => e.executionArn).sort();

test("create and update publish versions numbered from 1", async () => {
  await assert.rejects(
    shared.client.send(new CreateStateMachineCommand({
      name: "unpublished", definition: definitionOf(1), roleArn: ROLE, versionDescription: "v1",
    })),
    ValidationException,
  );
  const created = await shared.client.send(new CreateStateMachineCommand({
    name: "versioned", definition: definitionOf(1), roleArn: ROLE,
    publish: true, versionDescription: "v1",
  }));
  machineArn = created.stateMachineArn;
  v1 = created.stateMachineVersionArn;
  assert.equal(v1, `${machineArn}:1`);
  const updated = await shared.client.send(new UpdateStateMachineCommand({
    stateMachineArn: machineArn, definition: definitionOf(2), publish: true,
  }));
  v2 = updated.stateMachineVersionArn;
  assert.equal(v2, `${machineArn}:2`);
  assert.equal(typeof updated.revisionId, "string");
  assert.ok(updated.revisionId.length > 0);
});

test("PublishStateMachineVersion is idempotent and checks the revision", async () => {
  const { revisionId } = await shared.client.send(new UpdateStateMachineCommand({
    stateMachineArn: machineArn, definition: definitionOf(3),
  }));
  const published = await shared.client.send(new PublishStateMachineVersionCommand({
    stateMachineArn: machineArn, description: "v3",
  }));
  v3 = published.stateMachineVersionArn;
  assert.equal(v3, `${machineArn}:3`);
  assert.ok(published.creationDate instanceof Date);
  const again = await shared.client.send(new PublishStateMachineVersionCommand({
    stateMachineArn: machineArn, description: "v3", revisionId,
  }));
  assert.equal(again.stateMachineVersionArn, v3);
  await assert.rejects(
    shared.client.send(new PublishStateMachineVersionCommand({
      stateMachineArn: machineArn, revisionId: "not-the-current-revision",
    })),
    ConflictException,
  );
});

test("versions list newest first, page, and describe as their own revision", async () => {
  const { stateMachineVersions } = await shared.client.send(new ListStateMachineVersionsCommand({
    stateMachineArn: machineArn,
  }));
  assert.deepEqual(stateMachineVersions.map((v) => v.stateMachineVersionArn), [v3, v2, v1]);
  assert.ok(stateMachineVersions.every((v) => v.creationDate instanceof Date));
  const first = await shared.client.send(new ListStateMachineVersionsCommand({
    stateMachineArn: machineArn, maxResults: 1,
  }));
  assert.deepEqual(first.stateMachineVersions.map((v) => v.stateMachineVersionArn), [v3]);
  assert.ok(first.nextToken);
  const second = await shared.client.send(new ListStateMachineVersionsCommand({
    stateMachineArn: machineArn, maxResults: 1, nextToken: first.nextToken,
  }));
  assert.deepEqual(second.stateMachineVersions.map((v) => v.stateMachineVersionArn), [v2]);
  await assert.rejects(
    shared.client.send(new ListStateMachineVersionsCommand({ stateMachineArn: machineArn, nextToken: "bogus" })),
    InvalidToken,
  );
  const described = await shared.client.send(new DescribeStateMachineCommand({ stateMachineArn: v1 }));
  assert.equal(described.stateMachineArn, v1);
  assert.equal(described.definition, definitionOf(1));
  assert.equal(described.description, "v1");
});

test("an execution started on a version runs and lists under that version", async () => {
  const { executionArn } = await shared.client.send(new StartExecutionCommand({ stateMachineArn: v1 }));
  await shared.client.send(new StartExecutionCommand({ stateMachineArn: v2 }));
  await shared.client.send(new StartExecutionCommand({ stateMachineArn: machineArn }));
  const described = await shared.client.send(new DescribeExecutionCommand({ executionArn }));
  assert.equal(described.stateMachineVersionArn, v1);
  assert.equal(described.status, "SUCCEEDED");
  assert.deepEqual(JSON.parse(described.output), { v: 1 });
  assert.deepEqual(await executionArns(v1), [executionArn]);
});

test("an alias is created idempotently, validated, described and updated", async () => {
  const create = (input) => shared.client.send(new CreateStateMachineAliasCommand({
    name: "prod", description: "production", routingConfiguration: [{ stateMachineVersionArn: v1, weight: 100 }],
    ...input,
  }));
  await assert.rejects(
    create({ routingConfiguration: [{ stateMachineVersionArn: v1, weight: 60 }] }),
    (error) => error instanceof ValidationException &&
      error.message.startsWith("Sum of routing configuration weights must equal 100"),
  );
  await assert.rejects(
    create({ routingConfiguration: [{ stateMachineVersionArn: machineArn, weight: 100 }] }),
    ValidationException,
  );
  await assert.rejects(create({ name: "123" }), ValidationException);
  ({ stateMachineAliasArn: aliasArn } = await create({}));
  assert.equal(aliasArn, `${machineArn}:prod`);
  assert.equal((await create({})).stateMachineAliasArn, aliasArn);
  await assert.rejects(create({ description: "something else" }), ConflictException);

  let described = await shared.client.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
  assert.equal(described.name, "prod");
  assert.equal(described.description, "production");
  assert.deepEqual(described.routingConfiguration, [{ stateMachineVersionArn: v1, weight: 100 }]);
  assert.ok(described.creationDate instanceof Date);
  assert.ok(described.updateDate instanceof Date);
  const routing = [{ stateMachineVersionArn: v1, weight: 50 }, { stateMachineVersionArn: v2, weight: 50 }];
  const { updateDate } = await shared.client.send(new UpdateStateMachineAliasCommand({
    stateMachineAliasArn: aliasArn, routingConfiguration: routing,
  }));
  assert.ok(updateDate instanceof Date);
  described = await shared.client.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
  assert.deepEqual(described.routingConfiguration, routing);
  await assert.rejects(
    shared.client.send(new UpdateStateMachineAliasCommand({
      stateMachineAliasArn: `${machineArn}:nope`, routingConfiguration: routing,
    })),
    ResourceNotFound,
  );
});

test("executions on an alias are routed between its two versions", async () => {
  const started = [];
  const seen = new Set();
  for (let i = 0; i < 20; i++) {
    const { executionArn } = await shared.client.send(new StartExecutionCommand({ stateMachineArn: aliasArn }));
    started.push(executionArn);
    const described = await shared.client.send(new DescribeExecutionCommand({ executionArn }));
    assert.equal(described.stateMachineAliasArn, aliasArn);
    assert.ok([v1, v2].includes(described.stateMachineVersionArn), described.stateMachineVersionArn);
    assert.deepEqual(JSON.parse(described.output), { v: described.stateMachineVersionArn === v1 ? 1 : 2 });
    seen.add(described.stateMachineVersionArn);
  }
  assert.deepEqual([...seen].sort(), [v1, v2].sort());
  assert.deepEqual(await executionArns(aliasArn), started.sort());
});

test("aliases list per machine and per version they route to", async () => {
  const aliasesOf = async (stateMachineArn) =>
    (await shared.client.send(new ListStateMachineAliasesCommand({ stateMachineArn }))).stateMachineAliases
      .map((a) => a.stateMachineAliasArn);
  assert.deepEqual(await aliasesOf(machineArn), [aliasArn]);
  assert.deepEqual(await aliasesOf(v1), [aliasArn]);
  assert.deepEqual(await aliasesOf(v3), []);
});

test("a version an alias routes to is deleted only after the alias", async () => {
  await assert.rejects(
    shared.client.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v1 })),
    (error) => error instanceof ConflictException && error.message.includes("referenced by an alias"),
  );
  await shared.client.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
  await shared.client.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v1 }));
  await shared.client.send(new DeleteStateMachineVersionCommand({ stateMachineVersionArn: v1 }));
  await shared.client.send(new DeleteStateMachineAliasCommand({ stateMachineAliasArn: aliasArn }));
  const { stateMachineVersions } = await shared.client.send(new ListStateMachineVersionsCommand({
    stateMachineArn: machineArn,
  }));
  assert.deepEqual(stateMachineVersions.map((v) => v.stateMachineVersionArn), [v3, v2]);
  await assert.rejects(
    shared.client.send(new DescribeStateMachineAliasCommand({ stateMachineAliasArn: aliasArn })),
    ResourceNotFound,
  );
});
