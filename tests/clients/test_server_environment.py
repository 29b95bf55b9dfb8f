"""`stepsim serve` takes its account, region, port and host from the environment variables Step
Functions Local users set (AWS_ACCOUNT_ID, AWS_DEFAULT_REGION, STEPSIM_PORT, STEPSIM_HOST); a flag
wins over its variable, and a bad value is refused as the flag's would be."""
import json
import os
import socket
import subprocess
import unittest

from stepsim_server import STEPSIM_BIN, StepsimServer

DEFINITION = '{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}'
ROLE = "arn:aws:iam::111122223333:role/r"


def machine_arn(server):
    """A state machine made by an unsigned request: it lands in the default account and region."""
    body = json.dumps({"name": "m", "definition": DEFINITION, "roleArn": ROLE}).encode()
    status, _, made = server.raw("POST", "/", body,
                                 {"X-Amz-Target": "AWSStepFunctions.CreateStateMachine",
                                  "Content-Type": "application/x-amz-json-1.0"})
    assert status == 200, made
    return json.loads(made)["stateMachineArn"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerEnvironment(unittest.TestCase):
    def test_account_and_region_come_from_the_environment(self):
        env = {"AWS_DEFAULT_REGION": "eu-west-1", "AWS_ACCOUNT_ID": "111122223333"}
        with StepsimServer(env=env) as server:
            self.assertEqual(machine_arn(server),
                             "arn:aws:states:eu-west-1:111122223333:stateMachine:m")
        with StepsimServer("--region", "us-west-2", env=env) as server:
            self.assertEqual(machine_arn(server),
                             "arn:aws:states:us-west-2:111122223333:stateMachine:m")

    def test_port_and_host_come_from_the_environment(self):
        port = free_port()
        process = subprocess.Popen([STEPSIM_BIN, "serve", "--log-level", "warn"], text=True,
                                   stdout=subprocess.PIPE,
                                   env={**os.environ, "STEPSIM_PORT": str(port),
                                        "STEPSIM_HOST": "127.0.0.1"})
        try:
            self.assertEqual(process.stdout.readline().strip(),
                             f"stepsim listening on http://127.0.0.1:{port}")
        finally:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()

    def test_a_bad_value_in_the_environment_is_refused(self):
        result = subprocess.run([STEPSIM_BIN, "serve", "--port", "0"], capture_output=True,
                                text=True, timeout=30,
                                env={**os.environ, "AWS_ACCOUNT_ID": "not-an-account"})
        self.assertEqual(result.returncode, 2)
        self.assertIn("12 digits", result.stderr)


if __name__ == "__main__":
    unittest.main()
