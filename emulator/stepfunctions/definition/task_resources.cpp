#include "emulator/stepfunctions/definition/task_resources.h"

#include <cctype>
#include <regex>

#include "emulator/core/utf8.h"
#include "emulator/protocol/service_model.h"

namespace stepsim::sfn {

namespace {

constexpr std::string_view kIntegrationPrefix = "arn:aws:states:::";

bool startsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

TaskResourceCheck ok(TaskKind kind, IntegrationPattern pattern = IntegrationPattern::RequestResponse,
                     std::string service = {}, std::string_view action = {}) {
  return {TaskResource{kind, pattern, std::move(service), std::string(action)}, {}};
}

TaskResourceCheck refused(std::string_view resource, std::string why = "") {
  std::string message = "The resource provided " + std::string(resource) +
                        " is not recognized. The value is not a valid resource ARN, or the "
                        "resource is not available in this region.";
  if (!why.empty()) message += " (" + why + ")";
  return {std::nullopt, std::move(message)};
}

// name[.suffix] with the suffixes an optimized integration supports.
std::optional<IntegrationPattern> patternOf(std::string_view suffix, bool sync, bool sync2,
                                            bool token) {
  if (suffix.empty()) return IntegrationPattern::RequestResponse;
  if (suffix == ".sync" && sync) return IntegrationPattern::Sync;
  if (suffix == ".sync:2" && sync2) return IntegrationPattern::Sync2;
  if (suffix == ".waitForTaskToken" && token) return IntegrationPattern::WaitForTaskToken;
  return std::nullopt;
}

// A name as CreateActivity accepts it: 1-80 characters, none of those AWS forbids.
bool isActivityName(std::string_view name) {
  constexpr std::string_view forbidden = " <>{}[]?*\"#%\\^|~`$&,;:/";
  std::size_t length = core::utf8Length(name);
  if (length == 0 || length > 80) return false;
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || forbidden.find(static_cast<char>(c)) != std::string_view::npos)
      return false;
  return true;
}

// arn:aws:states:REGION:ACCOUNT:activity:NAME
bool isActivityArn(std::string_view resource) {
  static const std::regex prefix(R"(arn:aws:states:[a-z0-9-]+:\d{12}:activity:)");
  std::match_results<std::string_view::const_iterator> match;
  if (!std::regex_search(resource.begin(), resource.end(), match, prefix,
                         std::regex_constants::match_continuous))
    return false;
  return isActivityName(resource.substr(static_cast<std::size_t>(match.length(0))));
}

}  // namespace

std::string operationName(std::string_view action) {
  std::string name(action);
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

std::string_view sdkModelName(std::string_view sdkService) {
  if (sdkService == "states" || sdkService == "sfn") return "stepfunctions";
  if (sdkService == "eventbridge") return "events";
  return sdkService;
}

TaskResourceCheck classifyTaskResource(std::string_view resource) {
  static const std::regex lambdaArn(
      R"(arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:(\$LATEST|[A-Za-z0-9_-]{1,128}))?)");
  if (startsWith(resource, "arn:aws:lambda:")) {
    if (std::regex_match(resource.begin(), resource.end(), lambdaArn)) return ok(TaskKind::LambdaArn);
    return refused(resource, "not a Lambda function ARN");
  }
  if (startsWith(resource, "arn:aws:states:") && resource.find(":activity:") != std::string_view::npos) {
    // Whether the activity exists is decided when the task is scheduled, as AWS does.
    if (isActivityArn(resource)) return ok(TaskKind::Activity);
    return refused(resource, "not an activity ARN");
  }
  if (!startsWith(resource, kIntegrationPrefix)) return refused(resource);

  std::string_view rest = resource.substr(kIntegrationPrefix.size());
  auto optimized = [&](std::string_view name, TaskKind kind, bool sync, bool sync2,
                       bool token) -> std::optional<TaskResourceCheck> {
    if (!startsWith(rest, name)) return std::nullopt;
    std::optional<IntegrationPattern> pattern = patternOf(rest.substr(name.size()), sync, sync2, token);
    if (!pattern) return refused(resource, "unsupported integration pattern");
    std::size_t colon = name.find(':');
    return ok(kind, *pattern, std::string(name.substr(0, colon)), name.substr(colon + 1));
  };
  if (auto r = optimized("lambda:invoke", TaskKind::LambdaInvoke, false, false, true)) return *r;
  if (auto r = optimized("batch:submitJob", TaskKind::BatchSubmitJob, true, false, false)) return *r;
  if (auto r = optimized("states:startExecution", TaskKind::StartExecution, true, true, true))
    return *r;

  if (startsWith(rest, "aws-sdk:")) {
    std::string_view sdk = rest.substr(8);
    std::size_t colon = sdk.find(':');
    if (colon == std::string_view::npos) return refused(resource);
    std::string service(sdk.substr(0, colon));
    std::string_view action = sdk.substr(colon + 1);
    IntegrationPattern pattern = IntegrationPattern::RequestResponse;
    if (action.size() > 17 && action.substr(action.size() - 17) == ".waitForTaskToken") {
      action.remove_suffix(17);
      pattern = IntegrationPattern::WaitForTaskToken;
    }
    if (service != "batch" && service != "lambda" && service != "sfn") {
      static const std::regex sdkName(R"([a-z][a-z0-9-]*)"), sdkAction(R"([a-z][A-Za-z0-9]*)");
      if (!std::regex_match(service, sdkName) ||
          !std::regex_match(action.begin(), action.end(), sdkAction))
        return refused(resource);
      return ok(TaskKind::Unemulated, pattern, service, action);
    }
    if (action.empty() || !std::islower(static_cast<unsigned char>(action[0])) ||
        !protocol::serviceModel(sdkModelName(service)).findOperation(operationName(action)))
      return refused(resource, "no " + service + " action '" + std::string(action) + "'");
    return ok(TaskKind::SdkIntegration, pattern, service, action);
  }
  // <service>:<action>[.sync|.sync:2|.waitForTaskToken] of a service stepsim does not emulate.
  // AWS checks the pair against its list of integrations; stepsim cannot run any of them, so any
  // well-formed name is accepted (for a mock config to answer). Emulated services keep their
  // refusals above.
  static const std::regex integration(
      R"(([a-z][a-z0-9-]*):([A-Za-z][A-Za-z0-9]*)(\.sync|\.sync:2|\.waitForTaskToken)?)");
  std::match_results<std::string_view::const_iterator> match;
  if (std::regex_match(rest.begin(), rest.end(), match, integration)) {
    std::string service = match[1].str();
    if (service == "lambda" || service == "batch" || service == "states") return refused(resource);
    return ok(TaskKind::Unemulated, *patternOf(match[3].str(), true, true, true), service,
              match[2].str());
  }
  return refused(resource);
}

}  // namespace stepsim::sfn
