// The operation table: model operation name → handler.
#include "emulator/lambda/lambda_service.h"

#include <algorithm>
#include <array>
#include <utility>

#include "emulator/core/operation_table.h"
#include "emulator/lambda/errors.h"
#include "emulator/lambda/handlers.h"
#include "emulator/lambda/invoker.h"

namespace stepsim::lambda {

namespace {

using Handler = json (*)(LambdaState&, const json&);

// Sorted by name for binary search.
constexpr core::OperationTable<Handler, 18> kHandlers = {{
    {"CreateAlias", createAlias},
    {"CreateFunction", createFunction},
    {"DeleteAlias", deleteAlias},
    {"DeleteFunction", deleteFunction},
    {"GetAccountSettings", getAccountSettings},
    {"GetAlias", getAlias},
    {"GetFunction", getFunction},
    {"GetFunctionConfiguration", getFunctionConfiguration},
    {"ListAliases", listAliases},
    {"ListFunctions", listFunctions},
    {"ListTags", listTags},
    {"ListVersionsByFunction", listVersionsByFunction},
    {"PublishVersion", publishVersion},
    {"TagResource", tagResource},
    {"UntagResource", untagResource},
    {"UpdateAlias", updateAlias},
    {"UpdateFunctionCode", updateFunctionCode},
    {"UpdateFunctionConfiguration", updateFunctionConfiguration},
}};

static_assert(core::isSortedByName(kHandlers));

Handler find(std::string_view operation) {
  return core::findOperation(kHandlers, operation);
}

}  // namespace

LambdaService::LambdaService(core::Simulation& simulation)
    : state_(std::make_unique<LambdaState>(simulation)),
      invoker_(std::make_unique<Invoker>(*state_)) {}

LambdaService::~LambdaService() = default;

void LambdaService::invoke(const InvokeRequest& request, InvokeCallback done) {
  invoker_->invoke(request, std::move(done));
}

ScriptBook& LambdaService::scripts() {
  return invoker_->scripts();
}

void LambdaService::setBuiltinHandlers(BuiltinHandlers* builtins) {
  state_->builtins = builtins;
}

void LambdaService::setCredentialIssuer(CredentialIssuer issuer) {
  state_->issueCredentials = std::move(issuer);
}

void LambdaService::setLogWriter(LogWriter writer) {
  state_->writeLog = std::move(writer);
}

void LambdaService::setProcessHost(ProcessHost* host) {
  invoker_->setProcessHost(host);
}

bool LambdaService::ownsRuntimeChannel(std::uint64_t channel) const {
  return invoker_->ownsRuntimeChannel(channel);
}

void LambdaService::handleRuntimeRequest(std::uint64_t channel,
                                         const protocol::HttpRequest& request,
                                         RuntimeReply reply) {
  invoker_->handleRuntimeRequest(channel, request, std::move(reply));
}

stepsim::Json LambdaService::handle(std::string_view operation, const stepsim::Json& input) {
  Handler handler = find(operation);
  if (!handler) invalidParameter("operation " + shown(operation) + " is not supported");
  if (!input.is_null() && !input.is_object()) invalidParameter("the request must be a JSON object");
  static const json kEmpty = json::object();
  return handler(*state_, input.is_null() ? kEmpty : input);
}

bool LambdaService::implements(std::string_view operation) const {
  return find(operation) || operation == "Invoke";
}

}  // namespace stepsim::lambda
