// Fuzz target: CloudFormation templates, as CreateStack, ValidateTemplate and the change set
// operations read them from clients. Input: a template body (JSON or YAML). It goes the way the
// server takes it: parsed, SAM-expanded when it names the transform (relative CodeUri and
// DefinitionUri paths under a directory that does not exist), read, its parameters resolved with
// no values given, then evaluated: every condition, every resource's properties and every output,
// against a stack whose resources, attributes and exports answer fixed fake values. Every refusal
// must be a TemplateError; anything else escaping, a sanitizer report or a timeout is a finding.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/cloudformation/template/intrinsics.h"
#include "emulator/cloudformation/template/serverless_transform.h"
#include "emulator/cloudformation/template/stack_template.h"
#include "emulator/cloudformation/template/template_body.h"
#include "emulator/cloudformation/template/template_error.h"
#include "tools/fuzz/fuzz_support.h"

using namespace stepsim;
using cfn::TemplateError;

namespace {

// The transforms the document names, as the server records them for the evaluator.
std::vector<std::string> transformsOf(const Json& document) {
  std::vector<std::string> names;
  const auto transform = document.find("Transform");
  if (transform == document.end()) return names;
  if (transform->is_string()) names.push_back(transform->get<std::string>());
  if (transform->is_array())
    for (const Json& name : *transform)
      if (name.is_string()) names.push_back(name.get<std::string>());
  return names;
}

// A stack in which every resource exists: Ref gives "<Id>-physical", Fn::GetAtt "<Id>.<Name>",
// Fn::ImportValue "imported-<Name>".
cfn::StackContext fakeContext(const cfn::StackTemplate& stackTemplate,
                              const std::map<std::string, Json>& parameters) {
  cfn::StackContext context;
  context.stackTemplate = &stackTemplate;
  context.parameters = &parameters;
  context.pseudo.accountId = "123456789012";
  context.pseudo.region = "us-east-1";
  context.pseudo.stackName = "fuzz";
  context.pseudo.stackId = "arn:aws:cloudformation:us-east-1:123456789012:stack/fuzz/1";
  context.pseudo.notificationArns = {"arn:aws:sns:us-east-1:123456789012:topic"};
  context.resourceRef = [](std::string_view id) -> std::optional<Json> {
    return Json(std::string(id) + "-physical");
  };
  context.resourceAttribute = [](std::string_view id,
                                 std::string_view name) -> std::optional<Json> {
    return Json(std::string(id) + "." + std::string(name));
  };
  context.importValue = [](std::string_view name) -> std::optional<std::string> {
    return "imported-" + std::string(name);
  };
  return context;
}

// Each part evaluated on its own, so that one refused value does not hide the others.
template <typename Evaluation>
void attempt(Evaluation evaluation) {
  try {
    evaluation();
  } catch (const TemplateError&) {
  }
}

void evaluateTemplate(const cfn::StackTemplate& stackTemplate) {
  std::map<std::string, Json> parameters;
  try {
    parameters = cfn::resolveParameters(stackTemplate, {});
  } catch (const TemplateError&) {
    return;
  }
  cfn::Evaluator evaluator(fakeContext(stackTemplate, parameters));
  attempt([&] { (void)evaluator.conditionValues(); });
  for (const cfn::ResourceDeclaration& resource : stackTemplate.resources)
    attempt([&] { (void)evaluator.properties(resource); });
  for (const cfn::OutputDeclaration& output : stackTemplate.outputs) {
    attempt([&] { (void)evaluator.evaluate(output.value); });
    attempt([&] { (void)evaluator.evaluate(output.exportName); });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    Json document = cfn::parseTemplateBody(fuzz::asText(data, size));
    const std::vector<std::string> transforms = transformsOf(document);
    if (cfn::usesServerlessTransform(document))
      document = cfn::expandServerless(document, {"/nonexistent"});
    cfn::StackTemplate stackTemplate = cfn::readTemplate(document);
    stackTemplate.transforms = transforms;
    evaluateTemplate(stackTemplate);
  } catch (const TemplateError&) {
  }
  return 0;
}
