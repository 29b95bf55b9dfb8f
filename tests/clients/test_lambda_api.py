"""The Lambda control plane through boto3 and the AWS CLI: functions, code and configuration
updates, versions, aliases, tags, account settings, paging, waiters and the modeled errors."""
import base64
import hashlib
import io
import json
import os
import subprocess
import unittest
import zipfile

import botocore.exceptions

from stepsim_server import StepsimServer

ROLE = "arn:aws:iam::123456789012:role/lambda-role"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:"


def make_zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content)
    return buffer.getvalue()


HANDLER_ZIP = make_zip({"app.py": "def handler(event, context):\n    return event\n"})


def sha256_b64(data):
    return base64.b64encode(hashlib.sha256(data).digest()).decode()


class LambdaApi(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = StepsimServer("--clock", "manual").__enter__()
        cls.lam = cls.server.client("lambda")

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)

    def setUp(self):
        status, _ = self.server.control("POST", "/_stepsim/reset", {})
        self.assertEqual(status, 200)

    def create(self, name, code=HANDLER_ZIP, **extra):
        args = dict(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler="app.handler",
                    Code={"ZipFile": code})
        args.update(extra)
        return self.lam.create_function(**args)

    def assertLambdaError(self, exception, status, call, *args, **kwargs):
        with self.assertRaises(exception) as caught:
            call(*args, **kwargs)
        response = caught.exception.response
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], status)
        self.assertEqual(response.get("Type"), "User")
        self.assertTrue(response["Error"]["Message"])
        return response["Error"]["Message"]

    def test_create_wait_get_list_delete(self):
        created = self.create("fn", Environment={"Variables": {"KEY_A": "1"}}, Tags={"team": "x"},
                              Timeout=30, MemorySize=256)
        self.assertEqual(created["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(created["FunctionArn"], ARN + "fn")
        self.assertEqual(created["CodeSha256"], sha256_b64(HANDLER_ZIP))
        self.assertEqual(created["CodeSize"], len(HANDLER_ZIP))
        self.assertEqual(created["Timeout"], 30)
        self.assertEqual(created["MemorySize"], 256)
        self.assertEqual(created["Version"], "$LATEST")
        self.assertEqual(created["State"], "Active")
        self.assertEqual(created["LastModified"], "2026-01-01T00:00:00.000+0000")
        self.assertEqual(created["Environment"], {"Variables": {"KEY_A": "1"}})
        self.lam.get_waiter("function_active_v2").wait(FunctionName="fn")
        self.lam.get_waiter("function_exists").wait(FunctionName="fn")

        got = self.lam.get_function(FunctionName="fn")
        self.assertEqual(got["Configuration"]["RevisionId"], created["RevisionId"])
        self.assertEqual(got["Code"]["RepositoryType"], "S3")
        self.assertEqual(got["Tags"], {"team": "x"})
        config = self.lam.get_function_configuration(FunctionName=ARN + "fn")
        self.assertEqual(config["FunctionName"], "fn")
        self.assertEqual([f["FunctionName"] for f in self.lam.list_functions()["Functions"]], ["fn"])

        deleted = self.lam.delete_function(FunctionName="fn")
        self.assertEqual(deleted["ResponseMetadata"]["HTTPStatusCode"], 204)
        message = self.assertLambdaError(self.lam.exceptions.ResourceNotFoundException, 404,
                                         self.lam.get_function, FunctionName="fn")
        self.assertEqual(message, "Function not found: " + ARN + "fn")

    def test_update_code_and_configuration(self):
        created = self.create("fn")
        code2 = make_zip({"app.py": "def handler(e, c):\n    return 2\n"})
        updated = self.lam.update_function_code(FunctionName="fn", ZipFile=code2,
                                                RevisionId=created["RevisionId"])
        self.assertEqual(updated["CodeSha256"], sha256_b64(code2))
        self.assertNotEqual(updated["RevisionId"], created["RevisionId"])
        self.lam.get_waiter("function_updated").wait(FunctionName="fn")
        self.lam.get_waiter("function_updated_v2").wait(FunctionName="fn")
        self.assertLambdaError(self.lam.exceptions.PreconditionFailedException, 412,
                               self.lam.update_function_code, FunctionName="fn", ZipFile=code2,
                               RevisionId=created["RevisionId"])
        config = self.lam.update_function_configuration(
            FunctionName="fn", Timeout=60, MemorySize=1024, Handler="fake:echo",
            Description="now a fake", Environment={"Variables": {"KEY_B": "2"}})
        self.assertEqual((config["Timeout"], config["MemorySize"], config["Handler"]),
                         (60, 1024, "fake:echo"))
        self.assertEqual(config["Environment"]["Variables"], {"KEY_B": "2"})
        self.assertEqual(self.lam.get_function_configuration(FunctionName="fn")["Description"],
                         "now a fake")

    def test_versions_and_aliases(self):
        created = self.create("fn", Publish=True)
        self.assertEqual(created["Version"], "1")
        self.assertEqual(self.lam.publish_version(FunctionName="fn")["Version"], "1")
        self.lam.update_function_configuration(FunctionName="fn", Timeout=9)
        v2 = self.lam.publish_version(FunctionName="fn", Description="two")
        self.assertEqual(v2["ResponseMetadata"]["HTTPStatusCode"], 201)
        self.assertEqual(v2["Version"], "2")
        self.assertEqual(v2["FunctionArn"], ARN + "fn:2")
        versions = self.lam.list_versions_by_function(FunctionName="fn")["Versions"]
        self.assertEqual([v["Version"] for v in versions], ["$LATEST", "1", "2"])
        paged = [v["Version"] for page in self.lam.get_paginator("list_versions_by_function")
                 .paginate(FunctionName="fn", PaginationConfig={"PageSize": 1}) for v in page["Versions"]]
        self.assertEqual(paged, ["$LATEST", "1", "2"])

        alias = self.lam.create_alias(FunctionName="fn", Name="prod", FunctionVersion="1",
                                      RoutingConfig={"AdditionalVersionWeights": {"2": 0.25}})
        self.assertEqual(alias["AliasArn"], ARN + "fn:prod")
        self.assertEqual(alias["RoutingConfig"], {"AdditionalVersionWeights": {"2": 0.25}})
        self.assertEqual(self.lam.get_function_configuration(FunctionName="fn:prod")["Timeout"], 3)
        self.assertEqual(self.lam.get_function(FunctionName="fn", Qualifier="2")
                         ["Configuration"]["Timeout"], 9)
        updated = self.lam.update_alias(FunctionName="fn", Name="prod", FunctionVersion="2",
                                        RevisionId=alias["RevisionId"],
                                        RoutingConfig={"AdditionalVersionWeights": {}})
        self.assertEqual(updated["FunctionVersion"], "2")
        self.assertEqual([a["Name"] for a in self.lam.list_aliases(FunctionName="fn")["Aliases"]],
                         ["prod"])
        self.assertEqual(self.lam.get_alias(FunctionName="fn", Name="prod")["FunctionVersion"], "2")
        self.assertLambdaError(self.lam.exceptions.ResourceConflictException, 409,
                               self.lam.delete_function, FunctionName="fn", Qualifier="2")
        self.assertLambdaError(self.lam.exceptions.InvalidParameterValueException, 400,
                               self.lam.get_function, FunctionName="fn:1", Qualifier="2")
        self.assertLambdaError(self.lam.exceptions.ResourceNotFoundException, 404,
                               self.lam.create_alias, FunctionName="fn", Name="x",
                               FunctionVersion="7")
        self.assertEqual(self.lam.delete_alias(FunctionName="fn", Name="prod")
                         ["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.lam.delete_function(FunctionName="fn", Qualifier="2")
        self.assertLambdaError(self.lam.exceptions.ResourceNotFoundException, 404,
                               self.lam.get_function, FunctionName="fn:2")

    def test_tags(self):
        self.create("fn")
        self.assertEqual(self.lam.tag_resource(Resource=ARN + "fn", Tags={"a": "1", "b": "2"})
                         ["ResponseMetadata"]["HTTPStatusCode"], 204)
        self.lam.untag_resource(Resource=ARN + "fn", TagKeys=["a"])
        self.assertEqual(self.lam.list_tags(Resource=ARN + "fn")["Tags"], {"b": "2"})
        self.assertLambdaError(self.lam.exceptions.ResourceNotFoundException, 404,
                               self.lam.list_tags, Resource=ARN + "nope")

    def test_paginator_over_60_functions_and_account_settings(self):
        for i in range(60):
            self.create(f"fn-{i:02d}")
        first = self.lam.list_functions()
        self.assertEqual(len(first["Functions"]), 50)
        self.assertIn("NextMarker", first)
        names = [f["FunctionName"] for page in self.lam.get_paginator("list_functions").paginate()
                 for f in page["Functions"]]
        self.assertEqual(names, [f"fn-{i:02d}" for i in range(60)])
        usage = self.lam.get_account_settings()["AccountUsage"]
        self.assertEqual(usage, {"FunctionCount": 60, "TotalCodeSize": 60 * len(HANDLER_ZIP)})

    def test_modeled_errors(self):
        self.create("fn")
        message = self.assertLambdaError(self.lam.exceptions.ResourceConflictException, 409,
                                         self.create, "fn")
        self.assertEqual(message, "Function already exist: fn")
        for code, needle in [(b"not a zip", "Could not unzip"),
                             (make_zip({"../evil": "x"}), "../evil")]:
            message = self.assertLambdaError(self.lam.exceptions.InvalidParameterValueException,
                                             400, self.create, "bad", code=code)
            self.assertIn(needle, message)
        message = self.assertLambdaError(
            self.lam.exceptions.InvalidParameterValueException, 400, self.lam.create_function,
            FunctionName="s3", Runtime="python3.12", Role=ROLE, Handler="app.handler",
            Code={"S3Bucket": "bucket", "S3Key": "key.zip"})
        self.assertIn("S3", message)
        self.assertLambdaError(self.lam.exceptions.InvalidParameterValueException, 400,
                               self.create, "bad", Role="not-a-role")
        self.assertLambdaError(self.lam.exceptions.InvalidParameterValueException, 400,
                               self.create, "bad", Timeout=901)
        self.assertLambdaError(self.lam.exceptions.InvalidParameterValueException, 400,
                               self.create, "bad", Runtime="cobol85")
        self.assertLambdaError(self.lam.exceptions.ResourceNotFoundException, 404,
                               self.lam.get_function_configuration, FunctionName="missing")
        # Malformed JSON is InvalidRequestContentException.
        status, headers, body = self.server.raw(
            "POST", "/2015-03-31/functions", b"{not json", {"Content-Type": "application/json"})
        self.assertEqual(status, 400)
        self.assertEqual(headers.get("x-amzn-ErrorType"), "InvalidRequestContentException")
        # An operation stepsim does not emulate says so in Lambda's error shape.
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.lam.list_layers()
        self.assertEqual(caught.exception.response["Error"]["Code"], "UnknownOperationException")

    def test_aws_cli_list_functions(self):
        self.create("cli-fn")
        env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test",
                   AWS_DEFAULT_REGION="us-east-1", AWS_MAX_ATTEMPTS="1")
        result = subprocess.run(["aws", "--endpoint-url", self.server.url, "--output", "json",
                                 "lambda", "list-functions"],
                                capture_output=True, text=True, env=env, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        functions = json.loads(result.stdout)["Functions"]
        self.assertEqual([f["FunctionName"] for f in functions], ["cli-fn"])


if __name__ == "__main__":
    unittest.main()
