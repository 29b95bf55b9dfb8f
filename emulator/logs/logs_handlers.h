#pragma once
// The CloudWatch Logs operations, one function each: groups, streams, retention and tags in
// logs_resources.cpp, events in logs_events.cpp; and what they share.
#include <cstddef>
#include <string>

#include "emulator/core/json.h"
#include "emulator/logs/log_store.h"

namespace stepsim::logs {

using json = stepsim::Json;
using Handler = json (*)(LogStore&, const json&);

// The group a request names by logGroupName or logGroupIdentifier (a name or an ARN).
LogGroup& requestedGroup(LogStore& store, const json& input);
// A paged slice [begin, end) of `total` items by the request's nextToken and limit; the token of
// the next page, or "" on the last.
std::string pageWindow(std::size_t total, const json& input, std::size_t defaultLimit,
                       std::size_t& begin, std::size_t& end);

json createLogGroup(LogStore&, const json&);
json deleteLogGroup(LogStore&, const json&);
json describeLogGroups(LogStore&, const json&);
json createLogStream(LogStore&, const json&);
json deleteLogStream(LogStore&, const json&);
json describeLogStreams(LogStore&, const json&);
json putRetentionPolicy(LogStore&, const json&);
json deleteRetentionPolicy(LogStore&, const json&);
json tagLogGroup(LogStore&, const json&);
json untagLogGroup(LogStore&, const json&);
json listTagsLogGroup(LogStore&, const json&);
json tagResource(LogStore&, const json&);
json untagResource(LogStore&, const json&);
json listTagsForResource(LogStore&, const json&);
json putLogEvents(LogStore&, const json&);
json getLogEvents(LogStore&, const json&);
json filterLogEvents(LogStore&, const json&);

}  // namespace stepsim::logs
