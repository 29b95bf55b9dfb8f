// Fuzz target: the ASL expression layer of the JSONPath query language. The first byte picks the
// piece, the rest is its text:
//   0 a JSONPath, selected and evaluated against a fixed document
//   1 a reference path, assigned into a copy of the document (ResultPath)
//   2 an intrinsic function call, evaluated
//   3 a payload template (JSON), evaluated
//   4 a Choice rule (JSON), matched
//   5 an RFC 3339 timestamp as Choice rules read it
//   6 a JSONata field template (JSON with "{% ... %}" strings), evaluated with bounded limits
// Parsing may fail only with AslSyntaxError, evaluating only with StatesError.

#include "emulator/core/json.h"
#include "emulator/core/random.h"
#include "emulator/core/utf8.h"
#include "emulator/jsonata/jsonata.h"
#include "emulator/stepfunctions/asl/choice_rule.h"
#include "emulator/stepfunctions/asl/errors.h"
#include "emulator/stepfunctions/asl/intrinsics.h"
#include "emulator/stepfunctions/asl/json_path.h"
#include "emulator/stepfunctions/asl/jsonata_template.h"
#include "emulator/stepfunctions/asl/payload_template.h"
#include "emulator/stepfunctions/asl/variables.h"
#include "tools/fuzz/fuzz_support.h"

namespace {

using namespace stepsim;
using json = stepsim::Json;

const json& document() {
  static const json doc = json::parse(R"({
    "a": {"b": [1, 2.5, -3, "x", null, true, {"c": "d"}], "when": "2024-02-29T12:00:00.5Z"},
    "list": [{"n": 1, "s": "one"}, {"n": 2, "s": "two"}, {"n": 3}],
    "text": "Hello, {} \u00e9\ud83d\ude00", "num": 1e300, "neg": -9223372036854775808,
    "big": 18446744073709551615, "empty": {}, "arr": []})");
  return doc;
}

const json& contextObject() {
  static const json context = {{"Execution", {{"Id", "arn:aws:states:us-east-1:1:execution:m:e"},
                                              {"Input", document()}}},
                               {"State", {{"Name", "S"}, {"EnteredTime", "2024-01-01T00:00:00Z"}}},
                               {"Map", {{"Item", {{"Index", 2}, {"Value", "v"}}}}}};
  return context;
}

struct FixedVariables : sfn::VariableLookup {
  const json* find(std::string_view name) const override {
    if (name == "v") return &document();
    if (name == "n") return &number;
    return nullptr;
  }
  json number = 7;
};

void fuzzPath(std::string_view text) {
  sfn::JsonPath path = sfn::JsonPath::parse(text);
  (void)path.select(document());
  (void)path.evaluate(document());
  if (path.isDefinite()) (void)path.find(document());
}

void fuzzAssign(std::string_view text) {
  sfn::JsonPath path = sfn::parseReferencePath(text);
  if (path.isContext() || path.isVariable()) return;  // ResultPath is always on the input
  json target = document();
  path.assign(target, json{{"result", 1}});
}

void fuzzIntrinsic(std::string_view text, const sfn::EvalContext& ctx) {
  sfn::IntrinsicCall call = sfn::IntrinsicCall::parse(text);
  (void)call.evaluate(ctx).dump();
}

void fuzzTemplate(std::string_view text, const sfn::EvalContext& ctx) {
  json tmpl = json::parse(text, nullptr, false);
  if (tmpl.is_discarded()) return;
  sfn::PayloadTemplate payload = sfn::PayloadTemplate::parse(tmpl);
  (void)payload.evaluate(ctx).dump();
}

void fuzzChoice(std::string_view text, const FixedVariables& variables) {
  json rule = json::parse(text, nullptr, false);
  if (rule.is_discarded()) return;
  sfn::ChoiceRule choice = sfn::ChoiceRule::parse(rule);
  (void)choice.matches(document(), contextObject(), &variables);
}

void fuzzJsonataTemplate(std::string_view text, const FixedVariables& variables) {
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) return;
  sfn::JsonataTemplate tmpl = sfn::JsonataTemplate::parse(value, "Output");
  jsonata::Environment environment;
  environment.random = [] { return 0.5; };
  environment.limits.maxSteps = 200'000;
  environment.limits.maxRangeSize = 100'000;
  environment.limits.maxResultItems = 100'000;
  const json result = {{"Payload", {1, 2, 3}}};
  sfn::JsonataInputs in{document(), contextObject(), &result, nullptr, &variables, &environment};
  (void)tmpl.evaluate(in).dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  std::string_view text = fuzz::asText(data + 1, size - 1);
  // Definitions are JSON documents: their strings are valid UTF-8 by the time this layer sees them.
  if (!core::isValidUtf8(text)) return 0;
  core::Random random(7);
  FixedVariables variables;
  sfn::EvalContext ctx{document(), contextObject(), random, &variables};
  try {
    switch (data[0] % 7) {
      case 0: fuzzPath(text); break;
      case 1: fuzzAssign(text); break;
      case 2: fuzzIntrinsic(text, ctx); break;
      case 3: fuzzTemplate(text, ctx); break;
      case 4: fuzzChoice(text, variables); break;
      case 5: (void)sfn::parseChoiceTimestamp(text); break;
      case 6: fuzzJsonataTemplate(text, variables); break;
    }
  } catch (const sfn::AslSyntaxError&) {
  } catch (const sfn::StatesError&) {
  }
  return 0;
}
