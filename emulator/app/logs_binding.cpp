#include "emulator/app/logs_binding.h"

#include "emulator/app/service_protocols.h"
#include "emulator/app/service_state.h"
#include "emulator/app/wire_protocols.h"
#include "emulator/logs/logs_service.h"

namespace stepsim::app::logs_binding {

const WireProtocol& wire() {
  static const AwsJsonWire wire(logsProtocol());
  return wire;
}

void serve(AccountRegion& place, ServiceCall call, Answer answer) {
  serveFromState<logs::LogsService>(place, kLogsBinding, wire(), call, answer);
}

std::unique_ptr<ServiceState> createState(AccountRegion& place) {
  return makeServiceState<logs::LogsService>(place.simulation());
}

// Logs' actions are its operations, on the log group they name ("*" for DescribeLogGroups).
std::vector<Permission> permissions(const ServiceCall& call, const AwsPlace& place) {
  std::string action = "logs:" + call.request.operation;
  std::string group = stringMember(call.request.input, "logGroupName");
  if (group.empty()) return {{action, "*"}};
  return {{action,
           "arn:aws:logs:" + place.region + ":" + place.account + ":log-group:" + group + ":*"}};
}

}  // namespace stepsim::app::logs_binding

namespace stepsim::app {

logs::LogStore& logStore(AccountRegion& place) {
  return stateOf<logs::LogsService>(place, kLogsBinding).store();
}

std::string logGroupNameOf(std::string_view arn) {
  static constexpr std::string_view kMarker = ":log-group:";
  std::size_t at = arn.find(kMarker);
  if (at == std::string_view::npos) return std::string(arn);
  std::string_view name = arn.substr(at + kMarker.size());
  if (name.ends_with(":*")) name.remove_suffix(2);
  return std::string(name);
}

void writeLogLines(AccountRegion& place, const std::string& group, const std::string& stream,
                   std::vector<lambda::LogLine> lines) {
  std::vector<logs::LogEvent> events;
  events.reserve(lines.size());
  for (lambda::LogLine& line : lines)
    events.push_back(logs::LogEvent{line.timestamp, std::move(line.message)});
  logStore(place).append(group, stream, std::move(events));
}

}  // namespace stepsim::app
