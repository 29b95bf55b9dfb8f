"""The Job Status Poller's world, built through the clients the plugin hands out."""
import io
import json
import os
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
JOB_POLLER = REPO / "scenarios" / "job_poller"
ROLE = "arn:aws:iam::123456789012:role/sfn-role"
POLLER_INPUT = {"jobName": "my-job", "jobDefinition": "SampleJobDefinition",
                "jobQueue": "SampleJobQueue", "wait_time": 60}


def create_job_poller(stepsim, final="SUCCEEDED", seconds=590, shape="classic"):
    """The sample's world through boto3 as tests/clients/test_sfn_job_poller.py builds it: Batch
    resources, SubmitJob and CheckJob as built-in fakes, a lifecycle rule for the job, and the
    state machine; answers its ARN."""
    batch, lam = stepsim.client("batch"), stepsim.client("lambda")
    batch.create_compute_environment(
        computeEnvironmentName="ce", type="MANAGED",
        computeResources={"type": "FARGATE", "maxvCpus": 4, "subnets": ["subnet-1"]})
    batch.create_job_queue(jobQueueName="SampleJobQueue", priority=1,
                           computeEnvironmentOrder=[{"order": 1, "computeEnvironment": "ce"}])
    batch.register_job_definition(
        jobDefinitionName="SampleJobDefinition", type="container",
        containerProperties={"image": "busybox", "command": ["echo", "hi"],
                             "resourceRequirements": [{"type": "VCPU", "value": "1"},
                                                      {"type": "MEMORY", "value": "512"}]})
    for name, handler in (("SubmitJob", "fake:batch-submit-job"),
                          ("CheckJob", "fake:batch-job-status")):
        lam.create_function(FunctionName=name, Runtime="python3.12", Role=ROLE, Handler=handler,
                            Code={"ZipFile": empty_zip()})
    stepsim.control.add_lifecycle_rules(
        {"match": {}, "steps": [{"status": "RUNNING", "seconds": seconds}, {"status": final}]})
    definition = (JOB_POLLER / f"{shape}.asl.json").read_text()
    return stepsim.client("stepfunctions").create_state_machine(
        name="JobStatusPoller", definition=definition, roleArn=ROLE)["stateMachineArn"]


def start_job_poller(stepsim, machine_arn, name="poller"):
    return stepsim.client("stepfunctions").start_execution(
        stateMachineArn=machine_arn, name=name, input=json.dumps(POLLER_INPUT))


def empty_zip():
    """Code for a function whose handler is a built-in fake: any package will do."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "")
    return buffer.getvalue()


def process_gone(pid):
    """True once no process has this pid (killed and reaped)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False
