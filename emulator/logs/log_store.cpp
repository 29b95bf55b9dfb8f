#include "emulator/logs/log_store.h"

#include <algorithm>

#include "emulator/core/aws_error.h"

namespace stepsim::logs {
namespace {

[[noreturn]] void notFound(const char* what) {
  throw core::AwsError("ResourceNotFoundException",
                       std::string("The specified ") + what + " does not exist.", 400);
}

[[noreturn]] void alreadyExists(const char* what) {
  throw core::AwsError("ResourceAlreadyExistsException",
                       std::string("The specified ") + what + " already exists", 400);
}

bool earlier(const LogEvent& a, const LogEvent& b) {
  return a.timestamp != b.timestamp ? a.timestamp < b.timestamp : a.sequence < b.sequence;
}

constexpr core::TimeMs kDayMs = 86'400'000;

}  // namespace

LogGroup* LogStore::group(std::string_view name) {
  auto it = groups_.find(name);
  return it == groups_.end() ? nullptr : &it->second;
}

LogGroup& LogStore::requireGroup(std::string_view name) {
  if (LogGroup* found = group(name)) return *found;
  notFound("log group");
}

LogStream& LogStore::requireStream(LogGroup& group, std::string_view name) {
  auto it = group.streams.find(std::string(name));
  if (it == group.streams.end()) notFound("log stream");
  return it->second;
}

LogGroup& LogStore::createGroup(std::string name) {
  if (groups_.count(name)) alreadyExists("log group");
  LogGroup created;
  created.name = name;
  created.created = simulation_.now();
  return groups_.emplace(std::move(name), std::move(created)).first->second;
}

LogStream& LogStore::createStream(LogGroup& group, std::string name) {
  if (group.streams.count(name)) alreadyExists("log stream");
  LogStream created;
  created.name = name;
  created.created = simulation_.now();
  return group.streams.emplace(std::move(name), std::move(created)).first->second;
}

void LogStore::deleteGroup(std::string_view name) {
  requireGroup(name);
  groups_.erase(groups_.find(name));
}

void LogStore::append(LogStream& stream, std::vector<LogEvent> events) {
  for (LogEvent& event : events) {
    event.ingestionTime = simulation_.now();
    event.sequence = nextSequence_++;
    stream.storedBytes += event.message.size();
    // Writers mostly append in time order: the insertion point is then the end.
    auto at = std::upper_bound(stream.events.begin(), stream.events.end(), event, earlier);
    stream.events.insert(at, std::move(event));
  }
  if (stream.events.size() > kMaxEventsPerStream) {
    auto excess = static_cast<std::ptrdiff_t>(stream.events.size() - kMaxEventsPerStream);
    for (auto it = stream.events.begin(); it != stream.events.begin() + excess; ++it)
      stream.storedBytes -= it->message.size();
    stream.events.erase(stream.events.begin(), stream.events.begin() + excess);
  }
}

void LogStore::append(std::string_view groupName, std::string_view streamName,
                      std::vector<LogEvent> events) {
  LogGroup* target = group(groupName);
  if (!target) target = &createGroup(std::string(groupName));
  auto stream = target->streams.find(std::string(streamName));
  LogStream& into = stream != target->streams.end()
                        ? stream->second
                        : createStream(*target, std::string(streamName));
  append(into, std::move(events));
}

bool LogStore::retained(const LogGroup& group, const LogEvent& event) const {
  return !group.retentionInDays ||
         event.timestamp >= simulation_.now() - *group.retentionInDays * kDayMs;
}

std::string LogStore::groupArn(std::string_view name) const {
  const core::SimulationConfig& config = simulation_.config();
  return "arn:aws:logs:" + config.region + ":" + config.account + ":log-group:" + std::string(name);
}

}  // namespace stepsim::logs
