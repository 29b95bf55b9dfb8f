#pragma once
// How each emulated service speaks: its model and the error codes its protocol answers with for a
// malformed body and for a value the model refuses. HTTP requests are decoded with these, and the
// Step Functions integrations check their Parameters with the same codes, as the service would.
#include "emulator/protocol/aws_json.h"
#include "emulator/protocol/aws_query.h"
#include "emulator/protocol/rest_json.h"

namespace stepsim::app {

const protocol::RestJsonService& batchProtocol();
const protocol::RestJsonService& lambdaProtocol();
const protocol::AwsJsonService& sfnProtocol();
const protocol::AwsJsonService& logsProtocol();
const protocol::AwsQueryService& iamProtocol();
const protocol::AwsQueryService& cloudFormationProtocol();
const protocol::AwsQueryService& stsProtocol();

}  // namespace stepsim::app
