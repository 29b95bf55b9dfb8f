// CloudWatch Logs groups and streams: create, describe, delete, retention and tags.
#include <algorithm>
#include <charconv>

#include "emulator/core/aws_error.h"
#include "emulator/logs/logs_handlers.h"

namespace stepsim::logs {
namespace {

[[noreturn]] void invalidParameter(std::string message) {
  throw core::AwsError("InvalidParameterException", std::move(message), 400);
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

json renderGroup(const LogStore& store, const LogGroup& group) {
  std::string arn = store.groupArn(group.name);
  std::size_t storedBytes = 0;
  for (const auto& [_, stream] : group.streams) storedBytes += stream.storedBytes;
  json out = {{"logGroupName", group.name}, {"creationTime", group.created}};
  if (group.retentionInDays) out["retentionInDays"] = *group.retentionInDays;
  out["metricFilterCount"] = 0;
  out["arn"] = arn + ":*";
  out["storedBytes"] = storedBytes;
  if (!group.kmsKeyId.empty()) out["kmsKeyId"] = group.kmsKeyId;
  out["logGroupClass"] = group.logGroupClass;
  out["logGroupArn"] = arn;
  return out;
}

json renderStream(const LogStore& store, const LogGroup& group, const LogStream& stream) {
  json out = {{"logStreamName", stream.name}, {"creationTime", stream.created}};
  if (!stream.events.empty()) {
    out["firstEventTimestamp"] = stream.events.front().timestamp;
    out["lastEventTimestamp"] = stream.events.back().timestamp;
    out["lastIngestionTime"] = std::max_element(stream.events.begin(), stream.events.end(),
                                                [](const LogEvent& a, const LogEvent& b) {
                                                  return a.ingestionTime < b.ingestionTime;
                                                })
                                   ->ingestionTime;
  }
  out["arn"] = store.groupArn(group.name) + ":log-stream:" + stream.name;
  out["storedBytes"] = 0;  // deprecated by AWS, which answers 0
  return out;
}

// The group a tagging call names by ARN (with or without the ":*" that DescribeLogGroups shows).
LogGroup& groupByArn(LogStore& store, std::string arn) {
  if (arn.ends_with(":*")) arn.resize(arn.size() - 2);
  std::string prefix = store.groupArn("");
  if (!arn.starts_with(prefix))
    throw core::AwsError("ResourceNotFoundException",
                         "The specified resource does not exist: " + arn, 400);
  return store.requireGroup(std::string_view(arn).substr(prefix.size()));
}

json withTags(json tags, const json& added) {
  for (const auto& [key, value] : added.items()) tags[key] = value;
  if (tags.size() > 50) invalidParameter("A log group can have at most 50 tags");
  return tags;
}

json withoutTags(json tags, const json& keys) {
  for (const json& key : keys) tags.erase(key.get<std::string>());
  return tags;
}

}  // namespace

LogGroup& requestedGroup(LogStore& store, const json& input) {
  if (auto name = input.find("logGroupName"); name != input.end())
    return store.requireGroup(name->get<std::string>());
  auto identifier = input.find("logGroupIdentifier");
  if (identifier == input.end())
    invalidParameter("Either logGroupName or logGroupIdentifier must be given");
  const std::string& text = identifier->get_ref<const std::string&>();
  return text.starts_with("arn:") ? groupByArn(store, text) : store.requireGroup(text);
}

std::string pageWindow(std::size_t total, const json& input, std::size_t defaultLimit,
                       std::size_t& begin, std::size_t& end) {
  begin = 0;
  if (auto token = input.find("nextToken"); token != input.end()) {
    const std::string& text = token->get_ref<const std::string&>();
    auto [ptr, error] = std::from_chars(text.data(), text.data() + text.size(), begin);
    if (error != std::errc() || ptr != text.data() + text.size() || begin > total)
      invalidParameter("The specified nextToken is invalid.");
  }
  std::size_t limit = input.value("limit", defaultLimit);
  end = std::min(total, begin + limit);
  return end < total ? std::to_string(end) : std::string();
}

json createLogGroup(LogStore& store, const json& input) {
  LogGroup& group = store.createGroup(input.at("logGroupName").get<std::string>());
  group.kmsKeyId = input.value("kmsKeyId", std::string());
  group.logGroupClass = input.value("logGroupClass", std::string("STANDARD"));
  if (input.contains("tags")) group.tags = withTags(json::object(), input.at("tags"));
  return json::object();
}

json deleteLogGroup(LogStore& store, const json& input) {
  store.deleteGroup(input.at("logGroupName").get<std::string>());
  return json::object();
}

json describeLogGroups(LogStore& store, const json& input) {
  std::string prefix = input.value("logGroupNamePrefix", std::string());
  std::string pattern = lowered(input.value("logGroupNamePattern", std::string()));
  if (!prefix.empty() && !pattern.empty())
    invalidParameter("LogGroupNamePrefix and LogGroupNamePattern are mutually exclusive");
  std::vector<const LogGroup*> groups;
  for (const auto& [name, group] : store.groups())
    if (name.starts_with(prefix) && lowered(name).find(pattern) != std::string::npos)
      groups.push_back(&group);
  std::size_t begin, end;
  std::string next = pageWindow(groups.size(), input, 50, begin, end);
  json listed = json::array();
  for (std::size_t i = begin; i < end; ++i) listed.push_back(renderGroup(store, *groups[i]));
  json out = {{"logGroups", std::move(listed)}};
  if (!next.empty()) out["nextToken"] = next;
  return out;
}

json createLogStream(LogStore& store, const json& input) {
  LogGroup& group = store.requireGroup(input.at("logGroupName").get<std::string>());
  store.createStream(group, input.at("logStreamName").get<std::string>());
  return json::object();
}

json deleteLogStream(LogStore& store, const json& input) {
  LogGroup& group = store.requireGroup(input.at("logGroupName").get<std::string>());
  LogStream& stream = store.requireStream(group, input.at("logStreamName").get<std::string>());
  group.streams.erase(stream.name);
  return json::object();
}

json describeLogStreams(LogStore& store, const json& input) {
  LogGroup& group = requestedGroup(store, input);
  std::string prefix = input.value("logStreamNamePrefix", std::string());
  bool byLastEvent = input.value("orderBy", std::string("LogStreamName")) == "LastEventTime";
  if (byLastEvent && !prefix.empty())
    invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  std::vector<const LogStream*> streams;
  for (const auto& [name, stream] : group.streams)
    if (name.starts_with(prefix)) streams.push_back(&stream);
  auto lastEvent = [](const LogStream* s) {
    return s->events.empty() ? s->created : s->events.back().timestamp;
  };
  if (byLastEvent)
    std::stable_sort(streams.begin(), streams.end(), [&](const LogStream* a, const LogStream* b) {
      return lastEvent(a) < lastEvent(b);
    });
  if (input.value("descending", false)) std::reverse(streams.begin(), streams.end());
  std::size_t begin, end;
  std::string next = pageWindow(streams.size(), input, 50, begin, end);
  json listed = json::array();
  for (std::size_t i = begin; i < end; ++i)
    listed.push_back(renderStream(store, group, *streams[i]));
  json out = {{"logStreams", std::move(listed)}};
  if (!next.empty()) out["nextToken"] = next;
  return out;
}

json putRetentionPolicy(LogStore& store, const json& input) {
  store.requireGroup(input.at("logGroupName").get<std::string>()).retentionInDays =
      input.at("retentionInDays").get<int>();
  return json::object();
}

json deleteRetentionPolicy(LogStore& store, const json& input) {
  store.requireGroup(input.at("logGroupName").get<std::string>()).retentionInDays.reset();
  return json::object();
}

json tagLogGroup(LogStore& store, const json& input) {
  LogGroup& group = store.requireGroup(input.at("logGroupName").get<std::string>());
  group.tags = withTags(group.tags, input.at("tags"));
  return json::object();
}

json untagLogGroup(LogStore& store, const json& input) {
  LogGroup& group = store.requireGroup(input.at("logGroupName").get<std::string>());
  group.tags = withoutTags(group.tags, input.at("tags"));
  return json::object();
}

json listTagsLogGroup(LogStore& store, const json& input) {
  return {{"tags", store.requireGroup(input.at("logGroupName").get<std::string>()).tags}};
}

json tagResource(LogStore& store, const json& input) {
  LogGroup& group = groupByArn(store, input.at("resourceArn").get<std::string>());
  group.tags = withTags(group.tags, input.at("tags"));
  return json::object();
}

json untagResource(LogStore& store, const json& input) {
  LogGroup& group = groupByArn(store, input.at("resourceArn").get<std::string>());
  group.tags = withoutTags(group.tags, input.at("tagKeys"));
  return json::object();
}

json listTagsForResource(LogStore& store, const json& input) {
  return {{"tags", groupByArn(store, input.at("resourceArn").get<std::string>()).tags}};
}

}  // namespace stepsim::logs
