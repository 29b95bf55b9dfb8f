// CloudWatch Logs events: PutLogEvents, GetLogEvents (one stream, paged forward and backward) and
// FilterLogEvents (a group's streams interleaved by time, with a filter pattern).
#include <algorithm>
#include <charconv>
#include <cstdio>

#include "emulator/core/aws_error.h"
#include "emulator/logs/filter_pattern.h"
#include "emulator/logs/logs_handlers.h"

namespace stepsim::logs {
namespace {

[[noreturn]] void invalidParameter(std::string message) {
  throw core::AwsError("InvalidParameterException", std::move(message), 400);
}

constexpr core::TimeMs kHourMs = 3'600'000;
constexpr core::TimeMs kTooOldMs = 14 * 24 * kHourMs;  // what PutLogEvents takes, around now
constexpr core::TimeMs kTooNewMs = 2 * kHourMs;
constexpr std::size_t kDefaultEventLimit = 10'000;

// The events of `stream` in [startTime, endTime), retention applied, as indexes.
std::vector<std::size_t> inWindow(const LogStore& store, const LogGroup& group,
                                  const LogStream& stream, const json& input) {
  core::TimeMs start = input.value("startTime", core::TimeMs{0});
  core::TimeMs end = input.value("endTime", std::numeric_limits<core::TimeMs>::max());
  std::vector<std::size_t> indexes;
  for (std::size_t i = 0; i < stream.events.size(); ++i) {
    const LogEvent& event = stream.events[i];
    if (event.timestamp >= start && event.timestamp < end && store.retained(group, event))
      indexes.push_back(i);
  }
  return indexes;
}

json renderEvent(const LogEvent& event) {
  return {{"timestamp", event.timestamp},
          {"message", event.message},
          {"ingestionTime", event.ingestionTime}};
}

// GetLogEvents' tokens: "f/N" reads forward from position N, "b/N" backward to before it.
struct Cursor {
  bool forward = true;
  std::size_t position = 0;
};

Cursor readCursor(const std::string& token, std::size_t total) {
  Cursor cursor;
  if (token.size() < 3 || (token[0] != 'f' && token[0] != 'b') || token[1] != '/')
    invalidParameter("The specified nextToken is invalid.");
  cursor.forward = token[0] == 'f';
  auto [ptr, error] =
      std::from_chars(token.data() + 2, token.data() + token.size(), cursor.position);
  if (error != std::errc() || ptr != token.data() + token.size() || cursor.position > total)
    invalidParameter("The specified nextToken is invalid.");
  return cursor;
}

std::string eventId(const LogEvent& event) {
  char id[32];
  std::snprintf(id, sizeof id, "%020llu", static_cast<unsigned long long>(event.sequence));
  return id;
}

}  // namespace

json putLogEvents(LogStore& store, const json& input) {
  LogGroup& group = store.requireGroup(input.at("logGroupName").get<std::string>());
  LogStream& stream = store.requireStream(group, input.at("logStreamName").get<std::string>());
  const json& given = input.at("logEvents");
  core::TimeMs now = store.simulation().now();
  std::vector<LogEvent> accepted;
  json rejected = json::object();
  core::TimeMs previous = std::numeric_limits<core::TimeMs>::min();
  for (std::size_t i = 0; i < given.size(); ++i) {
    core::TimeMs timestamp = given[i].at("timestamp").get<core::TimeMs>();
    if (timestamp < previous)
      invalidParameter(
          "Log events in a single PutLogEvents request must be in chronological order.");
    previous = timestamp;
    // Too old or too new for CloudWatch (around the virtual now): reported, not stored.
    if (timestamp < now - kTooOldMs) {
      rejected["tooOldLogEventEndIndex"] = i + 1;
    } else if (timestamp > now + kTooNewMs) {
      if (!rejected.contains("tooNewLogEventStartIndex")) rejected["tooNewLogEventStartIndex"] = i;
    } else {
      accepted.push_back(LogEvent{timestamp, given[i].at("message").get<std::string>()});
    }
  }
  store.append(stream, std::move(accepted));
  json out = json::object();
  if (!rejected.empty()) out["rejectedLogEventsInfo"] = std::move(rejected);
  return out;
}

json getLogEvents(LogStore& store, const json& input) {
  LogGroup& group = requestedGroup(store, input);
  LogStream& stream = store.requireStream(group, input.at("logStreamName").get<std::string>());
  std::vector<std::size_t> window = inWindow(store, group, stream, input);
  std::size_t limit = input.value("limit", kDefaultEventLimit);
  Cursor cursor{input.value("startFromHead", false), 0};
  cursor.position = cursor.forward ? 0 : window.size();
  if (auto token = input.find("nextToken"); token != input.end())
    cursor = readCursor(token->get<std::string>(), window.size());
  std::size_t begin =
      cursor.forward ? cursor.position : cursor.position - std::min(limit, cursor.position);
  std::size_t end = cursor.forward ? std::min(window.size(), begin + limit) : cursor.position;
  json events = json::array();
  for (std::size_t i = begin; i < end; ++i) events.push_back(renderEvent(stream.events[window[i]]));
  return {{"events", std::move(events)},
          {"nextForwardToken", "f/" + std::to_string(end)},
          {"nextBackwardToken", "b/" + std::to_string(begin)}};
}

json filterLogEvents(LogStore& store, const json& input) {
  LogGroup& group = requestedGroup(store, input);
  if (input.contains("logStreamNames") && input.contains("logStreamNamePrefix"))
    invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive");
  FilterPattern pattern(input.value("filterPattern", std::string()));
  std::string prefix = input.value("logStreamNamePrefix", std::string());
  json names = input.value("logStreamNames", json::array());
  struct Found {
    const LogStream* stream;
    const LogEvent* event;
  };
  std::vector<Found> found;
  for (const auto& [name, stream] : group.streams) {
    bool chosen = names.empty() ? name.starts_with(prefix)
                                : std::find(names.begin(), names.end(), json(name)) != names.end();
    if (!chosen) continue;
    for (std::size_t i : inWindow(store, group, stream, input))
      if (pattern.matches(stream.events[i].message)) found.push_back({&stream, &stream.events[i]});
  }
  // Interleaved by time, as AWS answers; ingestion order breaks ties.
  std::sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.event->timestamp != b.event->timestamp ? a.event->timestamp < b.event->timestamp
                                                    : a.event->sequence < b.event->sequence;
  });
  std::size_t begin, end;
  std::string next = pageWindow(found.size(), input, kDefaultEventLimit, begin, end);
  json events = json::array();
  for (std::size_t i = begin; i < end; ++i) {
    json event = {{"logStreamName", found[i].stream->name}};
    event.update(renderEvent(*found[i].event));
    event["eventId"] = eventId(*found[i].event);
    events.push_back(std::move(event));
  }
  json out = {{"events", std::move(events)}};
  if (!next.empty()) out["nextToken"] = next;
  return out;
}

}  // namespace stepsim::logs
