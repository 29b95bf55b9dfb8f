"""Requests that once ended the server process (each exited 1 or died of a stack overflow) now get
a clear error, and the same process goes on serving with its resources intact. One fresh server
per case, so one case's crash cannot hide another's.

- invalid UTF-8 echoed in a control 404 or in a JSON parse error (nlohmann's dump threw);
- a scenario body `1e400` (a number overflow nlohmann throws as out_of_range, not parse_error), and
  `stepsim run`, `validate` and `serve --mock-config` given such a file (exit 1 instead of 2);
- a Lambda Invoke payload, and a scripted Lambda Return, nested 50,000 deep (the JSON writer
  recursed once per level);
- a scenario whose code directory holds a symbolic link (two ZIP entries of one name: libzip
  refused and the error escaped the scenario endpoint)."""
import json
import os
import subprocess
import tempfile
import textwrap
import unittest

from stepsim_server import STEPSIM_BIN, StepsimServer, empty_zip

ROLE = "arn:aws:iam::123456789012:role/lambda-role"
DEEP = 50_000


def deep_array(depth=DEEP):
    return b"[" * depth + b"]" * depth


class NeverDown(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer().__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)
        self.lam = self.server.client("lambda")
        self.lam.create_function(FunctionName="echo", Runtime="python3.11", Role=ROLE,
                                 Handler="fake:echo", Code={"ZipFile": empty_zip()})

    def tearDown(self):
        # Still the same process, still serving, nothing lost.
        self.assertIsNone(self.server.process.poll(), "the server exited")
        self.assertEqual(self.server.control("GET", "/_stepsim/health")[0], 200)
        answer = self.lam.invoke(FunctionName="echo", Payload=b'{"still": "here"}')
        self.assertEqual(json.loads(answer["Payload"].read()), {"still": "here"})

    def test_invalid_utf8_in_a_control_path(self):
        status, _, body = self.server.raw("GET", "/_stepsim/%FF")
        self.assertEqual(status, 404)
        json.loads(body.decode("utf-8"))
        # The raw byte itself, not percent-encoded, as a hostile client sends it.
        import socket
        from urllib.parse import urlparse
        url = urlparse(self.server.url)
        with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
            sock.sendall(b"GET /_stepsim/\xff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            reply = b""
            while chunk := sock.recv(65536):
                reply += chunk
        head, body = reply.split(b"\r\n\r\n", 1)
        self.assertIn(b" 404 ", head.split(b"\r\n")[0])
        self.assertIn("\ufffd", json.loads(body.decode("utf-8"))["message"])

    def test_invalid_utf8_in_a_scenario_body(self):
        status, _, body = self.server.raw("POST", "/_stepsim/scenario", b'{"mode":"\xff"}')
        self.assertEqual(status, 400)
        self.assertIn("ill-formed UTF-8", json.loads(body.decode("utf-8"))["message"])

    def test_number_overflow_in_a_scenario_body(self):
        status, _, body = self.server.raw("POST", "/_stepsim/scenario", b"1e400")
        self.assertEqual(status, 400)
        self.assertIn("number overflow parsing '1e400'", json.loads(body)["message"])

    def test_deeply_nested_invoke_payload(self):
        with self.assertRaises(self.lam.exceptions.InvalidRequestContentException) as refused:
            self.lam.invoke(FunctionName="echo", Payload=deep_array())
        self.assertIn("deeper than 1000 levels", str(refused.exception))

    def test_deeply_nested_scripted_return(self):
        body = (b'{"functionName":"echo","responses":{"0":{"Return":' + deep_array() + b"}}}")
        status, _, answer = self.server.raw("POST", "/_stepsim/lambda/responses", body)
        self.assertEqual(status, 400, answer)
        self.assertIn(b"deeper than 1000 levels", answer)

    def test_deeply_nested_service_bodies(self):
        deep = b'{"jobName":"j","jobQueue":"q","jobDefinition":"d","parameters":' + deep_array() + b"}"
        status, _, answer = self.server.raw("POST", "/v1/submitjob", deep)
        self.assertEqual(status, 400, answer)
        self.assertEqual(json.loads(answer)["__type"], "ClientException")
        status, _, answer = self.server.raw("POST", "/2015-03-31/functions", b'{"a":' + deep_array() + b"}")
        self.assertEqual(status, 400, answer)

    def test_symbolic_links_in_a_code_directory(self):
        with tempfile.TemporaryDirectory() as tmp:
            code = os.path.join(tmp, "code")
            os.mkdir(code)
            with open(os.path.join(code, "app.py"), "w") as f:
                f.write("def handler(event, context):\n    return {'via': __name__}\n")
            os.symlink("app.py", os.path.join(code, "alias.py"))
            scenario = {"name": "links", "description": "code with links", "resources": {"functions": [{
                "FunctionName": "linked", "Runtime": "python3.11", "Handler": "alias.handler",
                "Role": ROLE, "Code": {"Path": code}}]}}
            status, answer = self.server.control("POST", "/_stepsim/scenario", scenario)
            self.assertEqual(status, 200, answer)
            result = self.lam.invoke(FunctionName="linked", Payload=b"{}")
            self.assertEqual(json.loads(result["Payload"].read()), {"via": "alias"})

            os.symlink(tmp, os.path.join(code, "loop"))  # a link to a directory (here: a cycle)
            scenario["resources"]["functions"][0]["FunctionName"] = "looped"
            status, answer = self.server.control("POST", "/_stepsim/scenario", scenario)
            self.assertEqual(status, 400, answer)
            self.assertIn("/resources/functions/0/Code/Path", answer["message"])
            self.assertIn("loop is a symbolic link to no regular file", answer["message"])


class JsonLogsStayJson(unittest.TestCase):
    def test_invalid_utf8_in_a_request_is_logged_as_valid_json(self):
        with StepsimServer("--log-level", "info", "--log-format", "json", capture_stderr=True) as server:
            from urllib.parse import urlparse
            import socket
            url = urlparse(server.url)
            with socket.create_connection((url.hostname, url.port), timeout=10) as sock:
                sock.sendall(b"GET /_stepsim/\xff HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                while sock.recv(65536):
                    pass
        lines = [json.loads(line) for line in server.stderr_text.splitlines()]
        self.assertIn("/_stepsim/\ufffd", [line.get("operation") for line in lines])


class NumberOverflowInFiles(unittest.TestCase):
    """Files with a number no double holds are usage errors (exit 2, file:line), like any bad file."""

    def run_stepsim(self, *args):
        return subprocess.run([STEPSIM_BIN, *args], capture_output=True, text=True, timeout=60)

    def test_run_validate_and_mock_config(self):
        with tempfile.TemporaryDirectory() as tmp:
            scenario = os.path.join(tmp, "overflow.json")
            with open(scenario, "w") as f:
                f.write('{"name": "overflow",\n "seed": 1e400}\n')
            for args in (["run", scenario], ["validate", scenario]):
                result = self.run_stepsim(*args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(f"{scenario}:2:", result.stderr)
                self.assertIn("number overflow", result.stderr)
            mock = os.path.join(tmp, "MockConfigFile.json")
            with open(mock, "w") as f:
                f.write(textwrap.dedent("""\
                    {"StateMachines": {},
                     "MockedResponses": {"R": {"0": {"Return": {"n": -1e400}}}}}
                    """))
            result = self.run_stepsim("serve", "--port", "0", "--mock-config", mock)
            self.assertEqual(result.returncode, 2, result.stderr)
            self.assertIn("number overflow", result.stderr)


if __name__ == "__main__":
    unittest.main()
