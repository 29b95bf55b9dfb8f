// Fuzz target: the definition compiler (CreateStateMachine, ValidateStateMachineDefinition,
// TestState). The first byte picks STANDARD or EXPRESS, the rest is the definition text. Whatever
// the text, the compiler answers with a program or diagnostics: nothing may throw.
#include "emulator/stepfunctions/definition/compiler.h"
#include "tools/fuzz/fuzz_support.h"

using namespace stepsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view definition = fuzz::asText(data + 1, size - 1);
  std::string_view type = data[0] & 1 ? "EXPRESS" : "STANDARD";
  sfn::CompileResult result = sfn::compileDefinition(definition, type, {"predefined"});
  if (!result.program && result.errors.empty()) __builtin_trap();  // neither a program nor a reason
  if (!result.errors.empty()) (void)sfn::invalidDefinitionMessage(result.errors);
  return 0;
}
