"""Bad input to the Step Functions API gets a clear, modeled error and loses nothing.

Part 1 sends raw awsJson 1.0 requests to every Step Functions operation stepsim implements, with
cases generated from the botocore model's shapes: bodies that are empty, `{}`, malformed, arrays or
scalars; every member (nested ones too) with values of the wrong JSON type, strings over the
model's max length or under its min, numbers outside its ranges, lists with too many elements,
values outside its enums, `null`; ~2 MB bodies; deeply nested JSON; unknown ARNs of the right shape
and malformed ARNs. Every answer must be a 4xx (or, where the input happens to be acceptable, a 2xx)
with a JSON body whose `__type` is one of the operation's modeled errors or a generic one; a 5xx, a
dropped connection or a hang (socket timeout) fails. Afterwards the same server process must still
answer normally, with the resources created before still there.

Operations of the model that stepsim does not implement would answer UnknownOperationException and
be skipped here (the test finds them by probing and lists them when run with -v); today there are
none.

Part 2 checks a few semantic mistakes through boto3: SendTaskSuccess with output that is not JSON or
too large, TestState with a definition that is not JSON / not a state / a Map, RedriveExecution of a
RUNNING execution, StartExecution with 300 KiB of input, GetActivityTask on a malformed ARN,
CreateActivity with a 100-character name."""
import json
import sys
import unittest
from urllib.parse import urlparse

import botocore.exceptions

from bad_input import (VERBOSE, RawCaseChecks, ShapeCases, exchange, load_model,
                       malformed_bodies, nested, replaced, signed)
from stepsim_server import StepsimServer

ROLE = "arn:aws:iam::123456789012:role/sfn-role"
PREFIX = "arn:aws:states:us-east-1:123456789012"
ROLE_SHAPED = "arn:aws:iam::123456789012:role/r"  # malformed for every member but roleArn
MACHINE_DEFINITION = json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})
STATE_DEFINITION = json.dumps({"Type": "Pass", "End": True})
SIGNED_STATES = signed("states")
TWO_MB = 2 * 1024 * 1024

# Errors any operation may answer for input its model rejects, besides its own modeled ones.
GENERIC_ERRORS = {"ValidationException", "SerializationException", "InvalidArn", "InvalidToken",
                  "MissingRequiredParameter"}
VALIDATOR_ERRORS = {"ValidationException", "SerializationException"}

# Operations the brief calls out: the probe must find them implemented, or the test is hollow.
MUST_BE_IMPLEMENTED = {
    "CreateActivity", "DescribeActivity", "ListActivities", "DeleteActivity", "GetActivityTask",
    "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat", "TestState", "RedriveExecution",
    "ValidateStateMachineDefinition", "StartExecution", "StartSyncExecution", "DescribeExecution",
    "GetExecutionHistory", "ListExecutions", "StopExecution", "TagResource", "UntagResource",
    "ListTagsForResource", "CreateStateMachine", "UpdateStateMachine", "DescribeStateMachine",
    "DeleteStateMachine", "ListStateMachines", "DescribeStateMachineForExecution"}

# Unknown ARNs of the right shape, by member name.
UNKNOWN_ARNS = {
    "stateMachineArn": [f"{PREFIX}:stateMachine:nope"],
    "executionArn": [f"{PREFIX}:execution:nope:e1", f"{PREFIX}:express:nope:e1:r1"],
    "activityArn": [f"{PREFIX}:activity:nope"],
    "resourceArn": [f"{PREFIX}:stateMachine:nope", f"{PREFIX}:activity:nope"],
    "mapRunArn": [f"{PREFIX}:mapRun:nope/m:1"],
    "stateMachineAliasArn": [f"{PREFIX}:stateMachine:nope:prod"],
    "stateMachineVersionArn": [f"{PREFIX}:stateMachine:nope:1"],
}
MALFORMED_ARNS = [
    "not-an-arn", "arn:", "arn:aws:states", f"{PREFIX}:", f"{PREFIX}:stateMachine:",
    f"{PREFIX}:execution:onlymachine", f"{PREFIX}:bogus:x", f"{PREFIX}:stateMachine:a:b:c:d:e",
    "arn:aws:states:us-east-1:notanaccount:activity:a", ROLE_SHAPED,
    "arn:\u2603:states:\u00e9:1:activity:\u0000", " " * 10, "a" * 256,
]
DELETE_OPERATIONS = {"DeleteActivity", "DeleteStateMachine", "DeleteStateMachineAlias",
                     "DeleteStateMachineVersion"}
# Members that hold JSON text, and how big a nesting their max length allows.
JSON_TEXT_MEMBERS = {"input", "output", "definition", "variables", "context", "result"}


def activity_machine(activity_arn):
    return json.dumps({"StartAt": "T", "States": {
        "T": {"Type": "Task", "Resource": activity_arn, "End": True}}})


def valid_string(shape, member, operation):
    """Valid values for the string members whose names carry meaning (see bad_input.ShapeCases)."""
    if member in UNKNOWN_ARNS:
        return UNKNOWN_ARNS[member][0]
    if member == "roleArn":
        return ROLE
    if member == "definition":
        return STATE_DEFINITION if operation == "TestState" else MACHINE_DEFINITION
    if member in JSON_TEXT_MEMBERS:
        return "{}"
    if member in ("name", "stateName", "workerName"):
        return "n1"
    if member == "taskToken":
        return "AAAAunknowntoken"
    if member == "nextToken":
        return "garbage-token"
    if member in ("clientToken",):
        return "token-1"
    return None


class StepFunctionsBadInput(RawCaseChecks, unittest.TestCase):
    ERROR_CONTENT_TYPE = "application/x-amz-json-1.0"

    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer("--clock", "manual", "--activity-poll-seconds", "1").__enter__()
        url = urlparse(cls.server.url)
        cls.address = (url.hostname, url.port)
        cls.pid = cls.server.process.pid
        # StartSyncExecution and TestState would go to "sync-127.0.0.1" otherwise.
        cls.sfn = cls.server.client("stepfunctions", inject_host_prefix=False)
        cls.model = load_model("stepfunctions")
        cls.cases = ShapeCases(cls.model, valid_string)
        # Resources that must survive everything below.
        cls.machine = cls.sfn.create_state_machine(
            name="waits", roleArn=ROLE, definition=json.dumps(
                {"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": True}}}))[
            "stateMachineArn"]
        cls.execution = cls.sfn.start_execution(stateMachineArn=cls.machine, name="e1")[
            "executionArn"]
        cls.activity = cls.sfn.create_activity(name="keep")["activityArn"]
        cls.sfn.tag_resource(resourceArn=cls.machine, tags=[{"key": "k", "value": "v"}])
        cls.implemented, cls.not_implemented = cls.probe()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    # --- raw requests -------------------------------------------------------------------------

    @classmethod
    def post(cls, operation, body, target=None, content_type="application/x-amz-json-1.0"):
        """One raw awsJson request on its own connection; raises on a drop or a hang."""
        if not isinstance(body, bytes):
            body = json.dumps(body).encode()
        return exchange(cls.address, "POST", "/", body, {
            "X-Amz-Target": target or f"AWSStepFunctions.{operation}",
            "Content-Type": content_type, "Authorization": SIGNED_STATES})

    @classmethod
    def probe(cls):
        implemented, missing = [], []
        for name, op in sorted(cls.model["operations"].items()):
            shape = cls.cases.shape(op["input"]) if "input" in op else {"members": {}}
            body = {m: cls.cases.valid(cls.cases.shape(ref), m, name)
                    for m, ref in shape["members"].items() if m in shape.get("required", [])}
            answer = cls.post(name, body)
            (missing if answer.code == "UnknownOperationException" else implemented).append(name)
        if VERBOSE:
            print(f"\nnot implemented (skipped): {', '.join(missing)}", file=sys.stderr)
        return implemented, missing

    def allowed(self, operation):
        errors = {e["shape"] for e in self.model["operations"][operation].get("errors", [])}
        return errors | GENERIC_ERRORS

    def has_not_found(self, operation):
        """Whether the model gives `operation` an error for a missing resource; one without
        (ListStateMachineVersions) answers an unknown ARN as having nothing."""
        return any(e.endswith("DoesNotExist") or e == "ResourceNotFound"
                   for e in self.allowed(operation) - GENERIC_ERRORS)

    def check(self, operation, label, body, allow_success=False, codes=None, mentions=None,
              **post_args):
        """Sends one case (see bad_input.RawCaseChecks.check_sent)."""
        return self.check_sent(f"{operation}: {label}",
                               lambda: self.post(operation, body, **post_args), allow_success,
                               codes or self.allowed(operation), mentions)

    # --- part 1: generated raw cases ----------------------------------------------------------

    def setUp(self):
        self.counted = 0
        self.problems = []

    def input_shape(self, operation):
        op = self.model["operations"][operation]
        return self.cases.shape(op["input"]) if "input" in op else {"members": {}, "required": []}

    def required_base(self, operation):
        shape = self.input_shape(operation)
        return {m: self.cases.valid(self.cases.shape(ref), m, operation)
                for m, ref in shape["members"].items() if m in shape.get("required", [])}

    def test_1_generated_raw_requests(self):
        self.assertFalse(MUST_BE_IMPLEMENTED - set(self.implemented),
                         f"probe found these not implemented: {self.not_implemented}")
        for operation in self.implemented:
            self.raw_cases(operation)
        self.report(f"{len(self.implemented)} operations; {len(self.not_implemented)} operations "
                    "not implemented", 1000)

    def raw_cases(self, op):
        shape = self.input_shape(op)
        required = shape.get("required", [])
        lenient = not required  # with nothing required, an empty input is a valid request
        base = self.required_base(op)

        # Bodies that are not an input object.
        self.check(op, "empty body", b"", allow_success=lenient)
        self.check(op, "{}", b"{}", allow_success=lenient)
        for body in malformed_bodies(base):
            self.check(op, f"body {body[:30]!r}", body, codes=VALIDATOR_ERRORS)
        for member in required:
            self.check(op, f"missing {member}", {k: v for k, v in base.items() if k != member},
                       codes=VALIDATOR_ERRORS | {"MissingRequiredParameter"}, mentions=member)

        # Every member, nested ones included, with values its shape rejects.
        full = self.cases.valid(shape, None, op) if shape.get("members") else {}
        for path, sub, name in self.cases.member_paths(shape, full):
            for label, value, validator_level in self.cases.bad_values(sub):
                body = replaced(full, path, value)
                shown = f"{'.'.join(map(str, path))} {label}"
                if validator_level:
                    self.check(op, shown, body, codes=VALIDATOR_ERRORS, mentions=name)
                else:
                    self.check(op, shown, body)
            # null is "absent": an error only for a required member.
            if len(path) == 1:
                self.check(op, f"{path[0]} null", {**base, path[0]: None},
                           allow_success=path[0] not in required)

        # ~2 MB bodies (a string far over its max, nested arrays, garbage), 200k-deep nesting in
        # unknown members, 40000 unknown members.
        strings = [m for m, ref in shape["members"].items()
                   if self.cases.shape(ref)["type"] == "string"]
        strings.sort(key=lambda m: m not in required)
        if strings:
            self.check(op, f"2 MB {strings[0]}", {**base, strings[0]: "x" * TWO_MB},
                       codes=VALIDATOR_ERRORS, mentions=strings[0])
        self.check(op, "2 MB of nested arrays", b"[" * (TWO_MB // 2) + b"]" * (TWO_MB // 2),
                   codes=VALIDATOR_ERRORS)
        deep = 200_000  # levels: far past any stack a recursive walk could survive
        nested_member = json.dumps(base)[:-1].encode() + (b", " if base else b"")
        self.check(op, "deep nested arrays in an unknown member",
                   nested_member + b'"zzUnknown": ' + b"[" * deep + b"]" * deep + b"}",
                   allow_success=True)
        self.check(op, "deep nested objects in an unknown member",
                   nested_member + b'"zzUnknown": ' + b'{"a":' * deep + b"1" + b"}" * deep + b"}", allow_success=True)
        if shape.get("members"):
            first = next(iter(shape["members"]))
            self.check(op, f"nested arrays as {first}",
                       {**base, first: json.loads("[" * 60 + "]" * 60)}, codes=VALIDATOR_ERRORS)
            self.check(op, f"deep nesting as {first}",
                       json.dumps({**base})[:-1].encode() + (b", " if base else b"") +
                       json.dumps(first).encode() + b": " + b"[" * deep + b"]" * deep + b"}",
                       codes=VALIDATOR_ERRORS)
        many = b"{" + b",".join(b'"k%d": %d' % (i, i) for i in range(40_000)) + b"}"
        self.check(op, "40000 unknown members", many, allow_success=lenient,
                   codes=VALIDATOR_ERRORS)
        self.check(op, "2 MB of garbage", b'{"' + b"\x01" * TWO_MB, codes=VALIDATOR_ERRORS)

        # JSON-text members with nesting their length allows.
        for member in shape["members"]:
            if member in JSON_TEXT_MEMBERS:
                limit = int(self.cases.shape(shape["members"][member]).get("max", 262144))
                depth = min(limit, 262144) // 2
                self.check(op, f"{member} nested {depth} deep",
                           {**base, member: "[" * depth + "]" * depth}, allow_success=True)

        # Unknown ARNs of the right shape, and malformed ones.
        for member, ref in shape["members"].items():
            if member in UNKNOWN_ARNS:
                for arn in UNKNOWN_ARNS[member][1:] + UNKNOWN_ARNS[member][:1]:
                    self.check(op, f"unknown {member} {arn}", {**base, member: arn},
                               allow_success=op in DELETE_OPERATIONS or not self.has_not_found(op))
            if member in UNKNOWN_ARNS or member == "roleArn":
                for arn in MALFORMED_ARNS:
                    if member == "roleArn" and arn == ROLE_SHAPED:
                        continue
                    answer = self.check(op, f"malformed {member} {arn!r}", {**base, member: arn},
                                        allow_success=op in DELETE_OPERATIONS and
                                        arn.startswith("arn:aws:states"))
                    if arn == "not-an-arn" and "InvalidArn" in self.allowed(op) - GENERIC_ERRORS \
                            and answer.code != "InvalidArn":
                        self.problems.append(f"{op}: {member} 'not-an-arn': {answer.body!r}")
            if member == "taskToken":
                for token in ("AAAA", "\u0000", "\u2603" * 100, "a" * 2048, "x y"):
                    self.check(op, f"unknown taskToken {token[:10]!r}", {**base, member: token})
            if member == "nextToken":
                for token in ("garbage", "c2ZuLWFjdGl2aXRpZXM6LTE=", "%%%", "a" * 1024):
                    self.check(op, f"bad nextToken {token[:10]!r}", {**base, member: token})

        # The target and content type.
        for target in (f"AWSStepFunctions.{op.lower()}", f"AWSStepFunctions.{op}X",
                       f"AWSStepFunctions{op}", f"{op}", "AWSStepFunctions." + "x" * 10000):
            self.check(op, f"target {target[:40]!r}", base, target=target,
                       codes={"UnknownOperationException"})
        self.check(op, "text/plain content type", base, content_type="text/plain",
                   allow_success=True)

    # --- part 2: semantic mistakes through boto3 -------------------------------------------------

    def assertError(self, code, call, *args, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(*args, **kwargs)
        error = caught.exception.response["Error"]
        codes = {code} if isinstance(code, str) else set(code)
        self.assertIn(error["Code"], codes, error)
        self.assertTrue(error.get("Message"), error)
        self.assertLess(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 500)
        return error

    def test_2_semantic_mistakes(self):
        sfn = self.sfn
        # A real task token from an activity task.
        activity = sfn.create_activity(name="work")["activityArn"]
        machine = sfn.create_state_machine(name="works", roleArn=ROLE,
                                           definition=activity_machine(activity))["stateMachineArn"]
        execution = sfn.start_execution(stateMachineArn=machine, input='{"n": 1}')["executionArn"]
        task = sfn.get_activity_task(activityArn=activity, workerName="w")
        token = task["taskToken"]
        self.assertEqual(json.loads(task["input"]), {"n": 1})
        self.assertError("InvalidOutput", sfn.send_task_success, taskToken=token, output="{nope")
        self.assertError("InvalidOutput", sfn.send_task_success, taskToken=token, output="")
        # Over the modeled 262144-character max of SensitiveData.
        self.assertError("ValidationException", sfn.send_task_success, taskToken=token,
                         output=json.dumps({"x": "y" * (256 * 1024)}))
        # Nothing was lost: the same token still completes the task.
        sfn.send_task_success(taskToken=token, output='{"done": true}')
        described = sfn.describe_execution(executionArn=execution)
        self.assertEqual(described["status"], "SUCCEEDED")
        self.assertEqual(json.loads(described["output"]), {"done": True})

        for definition in ("{not json", '"a string"', "[1, 2]", "42", '{"Foo": 1}',
                           '{"Type": "Nope", "End": true}',
                           json.dumps({"Type": "Map", "Iterator": {"StartAt": "P", "States": {
                               "P": {"Type": "Pass", "End": True}}}, "End": True}),
                           json.dumps({"Type": "Parallel", "Branches": [], "End": True})):
            self.assertError("InvalidDefinition", sfn.test_state, definition=definition,
                             roleArn=ROLE)

        self.assertError("ExecutionNotRedrivable", sfn.redrive_execution,
                         executionArn=self.execution)
        self.assertError({"ValidationException", "InvalidExecutionInput"}, sfn.start_execution,
                         stateMachineArn=self.machine,
                         input=json.dumps({"x": "y" * (300 * 1024)}))
        self.assertError("InvalidExecutionInput", sfn.start_execution,
                         stateMachineArn=self.machine, input="{nope")
        self.assertError("InvalidArn", sfn.get_activity_task, activityArn="not-an-arn")
        self.assertError("ActivityDoesNotExist", sfn.get_activity_task,
                         activityArn=f"{PREFIX}:activity:nope")
        self.assertError({"ValidationException", "InvalidName"}, sfn.create_activity,
                         name="a" * 100)
        self.assertError("InvalidName", sfn.create_activity, name="bad name!")
        self.assertEqual([a["name"] for a in sfn.list_activities()["activities"]].count("a" * 100),
                         0)

    def test_2_deeply_nested_json_text(self):
        """JSON text members within their max length can nest ~100k levels deep; reaching a real
        machine, task or state, that must be answered (accepted or refused), not crash."""
        sfn = self.sfn
        deep_input = nested(131_000)
        pass_machine = sfn.create_state_machine(
            name="passes", roleArn=ROLE, type="EXPRESS", definition=MACHINE_DEFINITION)[
            "stateMachineArn"]

        def attempt(label, call, **kwargs):
            try:
                return call(**kwargs)
            except botocore.exceptions.ClientError as error:
                status = error.response["ResponseMetadata"]["HTTPStatusCode"]
                self.assertLess(status, 500, f"{label}: {error.response['Error']}")
                if VERBOSE:
                    print(f"  {status} {error.response['Error']['Code']} {label}", file=sys.stderr)
                return None
            finally:
                self.assertIsNone(self.server.process.poll(), f"{label}: the server died")

        started = attempt("StartExecution deep input", sfn.start_execution,
                          stateMachineArn=self.machine, name="deep", input=deep_input)
        if started:
            attempt("DescribeExecution deep input", sfn.describe_execution,
                    executionArn=started["executionArn"])
            attempt("GetExecutionHistory deep input", sfn.get_execution_history,
                    executionArn=started["executionArn"])
        attempt("StartSyncExecution deep input", sfn.start_sync_execution,
                stateMachineArn=pass_machine, input=deep_input)
        attempt("TestState deep input", sfn.test_state, definition=STATE_DEFINITION,
                input=deep_input, inspectionLevel="TRACE")
        attempt("TestState deep variables", sfn.test_state, definition=STATE_DEFINITION,
                variables='{"v": ' + deep_input + "}")
        attempt("TestState deep definition", sfn.test_state, definition=nested(500_000))
        deep_result = json.dumps({"Type": "Pass", "End": True})[:-1] + ', "Result": ' + \
            nested(500_000) + "}"
        attempt("TestState deep Result", sfn.test_state, definition=deep_result)
        deep_parameters = json.dumps({"Type": "Pass", "End": True})[:-1] + \
            ', "Parameters": {"a": ' + nested(500_000) + "}}"
        attempt("TestState deep Parameters", sfn.test_state, definition=deep_parameters)

        def machine_with(state):
            return '{"StartAt": "P", "States": {"P": ' + state + "}}"
        for label, definition in (("deep", nested(500_000)),
                                  ("deep Result", machine_with(deep_result)),
                                  ("deep Parameters", machine_with(deep_parameters))):
            attempt(f"ValidateStateMachineDefinition {label}",
                    sfn.validate_state_machine_definition, definition=definition)
            created = attempt(f"CreateStateMachine {label}", sfn.create_state_machine,
                              name=f"deep-{label.replace(' ', '-')}", roleArn=ROLE,
                              definition=definition)
            if created:
                attempt(f"DescribeStateMachine {label}", sfn.describe_state_machine,
                        stateMachineArn=created["stateMachineArn"])
                attempt(f"StartExecution {label}", sfn.start_execution,
                        stateMachineArn=created["stateMachineArn"])
            attempt(f"UpdateStateMachine {label}", sfn.update_state_machine,
                    stateMachineArn=pass_machine, definition=definition)

        activity = sfn.create_activity(name="deep-work")["activityArn"]
        machine = sfn.create_state_machine(name="deep-works", roleArn=ROLE,
                                           definition=activity_machine(activity))["stateMachineArn"]
        execution = sfn.start_execution(stateMachineArn=machine)["executionArn"]
        token = sfn.get_activity_task(activityArn=activity)["taskToken"]
        attempt("SendTaskSuccess deep output", sfn.send_task_success, taskToken=token,
                output=deep_input)
        attempt("DescribeExecution deep output", sfn.describe_execution, executionArn=execution)
        attempt("GetExecutionHistory deep output", sfn.get_execution_history,
                executionArn=execution)
        self.assertEqual(self.server.control("GET", "/_stepsim/health")[0], 200)

    # --- last: the same server still serves, and kept its state ----------------------------------

    def test_3_still_serving(self):
        self.assertIsNone(self.server.process.poll())
        self.assertEqual(self.server.process.pid, self.pid)
        self.assertEqual(self.server.control("GET", "/_stepsim/health"), (200, {"status": "ok"}))
        names = [m["name"] for m in self.sfn.list_state_machines()["stateMachines"]]
        self.assertIn("waits", names)
        self.assertEqual(self.sfn.describe_execution(executionArn=self.execution)["status"],
                         "RUNNING")
        self.assertEqual(self.sfn.describe_activity(activityArn=self.activity)["name"], "keep")
        self.assertEqual(self.sfn.list_tags_for_resource(resourceArn=self.machine)["tags"],
                         [{"key": "k", "value": "v"}])


if __name__ == "__main__":
    unittest.main()
