"""Job Status Poller sample, CheckJob: returns the status of an AWS Batch job.

Handler: check_job.lambda_handler. Event: {"jobId": "<id>"}, or the whole SubmitJob result
nested under "jobId" ({"jobId": {"jobId": "<id>", ...}}). Returns e.g. "RUNNING".
"""
import json

import boto3

# See submit_job.py: boto3 picks the endpoint up from AWS_ENDPOINT_URL.
batch = boto3.client("batch")


class JobNotFound(Exception):
    """DescribeJobs knows no job with this id (it answers an empty list, not an error)."""


def lambda_handler(event, context):
    print("Received event: " + json.dumps(event))
    job_id = event["jobId"]
    if isinstance(job_id, dict):
        job_id = job_id["jobId"]
    jobs = batch.describe_jobs(jobs=[job_id])["jobs"]
    if not jobs:
        raise JobNotFound(f"Batch job {job_id} does not exist")
    status = jobs[0]["status"]
    print(f"Job {job_id} is {status}")
    return status
