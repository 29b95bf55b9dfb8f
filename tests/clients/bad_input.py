"""Shared by the bad-input tests (test_sfn_bad_input.py, test_rest_bad_input.py): values generated
from a botocore model's shapes, and the judge of one raw request's answer.

A bad-input test sends raw HTTP requests built from an operation's input shape: first values every
shape accepts, then, member by member (nested ones too), values of the wrong JSON type and values
that break the shape's constraints. Every answer must be a 2xx (where the input happens to be
acceptable) or a 4xx carrying one of the operation's modeled errors or a generic one; a 5xx, a
dropped connection or a hang fails at once."""
import copy
import http.client
import json
import socket
import sys

import botocore.loaders

VERBOSE = "-v" in sys.argv
SOCKET_TIMEOUT = 15  # seconds a request may take before it counts as a hang


def signed(signing_name):
    """The Authorization header of a request signed for `signing_name` (states, lambda, batch):
    stepsim routes on the credential scope and refuses requests without one; it does not check
    the signature."""
    return (f"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/{signing_name}/aws4_request, "
            "SignedHeaders=host, Signature=00")


def nested(depth):
    """JSON text of arrays nested `depth` deep."""
    return "[" * depth + "]" * depth


def load_model(service):
    return botocore.loaders.Loader().load_service_model(service, "service-2")


def malformed_bodies(base):
    """Request bodies that are not a JSON object: broken JSON, invalid UTF-8, other JSON types.
    `base` is a valid input object (it is also sent wrapped in an array)."""
    return (b"{not json", b'{"a":', b"{", b"}", b'{"a" 1}', b"{'a': 1}", b'{"a":1,}',
            b"\xff\xfe\x00", b'{"name": "\xff\xfe"}', b'{"name": "\\ud800"}',
            b'{"name": "a"} trailing', b"nul", b"\x00" * 16, b"[]", b"[{}]",
            b"[" + json.dumps(base).encode() + b"]", b"null", b'"string"', b"123", b"true",
            b"1e400", b'{"maxResults": 1e400}')


class ShapeCases:
    """Valid and invalid values for the model's shapes. `strings(shape, member, operation)` gives a
    valid value for a string (or blob) member where the name carries meaning (an ARN, a
    definition), or None for the default: the shortest run of "a" its length allows. Maps get one
    entry, keyed `map_key`, or by what `map_key(key shape)` gives."""

    def __init__(self, model, strings=None, map_key="k"):
        self.shapes = model["shapes"]
        self.strings = strings or (lambda shape, member, operation: None)
        self.map_key = map_key

    def shape(self, ref):
        return self.shapes[ref["shape"]]

    def valid(self, shape, member, operation, depth=0, required_only=False):
        """A value the shape validator accepts; names decide the values that carry meaning. With
        `required_only`, structures hold their required members only."""
        kind = shape["type"]
        if kind == "structure":
            out = {}
            if depth > (12 if required_only else 3):
                return out
            for name, ref in shape["members"].items():
                if not required_only or name in shape.get("required", []):
                    out[name] = self.valid(self.shape(ref), name, operation, depth + 1,
                                           required_only)
            return out
        if kind == "list":
            return [self.valid(self.shape(shape["member"]), member, operation, depth + 1,
                               required_only)]
        if kind == "map":
            key = self.map_key(self.shape(shape["key"])) if callable(self.map_key) else \
                self.map_key
            return {key: self.valid(self.shape(shape["value"]), member, operation, depth + 1,
                                    required_only)}
        if kind == "string":
            if "enum" in shape:
                return shape["enum"][0]
            chosen = self.strings(shape, member, operation)
            if chosen is not None:
                return chosen
            low = shape.get("min", 0)
            return "a" * max(low, 1) if shape.get("max", 1) >= 1 else ""
        if kind in ("integer", "long"):
            return int(shape["min"]) if "min" in shape else min(1, int(shape.get("max", 1)))
        if kind in ("float", "double"):
            return float(shape.get("min", 1))
        if kind == "boolean":
            return False
        if kind == "timestamp":
            return 1767225600
        if kind == "blob":
            chosen = self.strings(shape, member, operation)
            return "" if chosen is None else chosen
        raise AssertionError(f"unexpected shape type {kind}")

    @staticmethod
    def bad_values(shape):
        """(label, value, validator-level?) for one shape: wrong types, then constraint breaks."""
        kind = shape["type"]
        out = []
        wrong_types = {
            "string": [123, 1.5, {}, [], True],
            "integer": ["5", 1.5, True, [], {}, 2 ** 31, -(2 ** 31) - 1, 10 ** 30],
            "long": ["5", 1.5, True, [], {}, 2 ** 64, 10 ** 30],
            "boolean": ["true", 1, [], {}],
            "list": ["x", 1, {}, True],
            "map": ["x", [], 1],
            "structure": ["x", [], 1, True],
            "timestamp": [{}, [], True],
            "blob": [1, {}],
        }
        for value in wrong_types.get(kind, []):
            out.append((f"wrong type {type(value).__name__}", value, True))
        if kind == "string":
            if "max" in shape:
                out.append(("over max length", "a" * (int(shape["max"]) + 1), True))
            if shape.get("min", 0) > 0:
                out.append(("under min length", "a" * (int(shape["min"]) - 1), True))
            if "enum" in shape:
                out.append(("outside enum", "NOT_AN_ENUM_VALUE", True))
                # Enum values are case-sensitive ("x86_64" is one already: try "X86_64").
                for label, variant in (("lower", shape["enum"][0].lower()),
                                       ("upper", shape["enum"][0].upper())):
                    if variant not in shape["enum"]:
                        out.append((f"enum in {label} case", variant, True))
                        break
            if "pattern" in shape:
                # Breaks every pattern in the models; only the 4xx is asserted (std::regex may not
                # compile \p{ASCII}, which the validator then skips).
                out.append(("outside pattern", "\u00e9 \t1", False))
        if kind in ("integer", "long"):
            if "min" in shape:
                out.append(("under min", int(shape["min"]) - 1, True))
            if "max" in shape:
                out.append(("over max", int(shape["max"]) + 1, True))
        if kind == "list":
            if "max" in shape:
                out.append(("too many elements", ["x"] * (int(shape["max"]) + 1), True))
            if shape.get("min", 0) > 0:
                out.append(("too few elements", [], True))
        return out

    def member_paths(self, shape, value, path=()):
        """(path, shape, parent-member name) of every member reachable in a full valid value."""
        kind = shape["type"]
        if kind == "structure":
            for name, ref in shape["members"].items():
                if name in value:
                    sub = self.shape(ref)
                    yield (*path, name), sub, name
                    yield from self.member_paths(sub, value[name], (*path, name))
        elif kind == "list" and value:
            sub = self.shape(shape["member"])
            yield (*path, 0), sub, path[-1]
            yield from self.member_paths(sub, value[0], (*path, 0))
        elif kind == "map" and value:
            sub = self.shape(shape["value"])
            key = next(iter(value))
            yield (*path, key), sub, path[-1]
            yield from self.member_paths(sub, value[key], (*path, key))

    def shape_at(self, shape, path):
        """The shapes met along `path` from `shape`: one per step, the last being the member's."""
        out = []
        for step in path:
            if shape["type"] == "structure":
                shape = self.shape(shape["members"][step])
            elif shape["type"] == "list":
                shape = self.shape(shape["member"])
            else:
                shape = self.shape(shape["value"])
            out.append(shape)
        return out


def replaced(value, path, new, fill=None):
    """A copy of `value` with the member at `path` set to `new`. A container on the way that
    `value` lacks is made by `fill(path prefix ending at it)`."""
    out = copy.deepcopy(value)
    node = out
    for i, step in enumerate(path[:-1]):
        present = (step in node) if isinstance(node, dict) else step < len(node)
        if not present:
            if fill is None:
                raise KeyError(f"{path}: nothing to build {step!r} from")
            node[step] = fill(path[:i + 1])
        node = node[step]
    node[path[-1]] = new
    return out


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        try:
            self.json = json.loads(body) if body else None
        except (ValueError, RecursionError):  # a function's result may nest 1000 levels deep
            self.json = None

    @property
    def code(self):
        return self.json.get("__type") if isinstance(self.json, dict) else None

    @property
    def message(self):
        if not isinstance(self.json, dict):
            return ""
        return str(self.json.get("message", self.json.get("Message", "")))


def exchange(address, method, target, body, headers):
    """One raw request on its own connection; raises on a drop or a hang."""
    conn = http.client.HTTPConnection(*address, timeout=SOCKET_TIMEOUT)
    try:
        conn.request(method, target, body=body, headers=headers)
        response = conn.getresponse()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()},
                      response.read())
    finally:
        conn.close()


class RawCaseChecks:
    """Mixed into a unittest.TestCase that has `server` (a StepsimServer) and sets `counted` and
    `problems` in setUp. `judge_protocol(shown, answer)` adds the protocol's own assertions."""

    ERROR_CONTENT_TYPE = None

    def check_sent(self, shown, send, allow_success, codes, mentions):
        """Sends one case via `send()`. A hang, a drop, a dead server or a 5xx fails at once; an
        answer that is not a clean modeled 4xx (or an allowed 2xx) is recorded in self.problems."""
        try:
            answer = send()
        except (socket.timeout, TimeoutError) as error:
            self.fail(f"{shown}: no answer within {SOCKET_TIMEOUT}s ({error})")
        except (ConnectionError, http.client.HTTPException) as error:
            self.fail(f"{shown}: connection dropped ({error!r})")
        self.assertIsNone(self.server.process.poll(), f"{shown}: the server died")
        self.assertLess(answer.status, 500, f"{shown}: {answer.status} {answer.body[:300]!r}")
        self.counted += 1
        if VERBOSE:
            print(f"  {answer.status} {answer.code} {shown}: {answer.message[:100]}",
                  file=sys.stderr)
        try:
            self.judge(shown, answer, allow_success, codes, mentions)
        except AssertionError as problem:
            self.problems.append(str(problem))
        return answer

    def judge(self, shown, answer, allow_success, codes, mentions):
        if allow_success and 200 <= answer.status < 300:
            return
        self.assertTrue(400 <= answer.status < 500,
                        f"{shown}: status {answer.status} {answer.body[:300]!r}")
        self.assertIsInstance(answer.json, dict, f"{shown}: body {answer.body[:300]!r}")
        self.assertIsInstance(answer.code, str, f"{shown}: body {answer.body[:300]!r}")
        self.assertIn(answer.code, codes, f"{shown}: {answer.body[:300]!r}")
        self.assertTrue(answer.message, f"{shown}: no message in {answer.body[:300]!r}")
        self.assertEqual(answer.headers.get("content-type"), self.ERROR_CONTENT_TYPE, shown)
        self.assertIn("x-amzn-requestid", answer.headers, shown)
        # A JSON value of an unexpected type met inside a handler used to be answered with the
        # library's exception as the message (it is a 500 now): the shape validator, which names
        # the member, must refuse it first.
        self.assertNotIn("Invalid request: [json.exception", answer.message,
                         f"{shown}: {answer.message}")
        self.judge_protocol(shown, answer)
        if mentions:
            self.assertIn(mentions, answer.message, f"{shown}: {answer.message}")

    def judge_protocol(self, shown, answer):
        pass

    def report(self, what, minimum):
        """Ends a generated run: prints the count, fails on recorded problems or too few cases."""
        print(f"\n{self.counted} raw cases over {what}", file=sys.stderr)
        self.assertFalse(self.problems, f"{len(self.problems)} answers were not clean modeled "
                         "errors:\n" + "\n".join(self.problems[:60]))
        self.assertGreater(self.counted, minimum)
