#include "emulator/logs/logs_service.h"

#include <stdexcept>

#include "emulator/core/operation_table.h"
#include "emulator/logs/logs_handlers.h"

namespace stepsim::logs {
namespace {

constexpr core::OperationTable<Handler, 17> kHandlers = {{
    {"CreateLogGroup", createLogGroup},
    {"CreateLogStream", createLogStream},
    {"DeleteLogGroup", deleteLogGroup},
    {"DeleteLogStream", deleteLogStream},
    {"DeleteRetentionPolicy", deleteRetentionPolicy},
    {"DescribeLogGroups", describeLogGroups},
    {"DescribeLogStreams", describeLogStreams},
    {"FilterLogEvents", filterLogEvents},
    {"GetLogEvents", getLogEvents},
    {"ListTagsForResource", listTagsForResource},
    {"ListTagsLogGroup", listTagsLogGroup},
    {"PutLogEvents", putLogEvents},
    {"PutRetentionPolicy", putRetentionPolicy},
    {"TagLogGroup", tagLogGroup},
    {"TagResource", tagResource},
    {"UntagLogGroup", untagLogGroup},
    {"UntagResource", untagResource},
}};
static_assert(core::isSortedByName(kHandlers));

}  // namespace

stepsim::Json LogsService::handle(std::string_view operation, const stepsim::Json& input) {
  Handler handler = core::findOperation(kHandlers, operation);
  if (!handler) throw std::invalid_argument("Logs does not implement " + std::string(operation));
  return handler(store_, input);
}

bool LogsService::implements(std::string_view operation) const {
  return core::findOperation(kHandlers, operation) != nullptr;
}

}  // namespace stepsim::logs
