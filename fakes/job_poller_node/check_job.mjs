// A dependency-free ESM handler used by the bootstrap tests: echoes the event and the context.
export const handler = async (event, context) => {
  console.log('check_job.mjs got', JSON.stringify(event));
  return {
    status: 'echo',
    event,
    requestId: context.awsRequestId,
    functionName: context.functionName,
    remaining: context.getRemainingTimeInMillis(),
  };
};
