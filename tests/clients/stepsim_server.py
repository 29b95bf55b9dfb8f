"""Starts `stepsim serve --port 0` for a client test and hands out clients pointed at it."""
import io
import json
import os
import signal
import subprocess
import tempfile
import unittest
import urllib.error
import urllib.request
import zipfile

import boto3
from botocore.config import Config

STEPSIM_BIN = os.environ.get("STEPSIM_BIN", "build/stepsim")


class StepsimServer:
    """A running server; use as a context manager. Extra CLI flags go in `args`, extra environment
    variables in `env`. With `capture_stderr`, what the server logged is in `stderr_text` once it
    has stopped."""

    def __init__(self, *args, env=None, capture_stderr=False):
        self.args = list(args)
        self.env = env
        self.process = None
        self.url = None
        self.stderr_file = tempfile.TemporaryFile() if capture_stderr else None
        self.stderr_text = ""

    def __enter__(self):
        self.process = subprocess.Popen(
            [STEPSIM_BIN, "serve", "--port", "0",
             *([] if "--log-level" in self.args else ["--log-level", "warn"]), *self.args],
            stdout=subprocess.PIPE, stderr=self.stderr_file, text=True,
            env=None if self.env is None else {**os.environ, **self.env})
        line = self.process.stdout.readline().strip()
        prefix = "stepsim listening on "
        if not line.startswith(prefix):
            self.process.kill()
            raise RuntimeError(f"unexpected first line from stepsim: {line!r}")
        self.url = line[len(prefix):]
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        finally:
            self.process.stdout.close()
            if self.stderr_file:
                self.stderr_file.seek(0)
                self.stderr_text = self.stderr_file.read().decode(errors="replace")
                self.stderr_file.close()
        if exc[0] is None and code != 0:
            raise RuntimeError(f"stepsim exited with {code} after SIGTERM")

    def client(self, service, region="us-east-1", access_key="test", **config):
        """A boto3 client signing for `region` with `access_key` (12 digits name an account)."""
        return boto3.client(
            service, endpoint_url=self.url, region_name=region,
            aws_access_key_id=access_key, aws_secret_access_key="test",
            config=Config(retries={"total_max_attempts": 1}, **config))

    def control(self, method, path, body=None):
        """Calls the control API; returns (status, parsed JSON body)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def clock(self, **body):
        status, clock = self.control("POST", "/_stepsim/clock", body)
        assert status == 200, clock
        return clock

    def raw(self, method, path, body=b"", headers=None):
        """Sends raw bytes (as JSON unless `headers` give another Content-Type); returns (status,
        headers, body bytes)."""
        headers = {"Content-Type": "application/json", **(headers or {})}
        request = urllib.request.Request(self.url + path, data=body if method != "GET" else None,
                                         method=method, headers=headers)
        try:
            with urllib.request.urlopen(request) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()


def zip_of(files):
    """A ZIP package from {name: text}."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def empty_zip():
    """A ZIP package with one empty file: Code for functions whose handler is a fake:<name>."""
    return zip_of({"handler.py": ""})


class StepFunctionsTestCase(unittest.TestCase):
    """A fresh server per test (started with SERVER_ARGS) and a Step Functions client on it."""
    SERVER_ARGS = ("--clock", "manual")

    def setUp(self):
        self.server = StepsimServer(*self.SERVER_ARGS)
        self.server.__enter__()
        self.sfn = self.server.client("stepfunctions")

    def tearDown(self):
        self.server.__exit__(None, None, None)

    def error(self, call, **kwargs):
        """The (code, message) of the 400 that `call` must answer."""
        with self.assertRaises(self.sfn.exceptions.ClientError) as caught:
            call(**kwargs)
        response = caught.exception.response
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 400, response)
        return response["Error"]["Code"], response["Error"]["Message"]
