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

}  // namespace stepsim::app
