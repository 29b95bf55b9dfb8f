#include "emulator/app/lambda_invoke_http.h"

namespace stepsim::app {

lambda::InvokeRequest invokeRequestFrom(const protocol::DecodedRequest& decoded,
                                        std::string requestId) {
  const stepsim::Json& in = decoded.input;
  lambda::InvokeRequest request;
  request.functionName = in.value("FunctionName", "");
  if (in.contains("Qualifier")) request.qualifier = in["Qualifier"].get<std::string>();
  // The model's enums have been checked already.
  std::string type = in.value("InvocationType", "RequestResponse");
  request.type = type == "Event"    ? lambda::InvocationType::Event
                 : type == "DryRun" ? lambda::InvocationType::DryRun
                                    : lambda::InvocationType::RequestResponse;
  request.tailLog = in.value("LogType", "None") == "Tail";
  if (in.contains("ClientContext")) request.clientContext = in["ClientContext"].get<std::string>();
  request.payload = decoded.payload.value_or("");
  request.requestId = std::move(requestId);
  return request;
}

protocol::HttpResponse invokeResponse(const protocol::RestJsonService& service,
                                      lambda::InvokeResult result) {
  stepsim::Json output = {{"StatusCode", result.statusCode},
                           {"ExecutedVersion", result.executedVersion}};
  if (result.functionError) output["FunctionError"] = *result.functionError;
  if (result.logResult) output["LogResult"] = *result.logResult;
  if (result.statusCode == 200) output["Payload"] = std::move(result.payload);
  return protocol::encodeRestJson(service, "Invoke", output, result.requestId);
}

}  // namespace stepsim::app
