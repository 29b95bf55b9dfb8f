#include "emulator/app/service_protocols.h"

namespace stepsim::app {

const protocol::RestJsonService& batchProtocol() {
  static const protocol::RestJsonService service{&protocol::serviceModel("batch"),
                                                 "ClientException", "ClientException"};
  return service;
}

const protocol::AwsJsonService& sfnProtocol() {
  static const protocol::AwsJsonService service{&protocol::serviceModel("stepfunctions"),
                                                "AWSStepFunctions", "SerializationException",
                                                "ValidationException"};
  return service;
}

const protocol::RestJsonService& lambdaProtocol() {
  static const protocol::RestJsonService service{&protocol::serviceModel("lambda"),
                                                 "InvalidRequestContentException",
                                                 "InvalidParameterValueException"};
  return service;
}

const protocol::AwsJsonService& logsProtocol() {
  static const protocol::AwsJsonService service{&protocol::serviceModel("logs"), "Logs_20140328",
                                                "SerializationException",
                                                "InvalidParameterException"};
  return service;
}

// IAM and STS answer a value the model refuses, or of the wrong type, with ValidationError.
const protocol::AwsQueryService& iamProtocol() {
  static const protocol::AwsQueryService service{&protocol::serviceModel("iam"), "ValidationError"};
  return service;
}

const protocol::AwsQueryService& cloudFormationProtocol() {
  static const protocol::AwsQueryService service{&protocol::serviceModel("cloudformation"),
                                                 "ValidationError"};
  return service;
}

const protocol::AwsQueryService& stsProtocol() {
  static const protocol::AwsQueryService service{&protocol::serviceModel("sts"), "ValidationError"};
  return service;
}

}  // namespace stepsim::app
