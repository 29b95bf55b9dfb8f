"""Step Functions versions and aliases through boto3 and the AWS CLI: publishing (on create, on
update, explicitly, idempotently), versions keeping their revision while the machine changes,
executions started on a version or an alias recording both, weighted routing from the seeded
stream, and the conflicts and validation errors AWS gives."""
import json
import unittest

from stepsim_server import StepFunctionsTestCase, StepsimServer
from test_cli import aws

ROLE = "arn:aws:iam::123456789012:role/sfn"


def pass_definition(result):
    return json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": result, "End": True}}})


class Versions(StepFunctionsTestCase):
    def create(self, **extra):
        return self.sfn.create_state_machine(name="orders", definition=pass_definition("v1"),
                                             roleArn=ROLE, **extra)

    def output_of(self, arn):
        execution = self.sfn.start_execution(stateMachineArn=arn)["executionArn"]
        described = self.sfn.describe_execution(executionArn=execution)
        return json.loads(described["output"]), described

    def test_publish_on_create_and_update_numbers_versions_that_keep_their_definition(self):
        created = self.create(publish=True, versionDescription="first")
        machine = created["stateMachineArn"]
        self.assertEqual(created["stateMachineVersionArn"], machine + ":1")

        updated = self.sfn.update_state_machine(stateMachineArn=machine,
                                                definition=pass_definition("v2"), publish=True)
        self.assertEqual(updated["stateMachineVersionArn"], machine + ":2")
        self.assertIn("revisionId", updated)

        first = self.sfn.describe_state_machine(stateMachineArn=machine + ":1")
        self.assertEqual(first["stateMachineArn"], machine + ":1")
        self.assertEqual(first["description"], "first")
        self.assertEqual(json.loads(first["definition"])["States"]["P"]["Result"], "v1")

        output, described = self.output_of(machine + ":1")
        self.assertEqual(output, "v1")
        self.assertEqual(described["stateMachineVersionArn"], machine + ":1")
        self.assertEqual(self.output_of(machine)[0], "v2")

        on_version = self.sfn.list_executions(stateMachineArn=machine + ":1")["executions"]
        self.assertEqual([e["stateMachineVersionArn"] for e in on_version], [machine + ":1"])
        self.assertEqual(len(self.sfn.list_executions(stateMachineArn=machine)["executions"]), 2)

    def test_publishing_unchanged_revision_is_idempotent_and_revision_ids_guard_it(self):
        machine = self.create()["stateMachineArn"]
        first = self.sfn.publish_state_machine_version(stateMachineArn=machine, revisionId="INITIAL")
        again = self.sfn.publish_state_machine_version(stateMachineArn=machine)
        self.assertEqual(first["stateMachineVersionArn"], machine + ":1")
        self.assertEqual(again["stateMachineVersionArn"], machine + ":1")
        # A new description is a new version of the same revision.
        described = self.sfn.publish_state_machine_version(stateMachineArn=machine, description="d")
        self.assertEqual(described["stateMachineVersionArn"], machine + ":2")

        revision = self.sfn.update_state_machine(stateMachineArn=machine,
                                                 definition=pass_definition("v2"))["revisionId"]
        code, message = self.error(self.sfn.publish_state_machine_version, stateMachineArn=machine,
                                   revisionId="INITIAL")
        self.assertEqual(code, "ConflictException")
        self.assertIn(revision, message)
        published = self.sfn.publish_state_machine_version(stateMachineArn=machine, revisionId=revision)
        self.assertEqual(published["stateMachineVersionArn"], machine + ":3")

    def test_list_pages_newest_first_and_deleted_numbers_are_not_reused(self):
        machine = self.create()["stateMachineArn"]
        for result in ("a", "b", "c"):
            self.sfn.update_state_machine(stateMachineArn=machine, definition=pass_definition(result),
                                          publish=True)
        page = self.sfn.list_state_machine_versions(stateMachineArn=machine, maxResults=2)
        self.assertEqual([v["stateMachineVersionArn"] for v in page["stateMachineVersions"]],
                         [machine + ":3", machine + ":2"])
        rest = self.sfn.list_state_machine_versions(stateMachineArn=machine, nextToken=page["nextToken"])
        self.assertEqual([v["stateMachineVersionArn"] for v in rest["stateMachineVersions"]],
                         [machine + ":1"])
        self.assertNotIn("nextToken", rest)
        self.assertEqual(self.error(self.sfn.list_state_machine_versions, stateMachineArn=machine,
                                    nextToken="not-a-token"),
                         ("InvalidToken", "Invalid Token: 'Invalid token'"))

        self.sfn.delete_state_machine_version(stateMachineVersionArn=machine + ":3")
        self.sfn.delete_state_machine_version(stateMachineVersionArn=machine + ":3")  # idempotent
        self.sfn.update_state_machine(stateMachineArn=machine, definition=pass_definition("d"),
                                      publish=True)
        versions = self.sfn.list_state_machine_versions(stateMachineArn=machine)["stateMachineVersions"]
        self.assertEqual([v["stateMachineVersionArn"][len(machine) + 1:] for v in versions],
                         ["4", "2", "1"])
        self.assertEqual(self.error(self.sfn.describe_state_machine, stateMachineArn=machine + ":3")[0],
                         "StateMachineDoesNotExist")

    def test_errors(self):
        code, message = self.error(self.sfn.create_state_machine, name="x",
                                   definition=pass_definition(1), roleArn=ROLE, versionDescription="d")
        self.assertEqual((code, message),
                         ("ValidationException", "Version description can only be set when publish is true"))
        machine = self.create()["stateMachineArn"]
        self.assertEqual(self.error(self.sfn.delete_state_machine_version,
                                    stateMachineVersionArn=machine)[0], "InvalidArn")
        self.assertEqual(self.error(self.sfn.publish_state_machine_version,
                                    stateMachineArn=machine + "-missing")[0], "StateMachineDoesNotExist")
        self.assertEqual(self.error(self.sfn.start_execution, stateMachineArn=machine + ":7")[0],
                         "StateMachineDoesNotExist")
        # The model gives ListStateMachineVersions no not-found error: an unknown machine has none.
        self.assertEqual(self.sfn.list_state_machine_versions(
            stateMachineArn=machine + "-missing")["stateMachineVersions"], [])
        self.assertEqual(self.error(self.sfn.list_state_machine_versions,
                                    stateMachineArn=machine + ":1")[0], "InvalidArn")


class Aliases(StepFunctionsTestCase):
    def setUp(self):
        super().setUp()
        created = self.sfn.create_state_machine(name="orders", definition=pass_definition("v1"),
                                                roleArn=ROLE, publish=True)
        self.machine = created["stateMachineArn"]
        self.v1 = created["stateMachineVersionArn"]
        self.v2 = self.sfn.update_state_machine(stateMachineArn=self.machine,
                                                definition=pass_definition("v2"),
                                                publish=True)["stateMachineVersionArn"]

    def alias(self, name="prod", routing=None, **extra):
        routing = routing or [{"stateMachineVersionArn": self.v1, "weight": 100}]
        return self.sfn.create_state_machine_alias(name=name, routingConfiguration=routing, **extra)

    def test_create_is_idempotent_and_a_different_alias_of_the_same_name_conflicts(self):
        created = self.alias(description="live")
        self.assertEqual(created["stateMachineAliasArn"], self.machine + ":prod")
        again = self.alias(description="live")
        self.assertEqual((again["stateMachineAliasArn"], again["creationDate"]),
                         (created["stateMachineAliasArn"], created["creationDate"]))
        code, message = self.error(self.alias, description="other")
        self.assertEqual(code, "ConflictException")
        self.assertIn("different routing configuration", message)

        described = self.sfn.describe_state_machine_alias(stateMachineAliasArn=self.machine + ":prod")
        self.assertEqual(described["name"], "prod")
        self.assertEqual(described["description"], "live")
        self.assertEqual(described["routingConfiguration"],
                         [{"stateMachineVersionArn": self.v1, "weight": 100}])

    def test_weighted_routing_is_deterministic_and_recorded_on_each_execution(self):
        arn = self.alias(routing=[{"stateMachineVersionArn": self.v1, "weight": 80},
                                  {"stateMachineVersionArn": self.v2, "weight": 20}])["stateMachineAliasArn"]
        executions = [self.sfn.start_execution(stateMachineArn=arn)["executionArn"] for _ in range(50)]
        described = [self.sfn.describe_execution(executionArn=e) for e in executions]
        self.assertTrue(all(d["stateMachineAliasArn"] == arn for d in described))
        versions = [d["stateMachineVersionArn"] for d in described]
        self.assertEqual(set(versions), {self.v1, self.v2})
        self.assertGreater(versions.count(self.v1), versions.count(self.v2))
        # Each execution ran the version it records.
        for d in described:
            self.assertEqual(json.loads(d["output"]), "v1" if d["stateMachineVersionArn"] == self.v1 else "v2")
        listed = self.sfn.list_executions(stateMachineArn=arn, maxResults=1000)["executions"]
        self.assertEqual(len(listed), 50)
        self.assertTrue(all(e["stateMachineAliasArn"] == arn for e in listed))

        # The same seed routes the same way on another server.
        with StepsimServer("--clock", "manual") as other:
            sfn = other.client("stepfunctions")
            machine = sfn.create_state_machine(name="orders", definition=pass_definition("v1"),
                                               roleArn=ROLE, publish=True)["stateMachineArn"]
            sfn.update_state_machine(stateMachineArn=machine, definition=pass_definition("v2"),
                                     publish=True)
            sfn.create_state_machine_alias(name="prod", routingConfiguration=[
                {"stateMachineVersionArn": self.v1, "weight": 80},
                {"stateMachineVersionArn": self.v2, "weight": 20}])
            again = [sfn.describe_execution(executionArn=sfn.start_execution(
                stateMachineArn=arn)["executionArn"])["stateMachineVersionArn"] for _ in range(50)]
        self.assertEqual(again, versions)

    def test_update_moves_traffic_and_versions_in_use_cannot_be_deleted(self):
        arn = self.alias()["stateMachineAliasArn"]
        code, message = self.error(self.sfn.delete_state_machine_version, stateMachineVersionArn=self.v1)
        self.assertEqual(code, "ConflictException")
        self.assertIn("[prod]", message)

        self.sfn.update_state_machine_alias(stateMachineAliasArn=arn, routingConfiguration=[
            {"stateMachineVersionArn": self.v2, "weight": 100}])
        described = self.sfn.describe_state_machine_alias(stateMachineAliasArn=arn)
        self.assertEqual(described["routingConfiguration"],
                         [{"stateMachineVersionArn": self.v2, "weight": 100}])
        self.assertGreaterEqual(described["updateDate"], described["creationDate"])
        self.assertEqual(self.sfn.list_state_machine_aliases(stateMachineArn=self.v1)["stateMachineAliases"], [])
        self.assertEqual(
            [a["stateMachineAliasArn"] for a in
             self.sfn.list_state_machine_aliases(stateMachineArn=self.v2)["stateMachineAliases"]], [arn])
        self.sfn.delete_state_machine_version(stateMachineVersionArn=self.v1)

        self.sfn.delete_state_machine_alias(stateMachineAliasArn=arn)
        self.sfn.delete_state_machine_alias(stateMachineAliasArn=arn)  # idempotent
        self.assertEqual(self.error(self.sfn.update_state_machine_alias, stateMachineAliasArn=arn,
                                    description="x"),
                         ("ResourceNotFound", "Request references a resource that does not exist."))
        self.assertEqual(self.error(self.sfn.start_execution, stateMachineArn=arn)[0],
                         "StateMachineDoesNotExist")

    def test_routing_and_name_validation(self):
        def routing_error(*routes):
            return self.error(self.alias, routing=[{"stateMachineVersionArn": a, "weight": w}
                                                   for a, w in routes])

        self.assertEqual(routing_error((self.v1, 70), (self.v2, 29)),
                         ("ValidationException",
                          "Sum of routing configuration weights must equal 100. Received: [70, 29]"))
        self.assertEqual(routing_error((self.v1, 50), (self.v1, 50))[1],
                         "Routing configuration must contain distinct state machine version ARNs. "
                         f"Received: [{self.v1}, {self.v1}]")
        self.assertEqual(routing_error((self.machine, 100))[1],
                         f"Routing configuration must contain state machine version ARNs. Received: [{self.machine}]")
        self.assertEqual(routing_error((self.machine + ":9", 100))[0], "ResourceNotFound")
        code, message = routing_error((self.v1, 40), (self.v2, 40), (self.v1, 20))
        self.assertEqual(code, "ValidationException")
        self.assertIn("Member must have length less than or equal to 2", message)
        code, message = self.error(self.alias, name="123")
        self.assertEqual(code, "ValidationException")
        self.assertIn("regular expression pattern", message)
        self.assertEqual(self.error(self.sfn.update_state_machine_alias,
                                    stateMachineAliasArn=self.alias()["stateMachineAliasArn"])[0],
                         "ValidationException")
        self.assertEqual(self.error(self.sfn.describe_state_machine_alias,
                                    stateMachineAliasArn=self.v1)[0], "InvalidArn")


class AwsCliVersionsAndAliases(unittest.TestCase):
    def test_publish_alias_and_start_through_the_cli(self):
        with StepsimServer("--clock", "manual") as server:
            def cli(*args):
                result = aws(server, "stepfunctions", *args)
                self.assertEqual(result.returncode, 0, result.stderr)
                return json.loads(result.stdout) if result.stdout.strip() else None

            machine = cli("create-state-machine", "--name", "cli", "--definition", pass_definition("v1"),
                          "--role-arn", ROLE, "--publish", "--version-description", "one")
            version = machine["stateMachineVersionArn"]
            listed = cli("list-state-machine-versions", "--state-machine-arn", machine["stateMachineArn"])
            self.assertEqual([v["stateMachineVersionArn"] for v in listed["stateMachineVersions"]], [version])
            alias = cli("create-state-machine-alias", "--name", "live", "--routing-configuration",
                        f"stateMachineVersionArn={version},weight=100")["stateMachineAliasArn"]
            execution = cli("start-execution", "--state-machine-arn", alias)["executionArn"]
            described = cli("describe-execution", "--execution-arn", execution)
            self.assertEqual((described["stateMachineAliasArn"], described["stateMachineVersionArn"]),
                             (alias, version))
            aliases = cli("list-state-machine-aliases", "--state-machine-arn", machine["stateMachineArn"])
            self.assertEqual([a["stateMachineAliasArn"] for a in aliases["stateMachineAliases"]], [alias])

            refused = aws(server, "stepfunctions", "delete-state-machine-version",
                          "--state-machine-version-arn", version)
            self.assertNotEqual(refused.returncode, 0)
            self.assertIn("ConflictException", refused.stderr)
            cli("delete-state-machine-alias", "--state-machine-alias-arn", alias)
            cli("delete-state-machine-version", "--state-machine-version-arn", version)
            self.assertEqual(cli("list-state-machine-versions", "--state-machine-arn",
                                 machine["stateMachineArn"])["stateMachineVersions"], [])


if __name__ == "__main__":
    unittest.main()
