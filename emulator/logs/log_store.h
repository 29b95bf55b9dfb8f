#pragma once
// What CloudWatch Logs holds: log groups, their streams and the events in each, on the virtual
// clock. The Logs API (logs_service.h) reads and writes it for clients; Lambda and Step Functions
// append to it as their AWS counterparts do, creating the group and stream on first use.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"

namespace stepsim::logs {

struct LogEvent {
  core::TimeMs timestamp = 0;
  std::string message;
  core::TimeMs ingestionTime = 0;
  std::uint64_t sequence = 0;  // the order of ingestion, across the store (the event id)
};

struct LogStream {
  std::string name;
  core::TimeMs created = 0;
  std::vector<LogEvent> events;  // by timestamp, then ingestion
  std::size_t storedBytes = 0;
};

struct LogGroup {
  std::string name;
  core::TimeMs created = 0;
  std::optional<int> retentionInDays;
  std::string kmsKeyId;
  std::string logGroupClass = "STANDARD";
  stepsim::Json tags = stepsim::Json::object();
  std::map<std::string, LogStream> streams;  // by name, as DescribeLogStreams lists them
};

// A stream keeps at most this many events; past it the oldest go, so a long-running server's
// memory stays bounded (AWS bounds it with retention, which is applied too).
inline constexpr std::size_t kMaxEventsPerStream = 100'000;

class LogStore {
 public:
  explicit LogStore(core::Simulation& simulation) : simulation_(simulation) {}

  core::Simulation& simulation() { return simulation_; }

  // Lookups; the require* ones throw ResourceNotFoundException as CloudWatch Logs does.
  LogGroup* group(std::string_view name);
  LogGroup& requireGroup(std::string_view name);
  LogStream& requireStream(LogGroup& group, std::string_view name);
  const std::map<std::string, LogGroup, std::less<>>& groups() const { return groups_; }

  // ResourceAlreadyExistsException when taken.
  LogGroup& createGroup(std::string name);
  LogStream& createStream(LogGroup& group, std::string name);
  void deleteGroup(std::string_view name);

  // Adds events (in any order) to a stream; the write path of Lambda and Step Functions, which
  // creates the group and the stream when missing.
  void append(LogStream& stream, std::vector<LogEvent> events);
  void append(std::string_view group, std::string_view stream, std::vector<LogEvent> events);

  // Whether an event is still kept under the group's retention, on the virtual clock.
  bool retained(const LogGroup& group, const LogEvent& event) const;

  // "arn:aws:logs:<region>:<account>:log-group:<name>"
  std::string groupArn(std::string_view name) const;

 private:
  core::Simulation& simulation_;
  std::map<std::string, LogGroup, std::less<>> groups_;
  std::uint64_t nextSequence_ = 1;
};

}  // namespace stepsim::logs
