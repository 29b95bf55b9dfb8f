#pragma once
// TestState's mock.fieldValidationMode: a mocked Task result is checked against what the
// integration really returns, the output shape of its API operation in the botocore model
// (lambda:invoke -> Lambda Invoke, aws-sdk:kms:encrypt -> KMS Encrypt, states:startExecution ->
// Step Functions StartExecution, ...), with the members named as Step Functions names them
// (PascalCase).
//
//   STRICT  (the default) every field the model has is checked, and required ones must be there
//   PRESENT only the fields the mock gives are checked
//   NONE    nothing is checked
//
// Fields the model does not have are let through, as AWS lets them through. A resource whose
// service model stepsim does not embed is not checked. A violation is AWS's ValidationException
// "Mock result schema validation error: Field 'X' must be a string".

#include "emulator/core/json_fwd.h"
#include "emulator/stepfunctions/program.h"

namespace stepsim::sfn {

enum class FieldValidationMode { Strict, Present, None };

void checkMockResult(const State& task, const stepsim::Json& result, FieldValidationMode mode);

}  // namespace stepsim::sfn
