#pragma once
// CloudWatch Logs on the wire: awsJson 1.1, X-Amz-Target "Logs_20140328.<Operation>". Its state,
// the LogStore, is also where Lambda and Step Functions write: logStore() reaches it.
#include "emulator/app/service_binding.h"
#include "emulator/lambda/log_writer.h"

namespace stepsim::logs {
class LogStore;
}

namespace stepsim::app::logs_binding {
const WireProtocol& wire();
void serve(AccountRegion& place, ServiceCall call, Answer answer);
std::unique_ptr<ServiceState> createState(AccountRegion& place);
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place);
}  // namespace stepsim::app::logs_binding

namespace stepsim::app {
inline constexpr ServiceBinding kLogsBinding{.name = "logs",
                                             .targetPrefix = "Logs_20140328.",
                                             .wire = &logs_binding::wire,
                                             .internalErrorCode = "ServiceUnavailableException",
                                             .serve = &logs_binding::serve,
                                             .createState = &logs_binding::createState,
                                             .permissions = &logs_binding::permissions};

// The account's log groups, streams and events.
logs::LogStore& logStore(AccountRegion& place);

// The name of the log group `arn` names ("arn:aws:logs:…:log-group:NAME[:*]"), or `arn` itself.
std::string logGroupNameOf(std::string_view arn);

// Appends a service's log lines (Lambda's) to `stream` of `group`, made when missing.
void writeLogLines(AccountRegion& place, const std::string& group, const std::string& stream,
                   std::vector<lambda::LogLine> lines);
}  // namespace stepsim::app
