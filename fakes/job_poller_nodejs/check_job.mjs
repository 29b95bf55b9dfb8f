// Job Status Poller sample, CheckJob, for the nodejs runtimes: returns the status of an AWS Batch
// job. Handler: check_job.handler. Event: {"jobId": "<id>"} (SubmitJob's result). Returns e.g.
// "RUNNING".
import { BatchClient, DescribeJobsCommand } from "@aws-sdk/client-batch";

const batch = new BatchClient({});

export const handler = async (event) => {
  console.log(`Received event: ${JSON.stringify(event)}`);
  const { jobs } = await batch.send(new DescribeJobsCommand({ jobs: [event.jobId] }));
  if (jobs.length === 0) throw new Error(`Batch job ${event.jobId} does not exist`);
  console.log(`Job ${event.jobId} is ${jobs[0].status}`);
  return jobs[0].status;
};
