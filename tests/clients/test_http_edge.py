"""The HTTP edge on raw sockets: keep-alive, pipelining, chunked bodies, 100-continue, size caps,
garbage, slow clients, and routing by credential scope rather than Host."""
import json
import socket
import time
import unittest
from urllib.parse import urlparse

from stepsim_server import StepsimServer

SIGNED_BATCH = ("AWS4-HMAC-SHA256 Credential=AKID/20261125/us-east-1/batch/aws4_request, "
                "SignedHeaders=host, Signature=00")


class Connection:
    """A client socket with a read buffer, so pipelined responses can be read one by one."""

    def __init__(self, address):
        self.sock = socket.create_connection(address, timeout=10)
        self.buffer = b""

    def sendall(self, data):
        self.sock.sendall(data)

    def recv_raw(self, n=1024):
        if self.buffer:
            data, self.buffer = self.buffer, b""
            return data
        return self.sock.recv(n)

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed with {self.buffer!r} unread")
        self.buffer += chunk

    def read_response(self):
        """One Content-Length framed response: (status, lower-cased headers, body)."""
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.decode().split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, v in (l.split(":", 1) for l in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, headers, body

    def close(self):
        self.sock.close()


class HttpEdge(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer("--clock", "manual").__enter__()
        url = urlparse(cls.server.url)
        cls.address = (url.hostname, url.port)

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def connect(self):
        conn = Connection(self.address)
        self.addCleanup(conn.close)
        return conn

    def request(self, path, body=b"{}", extra=""):
        return (f"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n{extra}\r\n").encode() + body

    def test_keep_alive_and_pipelining(self):
        sock = self.connect()
        sock.sendall(self.request("/v1/describejobqueues") + self.request("/_stepsim/clock", b"{}"))
        first = sock.read_response()
        self.assertEqual(first[0], 200)
        self.assertEqual(json.loads(first[2]), {"jobQueues": []})
        self.assertIn("x-amzn-requestid", first[1])
        second = sock.read_response()
        self.assertEqual(second[0], 200)
        self.assertIn("epochMillis", json.loads(second[2]))
        sock.sendall(self.request("/v1/describejobqueues"))
        self.assertEqual(sock.read_response()[0], 200)

    def test_chunked_body(self):
        sock = self.connect()
        body = b'{"jobs": []}'
        sock.sendall(b"POST /v1/describejobs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                     + b"%x\r\n" % 5 + body[:5] + b"\r\n" + b"%x\r\n" % (len(body) - 5) + body[5:]
                     + b"\r\n0\r\n\r\n")
        status, _, payload = sock.read_response()
        self.assertEqual(status, 200, payload)
        self.assertEqual(json.loads(payload), {"jobs": []})

    def test_expect_100_continue(self):
        sock = self.connect()
        body = b"{}"
        sock.sendall(b"POST /v1/describejobqueues HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
                     b"Content-Length: 2\r\n\r\n")
        interim = sock.recv_raw()
        self.assertTrue(interim.startswith(b"HTTP/1.1 100 Continue"), interim)
        sock.sendall(body)
        self.assertEqual(sock.read_response()[0], 200)

    def test_body_over_the_cap_is_413(self):
        sock = self.connect()
        sock.sendall(b"POST /v1/describejobs HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000000\r\n\r\n")
        sock.sendall(b"x" * 65536)
        status, _, payload = sock.read_response()
        self.assertEqual(status, 413)
        self.assertIn(b"message", payload)

    def test_garbage_gets_400_and_others_are_still_served(self):
        for garbage in (b"HELLO\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"\x00\xff\xfe\r\n\r\n",
                        b"POST /v1/describejobs HTTP/1.1\r\nContent-Length: -5\r\n\r\n"):
            sock = self.connect()
            sock.sendall(garbage)
            status, headers, _ = sock.read_response()
            self.assertEqual(status, 400, garbage)
            self.assertEqual(headers.get("connection"), "close", garbage)
        self.assertEqual(self.server.control("GET", "/_stepsim/health")[0], 200)

    def test_slow_client_does_not_block_others(self):
        slow = self.connect()
        slow.sendall(b"POST /v1/describejobqueues HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Le")
        began = time.perf_counter()
        self.assertEqual(self.server.control("GET", "/_stepsim/health")[0], 200)
        self.assertLess(time.perf_counter() - began, 1.0)
        slow.sendall(b"ngth: 2\r\n\r\n{}")
        self.assertEqual(slow.read_response()[0], 200)

    def test_routing_by_scope_not_host(self):
        sock = self.connect()
        sock.sendall(b"POST /v1/describejobqueues HTTP/1.1\r\nHost: sync-localhost\r\n"
                     b"Authorization: " + SIGNED_BATCH.encode() + b"\r\nContent-Length: 2\r\n\r\n{}")
        self.assertEqual(sock.read_response()[0], 200)
        states = SIGNED_BATCH.replace("/batch/", "/states/").encode()
        body = b'{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:m:e"}'
        sock.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\nX-Amz-Target: AWSStepFunctions.ListMapRuns\r\n"
                     b"Authorization: " + states + b"\r\nContent-Length: " +
                     str(len(body)).encode() + b"\r\n\r\n" + body)
        status, headers, payload = sock.read_response()
        # Step Functions answered (the execution is unknown to it), not Batch.
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(payload)["__type"], "ExecutionDoesNotExist")
        self.assertEqual(headers["content-type"], "application/x-amz-json-1.0")
        other = SIGNED_BATCH.replace("/batch/", "/s3/").encode()
        sock.sendall(b"GET /v1/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + other + b"\r\n\r\n")
        status, _, payload = sock.read_response()
        self.assertEqual(status, 400)
        self.assertIn(b"s3", payload)


if __name__ == "__main__":
    unittest.main()
