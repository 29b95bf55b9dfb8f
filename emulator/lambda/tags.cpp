// TagResource, UntagResource, ListTags: on functions only (not versions or aliases).
#include "emulator/lambda/errors.h"
#include "emulator/lambda/handlers.h"
#include "emulator/lambda/input.h"

namespace stepsim::lambda {

namespace {

constexpr std::size_t kMaxTags = 50;

Function& taggedFunction(LambdaState& s, const json& in) {
  std::string resource = reqString(in, "Resource");
  if (resource.rfind("arn:", 0) != 0)
    invalidParameter("Resource '" + shown(resource) + "' must be a function ARN");
  FunctionRef ref = s.arns.parse(resource, "Resource");
  if (ref.qualifier)
    invalidParameter("Tags apply to functions, not to versions or aliases: " + shown(resource));
  return s.function(ref);
}

}  // namespace

json tagResource(LambdaState& s, const json& in) {
  Function& fn = taggedFunction(s, in);
  const json* tags = optObject(in, "Tags");
  if (!tags) invalidParameter("Tags is required");
  StringMap merged = fn.tags;
  for (auto& [key, value] : parseStringMap(*tags, "Tags")) merged[key] = value;
  if (merged.size() > kMaxTags) invalidParameter("Tags: a function has at most 50 tags");
  fn.tags = std::move(merged);
  return json::object();
}

json untagResource(LambdaState& s, const json& in) {
  Function& fn = taggedFunction(s, in);
  if (!in.contains("TagKeys") || !in["TagKeys"].is_array())
    invalidParameter("TagKeys must be a list of tag keys");
  for (const json& key : in["TagKeys"]) {
    if (!key.is_string()) invalidParameter("TagKeys must be a list of tag keys");
    fn.tags.erase(key.get<std::string>());
  }
  return json::object();
}

json listTags(LambdaState& s, const json& in) {
  Function& fn = taggedFunction(s, in);
  return {{"Tags", fn.tags.empty() ? json::object() : json(fn.tags)}};
}

}  // namespace stepsim::lambda
