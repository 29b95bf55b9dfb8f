// Task tokens (SendTaskSuccess / Failure / Heartbeat) and resource tags (state machines and
// activities).
#include "emulator/core/aws_error.h"
#include "emulator/core/json_text.h"
#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"

namespace stepsim::sfn {

namespace {

constexpr std::size_t kMaxTagsPerResource = 50;

StringMap& tagsOf(SfnState& s, const std::string& arn) {
  if (arn.rfind("arn:", 0) != 0) invalidArn("Invalid Arn: '" + arn + "'");
  if (auto it = s.machines.find(arn); it != s.machines.end()) return it->second->tags;
  if (Activity* activity = s.activities.find(arn)) return activity->tags;
  throw core::AwsError("ResourceNotFound", "Resource not found: '" + arn + "'", 400,
                       {{"resourceName", arn}});
}

}  // namespace

void addTags(StringMap& tags, const json& list, const std::string& resourceArn) {
  StringMap merged = tags;
  for (const json& tag : list) merged[tag.at("key").get<std::string>()] = tag.value("value", "");
  if (merged.size() > kMaxTagsPerResource)
    throw core::AwsError("TooManyTags",
                         "Too many tags: a resource can have at most " +
                             std::to_string(kMaxTagsPerResource) + " tags",
                         400, {{"resourceName", resourceArn}});
  tags = std::move(merged);
}

// SendTask* on a token no task waits on: InvalidToken for text that is no token (stepsim's are
// UUIDs), TaskTimedOut when its task timed out, else TaskDoesNotExist.
namespace {

bool isUuidShaped(const std::string& token) {
  if (token.size() != 36) return false;
  for (std::size_t i = 0; i < token.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? token[i] != '-' : !std::isxdigit(static_cast<unsigned char>(token[i]))) return false;
  }
  return true;
}

[[noreturn]] void taskNotWaiting(const SfnState& s, const std::string& token) {
  if (!isUuidShaped(token)) sfnError("InvalidToken", "Invalid Token: 'Invalid token'");
  if (s.engine.taskTimedOut(token))
    sfnError("TaskTimedOut", "Task Timed Out: the task of this token timed out");
  sfnError("TaskDoesNotExist", "Task Does Not Exist: the task token is not valid or has ended");
}

}  // namespace

json sendTaskSuccess(SfnState& s, const json& in) {
  std::string token = in.at("taskToken").get<std::string>();
  json output = core::parseClientJson(in.at("output").get<std::string>());
  if (output.is_discarded())
    sfnError("InvalidOutput", "Invalid Output: the output is not valid JSON");
  if (!s.engine.completeTask(token, TaskOutcome::success(std::move(output))))
    taskNotWaiting(s, token);
  return json::object();
}

json sendTaskFailure(SfnState& s, const json& in) {
  std::string token = in.at("taskToken").get<std::string>();
  if (!s.engine.completeTask(token, TaskOutcome::failure(in.value("error", ""),
                                                         in.value("cause", ""))))
    taskNotWaiting(s, token);
  return json::object();
}

json sendTaskHeartbeat(SfnState& s, const json& in) {
  std::string token = in.at("taskToken").get<std::string>();
  if (!s.engine.heartbeat(token)) taskNotWaiting(s, token);
  return json::object();
}

json tagResource(SfnState& s, const json& in) {
  std::string arn = in.at("resourceArn").get<std::string>();
  addTags(tagsOf(s, arn), in.at("tags"), arn);
  return json::object();
}

json untagResource(SfnState& s, const json& in) {
  StringMap& tags = tagsOf(s, in.at("resourceArn").get<std::string>());
  for (const json& key : in.at("tagKeys")) tags.erase(key.get<std::string>());
  return json::object();
}

json listTagsForResource(SfnState& s, const json& in) {
  json list = json::array();
  for (const auto& [key, value] : tagsOf(s, in.at("resourceArn").get<std::string>()))
    list.push_back({{"key", key}, {"value", value}});
  return {{"tags", std::move(list)}};
}

}  // namespace stepsim::sfn
