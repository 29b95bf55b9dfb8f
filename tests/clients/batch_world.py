"""Creates the Batch resources most client tests need: a compute environment, a queue, a definition."""


def create_world(batch, queue="q", definition="jd", **definition_extra):
    batch.create_compute_environment(
        computeEnvironmentName="ce", type="MANAGED",
        computeResources={"type": "FARGATE", "maxvCpus": 4, "subnets": ["subnet-1"]})
    batch.create_job_queue(jobQueueName=queue, priority=1,
                           computeEnvironmentOrder=[{"order": 1, "computeEnvironment": "ce"}])
    return batch.register_job_definition(
        jobDefinitionName=definition, type="container",
        containerProperties={"image": "busybox", "command": ["echo", "hi"],
                             "resourceRequirements": [{"type": "VCPU", "value": "1"},
                                                      {"type": "MEMORY", "value": "512"}]},
        **definition_extra)


def describe(batch, job_id):
    jobs = batch.describe_jobs(jobs=[job_id])["jobs"]
    assert len(jobs) == 1, jobs
    return jobs[0]
