#pragma once
// One emulated service as the dispatcher sees it: how a request is recognised as its own, the
// wire protocol that decodes the request and encodes answers and errors, and how an operation
// runs. Emulator::dispatch knows no service by name: each service is one row of
// serviceBindings() (service_registry.cpp), and its quirks (an answer that comes later, a status
// the model does not give, error members of its own) live in its binding file.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/app/permission_checks.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/json_fwd.h"
#include "emulator/iam/identity_store.h"
#include "emulator/protocol/http_message.h"
#include "emulator/protocol/rest_json.h"

namespace stepsim::app {

class AccountRegion;

// A service's wire protocol (awsJson, rest-json), bound to its model.
class WireProtocol {
 public:
  virtual ~WireProtocol() = default;
  // Throws core::AwsError for a request the protocol or the model refuses.
  virtual protocol::DecodedRequest decode(const protocol::HttpRequest& request) const = 0;
  virtual protocol::HttpResponse encode(std::string_view operation, const stepsim::Json& output,
                                        std::string_view requestId) const = 0;
  virtual protocol::HttpResponse encodeError(const core::AwsError& error,
                                             std::string_view requestId) const = 0;
};

// Answers the request, once, now or later, with a complete response.
using Answer = std::function<void(protocol::HttpResponse)>;

struct ServiceCall {
  protocol::DecodedRequest request;
  std::string requestId;
  iam::CallerIdentity caller;  // who signed the request
};

// What a service keeps between requests, when the AccountRegion does not hold it itself: made by
// its binding's createState, dropped on reset. See stateOf (service_state.h).
struct ServiceState {
  virtual ~ServiceState() = default;
};

struct ServiceBinding {
  std::string_view name;          // the SigV4 signing name ("states"), also the request log's name
  std::string_view targetPrefix = "";  // X-Amz-Target prefix naming it on unsigned requests
  bool (*ownsPath)(std::string_view path) = nullptr;  // recognises unsigned requests by path
  const WireProtocol& (*wire)();
  std::string_view internalErrorCode;  // the generic error of a 500 ("ServiceException")
  // Runs the call and answers it, now or later. A refused call throws core::AwsError before
  // answering; the dispatcher answers it with the protocol's error.
  void (*serve)(AccountRegion& place, ServiceCall call, Answer answer);
  // Makes the service's state in each account and region, when first used and after every reset;
  // nullptr for none.
  std::unique_ptr<ServiceState> (*createState)(AccountRegion& place) = nullptr;
  // A global service (IAM): one state per account, made in its home region and shared by all.
  bool global = false;
  // The error for a request signed with temporary credentials that have expired.
  std::string_view expiredTokenCode = "ExpiredTokenException";
  // With permission checks on, what a call signed by a role's session (a function's real code)
  // needs from that role: the service's IAM actions and resources. nullptr: not checked.
  std::vector<Permission> (*permissions)(const ServiceCall& call, const AwsPlace& place) = nullptr;
  // The error a refused call gets.
  std::string_view accessDeniedCode = "AccessDeniedException";
};

// Every emulated service, sorted by name.
std::span<const ServiceBinding> serviceBindings();
// The service signed for as `signingName`, or nullptr.
const ServiceBinding* bindingNamed(std::string_view signingName);

// The error for an operation the model has and the service does not emulate.
core::AwsError unknownOperation(std::string_view operation);

// The operation `call` names, once `service` is known to emulate it (else unknownOperation).
template <class Service>
const std::string& emulatedOperation(const Service& service, const ServiceCall& call) {
  if (!service.implements(call.request.operation)) throw unknownOperation(call.request.operation);
  return call.request.operation;
}

// Answers `call` at once with what `service.handle` gives, encoded by `wire`.
template <class Service>
void answerAtOnce(Service& service, const WireProtocol& wire, const ServiceCall& call,
                  const Answer& answer) {
  const std::string& operation = call.request.operation;
  answer(wire.encode(operation, service.handle(operation, call.request.input), call.requestId));
}

}  // namespace stepsim::app
