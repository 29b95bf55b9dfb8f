"""Nothing a web page can send reaches stepsim, which runs real code: cross-origin "simple" requests,
DNS-rebinding Hosts and unsigned requests to a service are refused through real HTTP, while what
SDKs, the CLI and local pages send still works, and --allow-host / --allow-origin open it on purpose.

Each attack is the request a browser would send: a page on another origin may POST with
Content-Type text/plain and no preflight (an Origin header is all the browser adds), and a page
that rebinds its own host name to 127.0.0.1 sends its own name as Host."""
import base64
import http.client
import io
import json
import os
import tempfile
import unittest
import zipfile
from urllib.parse import urlparse

import botocore.exceptions

from stepsim_server import StepsimServer

ROLE = "arn:aws:iam::123456789012:role/lambda-role"
SIGNED_LAMBDA = ("AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/lambda/aws4_request, "
                 "SignedHeaders=host, Signature=00")


def code_that_writes(marker):
    """A Python function package whose handler creates `marker`: proof that code ran."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app.py", f"def handler(event, context):\n    open({marker!r}, 'w').write('ran')\n"
                                   "    return 'ran'\n")
    return base64.b64encode(buffer.getvalue()).decode()


class Attacks(unittest.TestCase):
    def setUp(self):
        self.server = StepsimServer().__enter__()
        self.addCleanup(self.server.__exit__, None, None, None)
        url = urlparse(self.server.url)
        self.address = (url.hostname, url.port)
        self.lam = self.server.client("lambda")
        self.marker = os.path.join(tempfile.mkdtemp(), "ran")

    def send(self, method, path, body=b"", headers=None):
        """One request with exactly these headers (plus Host, unless given); (status, headers, JSON)."""
        conn = http.client.HTTPConnection(*self.address, timeout=10)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        headers = {"Host": f"127.0.0.1:{self.address[1]}", **(headers or {})}
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.putheader("Content-Length", str(len(body)))
        conn.endheaders(body)
        response = conn.getresponse()
        payload = response.read()
        conn.close()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, (
            json.loads(payload) if payload else None)

    def assert_no_function(self, name):
        with self.assertRaises(self.lam.exceptions.ResourceNotFoundException):
            self.lam.get_function(FunctionName=name)
        self.assertFalse(os.path.exists(self.marker), "the page's code ran")

    def test_cross_origin_simple_post_of_a_scenario_is_refused(self):
        scenario = {"name": "evil", "resources": {"functions": [{
            "FunctionName": "evil", "Runtime": "python3.11", "Handler": "app.handler",
            "Role": ROLE, "Code": {"ZipFile": code_that_writes(self.marker)}}]}}
        body = json.dumps(scenario).encode()
        status, headers, answer = self.send("POST", "/_stepsim/scenario", body, {
            "Origin": "https://attacker.example", "Content-Type": "text/plain;charset=UTF-8"})
        self.assertEqual(status, 403, answer)
        self.assertEqual(answer["__type"], "AccessDeniedException")
        self.assertNotIn("access-control-allow-origin", headers)
        # A browser that sends no Origin (or an old one) still cannot send JSON without a preflight.
        status, _, answer = self.send("POST", "/_stepsim/scenario", body,
                                      {"Content-Type": "text/plain"})
        self.assertEqual(status, 415, answer)
        self.assert_no_function("evil")

    def test_unsigned_simple_requests_to_a_service_are_refused(self):
        create = json.dumps({"FunctionName": "evil", "Runtime": "python3.11", "Role": ROLE,
                             "Handler": "app.handler",
                             "Code": {"ZipFile": code_that_writes(self.marker)}}).encode()
        for content_type in ("text/plain", "application/x-www-form-urlencoded", None):
            headers = {"Content-Type": content_type} if content_type else {}
            status, _, answer = self.send("POST", "/2015-03-31/functions", create, headers)
            self.assertEqual(status, 403, answer)
            self.assertEqual(answer["__type"], "MissingAuthenticationTokenException")
            status, _, answer = self.send("POST", "/2015-03-31/functions/evil/invocations", b"{}",
                                          headers)
            self.assertEqual(status, 403, answer)
        self.assert_no_function("evil")

    def test_dns_rebinding_host_is_refused(self):
        for host in (f"rebind.attacker.example:{self.address[1]}", "attacker.example",
                     f"sync-attacker.example:{self.address[1]}"):
            status, _, answer = self.send("GET", "/2015-03-31/functions/", headers={
                "Host": host, "Authorization": SIGNED_LAMBDA})
            self.assertEqual(status, 403, host)
            self.assertEqual(answer["__type"], "AccessDeniedException")
            self.assertIn("--allow-host", answer["message"])
            status, _, _ = self.send("GET", "/_stepsim/health", headers={"Host": host})
            self.assertEqual(status, 403, host)

    def test_preflight_from_another_origin_is_refused_and_from_a_local_page_answered(self):
        ask = {"Access-Control-Request-Method": "POST",
               "Access-Control-Request-Headers": "authorization,content-type,x-amz-date"}
        status, headers, _ = self.send("OPTIONS", "/2015-03-31/functions",
                                       headers={"Origin": "https://attacker.example", **ask})
        self.assertEqual(status, 403)
        self.assertNotIn("access-control-allow-origin", headers)
        status, headers, _ = self.send("OPTIONS", "/2015-03-31/functions",
                                       headers={"Origin": "http://localhost:5173", **ask})
        self.assertEqual(status, 204)
        self.assertEqual(headers["access-control-allow-origin"], "http://localhost:5173")
        self.assertEqual(headers["access-control-allow-headers"], ask["Access-Control-Request-Headers"])
        # The request the page then sends is answered, and tells the browser it may read it.
        status, headers, answer = self.send("GET", "/2015-03-31/functions/", headers={
            "Origin": "http://localhost:5173", "Authorization": SIGNED_LAMBDA})
        self.assertEqual(status, 200, answer)
        self.assertEqual(headers["access-control-allow-origin"], "http://localhost:5173")
        self.assertIn("x-amzn-RequestId", headers["access-control-expose-headers"])

    def test_sdks_and_local_tools_still_work(self):
        self.lam.create_function(FunctionName="ok", Runtime="python3.11", Role=ROLE,
                                 Handler="fake:echo", Code={"ZipFile": b"PK\x05\x06" + b"\0" * 18})
        self.assertEqual(self.lam.invoke(FunctionName="ok", Payload=b'{"a":1}')["StatusCode"], 200)
        # boto3 unsigned (--no-sign-request) sends amz-sdk-* headers a page cannot.
        from botocore import UNSIGNED
        unsigned = self.server.client("lambda", signature_version=UNSIGNED)
        self.assertIn("ok", [f["FunctionName"] for f in unsigned.list_functions()["Functions"]])
        # curl-style control calls with JSON, and body-less ones.
        self.assertEqual(self.server.control("POST", "/_stepsim/clock", {"mode": "manual"})[0], 200)
        self.assertEqual(self.send("POST", "/_stepsim/reset", headers={"Host": "localhost"})[0], 200)


class OpenedOnPurpose(unittest.TestCase):
    def test_allow_host_and_allow_origin(self):
        with StepsimServer("--allow-host", "stepsim", "--allow-origin", "https://tools.example") as server:
            url = urlparse(server.url)
            conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
            conn.request("GET", "/2015-03-31/functions/", headers={
                "Host": f"stepsim:{url.port}", "Authorization": SIGNED_LAMBDA,
                "Origin": "https://tools.example"})
            response = conn.getresponse()
            response.read()
            self.assertEqual(response.status, 200)
            self.assertEqual(response.getheader("Access-Control-Allow-Origin"), "https://tools.example")
            conn.request("GET", "/2015-03-31/functions/", headers={
                "Host": f"other:{url.port}", "Authorization": SIGNED_LAMBDA})
            response = conn.getresponse()
            response.read()
            self.assertEqual(response.status, 403)
            conn.close()

    def test_listening_beyond_loopback_warns(self):
        with StepsimServer("--host", "0.0.0.0", capture_stderr=True) as server:
            server.client("lambda").list_functions()
        self.assertIn("runs code (Lambda functions, scenarios) for anyone who can reach",
                      server.stderr_text)


if __name__ == "__main__":
    unittest.main()
