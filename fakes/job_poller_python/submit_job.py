"""Job Status Poller sample, SubmitJob: submits an AWS Batch job and returns its id.

Handler: submit_job.lambda_handler. Event: {"jobName", "jobQueue", "jobDefinition",
optional "parameters", optional "containerOverrides"}.
"""
import json

import boto3

# Created once per worker and reused by warm invocations. No endpoint_url: boto3 (>= 1.28) reads
# AWS_ENDPOINT_URL, which stepsim sets to itself; on AWS it is unset and the real endpoint is used.
batch = boto3.client("batch")


def lambda_handler(event, context):
    print("Received event: " + json.dumps(event))
    request = {"jobName": event["jobName"], "jobQueue": event["jobQueue"],
               "jobDefinition": event["jobDefinition"]}
    for optional in ("parameters", "containerOverrides"):
        if event.get(optional):
            request[optional] = event[optional]
    response = batch.submit_job(**request)
    print(f"Submitted job {response['jobName']} with id {response['jobId']}")
    return {"jobArn": response.get("jobArn"), "jobName": response["jobName"],
            "jobId": response["jobId"]}
