// Job Status Poller sample, SubmitJob, for the nodejs runtimes: submits an AWS Batch job and
// returns its id. Handler: submit_job.handler. Event: {"jobName", "jobQueue", "jobDefinition"}.
// The SDK is the runtime's (AWS's nodejs18+ runtimes carry it; stepsim gives it, see README).
import { BatchClient, SubmitJobCommand } from "@aws-sdk/client-batch";

// Created once per worker; AWS_ENDPOINT_URL points it at stepsim, as on AWS it is unset.
const batch = new BatchClient({});

export const handler = async (event) => {
  console.log(`Received event: ${JSON.stringify(event)}`);
  const { jobName, jobId } = await batch.send(new SubmitJobCommand({
    jobName: event.jobName, jobQueue: event.jobQueue, jobDefinition: event.jobDefinition,
  }));
  console.log(`Submitted job ${jobName} with id ${jobId}`);
  return { jobName, jobId };
};
