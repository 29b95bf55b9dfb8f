"""Bad input to the CloudFormation API gets a clear, modeled error, and the server stays up.

Raw awsQuery requests (so that bytes boto3 would never send, such as invalid UTF-8 or a member list
without its keys, can be sent) to every template-reading operation stepsim implements: template
bodies that are invalid UTF-8, 1 MiB + 1 bytes, JSON and YAML nested 10,000 deep, a YAML alias
bomb, a number past a double's range, 501 resources; Parameters of the wrong shape; stack names and
ARNs that name nothing, and change set ARNs of another stack. Every answer must be a 4xx whose
<Code> is ValidationError (or the operation's modeled not-found error); a 5xx, a dropped connection
or a hang (socket timeout) fails. Templates whose functions would make a gigantic value (Fn::Join
and Fn::Sub copying a 4 KiB parameter tens of thousands of times through YAML aliases) are
refused where CloudFormation refuses them: the stack fails, naming the size bound, rather than the
server's memory. Afterwards a normal CreateStack on the same server still works."""
import http.client
import socket
import sys
import unittest
import urllib.parse
import xml.etree.ElementTree as ElementTree

import botocore.exceptions

from bad_input import SOCKET_TIMEOUT, VERBOSE, signed
from stepsim_server import StepsimServer

VERSION = "2010-05-15"
ACCOUNT_PREFIX = "arn:aws:cloudformation:us-east-1:123456789012"
FAST = {"Delay": 0.05, "MaxAttempts": 400}
# A template error is a ValidationError; naming nothing may also be the modeled not-found errors.
CODES = {"ValidationError", "ChangeSetNotFound", "StackNotFoundException"}

GOOD_TEMPLATE = """
Parameters:
  Name: {Type: String, Default: kept}
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /stepsim/${Name}
Outputs:
  Group: {Value: !Ref Logs}
"""

# A parameter of CloudFormation's largest value (4096 bytes), for the functions to copy.
BIG_PARAMETER = "Parameters:\n  Big: {Type: String}\n"
BIG_VALUE = "x" * 4096


def alias_bomb():
    """The "billion laughs": ten levels of ten aliases of the level below."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 10)
        lines.append(f"a{level}: &a{level} [{aliases}]")
    return ("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Metadata:\n"
            + "".join(f"      {line}\n" for line in lines)).encode()


def nested_joins(depth):
    """Fn::Join nested `depth` deep, each of two aliases of the level below: 2**depth copies of
    the parameter Big, in a few hundred bytes of YAML."""
    node = "&j0 !Ref Big"
    for level in range(1, depth):
        node = f"&j{level} !Join ['', [{node}, *j{level - 1}]]"
    return f"!Join ['', [{node}, *j{depth - 1}]]"


def many_resources(count):
    return ("Resources:\n" + "".join(f"  Q{i}: {{Type: AWS::SQS::Queue}}\n" for i in range(count))
            ).encode()


# (label, template body bytes, what the message must mention)
BAD_BODIES = [
    ("invalid UTF-8", b"Resources:\n  Q:\n    Type: AWS::SQS::\xff\xfe\n", None),
    ("invalid UTF-8 in JSON", b'{"Resources": {"Q": {"Type": "\xc3\x28"}}}', None),
    ("1 MiB + 1 bytes", b"#" * (1024 * 1024) + b"\n", None),
    ("10,000-deep JSON", b'{"Resources": ' + b'{"a": ' * 10000 + b"1" + b"}" * 10001, None),
    ("10,000-deep JSON arrays", b'{"Resources": ' + b"[" * 10000 + b"]" * 10000 + b"}", None),
    ("10,000-deep YAML flow", b"Resources: " + b"[" * 10000 + b"]" * 10000, None),
    ("10,000-deep YAML mappings", b"Resources: " + b"{a: " * 10000 + b"1" + b"}" * 10000, None),
    ("YAML alias bomb", alias_bomb(), "YAML aliases"),
    ("JSON number past a double", b'{"Resources": {"Q": {"Type": "T", "Properties": {"N": 1e400}}}}',
     None),
    ("501 resources", many_resources(501), "greater than maximum allowed, 500"),
    ("not a mapping", b"- just\n- a list\n", None),
    ("empty flow", b"{}", "At least one Resources member"),
    ("NUL bytes", b"\x00" * 64, None),
]


def form(action, params):
    """The form of one awsQuery call; values may be bytes (sent as they are, percent-encoded)."""
    return urllib.parse.urlencode({"Action": action, "Version": VERSION, **params}).encode()


class Answer:
    def __init__(self, status, body):
        self.status, self.body = status, body
        try:
            root = ElementTree.fromstring(body)
        except ElementTree.ParseError:
            root = None
        self.code = root.findtext(".//{*}Code") if root is not None else None
        self.message = (root.findtext(".//{*}Message") or "") if root is not None else ""


class CloudFormationBadInput(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer().__enter__()
        cls.cfn = cls.server.client("cloudformation")
        address = urllib.parse.urlparse(cls.server.url)
        cls.address = (address.hostname, address.port)
        cls.cfn.create_stack(StackName="existing", TemplateBody=GOOD_TEMPLATE)
        cls.cfn.get_waiter("stack_create_complete").wait(StackName="existing", WaiterConfig=FAST)
        cls.existing_id = cls.cfn.describe_stacks(StackName="existing")["Stacks"][0]["StackId"]

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def post(self, action, **params):
        """One raw call on its own connection: a drop, a hang or a dead server fails at once."""
        shown = f"{action} {str(params)[:120]}"
        conn = http.client.HTTPConnection(*self.address, timeout=SOCKET_TIMEOUT)
        try:
            conn.request("POST", "/", body=form(action, params), headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Authorization": signed("cloudformation")})
            response = conn.getresponse()
            answer = Answer(response.status, response.read())
        except (socket.timeout, TimeoutError) as error:
            self.fail(f"{shown}: no answer within {SOCKET_TIMEOUT}s ({error})")
        except (ConnectionError, http.client.HTTPException) as error:
            self.fail(f"{shown}: connection dropped ({error!r})")
        finally:
            conn.close()
        self.assertIsNone(self.server.process.poll(), f"{shown}: the server died")
        if VERBOSE:
            print(f"  {answer.status} {answer.code} {shown}: {answer.message[:120]}",
                  file=sys.stderr)
        return answer

    def assert_refused(self, answer, shown, codes=CODES, mentions=None):
        self.assertTrue(400 <= answer.status < 500, f"{shown}: {answer.status} {answer.body[:300]!r}")
        self.assertIn(answer.code, codes, f"{shown}: {answer.body[:300]!r}")
        self.assertTrue(answer.message, f"{shown}: no message in {answer.body[:300]!r}")
        if mentions:
            self.assertIn(mentions, answer.message, shown)

    def template_calls(self, body):
        """Every operation that reads a template body, with `body` as it."""
        return [
            ("ValidateTemplate", {"TemplateBody": body}),
            ("GetTemplateSummary", {"TemplateBody": body}),
            ("CreateStack", {"StackName": "bad", "TemplateBody": body}),
            ("UpdateStack", {"StackName": "existing", "TemplateBody": body}),
            ("CreateChangeSet", {"StackName": "existing", "ChangeSetName": "bad",
                                 "TemplateBody": body}),
            ("CreateChangeSet", {"StackName": "fresh", "ChangeSetName": "bad",
                                 "ChangeSetType": "CREATE", "TemplateBody": body}),
        ]

    def assert_still_serving(self):
        stack = self.cfn.describe_stacks(StackName="existing")["Stacks"][0]
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")

    def test_malformed_and_hostile_template_bodies_are_validation_errors(self):
        for label, body, mentions in BAD_BODIES:
            for action, params in self.template_calls(body):
                with self.subTest(body=label, action=action):
                    answer = self.post(action, **params)
                    self.assert_refused(answer, f"{action} with {label}", {"ValidationError"},
                                        mentions)
        self.assert_still_serving()
        self.assertNotIn("bad", [s["StackName"] for s in self.cfn.list_stacks()["StackSummaries"]])

    def test_parameters_of_the_wrong_shape_are_validation_errors(self):
        refused = [
            ("a member without its key", {"Parameters.member.1.ParameterValue": "x"}),
            ("UsePreviousValue not a boolean", {"Parameters.member.1.ParameterKey": "Name",
                                                "Parameters.member.1.UsePreviousValue": "maybe"}),
            ("a parameter the template lacks", {"Parameters.member.1.ParameterKey": "Nope",
                                                "Parameters.member.1.ParameterValue": "x"}),
            ("a key that is invalid UTF-8", {"Parameters.member.1.ParameterKey": b"\xff",
                                             "Parameters.member.1.ParameterValue": "x"}),
            ("a value that is invalid UTF-8", {"Parameters.member.1.ParameterKey": "Name",
                                               "Parameters.member.1.ParameterValue": b"\xc3("}),
            ("a 1 MB value", {"Parameters.member.1.ParameterKey": "Name",
                              "Parameters.member.1.ParameterValue": "v" * (1024 * 1024)}),
        ]
        # Keys the awsQuery decoder does not read as a member are ignored, as AWS ignores unknown
        # query parameters: a clean success or a ValidationError, nothing else.
        ignored_or_refused = [
            ("a member that is a scalar", {"Parameters.member.1": "x"}),
            ("an index that is not a number", {"Parameters.member.x.ParameterKey": "Name"}),
            ("index zero", {"Parameters.member.0.ParameterKey": "Name"}),
            ("a huge index", {"Parameters.member.99999999999999999999.ParameterKey": "Name"}),
            ("a list that is a scalar", {"Parameters": "Name=x"}),
        ]
        calls = [("CreateStack", lambda n: {"StackName": f"params-{n}"}),
                 ("CreateChangeSet", lambda n: {"StackName": "existing",
                                                "ChangeSetName": f"params-{n}"})]
        for number, (label, params) in enumerate(refused + ignored_or_refused):
            for action, names in calls:
                with self.subTest(parameters=label, action=action):
                    answer = self.post(action, TemplateBody=GOOD_TEMPLATE, **names(number),
                                       **params)
                    if (label, params) in ignored_or_refused and answer.status == 200:
                        continue
                    self.assert_refused(answer, f"{action} with {label}", {"ValidationError"})
        with self.subTest("UsePreviousValue on a new stack"):
            answer = self.post("CreateStack", StackName="params-new", TemplateBody=GOOD_TEMPLATE,
                               **{"Parameters.member.1.ParameterKey": "Name",
                                  "Parameters.member.1.UsePreviousValue": "true"})
            self.assert_refused(answer, "UsePreviousValue on a new stack", {"ValidationError"},
                                "usePreviousValue")
        self.assert_still_serving()

    def test_unknown_stacks_and_change_sets_are_refused(self):
        unknown_stack = f"{ACCOUNT_PREFIX}:stack/nope/x"
        unknown_change_set = f"{ACCOUNT_PREFIX}:changeSet/nope/x"
        by_stack = ["DescribeStacks", "DescribeStackEvents", "DescribeStackResources",
                    "ListStackResources", "GetTemplate", "DeleteStack", "ListChangeSets"]
        for name in ("nope", unknown_stack, "arn:aws:cloudformation:us-east-1:123456789012:stack/",
                     "existing-but-not" * 20):
            for action in by_stack:
                with self.subTest(stack=name, action=action):
                    answer = self.post(action, StackName=name)
                    if action == "DeleteStack" and answer.status == 200:
                        continue  # CloudFormation deletes a stack that is not there quietly
                    self.assert_refused(answer, f"{action} {name}")
            with self.subTest(stack=name, action="DescribeStackResource"):
                self.assert_refused(self.post("DescribeStackResource", StackName=name,
                                              LogicalResourceId="Logs"), name)
            with self.subTest(stack=name, action="UpdateStack"):
                self.assert_refused(self.post("UpdateStack", StackName=name,
                                              TemplateBody=GOOD_TEMPLATE), name)
            with self.subTest(stack=name, action="UpdateTerminationProtection"):
                self.assert_refused(self.post("UpdateTerminationProtection", StackName=name,
                                              EnableTerminationProtection="true"), name)
        for action in ("DescribeChangeSet", "ExecuteChangeSet", "DeleteChangeSet"):
            for params in ({"ChangeSetName": unknown_change_set},
                           {"ChangeSetName": unknown_change_set, "StackName": "existing"},
                           {"ChangeSetName": "nope", "StackName": "existing"},
                           {"ChangeSetName": "nope", "StackName": unknown_stack},
                           {"ChangeSetName": "nope"}):
                with self.subTest(action=action, **params):
                    self.assert_refused(self.post(action, **params), f"{action} {params}")
        self.assertEqual(self.post("DescribeStackResource", StackName="existing",
                                   LogicalResourceId="Nope").status, 400)
        self.assert_still_serving()

    def test_a_change_set_is_reached_only_through_its_own_stack(self):
        self.cfn.create_stack(StackName="other", TemplateBody=GOOD_TEMPLATE.replace("kept", "other"))
        self.cfn.get_waiter("stack_create_complete").wait(StackName="other", WaiterConfig=FAST)
        change_set = self.cfn.create_change_set(
            StackName="other", ChangeSetName="mine",
            TemplateBody=GOOD_TEMPLATE.replace("kept", "changed"))["Id"]
        self.cfn.get_waiter("change_set_create_complete").wait(ChangeSetName=change_set,
                                                               WaiterConfig=FAST)
        for action in ("DescribeChangeSet", "ExecuteChangeSet", "DeleteChangeSet"):
            for stack in ("existing", self.existing_id):
                with self.subTest(action=action, stack=stack):
                    self.assert_refused(self.post(action, ChangeSetName=change_set,
                                                  StackName=stack),
                                        f"{action} of other's change set through {stack}",
                                        {"ChangeSetNotFound"})
        # The change set and both stacks are as they were.
        described = self.cfn.describe_change_set(ChangeSetName=change_set, StackName="other")
        self.assertEqual(described["StackName"], "other")
        self.assertEqual(described["ExecutionStatus"], "AVAILABLE")
        self.assert_still_serving()
        self.cfn.delete_change_set(ChangeSetName=change_set)

    def failed_stack(self, name, body, parameters=()):
        """Creates a stack expected to fail; returns its status and the reasons of its events."""
        self.cfn.create_stack(StackName=name, TemplateBody=body, Parameters=list(parameters))
        with self.assertRaises(botocore.exceptions.WaiterError):
            self.cfn.get_waiter("stack_create_complete").wait(StackName=name, WaiterConfig=FAST)
        status = self.cfn.describe_stacks(StackName=name)["Stacks"][0]["StackStatus"]
        events = self.cfn.describe_stack_events(StackName=name)["StackEvents"]
        return status, " ".join(e.get("ResourceStatusReason", "") for e in events)

    def test_functions_that_would_make_gigantic_values_fail_the_stack(self):
        big = [{"ParameterKey": "Big", "ParameterValue": BIG_VALUE}]
        cases = [
            ("joins", nested_joins(16)),  # 2**16 copies of 4 KiB: 256 MiB
            ("sub", "!Sub ['" + "${X}" * 2000 + "', {X: " + nested_joins(6) + "}]"),  # 512 MiB
            ("sub-refs", "!Sub '" + "${Big}" * 1000 + "'"),
        ]
        for label, value in cases:
            with self.subTest(label):
                body = (BIG_PARAMETER + "Resources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n"
                        "    Properties:\n      LogGroupName: " + value + "\n")
                status, reasons = self.failed_stack(f"gigantic-{label}", body, big)
                self.assertEqual(status, "ROLLBACK_COMPLETE")
                self.assertIn("exceeds the maximum size", reasons)
        # An output is bounded the same way.
        body = (BIG_PARAMETER + "Resources:\n  Logs: {Type: AWS::Logs::LogGroup}\n"
                "Outputs:\n  Huge:\n    Value: " + nested_joins(16) + "\n")
        status, reasons = self.failed_stack("gigantic-output", body, big)
        self.assertEqual(status, "ROLLBACK_COMPLETE")
        self.assertIn("exceeds the maximum size", reasons)
        # A parameter value past CloudFormation's 4096 bytes is refused up front.
        error = self.post("CreateStack", StackName="gigantic-parameter",
                          TemplateBody=BIG_PARAMETER + "Resources:\n  Q: {Type: AWS::SQS::Queue}\n",
                          **{"Parameters.member.1.ParameterKey": "Big",
                             "Parameters.member.1.ParameterValue": "x" * (1024 * 1024)})
        self.assert_refused(error, "a 1 MB parameter", {"ValidationError"}, "4096")
        self.assert_still_serving()

    def test_zz_after_all_of_it_a_normal_stack_is_created(self):
        # Named to run last in the class (unittest sorts by name).
        self.cfn.create_stack(StackName="normal", TemplateBody=GOOD_TEMPLATE,
                              Parameters=[{"ParameterKey": "Name", "ParameterValue": "after"}])
        self.cfn.get_waiter("stack_create_complete").wait(StackName="normal", WaiterConfig=FAST)
        stack = self.cfn.describe_stacks(StackName="normal")["Stacks"][0]
        self.assertEqual(stack["StackStatus"], "CREATE_COMPLETE")
        self.assertEqual(stack["Outputs"][0]["OutputValue"], "/stepsim/after")
        self.cfn.delete_stack(StackName="normal")
        self.cfn.get_waiter("stack_delete_complete").wait(StackName="normal", WaiterConfig=FAST)


if __name__ == "__main__":
    unittest.main()
