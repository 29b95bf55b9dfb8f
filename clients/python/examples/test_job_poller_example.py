import json

from pytest_stepsim import assert_execution, assert_path, states_entered_count, wait_for_execution

INPUT = {"jobName": "my-job", "jobQueue": "SampleJobQueue", "jobDefinition": "SampleJobDefinition", "wait_time": 60}


def test_job_poller_follows_a_ten_minute_job_to_success(stepsim):
    world = stepsim.control.load_scenario("scenarios/job_poller/classic_happy_path.json")
    sfn = stepsim.client("stepfunctions")
    started = sfn.start_execution(stateMachineArn=world["stateMachines"][0], input=json.dumps(INPUT))
    execution = wait_for_execution(sfn, started)  # ten virtual minutes, a few wall milliseconds
    assert_execution(execution, status="SUCCEEDED", output="SUCCEEDED")
    assert_path(execution, ["Submit Job", "Wait X Seconds", "Get Job Status", "Job Complete?", "Get Final Job Status"])
    assert states_entered_count(execution, "Get Job Status") == 10
    assert (execution["stopDate"] - execution["startDate"]).total_seconds() == 600
