// CloudWatch Logs over a LogStore: the write path the services use, retention on the virtual
// clock, PutLogEvents' rejected events, GetLogEvents' tokens and filter patterns.
#include <catch2/catch.hpp>

#include "emulator/core/aws_error.h"
#include "emulator/logs/filter_pattern.h"
#include "emulator/logs/logs_service.h"

using namespace stepsim;
using json = stepsim::Json;

namespace {

core::SimulationConfig manual() {
  core::SimulationConfig config;
  config.mode = core::ClockMode::Manual;
  return config;
}

constexpr core::TimeMs kDay = 86'400'000;

struct World {
  core::Simulation sim{manual()};
  logs::LogsService logs{sim};
  core::TimeMs t0 = sim.now();

  json call(std::string_view op, const json& input) { return logs.handle(op, input); }
  std::string errorCode(std::string_view op, const json& input) {
    try {
      logs.handle(op, input);
    } catch (const core::AwsError& e) {
      return e.code;
    }
    return "";
  }
  std::vector<std::string> messages(const json& output) {
    std::vector<std::string> out;
    for (const json& e : output["events"]) out.push_back(e["message"]);
    return out;
  }
};

}  // namespace

TEST_CASE("the services' write path makes the group and the stream on first use") {
  World w;
  w.logs.store().append("/aws/lambda/f", "s", {{w.t0 + 2, "second"}, {w.t0 + 1, "first"}});
  CHECK(w.messages(w.call("GetLogEvents", {{"logGroupName", "/aws/lambda/f"},
                                           {"logStreamName", "s"},
                                           {"startFromHead", true}})) ==
        std::vector<std::string>{"first", "second"});  // kept in time order
}

TEST_CASE("retention drops events older than the group keeps, as the clock moves") {
  World w;
  w.logs.store().append("g", "s", {{w.t0, "old"}});
  w.sim.advanceTo(w.t0 + 2 * kDay);
  w.logs.store().append("g", "s", {{w.sim.now(), "new"}});
  w.call("PutRetentionPolicy", {{"logGroupName", "g"}, {"retentionInDays", 1}});
  CHECK(w.messages(w.call("FilterLogEvents", {{"logGroupName", "g"}})) ==
        std::vector<std::string>{"new"});
  w.call("DeleteRetentionPolicy", {{"logGroupName", "g"}});
  CHECK(w.call("FilterLogEvents", {{"logGroupName", "g"}})["events"].size() == 2);
}

TEST_CASE("PutLogEvents reports events too old or too new for the virtual now") {
  World w;
  w.sim.advanceTo(w.t0 + 30 * kDay);
  core::TimeMs now = w.sim.now();
  w.call("CreateLogGroup", {{"logGroupName", "g"}});
  w.call("CreateLogStream", {{"logGroupName", "g"}, {"logStreamName", "s"}});
  json out = w.call("PutLogEvents", {{"logGroupName", "g"},
                                     {"logStreamName", "s"},
                                     {"logEvents",
                                      {{{"timestamp", now - 15 * kDay}, {"message", "old"}},
                                       {{"timestamp", now}, {"message", "ok"}},
                                       {{"timestamp", now + 3 * 3'600'000}, {"message", "new"}}}}});
  CHECK(out["rejectedLogEventsInfo"] ==
        json{{"tooOldLogEventEndIndex", 1}, {"tooNewLogEventStartIndex", 2}});
  CHECK(w.call("FilterLogEvents", {{"logGroupName", "g"}})["events"].size() == 1);
}

TEST_CASE("GetLogEvents pages with its own tokens and refuses made-up ones") {
  World w;
  std::vector<logs::LogEvent> events;
  for (int i = 0; i < 5; ++i) events.push_back({w.t0 + i, "e" + std::to_string(i)});
  w.logs.store().append("g", "s", events);
  json first = w.call(
      "GetLogEvents",
      {{"logGroupName", "g"}, {"logStreamName", "s"}, {"startFromHead", true}, {"limit", 2}});
  CHECK(w.messages(first) == std::vector<std::string>{"e0", "e1"});
  json next = w.call("GetLogEvents", {{"logGroupName", "g"},
                                      {"logStreamName", "s"},
                                      {"nextToken", first["nextForwardToken"]},
                                      {"limit", 2}});
  CHECK(w.messages(next) == std::vector<std::string>{"e2", "e3"});
  // At the end the forward token stays put, which is how clients know to stop.
  json last =
      w.call("GetLogEvents", {{"logGroupName", "g"}, {"logStreamName", "s"}, {"nextToken", "f/5"}});
  CHECK(last["events"].empty());
  CHECK(last["nextForwardToken"] == "f/5");
  for (const char* bad : {"x/1", "f/", "f/99", "b/-1", "f/1x"})
    CHECK(w.errorCode("GetLogEvents",
                      {{"logGroupName", "g"}, {"logStreamName", "s"}, {"nextToken", bad}}) ==
          "InvalidParameterException");
}

TEST_CASE("filter patterns: all terms, quoted phrases, one of ?terms, none of -terms") {
  CHECK(logs::FilterPattern("").matches("anything"));
  CHECK(logs::FilterPattern("ERROR job").matches("job 7: ERROR"));
  CHECK_FALSE(logs::FilterPattern("ERROR job").matches("ERROR only"));
  CHECK_FALSE(logs::FilterPattern("error").matches("ERROR"));  // case matters
  CHECK(logs::FilterPattern("\"job failed\"").matches("the job failed at 3"));
  CHECK_FALSE(logs::FilterPattern("\"job failed\"").matches("failed job"));
  CHECK(logs::FilterPattern("?WARN ?ERROR").matches("a WARN"));
  CHECK_FALSE(logs::FilterPattern("?WARN ?ERROR").matches("INFO"));
  CHECK_FALSE(logs::FilterPattern("START -DEBUG").matches("START DEBUG"));
  CHECK_THROWS_AS(logs::FilterPattern("{ $.a = 1 }"), core::AwsError);
  CHECK_THROWS_AS(logs::FilterPattern("[ip, user]"), core::AwsError);
  CHECK_THROWS_AS(logs::FilterPattern("\"open"), core::AwsError);
}

TEST_CASE("a stream keeps a bounded number of events, dropping the oldest") {
  World w;
  std::vector<logs::LogEvent> many;
  for (std::size_t i = 0; i < logs::kMaxEventsPerStream + 3; ++i) many.push_back({w.t0, "x"});
  w.logs.store().append("g", "s", many);
  logs::LogGroup& group = w.logs.store().requireGroup("g");
  logs::LogStream& stream = w.logs.store().requireStream(group, "s");
  CHECK(stream.events.size() == logs::kMaxEventsPerStream);
  CHECK(stream.storedBytes == logs::kMaxEventsPerStream);
  CHECK(stream.events.front().sequence == 4);
}
