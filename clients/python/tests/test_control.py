"""The control client against every control endpoint the README documents, on the session server
(reset before each test by the plugin itself)."""
import datetime
import json

import pytest

from job_poller_world import JOB_POLLER, create_job_poller, start_job_poller
from pytest_stepsim import Control, ControlError, StepsimServer

START = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def test_health(stepsim):
    assert stepsim.control.health() == {"status": "ok"}


class TestClock:
    def test_reads_the_clock(self, stepsim):
        assert stepsim.control.clock() == {"now": "2026-01-01T00:00:00.000Z",
                                           "epochMillis": 1767225600000, "mode": "auto"}
        assert stepsim.control.now() == START

    def test_sets_the_mode_and_advances(self, stepsim):
        control = stepsim.control
        assert control.set_clock_mode("manual")["mode"] == "manual"
        assert control.advance_clock(90)["now"] == "2026-01-01T00:01:30.000Z"
        assert control.advance_clock_to("2026-01-01T01:00:00Z")["now"] == \
            "2026-01-01T01:00:00.000Z"
        later = START + datetime.timedelta(hours=2, milliseconds=5)
        assert control.advance_clock_to(later)["now"] == "2026-01-01T02:00:00.005Z"
        naive = datetime.datetime(2026, 1, 1, 3)
        assert control.advance_clock_to(naive)["now"] == "2026-01-01T03:00:00.000Z"

    def test_advances_to_the_next_timer(self, stepsim):
        stepsim.control.set_clock_mode("manual")
        assert stepsim.control.advance_to_next_timer()["now"] == "2026-01-01T00:00:00.000Z"
        machine = create_job_poller(stepsim)
        start_job_poller(stepsim, machine)
        # The poller submitted the job (RUNNING for 590 s by the rule) and waits 60 s.
        assert stepsim.control.advance_to_next_timer()["now"] == "2026-01-01T00:01:00.000Z"
        assert stepsim.control.advance_to_next_timer()["now"] == "2026-01-01T00:02:00.000Z"

    def test_refusals_carry_the_servers_message(self, stepsim):
        with pytest.raises(ControlError) as caught:
            stepsim.control.set_clock_mode("sideways")
        assert caught.value.status == 400
        assert caught.value.message == "mode must be one of auto, manual, realtime"
        assert str(caught.value) == ("stepsim control POST /_stepsim/clock answered 400: mode "
                                     "must be one of auto, manual, realtime")
        with pytest.raises(ControlError, match="is before the current virtual time"):
            stepsim.control.advance_clock_to("2025-01-01T00:00:00Z")


def test_reset_drops_everything_and_rewinds_the_clock(stepsim):
    create_job_poller(stepsim)
    stepsim.control.set_clock_mode("manual")
    stepsim.control.advance_clock(600)
    assert stepsim.control.reset()["now"] == "2026-01-01T00:00:00.000Z"
    assert stepsim.client("stepfunctions").list_state_machines()["stateMachines"] == []
    assert stepsim.control.lifecycle_rules() == []


class TestBatch:
    RULE = {"match": {"jobName": "nightly-*"},
            "steps": [{"status": "RUNNING", "seconds": 5}, {"status": "SUCCEEDED"}]}

    def test_adds_lists_and_clears_lifecycle_rules(self, stepsim):
        control = stepsim.control
        installed = control.add_lifecycle_rules(self.RULE, {"match": {}, "steps": [
            {"status": "FAILED", "exitCode": 3}]})
        assert len(installed) == 2 and installed[0]["match"] == {"jobName": "nightly-*"}
        assert control.lifecycle_rules() == installed
        assert control.clear_lifecycle_rules() == []
        assert control.lifecycle_rules() == []

    def test_a_bad_rule_is_refused_naming_the_field(self, stepsim):
        with pytest.raises(ControlError) as caught:
            stepsim.control.add_lifecycle_rules({"match": {}, "steps": [{"status": "DANCING"}]})
        assert caught.value.status == 400
        assert "status" in caught.value.message
        assert stepsim.control.lifecycle_rules() == []

    def test_lists_jobs_with_their_status_history(self, stepsim):
        create_job_poller(stepsim)
        stepsim.control.add_lifecycle_rules(self.RULE)
        batch = stepsim.client("batch")
        job_id = batch.submit_job(jobName="nightly-1", jobQueue="SampleJobQueue",
                                  jobDefinition="SampleJobDefinition")["jobId"]
        batch.describe_jobs(jobs=[job_id])  # the auto clock has played the job to its end
        (job,) = stepsim.control.batch_jobs()
        assert job["jobId"] == job_id and job["jobName"] == "nightly-1"
        assert [step["status"] for step in job["statusHistory"]][-1] == job["status"]


class TestLambdaScripts:
    def test_scripts_counts_and_clears(self, stepsim):
        create_job_poller(stepsim)
        control = stepsim.control
        installed = control.script_lambda("CheckJob", {"0": {"Return": "FAILED"}})
        assert installed["functionName"] == "CheckJob"
        lam = stepsim.client("lambda")
        answer = lam.invoke(FunctionName="CheckJob", Payload=b'{"jobId": "x"}')
        assert json.loads(answer["Payload"].read()) == "FAILED"
        assert control.invocations("CheckJob") == 1
        assert control.invocations("SubmitJob") == 0
        (script,) = [f for f in control.lambda_scripts() if f["functionName"] == "CheckJob"]
        assert script["invocations"] == 1 and "responses" in script
        control.clear_lambda_scripts()
        assert control.lambda_scripts() == []

    def test_a_bad_script_is_refused(self, stepsim):
        with pytest.raises(ControlError, match="answered 400") as caught:
            stepsim.control.script_lambda("CheckJob", {"zero": {"Return": 1}})
        assert caught.value.message


class TestScenarios:
    def test_loads_a_scenario_file_with_its_relative_definition_file(self, stepsim):
        world = stepsim.control.load_scenario(JOB_POLLER / "classic_happy_path.json")
        assert world["name"] == "job-poller-classic-happy-path"
        (machine,) = world["stateMachines"]
        assert machine.endswith(":stateMachine:JobStatusPoller")
        assert len(stepsim.control.lifecycle_rules()) == 1
        functions = stepsim.client("lambda").list_functions()["Functions"]
        assert sorted(f["FunctionName"] for f in functions) == ["CheckJob", "SubmitJob"]

    def test_loads_a_scenario_given_as_a_dict(self, stepsim):
        definition = json.loads((JOB_POLLER / "classic.asl.json").read_text())
        world = stepsim.control.load_scenario({
            "name": "inline", "description": "a machine, a function and its script",
            "resources": {"functions": [{"FunctionName": "CheckJob", "Handler": "fake:echo"}],
                          "stateMachines": [{"name": "Inline", "definition": definition}]},
            "lambdaResponses": {"CheckJob": {"0": {"Return": "SUCCEEDED"}}}})
        assert world["stateMachines"][0].endswith(":stateMachine:Inline")
        assert stepsim.control.lambda_scripts()[0]["functionName"] == "CheckJob"

    def test_a_bad_scenario_is_refused_with_its_pointer(self, stepsim):
        with pytest.raises(ControlError) as caught:
            stepsim.control.load_scenario({"name": "bad", "description": "typo",
                                           "resources": {"stateMachinez": []}})
        assert caught.value.status == 400
        assert "stateMachinez" in caught.value.message


class TestCloudFormation:
    def test_sets_shows_and_clears_provisioning_times(self, stepsim):
        control = stepsim.control
        defaults = control.provisioning_times()
        times = control.set_provisioning_times(default_seconds=2,
                                               seconds_by_type={"AWS::Lambda::Function": 30})
        assert times != defaults
        assert control.provisioning_times() == times
        assert "AWS::Lambda::Function" in json.dumps(times)
        assert control.clear_provisioning_times() == defaults

    def test_a_negative_time_is_refused(self, stepsim):
        with pytest.raises(ControlError, match="defaultSeconds must be a non-negative number"):
            stepsim.control.set_provisioning_times(default_seconds=-1)


def test_an_unreachable_server_is_a_control_error():
    with StepsimServer() as server:
        url = server.endpoint_url
    with pytest.raises(ControlError, match="could not be reached") as caught:
        Control(url, timeout=2).health()
    assert caught.value.status is None


def test_an_unknown_endpoint_is_a_404(stepsim):
    with pytest.raises(ControlError, match="answered 404: No control endpoint"):
        stepsim.control.request("GET", "/_stepsim/nothing-here")

