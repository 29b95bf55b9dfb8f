// Fuzz target: the JSONata engine. Input: an expression, optionally followed by a NUL byte and the
// JSON document it is evaluated against. Compiling and evaluating may fail only with
// jsonata::Error, and a result must be valid UTF-8 JSON (expressions come out of JSON documents,
// so text that is not UTF-8 is skipped). The limits are lowered so that a slow expression ends as
// an error within the per-input time budget rather than as a timeout.

#include "emulator/core/json.h"
#include "emulator/core/json_text.h"
#include "emulator/core/utf8.h"
#include "emulator/jsonata/jsonata.h"
#include "tools/fuzz/fuzz_support.h"

using namespace stepsim;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [expressionText, inputText] = fuzz::splitAt(fuzz::asText(data, size), '\0');
  if (!core::isValidUtf8(expressionText)) return 0;
  stepsim::Json input = stepsim::Json::parse(inputText, nullptr, false);
  if (input.is_discarded()) input = {{"a", {1, "two", nullptr, {{"b", 3.5}}}}, {"s", "text"}};

  jsonata::Environment environment;
  environment.nowMillis = 1'700'000'000'000;
  environment.random = [] { return 0.25; };
  environment.limits.maxSteps = 200'000;
  environment.limits.maxRangeSize = 100'000;
  environment.limits.maxResultItems = 100'000;
  environment.limits.regexMatchLimit = 100'000;

  const stepsim::Json variable = {{"x", 1}};
  const jsonata::Bindings bindings = {{"var", &variable, {}}};
  try {
    jsonata::Expression expression = jsonata::Expression::compile(expressionText);
    std::optional<stepsim::Json> result = expression.evaluate(input, bindings, environment);
    // As stepsim writes results: a lone surrogate (kept, as jsonata-js keeps it) becomes U+FFFD.
    if (result && !stepsim::Json::accept(core::serializeJson(*result))) __builtin_trap();
  } catch (const jsonata::Error&) {
  }
  return 0;
}
