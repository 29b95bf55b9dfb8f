"""StepsimServer outside pytest's fixtures: finding the binary, starting, stopping by pid, the
log, the boto3 clients it hands out."""
import json
import os
import re

import pytest

from job_poller_world import process_gone
from pytest_stepsim import StepsimNotFound, StepsimServer, StepsimStartError, find_binary
from pytest_stepsim.server import flag_values, override_flags


@pytest.fixture
def binary():
    return find_binary()


@pytest.fixture
def bin_dir(tmp_path, binary):
    """A folder holding a `stepsim` that is the real binary, for PATH lookups."""
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "stepsim").symlink_to(binary)
    return folder


class TestFindBinary:
    def test_stepsim_bin_wins_over_path(self, binary, bin_dir):
        assert find_binary({"STEPSIM_BIN": binary, "PATH": str(bin_dir)}) == binary

    def test_stepsim_bin_may_be_relative(self, binary, monkeypatch):
        monkeypatch.chdir(os.path.dirname(binary))
        found = find_binary({"STEPSIM_BIN": "./" + os.path.basename(binary), "PATH": ""})
        assert found == binary

    def test_stepsim_bin_may_name_a_command_on_path(self, bin_dir):
        found = find_binary({"STEPSIM_BIN": "stepsim", "PATH": str(bin_dir)})
        assert found == str(bin_dir / "stepsim")

    def test_path_when_stepsim_bin_is_unset(self, bin_dir):
        assert find_binary({"PATH": str(bin_dir)}) == str(bin_dir / "stepsim")

    def test_neither_says_what_to_do(self, tmp_path):
        with pytest.raises(StepsimNotFound, match="put it on PATH or set STEPSIM_BIN"):
            find_binary({"PATH": str(tmp_path)})

    def test_a_wrong_stepsim_bin_is_named(self, tmp_path, bin_dir):
        missing = str(tmp_path / "nowhere" / "stepsim")
        with pytest.raises(StepsimNotFound, match=f"STEPSIM_BIN={re.escape(missing)} is not"):
            find_binary({"STEPSIM_BIN": missing, "PATH": str(bin_dir)})

    def test_the_server_finds_it_through_its_env(self, bin_dir):
        with StepsimServer(env={"PATH": str(bin_dir)}) as server:
            assert server.control.health() == {"status": "ok"}


class TestLifecycle:
    def test_listens_on_a_free_port_and_is_gone_after_stop(self):
        server = StepsimServer(["--log-level", "info"]).start()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", server.endpoint_url)
        assert server.control.health() == {"status": "ok"}
        pid = server.pid
        assert server.stop() == 0
        assert process_gone(pid)
        assert not server.is_running()
        assert server.stop() == 0  # twice is harmless

    def test_two_servers_do_not_share_anything(self):
        with StepsimServer() as first, StepsimServer() as second:
            assert first.endpoint_url != second.endpoint_url
            first.control.set_clock_mode("manual")
            assert second.control.clock()["mode"] == "auto"

    def test_the_log_is_kept_after_stop(self):
        with StepsimServer() as server:
            offset = server.log_size()
            server.client("stepfunctions").list_state_machines()
        assert "ListStateMachines" in server.log_text(since=offset)

    def test_a_server_that_refuses_its_flags_says_why(self):
        with pytest.raises(StepsimStartError) as caught:
            StepsimServer(["--clock", "sideways"]).start()
        message = str(caught.value)
        assert "exited with 2" in message
        assert "--clock" in message and "sideways" in message

    def test_a_server_that_never_listens_is_killed_after_the_timeout(self, tmp_path):
        silent = tmp_path / "silent"
        silent.write_text("#!/bin/sh\necho starting up >&2\nexec sleep 30\n")
        silent.chmod(0o755)
        with pytest.raises(StepsimStartError, match="no listening line within 0.5 s") as caught:
            StepsimServer(binary=str(silent), start_timeout=0.5).start()
        assert "starting up" in str(caught.value)


class TestClients:
    def test_retries_are_off_and_host_prefixes_too(self):
        with StepsimServer() as server:
            sfn = server.client("stepfunctions")
            assert sfn.meta.config.retries["total_max_attempts"] == 1
            assert sfn.meta.config.inject_host_prefix is False
            assert sfn.meta.region_name == "us-east-1"
            assert sfn.meta.endpoint_url == server.endpoint_url

    def test_start_sync_execution_reaches_localhost(self):
        with StepsimServer() as server:
            sfn = server.client("stepfunctions")
            machine = sfn.create_state_machine(
                name="express", type="EXPRESS", roleArn="arn:aws:iam::123456789012:role/r",
                definition=json.dumps({"StartAt": "Hello", "States": {
                    "Hello": {"Type": "Pass", "Result": {"hello": "world"}, "End": True}}}))
            answer = sfn.start_sync_execution(stateMachineArn=machine["stateMachineArn"])
            assert answer["status"] == "SUCCEEDED"
            assert json.loads(answer["output"]) == {"hello": "world"}

    def test_the_region_follows_the_server_flag(self):
        with StepsimServer(["--region", "eu-west-1"]) as server:
            assert server.client("batch").meta.region_name == "eu-west-1"

    def test_keyword_arguments_and_config_are_merged_over_the_defaults(self):
        from botocore.config import Config
        with StepsimServer() as server:
            lam = server.client("lambda", region_name="us-west-2",
                                config=Config(read_timeout=7))
            assert lam.meta.region_name == "us-west-2"
            assert lam.meta.config.read_timeout == 7
            assert lam.meta.config.retries["total_max_attempts"] == 1


class TestFlags:
    def test_a_tests_flags_replace_the_suites(self):
        base = ["--clock", "manual", "--seed=7", "--log-level", "warn"]
        assert override_flags(base, ["--clock", "auto", "--seed", "9"]) == [
            "--log-level", "warn", "--clock", "auto", "--seed", "9"]

    def test_repeatable_flags_are_replaced_whole(self):
        base = ["--scenario", "a.json", "--scenario", "b.json", "--iam", "warn"]
        assert override_flags(base, ["--scenario", "c.json"]) == [
            "--iam", "warn", "--scenario", "c.json"]

    def test_flag_values_reads_both_spellings(self):
        assert flag_values(["--scenario", "a", "--scenario=b", "--seed", "1"], "--scenario") == [
            "a", "b"]
