"""Bad input to the Lambda and Batch APIs (rest-json) gets a clear, modeled error and loses nothing.

Part 1 sends raw rest-json requests to every Lambda and Batch operation stepsim implements, with
cases generated from the botocore models: bodies that are empty, `{}`, malformed, arrays or scalars;
every body member (nested ones too) with values of the wrong JSON type, strings over the model's
max length or under its min, numbers outside its ranges, lists with too many elements, values
outside its enums, `null`; members in their modeled locations with text they reject: URI labels
(empty, over-long, percent-encoded invalid UTF-8, `..` and encoded slashes), query strings (not a
number, out of range, repeated, broken percent-encoding) and headers (`X-Amz-Invocation-Type`,
`X-Amz-Log-Type`, `X-Amz-Client-Context` with bad base64 or JSON that is not an object); ~7 MB
bodies; 100,000-deep JSON; unknown names, ARNs and page tokens of the right shape, and malformed
ones. Each member's bad value is sent in a request that is otherwise valid (required members, and
the required members of the structures on its way), so that it reaches the handler behind the
model validator; the names in valid requests point at resources that exist ("target" ones,
re-created if a case deleted them) so that lookups succeed. Invoke also runs the built-in handlers
that call Batch in-process with events generated from SubmitJob's shape (nothing validates those
fields on the way). Then the clock moves a day on (every job submitted plays its lifecycle) and
everything the cases left behind is read back through every name it is listed under. Part 1b
invokes functions that run real Python and Node.js code with deep, large and odd events and client
contexts; part 1c writes versions in other spellings ("01", 19 digits...) as an alias's version,
in routing weights and as qualifiers, deletes the version they may stand for and reads on.

Every request is SigV4-shaped (Authorization with a lambda/batch credential scope) and names the
server's own Host. Every answer must be a 2xx (the input happened to be acceptable; a JSON object,
or an empty 204) or a 4xx whose `x-amzn-ErrorType` (the same as the body's `__type`) is one of the
operation's modeled errors or a generic one; a 5xx, a dropped connection or a hang fails. Part 2:
the same server process still answers normally, with the resources created before ("keep" ones)
intact. Part 3: its log names no internal error (work done after an answer, such as an Event
invocation, is covered too).

Operations of the models that stepsim does not implement answer UnknownOperationException and are
skipped (the test finds them by probing and lists them when run with -v): Lambda's permissions,
layers, event source mappings, function URLs, code signing, concurrency and provisioned
concurrency, event-invoke configs, recursion/scaling/runtime-management configs, capacity
providers, durable executions and InvokeWithResponseStream; Batch's scheduling policies,
consumable resources, quota shares, service environments and service jobs, GetJobQueueSnapshot.
InvokeAsync is skipped too: the model validator refuses every request to it (its payload member is
required, and the rest-json decoder does not bind a payload for validation)."""
import base64
import io
import json
import re
import sys
import unittest
import zipfile
from urllib.parse import quote, urlparse

import botocore.exceptions

from bad_input import (VERBOSE, RawCaseChecks, ShapeCases, exchange, load_model,
                       malformed_bodies, replaced, signed)
from stepsim_server import StepsimServer, empty_zip

ACCOUNT = "123456789012"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/lambda-role"
LAMBDA = f"arn:aws:lambda:us-east-1:{ACCOUNT}"
BATCH = f"arn:aws:batch:us-east-1:{ACCOUNT}"
ZIP = base64.b64encode(empty_zip()).decode()
SEVEN_MB = 7 * 1024 * 1024
DEEP = 100_000  # levels of nesting: far past any stack a recursive walk could survive

SERVICES = {"lambda": "lambda", "batch": "batch"}  # service -> SigV4 signing name

# Errors any operation may answer for input its model rejects, besides its own modeled ones: the
# validator's codes (Lambda's InvalidRequestContentException is its SerializationException), and
# the HTTP layer's refusals of an oversized request.
HTTP_ERRORS = {"RequestEntityTooLarge", "RequestHeaderFieldsTooLarge"}
VALIDATOR_ERRORS = {"lambda": {"InvalidParameterValueException", "InvalidRequestContentException"},
                    "batch": {"ClientException"}}
# Lambda's common errors include ResourceNotFoundException, which the model leaves out of a few
# operations that look a function up (DeleteAlias).
GENERIC_ERRORS = {
    "lambda": VALIDATOR_ERRORS["lambda"] | HTTP_ERRORS | {"ResourceNotFoundException"},
    "batch": VALIDATOR_ERRORS["batch"] | HTTP_ERRORS}
# A URI label that is empty or holds a slash may no longer match the operation's route: it may
# match another operation (GET /functions/ is ListFunctions) or none.
ROUTE_ERRORS = {"UnknownOperationException"}

# Operations the probe must find implemented, or the test is hollow.
MUST_BE_IMPLEMENTED = {
    "lambda": {"CreateFunction", "GetFunction", "GetFunctionConfiguration", "ListFunctions",
               "DeleteFunction", "Invoke", "UpdateFunctionCode", "UpdateFunctionConfiguration",
               "PublishVersion", "ListVersionsByFunction", "CreateAlias", "GetAlias",
               "ListAliases", "UpdateAlias", "DeleteAlias", "TagResource", "UntagResource",
               "ListTags", "GetAccountSettings"},
    "batch": {"CreateComputeEnvironment", "DescribeComputeEnvironments",
              "UpdateComputeEnvironment", "DeleteComputeEnvironment", "CreateJobQueue",
              "DescribeJobQueues", "UpdateJobQueue", "DeleteJobQueue", "RegisterJobDefinition",
              "DescribeJobDefinitions", "DeregisterJobDefinition", "SubmitJob", "DescribeJobs",
              "ListJobs", "TerminateJob", "CancelJob", "TagResource", "UntagResource",
              "ListTagsForResource"},
}

# Members whose valid values name resources, by service and member name. "@job" stands for the id
# of the target job, known once it is submitted.
NAMED = {
    "lambda": {"FunctionName": "target", "Name": "live", "FunctionVersion": "1",
               "Qualifier": "1", "Role": ROLE, "Handler": "fake:echo", "ZipFile": ZIP,
               "Resource": f"{LAMBDA}:function:target", "TagKeys": "k", "MasterRegion": "ALL"},
    "batch": {"computeEnvironment": "target-ce", "computeEnvironments": "target-ce",
              "jobQueue": "target-q", "jobQueues": "target-q", "jobDefinition": "target-jd",
              "jobDefinitions": "target-jd:1", "jobDefinitionName": "target-jd",
              "jobId": "@job", "jobs": "@job", "arrayJobId": "@job", "multiNodeJobId": "@job",
              "resourceArn": f"{BATCH}:job-queue/target-q", "jobName": "j1", "reason": "r",
              "serviceRole": f"arn:aws:iam::{ACCOUNT}:role/batch"},
}
# Per operation, where the generic value above is wrong for it.
NAMED_IN = {
    ("batch", "DeregisterJobDefinition", "jobDefinition"): "target-jd:1",
}
# Functions whose built-in handlers hand the event's fields to Batch operations in-process, past
# the model validator: an Invoke of them reaches the Batch handlers with whatever the event holds.
FAKE_FUNCTIONS = {"submitter": "fake:batch-submit-job", "checker": "fake:batch-job-status"}
# Members stepsim needs beyond the model's required ones before it looks at anything else.
NEEDED = {
    ("lambda", "CreateFunction"): {"Runtime": "python3.12", "Handler": "fake:echo",
                                   "Code": {"ZipFile": ZIP}},
    ("lambda", "UpdateFunctionCode"): {"ZipFile": ZIP},
    ("batch", "CreateJobQueue"): {"computeEnvironmentOrder": [
        {"order": 1, "computeEnvironment": "target-ce"}]},
    ("batch", "ListJobs"): {"jobQueue": "target-q"},
}
# Operations that create a named resource: each request gets a fresh name, or every case after the
# first would stop at "already exists" before reaching the member it is about.
FRESH_NAMES = {("lambda", "CreateFunction"): "FunctionName", ("lambda", "CreateAlias"): "Name",
               ("batch", "CreateComputeEnvironment"): "computeEnvironmentName",
               ("batch", "CreateJobQueue"): "jobQueueName"}
# A 2xx from these may have removed a target: the targets are restored after it. (Updates keep
# a queue or an environment ENABLED: that is the first value of their state enums.)
DESTRUCTIVE = {"DeleteFunction", "DeleteAlias", "DeleteJobQueue", "DeleteComputeEnvironment",
               "DeregisterJobDefinition"}
# Strings that patterns may accept, tried in order when a member has no named value.
PATTERN_CANDIDATES = [
    "a", "aa", "a1", "1", "A", "$LATEST", "us-east-1", "ALL", f"{LAMBDA}:function:target", ROLE,
    f"arn:aws:kms:us-east-1:{ACCOUNT}:key/a", f"{LAMBDA}:layer:l:1", "sg-1", "subnet-1", "/mnt/a",
    f"arn:aws:elasticfilesystem:us-east-1:{ACCOUNT}:access-point/fsap-0123456789abcdef0",
    f"arn:aws:sqs:us-east-1:{ACCOUNT}:q", f"{LAMBDA}:code-signing-config:csc-" + "a" * 17,
    "a.b", "a=b", "lambda:InvokeFunction", "lambda:GetLayerVersion", "AAAA", f"{ACCOUNT}",
    f"{LAMBDA}:function:target:1/durable-execution/a/b", f"{LAMBDA}:capacity-provider:cp"]

# Unknown references of the right shape, and malformed ones, by service and member name.
MALFORMED_ARNS = [
    "not-an-arn", "arn:", "arn:aws:lambda", "arn:aws:batch", f"{LAMBDA}:", f"{BATCH}:",
    f"{LAMBDA}:function:", f"{BATCH}:job/", f"{BATCH}:job-definition/", "arn:aws:s3:::bucket",
    "a:b:c:d:e:f:g:h:i", ":", "::", "target:", ":target", "function:target",
    f"arn:aws:lambda:us-east-1:notanaccount:function:f", "arn:aws:batch:us-east-1:1:job-queue/q",
    "arn:\u2603:lambda:\u00e9:1:function:\u0000", " " * 10, "a" * 300, "\u00e9", "..", "/",
    "target:$LATEST:x", f"{LAMBDA}:function:target:1:2", ROLE, "\u0000", "\ud7ff\ue000"]
UNKNOWN = {
    "lambda": {
        "FunctionName": ["nope", f"{LAMBDA}:function:nope", f"{ACCOUNT}:function:nope",
                         f"us-east-1:{ACCOUNT}:function:nope", f"{LAMBDA}:function:target:99",
                         "target:nope", "target:99", "target:$LATEST", "target:1",
                         f"arn:aws:lambda:eu-west-1:999999999999:function:target",
                         "target:" + "9" * 18, "target:" + "9" * 19, "target:" + "9" * 40,
                         "target:0", "target:01", "a" * 64, "a" * 65, "a.b"],
        "Resource": [f"{LAMBDA}:function:nope", f"{LAMBDA}:function:target:1",
                     f"{LAMBDA}:function:target:live", f"{LAMBDA}:function:target:$LATEST",
                     f"{LAMBDA}:event-source-mapping:00000000-0000-0000-0000-000000000000",
                     f"{LAMBDA}:code-signing-config:csc-" + "a" * 17,
                     f"{LAMBDA}:capacity-provider:cp",
                     f"arn:aws:lambda:eu-west-1:999999999999:function:target"],
        "Qualifier": ["nope", "99", "$LATEST", "0", "01", "9" * 18, "9" * 19, "9" * 40,
                      "$latest", "$LATEST.PUBLISHED", "live", "-1", "$"],
        "Name": ["nope", "1", "LATEST", "$LATEST", "live-", "9" * 19],
        "FunctionVersion": ["99", "$LATEST", "$LATEST.PUBLISHED", "nope", "0", "9" * 18,
                            "9" * 19, "9" * 40, "01"],
    },
    "batch": {
        "jobQueue": ["nope", f"{BATCH}:job-queue/nope", f"{BATCH}:compute-environment/target-ce",
                     f"{BATCH}:job-queue/target-q/x", f"{BATCH}:job-queue/"],
        "computeEnvironment": ["nope", f"{BATCH}:compute-environment/nope",
                               f"{BATCH}:job-queue/target-q"],
        "jobDefinition": ["nope", "nope:1", "target-jd:99", "target-jd:0", "target-jd:-1",
                          "target-jd:99999999999", "target-jd:" + "9" * 40, "target-jd:1:2",
                          "target-jd:", ":1", "target-jd:1.5", "target-jd: 1", "target-jd:+1",
                          f"{BATCH}:job-definition/target-jd:99",
                          f"{BATCH}:job-definition/target-jd",
                          f"{BATCH}:job-definition/nope:1", f"{BATCH}:job-definition/:1",
                          f"{BATCH}:job-definition/target-jd:99999999999"],
        "jobId": ["00000000-0000-0000-0000-000000000000", "nope", f"{BATCH}:job/nope",
                  "@job:1", "@job:99999999999", "@job#1"],
        "resourceArn": [f"{BATCH}:job/00000000-0000-0000-0000-000000000000",
                        f"{BATCH}:job-queue/nope", f"{BATCH}:compute-environment/nope",
                        f"{BATCH}:job-definition/nope:1", f"{BATCH}:job-definition/target-jd",
                        f"{BATCH}:job-definition/target-jd:0",
                        f"{BATCH}:job-definition/target-jd:99999999999",
                        f"{BATCH}:job-definition/target-jd:" + "9" * 40,
                        f"{BATCH}:scheduling-policy/p", f"{BATCH}:job/@job"],
    },
}
# Page tokens: stepsim's own form (base64 of "stepsim-<service>:<offset>") with offsets past any
# list and past any integer, and tokens that are not base64.
TOKENS = ["garbage", "%%%", "====", "a" * 300, ""] + [
    base64.b64encode(f"stepsim-{service}:{offset}".encode()).decode()
    for service in ("batch", "lambda") for offset in ("0", "1", "99999", "18446744073709551615",
                                                      "18446744073709551616", "-1", "1x", "")]
UNKNOWN["batch"]["nextToken"] = TOKENS
UNKNOWN["lambda"]["Marker"] = TOKENS
for alias, member in (("computeEnvironments", "computeEnvironment"), ("jobQueues", "jobQueue"),
                      ("jobDefinitions", "jobDefinition"), ("jobs", "jobId"),
                      ("arrayJobId", "jobId"), ("multiNodeJobId", "jobId")):
    UNKNOWN["batch"][alias] = UNKNOWN["batch"][member]

# Text a URI label must survive, already percent-encoded, and whether the route may change.
RAW_LABELS = [
    ("invalid UTF-8", "%FF%FE", False), ("overlong UTF-8", "%C0%AF", False),
    ("surrogate UTF-8", "%ED%A0%80", False), ("truncated UTF-8", "a%E2%82", False),
    ("NUL", "a%00b", False), ("control", "%01%1F%7F", False), ("dot dot", "..", False),
    ("dot", ".", False), ("encoded dot dot", "%2E%2E", False), ("encoded slash", "a%2Fb", False),
    ("encoded slash only", "%2F", False), ("lone percent", "%", False),
    ("bad percent", "%zz%4", False), ("encoded percent", "%25", False),
    ("emoji", "%F0%9F%98%80", False), ("spaces", "%20%20", False), ("question", "%3F", False),
    ("hash", "%23", False), ("semicolon", "a;b", False), ("plus", "a+b", False),
    ("dot dot segments", "../..", True), ("slash", "a/b", True), ("empty", "", True),
    ("double slash", "/", True), ("100 KB", "a" * 100_000, False),
]
# Query text for one parameter, by member type, already percent-encoded.
RAW_QUERY = {
    "string": ["", "%FF", "%C0%AF", "%00", "%", "%zz", "a%2Fb", "..", "a" * 5000],
    "integer": ["", "abc", "1.5", "-1", "0", "99999999999999999999", "2147483648", "-2147483649",
                "0x10", "%201", "1%20", "1e3", "%FF", "+1", "--1", "1" * 400],
    "long": ["", "abc", "1.5", "-1", "99999999999999999999", "9223372036854775808", "%FF"],
    "boolean": ["", "yes", "TRUE", "1", "%FF"],
}
# Header text (characters beyond ASCII go out as Latin-1 bytes).
RAW_HEADERS = ["", " ", "\xff\xfe", "a" * 8000, "Event, DryRun", "none", "\u00e9"]
# X-Amz-Client-Context values, and whether they may be accepted.
CLIENT_CONTEXTS = [
    ("not base64", "%%%", False), ("base64 of bytes", "AAAA", False),
    ("base64 of an array", base64.b64encode(b"[1]").decode(), False),
    ("base64 of null", base64.b64encode(b"null").decode(), False),
    ("base64 of broken JSON", base64.b64encode(b'{"a":').decode(), False),
    ("base64 of invalid UTF-8", base64.b64encode(b'{"a": "\xff"}').decode(), False),
    ("base64 of deep JSON", base64.b64encode(b'{"a":' + b"[" * 2000 + b"]" * 2000 + b"}").decode(),
     True),
    ("unpadded base64", "e30", True), ("base64 with spaces", "e3 0=", False),
    ("url-safe base64", base64.urlsafe_b64encode(b'{"a": "??>"}').decode(), True),
    ("over 3583 bytes", base64.b64encode(json.dumps({"a": "x" * 4000}).encode()).decode(), True),
    ("a valid object", base64.b64encode(b'{"custom": {"a": 1}}').decode(), True),
]


def valid_string_for(service):
    def valid_string(shape, member, operation):
        named = NAMED_IN.get((service, operation, member), NAMED[service].get(member))
        if named is not None:
            return named
        if shape["type"] != "string" or "pattern" not in shape:
            return None
        low, high = shape.get("min", 0), shape.get("max", 10 ** 9)
        for candidate in PATTERN_CANDIDATES:
            try:
                if low <= len(candidate) <= high and re.fullmatch(shape["pattern"], candidate):
                    return candidate
            except re.error:
                return None
        return None
    return valid_string


def valid_map_key(shape):
    """A map key its key shape accepts ("kk": environment variable names need two characters)."""
    for key in ("kk", "1", "k1"):
        if "pattern" not in shape or re.fullmatch(shape["pattern"], key):
            return key
    return "kk"


def case_variants(shape):
    """The first enum value in lower and upper case, where that is not an enum value itself."""
    value = shape["enum"][0]
    return [v for v in (value.lower(), value.upper()) if v not in shape["enum"]]


class Request:
    """One rest-json request: members placed where the model puts them."""

    def __init__(self, service, op, values, raw=None, body=None):
        self.service, self.op = service, op
        self.values = values  # member name -> JSON value
        self.raw = raw or {}  # member name -> text sent as is (URI label, query value, header)
        self.body = body      # bytes replacing the JSON body or the payload


class RestBadInput(RawCaseChecks, unittest.TestCase):
    ERROR_CONTENT_TYPE = "application/json"

    @classmethod
    def setUpClass(cls):
        # Its log must name no internal error, including from work done after an answer (an
        # Event invocation runs on the clock once the 202 is out).
        cls.server = StepsimServer("--clock", "manual", capture_stderr=True).__enter__()
        cls.stopped = False
        url = urlparse(cls.server.url)
        cls.address = (url.hostname, url.port)
        cls.host = f"{url.hostname}:{url.port}"
        cls.pid = cls.server.process.pid
        cls.lam = cls.server.client("lambda")
        cls.batch = cls.server.client("batch")
        cls.models = {service: load_model(service) for service in SERVICES}
        cls.cases = {service: ShapeCases(cls.models[service], valid_string_for(service),
                                         map_key=valid_map_key)
                     for service in SERVICES}
        cls.fresh = 0
        cls.make_keep()
        cls.target_job = None
        cls.ensure_targets()
        cls.implemented = {}
        cls.not_implemented = {}
        for service in SERVICES:
            cls.implemented[service], cls.not_implemented[service] = cls.probe(service)
        cls.ensure_targets()

    @classmethod
    def tearDownClass(cls):
        if not cls.stopped:
            cls.server.__exit__(None, None, None)

    # --- resources --------------------------------------------------------------------------------

    @classmethod
    def make_keep(cls):
        """Resources no case names: they must all be there, unchanged, at the end."""
        lam, batch = cls.lam, cls.batch
        lam.create_function(FunctionName="keep", Role=ROLE, Runtime="python3.12",
                            Handler="fake:echo", Code={"ZipFile": empty_zip()},
                            Tags={"team": "qa"})
        lam.publish_version(FunctionName="keep")
        lam.create_alias(FunctionName="keep", Name="prod", FunctionVersion="1")
        batch.create_compute_environment(
            computeEnvironmentName="keep-ce", type="MANAGED",
            computeResources={"type": "FARGATE", "maxvCpus": 4, "subnets": ["subnet-1"]})
        cls.keep_queue = batch.create_job_queue(
            jobQueueName="keep-q", priority=1, tags={"team": "qa"},
            computeEnvironmentOrder=[{"order": 1, "computeEnvironment": "keep-ce"}])["jobQueueArn"]
        batch.register_job_definition(jobDefinitionName="keep-jd", type="container",
                                      containerProperties={"image": "busybox"})
        cls.keep_job = batch.submit_job(jobName="keep-job", jobQueue="keep-q",
                                        jobDefinition="keep-jd")["jobId"]

    @classmethod
    def ensure_targets(cls):
        """(Re)creates what valid requests name, after a case may have deleted or disabled it."""
        lam, batch = cls.lam, cls.batch
        try:
            lam.get_function(FunctionName="target")
        except lam.exceptions.ResourceNotFoundException:
            lam.create_function(FunctionName="target", Role=ROLE, Runtime="python3.12",
                                Handler="fake:echo", Code={"ZipFile": empty_zip()})
        try:
            lam.get_alias(FunctionName="target", Name="live")
        except lam.exceptions.ResourceNotFoundException:
            version = lam.publish_version(FunctionName="target")["Version"]
            lam.create_alias(FunctionName="target", Name="live", FunctionVersion=version)
        for name, handler in FAKE_FUNCTIONS.items():
            try:
                lam.get_function(FunctionName=name)
            except lam.exceptions.ResourceNotFoundException:
                lam.create_function(FunctionName=name, Role=ROLE, Runtime="python3.12",
                                    Handler=handler, Code={"ZipFile": empty_zip()})
        environments = batch.describe_compute_environments(computeEnvironments=["target-ce"])
        if not environments["computeEnvironments"]:
            batch.create_compute_environment(
                computeEnvironmentName="target-ce", type="MANAGED",
                computeResources={"type": "FARGATE", "maxvCpus": 4, "subnets": ["subnet-1"]})
        elif environments["computeEnvironments"][0]["state"] != "ENABLED":
            batch.update_compute_environment(computeEnvironment="target-ce", state="ENABLED")
        queues = batch.describe_job_queues(jobQueues=["target-q"])["jobQueues"]
        if not queues:
            batch.create_job_queue(
                jobQueueName="target-q", priority=1,
                computeEnvironmentOrder=[{"order": 1, "computeEnvironment": "target-ce"}])
        elif queues[0]["state"] != "ENABLED":
            batch.update_job_queue(jobQueue="target-q", state="ENABLED")
        if not batch.describe_job_definitions(jobDefinitionName="target-jd",
                                              status="ACTIVE")["jobDefinitions"]:
            batch.register_job_definition(jobDefinitionName="target-jd", type="container",
                                          containerProperties={"image": "busybox"})
        if cls.target_job is None:
            cls.target_job = batch.submit_job(jobName="target", jobQueue="target-q",
                                              jobDefinition="target-jd")["jobId"]

    # --- raw requests -------------------------------------------------------------------------

    def operation(self, service, op):
        return self.models[service]["operations"][op]

    @classmethod
    def input_shape(cls, service, op):
        operation = cls.models[service]["operations"][op]
        if "input" not in operation:
            return {"type": "structure", "members": {}, "required": []}
        return cls.cases[service].shape(operation["input"])

    @classmethod
    def resolve(cls, value):
        """Puts the target job's id where a value says "@job"."""
        if isinstance(value, str):
            return value.replace("@job", cls.target_job or "none")
        if isinstance(value, list):
            return [cls.resolve(v) for v in value]
        if isinstance(value, dict):
            return {k: cls.resolve(v) for k, v in value.items()}
        return value

    @staticmethod
    def text(value):
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (dict, list)):
            return json.dumps(value)
        return str(value)

    @classmethod
    def send(cls, request):
        """Sends `request` on its own connection; raises on a drop or a hang."""
        service, op = request.service, request.op
        operation = cls.models[service]["operations"][op]
        shape = cls.input_shape(service, op)
        values = cls.resolve(dict(request.values))
        fresh_member = FRESH_NAMES.get((service, op))
        if fresh_member and values.get(fresh_member) == NAMED[service].get(fresh_member, "a"):
            cls.fresh += 1
            values[fresh_member] = f"fresh{cls.fresh}"
        uri, _, static_query = operation["http"]["requestUri"].partition("?")
        query = [part for part in static_query.split("&") if part]
        headers = {"Host": cls.host, "Authorization": signed(SERVICES[service])}
        body, payload = {}, None
        for name, ref in shape["members"].items():
            location, where = ref.get("location"), ref.get("locationName", name)
            if name in request.raw:
                value = request.raw[name]
                if value is None:
                    continue
                if location == "uri":
                    uri = re.sub(r"\{" + re.escape(where) + r"\+?\}", lambda _: value, uri)
                elif location == "querystring":
                    query.append(f"{quote(where)}={value}")
                elif location == "header":
                    headers[where] = value
                continue
            if name not in values:
                continue
            value = values[name]
            if location == "uri":
                uri = re.sub(r"\{" + re.escape(where) + r"(\+?)\}",
                             lambda m: "" if value is None else quote(
                                 cls.text(value), safe="/" if m.group(1) else ""), uri)
            elif location == "querystring":
                if value is None:
                    continue
                for item in value if isinstance(value, list) else [value]:
                    query.append(f"{quote(where)}={quote(cls.text(item), safe='')}")
            elif location == "header":
                if value is not None:
                    headers[where] = cls.text(value)
            elif name == shape.get("payload"):
                payload = value
            else:
                body[where] = value
        if request.body is not None:
            data = request.body
        elif shape.get("payload"):
            data = b"" if payload is None else (
                payload if isinstance(payload, bytes) else json.dumps(payload).encode())
        elif body or operation["http"]["method"] in ("POST", "PUT", "PATCH"):
            data = json.dumps(body).encode()
        else:
            data = b""
        if data:
            headers["Content-Type"] = "application/json"
        target = uri + ("?" + "&".join(query) if query else "")
        return exchange(cls.address, operation["http"]["method"], target, data, headers)

    @classmethod
    def probe(cls, service):
        implemented, missing, inconclusive = [], [], []
        for op, operation in sorted(cls.models[service]["operations"].items()):
            shape = cls.input_shape(service, op)
            values = cls.cases[service].valid(shape, None, op, required_only=True)
            answer = cls.send(Request(service, op, values))
            if answer.code == "UnknownOperationException":
                missing.append(op)
            elif answer.message.startswith("1 validation error detected"):
                # The model validator refused the probe before the operation was looked up.
                inconclusive.append(op)
            else:
                implemented.append(op)
        if VERBOSE:
            print(f"\n{service}: not implemented (skipped): {', '.join(missing)}", file=sys.stderr)
            print(f"{service}: probe refused by the validator (skipped): "
                  f"{', '.join(inconclusive)}", file=sys.stderr)
        return implemented, missing + inconclusive

    def allowed(self, service, op):
        errors = {e["shape"] for e in self.operation(service, op).get("errors", [])}
        return errors | GENERIC_ERRORS[service]

    def check(self, request, label, allow_success=False, codes=None, mentions=None):
        """Sends one case (see bad_input.RawCaseChecks.check_sent)."""
        service, op = request.service, request.op
        shown = f"{service} {op}: {label}"
        self.sent[service] = self.sent.get(service, 0) + 1
        answer = self.check_sent(shown, lambda: self.send(request), allow_success,
                                 codes or self.allowed(service, op), mentions)
        if 200 <= answer.status < 300:
            # A success is well-formed too: an empty 204, else a JSON object (valid UTF-8);
            # Invoke's body is the function's result.
            problem = None
            if "x-amzn-requestid" not in answer.headers:
                problem = "no x-amzn-RequestId"
            elif answer.status == 204 and answer.body:
                problem = "a body with 204"
            elif op != "Invoke" and answer.status != 204 and not isinstance(answer.json, dict):
                problem = "a body that is not a JSON object"
            if problem:
                self.problems.append(f"{shown}: {answer.status} with {problem}: "
                                     f"{answer.body[:300]!r}")
            if op in DESTRUCTIVE:
                self.ensure_targets()
        return answer

    def judge_protocol(self, shown, answer):
        # rest-json clients read the code from the header; stepsim writes it in both places.
        self.assertEqual(answer.headers.get("x-amzn-errortype"), answer.code, shown)

    # --- the cases ----------------------------------------------------------------------------

    def setUp(self):
        self.counted = 0
        self.problems = []
        self.big_bodies_sent = set()
        self.sent = {}

    def test_1_generated_raw_requests(self):
        for service in SERVICES:
            self.assertFalse(MUST_BE_IMPLEMENTED[service] - set(self.implemented[service]),
                             f"probe found these {service} operations not implemented: "
                             f"{self.not_implemented[service]}")
            for op in self.implemented[service]:
                self.raw_cases(service, op)
        self.fake_events()
        self.run_the_clock()
        self.read_back()
        self.report(", ".join(f"{len(self.implemented[s])} {s} operations ("
                              f"{len(self.not_implemented[s])} not implemented; "
                              f"{self.sent.get(s, 0)} requests)" for s in SERVICES), 3000)

    def raw_cases(self, service, op):
        cases = self.cases[service]
        shape = self.input_shape(service, op)
        members = shape["members"]
        required = shape.get("required", [])
        base = {**cases.valid(shape, None, op, required_only=True),
                **NEEDED.get((service, op), {})}
        payload = shape.get("payload")
        body_members = [m for m, ref in members.items()
                        if "location" not in ref and m != payload]
        required_body = [m for m in required if m in body_members]
        validator = VALIDATOR_ERRORS[service]
        allowed = self.allowed(service, op)
        counted_before = self.counted

        def request(values=None, **kwargs):
            return Request(service, op, base if values is None else values, **kwargs)

        # A valid request, with every member, then with the required ones only.
        self.check(request(cases.valid(shape, None, op)), "every member valid",
                   allow_success=True)
        self.check(request(), "required members valid", allow_success=True)

        # Bodies that are not an input object.
        base_body = {m: v for m, v in base.items() if m in body_members}
        if payload:
            # Invoke: the body is the event, any JSON is fine and anything else is refused.
            for body in (b"",) + malformed_bodies(base_body):
                self.check(request(body=body), f"payload {body[:30]!r}", allow_success=True)
        else:
            lenient = not required_body
            self.check(request(body=b""), "empty body", allow_success=lenient)
            self.check(request(body=b"{}"), "{}", allow_success=lenient)
            for body in malformed_bodies(base_body):
                # Without body members, a body may be ignored.
                self.check(request(body=body), f"body {body[:30]!r}",
                           allow_success=not body_members, codes=validator)
        for member in required:
            location = members[member].get("location")
            self.check(request({k: v for k, v in base.items() if k != member}),
                       f"missing {member}", allow_success=location == "uri",
                       codes=validator | (ROUTE_ERRORS if location == "uri" else set()),
                       mentions=None if location == "uri" else member)

        # Every body member, nested ones included, with values its shape rejects; each in an
        # otherwise valid request.
        def fill(prefix):
            return cases.valid(cases.shape_at(shape, prefix)[-1], prefix[-1], op,
                               depth=len(prefix), required_only=True)

        complete = cases.valid(shape, None, op)
        for path, sub, name in cases.member_paths(shape, complete):
            if path[0] not in body_members:
                continue
            for label, value, validator_level in cases.bad_values(sub):
                shown = f"{'.'.join(map(str, path))} {label}"
                values = replaced(base, path, value, fill)
                if validator_level:
                    self.check(request(values), shown, codes=validator, mentions=name)
                else:
                    self.check(request(values), shown)
            # null is "absent": an error only for a required member, a list element or a map value.
            parent = cases.shape_at(shape, path[:-1])[-1] if len(path) > 1 else shape
            optional = isinstance(path[-1], str) and parent["type"] == "structure" and \
                path[-1] not in parent.get("required", [])
            self.check(request(replaced(base, path, None, fill)),
                       f"{'.'.join(map(str, path))} null", allow_success=optional,
                       codes=allowed if optional else validator)
            if path[0] not in base and len(path) == 1:
                # The member alone, valid, where the request does not need it.
                self.check(request({**base, path[0]: complete[path[0]]}),
                           f"{path[0]} valid", allow_success=True)

        # Members outside the body: URI labels, query strings, headers, as text they reject.
        for member, ref in members.items():
            location = ref.get("location")
            if location not in ("uri", "querystring", "header"):
                continue
            self.location_cases(service, op, base, member, ref, location)

        # Unknown references of the right shape, and malformed ones, wherever the member is.
        for member, ref in members.items():
            if member not in UNKNOWN[service]:
                continue
            is_list = cases.shape(ref)["type"] == "list"
            uri = ref.get("location") == "uri"
            for value in UNKNOWN[service][member] + MALFORMED_ARNS:
                # Some are acceptable (a Describe of an unknown name answers an empty list).
                self.check(request({**base, member: [value] if is_list else value}),
                           f"{member} {value[:60]!r}", allow_success=True,
                           codes=allowed | (ROUTE_ERRORS if uri else set()))

        # Large and deep bodies.
        strings = [m for m in body_members if cases.shape(members[m])["type"] == "string"]
        strings.sort(key=lambda m: m not in required)
        if payload:
            self.check(request(body=b'{"a": "' + b"x" * SEVEN_MB + b'"}'), "7 MB payload",
                       codes={"RequestTooLargeException"})
            for kind, text in (("arrays", b"[" * DEEP + b"]" * DEEP),
                               ("objects", b'{"a":' * DEEP + b"1" + b"}" * DEEP)):
                self.check(request(body=text), f"payload of {DEEP} nested {kind}",
                           codes={"InvalidRequestContentException"})
            self.check(request(body=b'{"a": "' + b"x" * SEVEN_MB + b'"}',
                               raw={"InvocationType": "Event"}),
                       "7 MB asynchronous payload", codes={"RequestTooLargeException"})
        elif strings:
            bounded = "max" in cases.shape(members[strings[0]])
            self.check(request({**base, strings[0]: "x" * SEVEN_MB}), f"7 MB {strings[0]}",
                       allow_success=not bounded, codes=validator if bounded else allowed)
        else:
            self.check(request(body=json.dumps({**base_body, "zzUnknown": "x" * SEVEN_MB})
                               .encode()), "7 MB unknown member", allow_success=True)
        if not payload and (service, bool(body_members)) not in self.big_bodies_sent:
            # Refused by the JSON parser whatever the operation: once per service, with and
            # without body members.
            self.big_bodies_sent.add((service, bool(body_members)))
            self.check(request(body=b"[" * (SEVEN_MB // 2) + b"]" * (SEVEN_MB // 2)),
                       "7 MB of nested arrays", allow_success=not body_members, codes=validator)
            self.check(request(body=b'{"' + b"\x01" * SEVEN_MB), "7 MB of garbage",
                       allow_success=not body_members, codes=validator)
        if not payload:
            prefix = json.dumps(base_body)[:-1].encode() + (b", " if base_body else b"")
            for kind, text in (("arrays", b"[" * DEEP + b"]" * DEEP),
                               ("objects", b'{"a":' * DEEP + b"1" + b"}" * DEEP)):
                self.check(request(body=prefix + b'"zzUnknown": ' + text + b"}"),
                           f"{DEEP} nested {kind} in an unknown member",
                           allow_success=not body_members, codes=validator)
                self.check(request(body=text), f"{DEEP} nested {kind} as the body",
                           allow_success=not body_members, codes=validator)
            if body_members:
                first = body_members[0]
                self.check(request(body=prefix + json.dumps(first).encode() + b": " +
                                   b"[" * DEEP + b"]" * DEEP + b"}"),
                           f"{DEEP} nested arrays as {first}", codes=validator)
            many = b"{" + b",".join(b'"k%d": %d' % (i, i) for i in range(40_000)) + b"}"
            self.check(request(body=many), "40000 unknown members",
                       allow_success=not required_body, codes=validator)
        self.assertGreater(self.counted - counted_before, 20, f"{service} {op}: too few cases")

    def fake_events(self):
        """Invoke of the built-in handlers that call Batch, with events generated from the
        SubmitJob shape (the fields they forward) and the usual non-objects. Whatever the event,
        the answer is a 200, with or without a FunctionError."""
        cases = self.cases["batch"]
        submit = self.input_shape("batch", "SubmitJob")
        base = {"jobName": "j1", "jobQueue": "target-q", "jobDefinition": "target-jd"}
        complete = cases.valid(submit, None, "SubmitJob")

        def fill(prefix):
            return cases.valid(cases.shape_at(submit, prefix)[-1], prefix[-1], "SubmitJob",
                               depth=len(prefix), required_only=True)

        events = [(repr(e), e) for e in ([], [base], 1, "s", None, True, {}, {"jobId": None})]
        # Just within the nesting stepsim parses (1000 levels), as the event and inside it.
        deep = b"[" * 998 + b"]" * 998
        events.append(("998 levels deep", deep))
        for member in ("jobName", "parameters", "containerOverrides"):
            events.append((f"{member} 998 levels deep", json.dumps(base)[:-1].encode() +
                           b', "' + member.encode() + b'": ' + deep + b"}"))
        for path, sub, name in cases.member_paths(submit, complete):
            if path[0] not in ("jobName", "jobQueue", "jobDefinition", "parameters",
                               "containerOverrides"):
                continue
            for label, value, _ in cases.bad_values(sub) + [("null", None, False)]:
                events.append((f"{'.'.join(map(str, path))} {label}",
                               replaced(base, path, value, fill)))
            if path[0] == "containerOverrides":
                events.append((f"{'.'.join(map(str, path))} valid", replaced(
                    base, path, cases.valid(sub, path[-1], "SubmitJob", len(path)), fill)))
        for member in ("jobQueue", "jobDefinition"):
            for value in UNKNOWN["batch"][member] + MALFORMED_ARNS:
                events.append((f"{member} {value[:40]!r}", {**base, member: value}))
        for value in UNKNOWN["batch"]["jobId"] + MALFORMED_ARNS + [1, [], {}, None]:
            events.append((f"jobId {str(value)[:40]!r}", {"jobId": value}))
        for label, event in events:
            body = event if isinstance(event, bytes) else json.dumps(self.resolve(event)).encode()
            for function in FAKE_FUNCTIONS:
                self.check(Request("lambda", "Invoke", {"FunctionName": function}, body=body),
                           f"{function} event {label}", allow_success=True)
            # Queued, then run on the clock after the 202: only the server's log would tell.
            self.check(Request("lambda", "Invoke", {"FunctionName": "submitter"},
                               raw={"InvocationType": "Event"}, body=body),
                       f"submitter event {label}, asynchronously", allow_success=True)

    def run_the_clock(self):
        """Time moves on a day: every job the cases submitted plays its lifecycle (with the
        timeouts, retries and dependencies they were accepted with); then all are listed and
        described."""
        status, clock = self.server.control("POST", "/_stepsim/clock", {"advanceSeconds": 86400})
        self.assertEqual(status, 200, clock)
        ids = []
        for job_status in self.models["batch"]["shapes"]["JobStatus"]["enum"]:
            answer = self.check(Request("batch", "ListJobs", {
                "jobQueue": "target-q", "jobStatus": job_status, "maxResults": 1000}),
                f"after a day, {job_status} jobs", allow_success=True, codes=set())
            if isinstance(answer.json, dict):
                ids += [job["jobId"] for job in answer.json.get("jobSummaryList", [])]
        self.assertIn(self.target_job, ids)
        for start in range(0, len(ids), 100):
            self.check(Request("batch", "DescribeJobs", {"jobs": ids[start:start + 100]}),
                       f"after a day, jobs {start}-{start + 99}", allow_success=True, codes=set())

    def read_back(self):
        """Whatever the cases left behind (functions, versions and aliases created with odd but
        accepted input, queues, environments, definitions) is listed, then read through every
        name it is listed under: every answer a 200."""
        def get(service, op, values, label, **kwargs):
            answer = self.check(Request(service, op, values, **kwargs), f"read back: {label}",
                                allow_success=True, codes=set())
            return answer.json if isinstance(answer.json, dict) else {}

        def pages(service, op, values, key, marker, next_marker):
            items, token = [], None
            while True:
                page = get(service, op, {**values, **({marker: token} if token else {})},
                           f"{op} {values}")
                items += page.get(key, [])
                token = page.get(next_marker)
                if not token:
                    return items

        functions = pages("lambda", "ListFunctions", {"FunctionVersion": "ALL"}, "Functions",
                          "Marker", "NextMarker")
        for name in sorted({f["FunctionName"] for f in functions}):
            get("lambda", "GetFunction", {"FunctionName": name}, name)
            get("lambda", "ListTags", {"Resource": f"{LAMBDA}:function:{name}"}, name)
            for version in pages("lambda", "ListVersionsByFunction", {"FunctionName": name},
                                 "Versions", "Marker", "NextMarker"):
                get("lambda", "GetFunctionConfiguration",
                    {"FunctionName": name, "Qualifier": version["Version"]}, version["FunctionArn"])
            for alias in pages("lambda", "ListAliases", {"FunctionName": name}, "Aliases",
                               "Marker", "NextMarker"):
                get("lambda", "GetAlias", {"FunctionName": name, "Name": alias["Name"]},
                    alias["AliasArn"])
                get("lambda", "GetFunction", {"FunctionName": alias["AliasArn"]},
                    alias["AliasArn"])
                self.check(Request("lambda", "Invoke", {"FunctionName": alias["AliasArn"]},
                                   raw={"InvocationType": "DryRun"}),
                           f"read back: DryRun {alias['AliasArn']}", allow_success=True,
                           codes=set())
        for op, key, arn in (("DescribeComputeEnvironments", "computeEnvironments",
                              "computeEnvironmentArn"),
                             ("DescribeJobQueues", "jobQueues", "jobQueueArn"),
                             ("DescribeJobDefinitions", "jobDefinitions", "jobDefinitionArn")):
            for item in pages("batch", op, {}, key, "nextToken", "nextToken"):
                get("batch", "ListTagsForResource", {"resourceArn": item[arn]}, item[arn])

    def location_cases(self, service, op, base, member, ref, location):
        """A URI label, query parameter or header with text its shape rejects."""
        shape = self.cases[service].shape(ref)
        name = ref.get("locationName", member)
        validator = VALIDATOR_ERRORS[service]
        allowed = self.allowed(service, op)

        def check(raw, label, allow_success=True, codes=allowed, values=base):
            self.check(Request(service, op, values, raw={member: raw}), f"{name} {label}",
                       allow_success=allow_success, codes=codes)

        if location == "uri":
            for label, text, route_may_change in RAW_LABELS:
                # Accepted or not, as long as the answer is a modeled one.
                check(text, f"label {label}",
                      codes=allowed | (ROUTE_ERRORS if route_may_change else set()))
            if "max" in shape:
                check("a" * (int(shape["max"]) + 1), "label over max length", False, validator)
            if "pattern" in shape:
                check(quote("\u00e9 \t1", safe=""), "label outside pattern", False, validator)
            return
        if location == "querystring":
            element = shape if shape["type"] != "list" else self.cases[service].shape(
                shape["member"])
            texts = list(RAW_QUERY.get(element["type"], RAW_QUERY["string"]))
            if "enum" in element:
                texts += ["NOT_AN_ENUM"] + [quote(variant) for variant in case_variants(element)]
            if "max" in element and element["type"] == "string":
                texts.append("a" * (int(element["max"]) + 1))
            if "min" in element and element["type"] in ("integer", "long"):
                texts.append(str(int(element["min"]) - 1))
            if "max" in element and element["type"] in ("integer", "long"):
                texts.append(str(int(element["max"]) + 1))
            for text in texts:
                check(text, f"query {text[:40]!r}")
            check(f"1&{name}=a&{name}=%FF", "repeated")
            check(f"x&%FF=1&=&&a=%&{name}", "in a broken query string")
            if shape["type"] == "list":
                check("&".join(["k0"] + [f"{name}=k{i}" for i in range(1, 61)]), "61 times")
                check("", "once, empty", values={k: v for k, v in base.items() if k != member})
            return
        # Headers: an enum's values exactly, or refused; other text accepted or refused.
        texts = list(RAW_HEADERS)
        if "enum" in shape:
            texts += ["NOT_AN_ENUM"] + case_variants(shape)
            for value in shape["enum"]:
                check(value, repr(value))
                check(value + " ", f"{value!r} and a space")  # HTTP drops the space
        if "max" in shape:
            texts.append("a" * (int(shape["max"]) + 1))
        for text in texts:
            refused = "enum" in shape and text.strip() != ""
            check(text, repr(text[:40]), allow_success=not refused,
                  codes=validator if refused else allowed)
        if member == "ClientContext":
            for label, text, acceptable in CLIENT_CONTEXTS:
                check(text, label, allow_success=acceptable,
                      codes=allowed if acceptable else {"InvalidRequestContentException"})

    def test_1c_version_spellings(self):
        """Versions written in other spellings ("01", "+1", 19 digits...) as an alias's version, in
        routing weights and as qualifiers, then the version they may stand for deleted: whatever
        was accepted must still be answered cleanly through every way of naming it."""
        spellings = ["01", "001", "00", "0", "+1", "1.0", " 1", "1 ", "9" * 19, "9" * 40,
                     "$LATEST", "$LATEST.PUBLISHED", "1"]
        for i, spelling in enumerate(spellings):
            fn = f"spelled{i}"
            self.lam.create_function(FunctionName=fn, Role=ROLE, Runtime="python3.12",
                                     Handler="fake:echo", Code={"ZipFile": empty_zip()},
                                     Publish=True)
            self.lam.update_function_configuration(FunctionName=fn, Timeout=5)
            self.lam.publish_version(FunctionName=fn)  # version 2, for routing

            def call(op, values, label, **kwargs):
                self.check(Request("lambda", op, {"FunctionName": fn, **values}, **kwargs),
                           f"{fn} ({spelling!r}) {label}", allow_success=True)

            call("CreateAlias", {"Name": "a", "FunctionVersion": spelling}, "alias to it")
            call("CreateAlias", {"Name": "r", "FunctionVersion": "2",
                                 "RoutingConfig": {"AdditionalVersionWeights": {spelling: 0.5}}},
                 "alias routing to it")
            call("DeleteFunction", {}, "version 1 deleted", raw={"Qualifier": "1"})
            call("DeleteFunction", {}, "it deleted", raw={"Qualifier": quote(spelling)})
            for alias in ("a", "r"):
                call("GetAlias", {"Name": alias}, f"GetAlias {alias}")
                call("GetFunction", {"Qualifier": alias}, f"GetFunction {alias}")
                call("GetFunctionConfiguration", {"FunctionName": f"{fn}:{alias}"},
                     f"GetFunctionConfiguration {alias}")
                call("Invoke", {"FunctionName": f"{fn}:{alias}"}, f"Invoke {alias}")
                call("UpdateAlias", {"Name": alias, "Description": "d"}, f"UpdateAlias {alias}")
            for qualifier in (spelling, "1", "2"):
                call("GetFunction", {}, f"GetFunction {qualifier!r}",
                     raw={"Qualifier": quote(qualifier)})
                call("Invoke", {}, f"Invoke {qualifier!r}", raw={"Qualifier": quote(qualifier)})
            call("ListAliases", {}, "ListAliases")
            call("ListAliases", {}, "ListAliases of it", raw={"FunctionVersion": quote(spelling)})
            call("ListVersionsByFunction", {}, "ListVersionsByFunction")
            call("DeleteAlias", {"Name": "a"}, "alias deleted")
            call("DeleteFunction", {}, "function deleted")
        self.report("version spellings", 200)

    def test_1b_real_runtimes(self):
        """Invoke of functions that run real code (a Python and a Node.js process) with events and
        client contexts their runtimes meet rarely: the function may fail, the answer is a 200."""
        code = {"py": ("python3.12", "index.py",
                       "def handler(event, context):\n    print(event)\n"
                       "    return {'e': event, 'c': str(context.client_context)}\n"),
                "js": ("nodejs20.x", "index.js",
                       "exports.handler = async (event, context) => {\n  console.log(event);\n"
                       "  return {e: event, c: context.clientContext};\n};\n")}
        for name, (runtime, filename, text) in code.items():
            package = io.BytesIO()
            with zipfile.ZipFile(package, "w") as archive:
                archive.writestr(filename, text)
            self.lam.create_function(FunctionName=f"real-{name}", Role=ROLE, Runtime=runtime,
                                     Handler="index.handler", Code={"ZipFile": package.getvalue()})
        payloads = [b'{"a": 1}', b"[" * 998 + b"]" * 998, b'"' + b"x" * (5 * 1024 * 1024) + b'"',
                    b"[]", b'"s"', b"null", '{"a": "\u2603\ud7ff\\u0000"}'.encode()]
        contexts = [b'{"custom": ' + b"[" * 900 + b"]" * 900 + b"}",
                    b'{"client": 5, "custom": [1], "env": "x"}',
                    b'{"client": {"installation_id": {}}, "env": {"a": []}}',
                    '{"custom": {"a": "\u00e9\u2603"}}'.encode(), b"{}"]
        for name in code:
            for payload in payloads:
                for log_type in ("None", "Tail"):
                    self.check(Request("lambda", "Invoke", {"FunctionName": f"real-{name}"},
                                       raw={"LogType": log_type}, body=payload),
                               f"real-{name} payload {payload[:20]!r} log {log_type}",
                               allow_success=True)
            for context in contexts:
                self.check(Request("lambda", "Invoke", {"FunctionName": f"real-{name}"},
                                   raw={"ClientContext": base64.b64encode(context).decode(),
                                        "LogType": "Tail"}, body=b"{}"),
                           f"real-{name} client context {context[:30]!r}", allow_success=True)
        self.report("functions that run real code", 30)

    # --- last: the same server still serves, and kept its state ----------------------------------

    def test_2_still_serving(self):
        self.assertIsNone(self.server.process.poll())
        self.assertEqual(self.server.process.pid, self.pid)
        self.assertEqual(self.server.control("GET", "/_stepsim/health"), (200, {"status": "ok"}))
        lam, batch = self.lam, self.batch
        function = lam.get_function(FunctionName="keep")
        self.assertEqual(function["Configuration"]["Handler"], "fake:echo")
        self.assertEqual(function["Tags"], {"team": "qa"})
        self.assertEqual(lam.get_alias(FunctionName="keep", Name="prod")["FunctionVersion"], "1")
        self.assertEqual([v["Version"] for v in
                          lam.list_versions_by_function(FunctionName="keep")["Versions"]],
                         ["$LATEST", "1"])
        answer = lam.invoke(FunctionName="keep:prod", Payload=b'{"a": 1}')
        self.assertEqual(answer["StatusCode"], 200)
        self.assertNotIn("FunctionError", answer)
        self.assertEqual(
            [e["computeEnvironmentName"] for e in batch.describe_compute_environments(
                computeEnvironments=["keep-ce"])["computeEnvironments"]], ["keep-ce"])
        queues = batch.describe_job_queues(jobQueues=["keep-q"])["jobQueues"]
        self.assertEqual([(q["jobQueueName"], q["state"]) for q in queues], [("keep-q", "ENABLED")])
        self.assertEqual(batch.list_tags_for_resource(resourceArn=self.keep_queue)["tags"],
                         {"team": "qa"})
        self.assertEqual(
            [(d["jobDefinitionName"], d["status"]) for d in batch.describe_job_definitions(
                jobDefinitionName="keep-jd")["jobDefinitions"]], [("keep-jd", "ACTIVE")])
        jobs = batch.describe_jobs(jobs=[self.keep_job])["jobs"]
        self.assertEqual([j["jobName"] for j in jobs], ["keep-job"])
        # SUCCEEDED once part 1 has moved the clock on a day.
        self.assertIn(jobs[0]["status"], ("SUBMITTED", "SUCCEEDED"))
        # And it still takes new work.
        batch.submit_job(jobName="after", jobQueue="keep-q", jobDefinition="keep-jd")
        with self.assertRaises(botocore.exceptions.ClientError):
            lam.get_function(FunctionName="nope")

    def test_3_nothing_went_wrong_inside(self):
        type(self).stopped = True
        self.server.__exit__(None, None, None)
        log = self.server.stderr_text
        if VERBOSE:
            print(f"server log: {len(log.splitlines())} lines", file=sys.stderr)
        self.assertNotIn("internal error", log, log[:3000])
        self.assertNotRegex(log, r"\[(error|critical)\]", log[:3000])


if __name__ == "__main__":
    unittest.main()
