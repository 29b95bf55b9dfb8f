#!/usr/bin/env python3
"""Writes seed corpora for the fuzz targets from the repository's own examples.

    make_seeds.py OUT_DIR

creates OUT_DIR/<target>/ for each target in tools/fuzz: JSONata expressions from the JSONata unit
tests and the scenarios' "{% %}" fields; paths, intrinsics, templates and Choice rules from every
state machine definition; the definitions and scenario files themselves; and one request per
modeled operation (from the botocore models the build embeds) for the protocol and HTTP targets;
the CloudFormation templates of the scenarios and client tests, and the hand-written ones with
every intrinsic function in tools/fuzz/seeds/fuzz_cfn_template/.
Seeds are named by their content's hash, so writing them twice is harmless.
"""
import ast
import hashlib
import json
import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from embed_service_model import load_model  # noqa: E402

SERVICES = {"batch": 0, "lambda": 1, "stepfunctions": 2, "iam": 3, "sts": 4}  # fuzz_protocol's byte
QUERY_VERSIONS = {"iam": "2010-05-08", "sts": "2011-06-15"}


def write(out: Path, target: str, data: bytes) -> None:
    directory = out / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def json_files():
    for folder in ("scenarios", "tests/scenarios", "tests/clients/data"):
        yield from sorted((ROOT / folder).rglob("*.json"))


def load(path: Path):
    try:
        return json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError):
        return None


def walk(value, key=""):
    """Every (key, value) pair inside a JSON value, depth first."""
    yield key, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from walk(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v, key)


def definitions():
    """Every state machine definition: *.asl.json files and those inlined in scenarios."""
    for path in json_files():
        doc = load(path)
        if doc is None:
            continue
        for key, value in walk(doc):
            if isinstance(value, dict) and "States" in value and "StartAt" in value:
                yield value
            elif key in ("definition", "Definition") and isinstance(value, str):
                inner = load_text(value)
                if isinstance(inner, dict):
                    yield inner


def load_text(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def jsonata_expressions():
    literal = re.compile(r'"(?:[^"\\]|\\.)*"')
    for test in sorted((ROOT / "tests/unit/jsonata").glob("*.cpp")):
        for line in test.read_text().splitlines():
            stripped = line.strip()
            if not (stripped.startswith('{"') or "CHECK_JSONATA" in stripped or "eval" in stripped):
                continue
            match = literal.search(stripped)
            if match:
                try:
                    yield ast.literal_eval(match.group(0))
                except (ValueError, SyntaxError):
                    pass
    for definition in definitions():
        for _, value in walk(definition):
            if isinstance(value, str) and value.startswith("{%") and value.endswith("%}"):
                yield value[2:-2].strip()


def asl_seeds(out: Path):
    for definition in definitions():
        for key, value in walk(definition):
            if isinstance(value, str) and key.endswith(".$"):
                write(out, "fuzz_asl_expressions", bytes([2 if value.startswith("States.") else 0]) + value.encode())
            elif isinstance(value, str) and key in ("ResultPath", "InputPath", "OutputPath", "Variable"):
                write(out, "fuzz_asl_expressions", b"\x01" + value.encode())
            elif isinstance(value, dict) and key in ("Parameters", "ResultSelector", "ItemSelector"):
                write(out, "fuzz_asl_expressions", b"\x03" + json.dumps(value).encode())
            elif isinstance(value, list) and key == "Choices":
                for rule in value:
                    write(out, "fuzz_asl_expressions", b"\x04" + json.dumps(rule).encode())
            elif key in ("Arguments", "Output", "Assign") and value is not None:
                write(out, "fuzz_asl_expressions", b"\x06" + json.dumps(value).encode())
            elif isinstance(value, str) and key == "Timestamp":
                write(out, "fuzz_asl_expressions", b"\x05" + value.encode())
    write(out, "fuzz_asl_expressions", b"\x052024-02-29T23:59:59.123456789+05:30")


def operation_requests():
    """(service, method, target, headers, body) for every modeled operation."""
    for service, _ in SERVICES.items():
        spec = load_model(service)  # the model the build embeds
        for name, op in sorted(spec["operations"].items()):
            if service == "stepfunctions":
                yield service, "POST", "/", [("X-Amz-Target", f"AWSStepFunctions.{name}"),
                                            ("Content-Type", "application/x-amz-json-1.0")], "{}"
                continue
            if service in QUERY_VERSIONS:
                yield service, "POST", "/", [("Content-Type", "application/x-www-form-urlencoded")], \
                    f"Action={name}&Version={QUERY_VERSIONS[service]}&Tags.member.1.Key=k"
                continue
            uri = re.sub(r"\{[^}]+\}", "name-1", op["http"]["requestUri"])
            yield service, op["http"]["method"], uri, [("Content-Type", "application/json")], "{}"


def protocol_seeds(out: Path):
    elsewhere = set()  # services with a seed signed for another account and region
    for service, method, target, headers, body in operation_requests():
        text = f"{method} {target}\n" + "".join(f"{k}: {v}\n" for k, v in headers) + "\n" + body
        write(out, "fuzz_protocol", bytes([SERVICES[service]]) + text.encode())
        signing_name = service if service != "stepfunctions" else "states"
        scopes = ["test/20240101/us-east-1"]
        if service not in elsewhere:
            elsewhere.add(service)
            scopes.append("111122223333/20240101/eu-west-1")  # resources live per account, region
        for scope in scopes:
            signed = headers + [("Host", "127.0.0.1:4566"),
                                ("Authorization", f"AWS4-HMAC-SHA256 Credential={scope}/"
                                                  f"{signing_name}/aws4_request")]
            write(out, "fuzz_http_request", http_request(method, target, signed, body))


def policy_seeds(out: Path):
    """The policy documents of the scenarios, as identity (0) and trust (1) policies."""
    for path in json_files():
        doc = load(path)
        if doc is None:
            continue
        for key, value in walk(doc):
            if key in ("PolicyDocument", "AssumeRolePolicyDocument") and isinstance(value, dict):
                kind = b"\x01" if key == "AssumeRolePolicyDocument" else b"\x00"
                write(out, "fuzz_policy", kind + json.dumps(value).encode())


def cfn_template_seeds(out: Path):
    templates = [*sorted((ROOT / "scenarios/cloudformation").glob("*")),
                 ROOT / "tests/clients/data/cdk_greeter.template.json",
                 *sorted((ROOT / "tools/fuzz/seeds/fuzz_cfn_template").glob("*"))]
    for path in templates:
        if path.is_file():
            write(out, "fuzz_cfn_template", path.read_bytes())


def http_request(method, target, headers, body):
    lines = [f"{method} {target} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers]
    lines.append(f"Content-Length: {len(body.encode())}")
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


def main() -> int:
    out = Path(sys.argv[1])
    for expression in jsonata_expressions():
        write(out, "fuzz_jsonata", expression.encode())
    asl_seeds(out)
    for definition in definitions():
        text = json.dumps(definition).encode()
        write(out, "fuzz_definition", b"\x00" + text)
        write(out, "fuzz_definition", b"\x01" + text)
    for path in json_files():
        doc = load(path)
        if isinstance(doc, dict) and "States" not in doc and "MockedResponses" not in doc:
            write(out, "fuzz_scenario", path.read_bytes())
            write(out, "fuzz_http_request", http_request(
                "POST", "/_stepsim/scenario", [("Host", "localhost"), ("Content-Type", "application/json")],
                path.read_text()))
    protocol_seeds(out)
    policy_seeds(out)
    cfn_template_seeds(out)
    for target in sorted(os.listdir(out)):
        print(f"{target}: {len(os.listdir(out / target))} seeds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
