"""The execution helpers on real Job Poller runs (SubmitJob and CheckJob as built-in fakes):
waiting, status and output, the path of states, and what their failures say."""
import pytest

from job_poller_world import create_job_poller, start_job_poller
from pytest_stepsim import (Execution, assert_execution, assert_path, execution_of,
                            states_entered, states_entered_count, wait_for_execution)

HAPPY_PATH = ["Submit Job", "Wait X Seconds", "Get Job Status", "Job Complete?",
              "Get Final Job Status"]


@pytest.fixture
def succeeded(stepsim, job_poller):
    """A finished classic poller run: a 600 s job polled every 60 s."""
    sfn = stepsim.client("stepfunctions")
    return wait_for_execution(sfn, start_job_poller(stepsim, job_poller))


class TestWaiting:
    def test_waits_for_the_end_and_answers_an_execution(self, succeeded):
        assert isinstance(succeeded, Execution)
        assert succeeded.status == "SUCCEEDED" and succeeded["status"] == "SUCCEEDED"
        assert succeeded.output == "SUCCEEDED"
        assert (succeeded["stopDate"] - succeeded["startDate"]).total_seconds() == 600

    def test_takes_an_arn_too(self, stepsim, job_poller):
        sfn = stepsim.client("stepfunctions")
        arn = start_job_poller(stepsim, job_poller)["executionArn"]
        assert wait_for_execution(sfn, arn).arn == arn

    def test_a_manual_clock_times_out_saying_what_to_do(self, stepsim, job_poller):
        stepsim.control.set_clock_mode("manual")
        sfn = stepsim.client("stepfunctions")
        started = start_job_poller(stepsim, job_poller)
        with pytest.raises(AssertionError, match=r"still RUNNING after 0.2 wall seconds "
                                                 r"\(on a manual clock, advance it"):
            wait_for_execution(sfn, started, timeout=0.2)
        stepsim.control.advance_clock(600)
        assert_execution(wait_for_execution(sfn, started, timeout=5), status="SUCCEEDED")


class TestAssertExecution:
    def test_passes_on_what_happened(self, succeeded):
        assert assert_execution(succeeded, status="SUCCEEDED", output="SUCCEEDED") is succeeded

    def test_a_wrong_status_shows_error_and_cause(self, stepsim):
        machine = create_job_poller(stepsim, final="FAILED")
        sfn = stepsim.client("stepfunctions")
        failed = wait_for_execution(sfn, start_job_poller(stepsim, machine))
        assert_execution(failed, status="FAILED", error="DescribeJob returned FAILED",
                         cause="AWS Batch Job Failed", output=None)
        with pytest.raises(AssertionError) as caught:
            assert_execution(failed, status="SUCCEEDED")
        assert str(caught.value) == (
            f"execution {failed.arn}: status FAILED, expected SUCCEEDED (error 'DescribeJob "
            "returned FAILED', cause 'AWS Batch Job Failed')")
        with pytest.raises(AssertionError, match="error 'DescribeJob returned FAILED', expected "
                                                 "'Boom'"):
            assert_execution(failed, error="Boom")

    def test_a_wrong_output_shows_both(self, succeeded):
        with pytest.raises(AssertionError, match=r'output "SUCCEEDED", expected \{"ok": true\}'):
            assert_execution(succeeded, output={"ok": True})

    def test_output_contains_is_a_json_subset(self, stepsim):
        sfn = stepsim.client("stepfunctions")
        machine = sfn.create_state_machine(
            name="pass", roleArn="arn:aws:iam::123456789012:role/r",
            definition='{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true, '
                       '"Result": {"job": {"id": "j1", "status": "SUCCEEDED"}, "tries": [1, 2]}}}}')
        execution = wait_for_execution(
            sfn, sfn.start_execution(stateMachineArn=machine["stateMachineArn"]))
        assert_execution(execution, output_contains={"job": {"status": "SUCCEEDED"}})
        assert_execution(execution, output_contains={"tries": [1, 2]})
        with pytest.raises(AssertionError, match="does not contain"):
            assert_execution(execution, output_contains={"tries": [1]})
        with pytest.raises(AssertionError, match="does not contain"):
            assert_execution(execution, output_contains={"job": {"status": "FAILED"}})

    def test_an_arn_needs_the_client(self, stepsim, succeeded):
        with pytest.raises(TypeError, match="give client="):
            assert_execution(succeeded.arn, status="SUCCEEDED")
        sfn = stepsim.client("stepfunctions")
        assert_execution(succeeded.arn, status="SUCCEEDED", client=sfn)
        assert execution_of({"executionArn": succeeded.arn}, sfn).status == "SUCCEEDED"


class TestPath:
    def test_the_path_is_every_state_entered_in_order(self, succeeded):
        path = states_entered(succeeded)
        assert path[:4] == ["Submit Job", "Wait X Seconds", "Get Job Status", "Job Complete?"]
        assert path[-2:] == ["Job Complete?", "Get Final Job Status"]
        assert len(path) == 1 + 3 * 10 + 1  # ten polls of Wait, Get, Choice
        assert states_entered_count(succeeded, "Get Job Status") == 10
        assert succeeded.state_entered_counts()["Wait X Seconds"] == 10

    def test_a_subsequence_passes_as_in_a_scenario(self, succeeded):
        assert_path(succeeded, HAPPY_PATH)
        assert_path(succeeded, ["Submit Job", "Get Final Job Status"])
        assert_path(succeeded, ["Get Job Status", "Get Job Status"])  # repeats are there

    def test_a_state_out_of_order_says_where_matching_stopped(self, succeeded):
        with pytest.raises(AssertionError) as caught:
            assert_path(succeeded, ["Submit Job", "Get Final Job Status", "Wait X Seconds"])
        message = str(caught.value)
        assert "the first 2 matched; 'Wait X Seconds' was not found after them" in message
        assert "'Submit Job', 'Wait X Seconds', 'Get Job Status'" in message  # the actual path

    def test_a_state_never_entered_fails(self, succeeded):
        with pytest.raises(AssertionError, match="the first 1 matched; 'Job Failed' was not"):
            assert_path(succeeded, ["Submit Job", "Job Failed"])

    def test_exact_wants_the_whole_path(self, succeeded):
        assert_path(succeeded, states_entered(succeeded), exact=True)
        with pytest.raises(AssertionError, match="expected exactly"):
            assert_path(succeeded, HAPPY_PATH, exact=True)

    def test_the_failure_path(self, stepsim):
        machine = create_job_poller(stepsim, final="FAILED")
        sfn = stepsim.client("stepfunctions")
        failed = wait_for_execution(sfn, start_job_poller(stepsim, machine))
        assert_path(failed, ["Submit Job", "Wait X Seconds", "Get Job Status", "Job Complete?",
                             "Job Failed"])

    def test_the_history_is_read_once_and_again_after_refresh(self, succeeded):
        first = succeeded.history()
        assert succeeded.history() is first
        assert first[0]["type"] == "ExecutionStarted"
        assert first[-1]["type"] == "ExecutionSucceeded"
        assert succeeded.refresh().history() is not first
