// TagResource, UntagResource, ListTagsForResource on jobs, job definitions, queues and compute
// environments, addressed by ARN.
#include "emulator/batch/handlers.h"
#include "emulator/batch/input.h"
#include "emulator/core/utf8.h"

namespace stepsim::batch {

namespace {

struct Tagged {
  Tags* tags = nullptr;
  Job* job = nullptr;  // its cached detail shows the tags
};

Tagged resolve(BatchState& s, const json& in) {
  std::string arn = reqString(in, "resourceArn");
  Tagged out;
  if (auto id = s.arns.resourcePart(arn, "job")) {
    if (Job* job = s.findJob(*id)) out = {&job->tags, job};
  } else if (auto rest = s.arns.resourcePart(arn, "job-definition")) {
    auto ref = parseDefinitionRef(*rest, s.arns);
    auto it = ref && ref->revision ? s.revisions.find(ref->name) : s.revisions.end();
    if (it != s.revisions.end() && *ref->revision <= static_cast<int>(it->second.size()))
      out.tags = &it->second[*ref->revision - 1]->tags;
  } else if (s.arns.resourcePart(arn, "job-queue")) {
    if (JobQueue* q = s.findJobQueue(arn)) out.tags = &q->tags;
  } else if (s.arns.resourcePart(arn, "compute-environment")) {
    if (ComputeEnvironment* ce = s.findComputeEnvironment(arn)) out.tags = &ce->tags;
  }
  if (!out.tags) clientError("resourceArn " + shown(arn) + " does not exist");
  return out;
}

}  // namespace

json tagResource(BatchState& s, const json& in) {
  Tagged target = resolve(s, in);
  const json* tags = optObject(in, "tags");
  if (!tags) clientError("tags is required");
  Tags added = parseTags(*tags, "tags");
  Tags merged = *target.tags;
  for (auto& [k, v] : added) merged[k] = v;
  if (merged.size() > 50) clientError("tags: a resource may have at most 50 tags");
  *target.tags = std::move(merged);
  if (target.job) target.job->touch();
  return json::object();
}

json untagResource(BatchState& s, const json& in) {
  Tagged target = resolve(s, in);
  auto keys = optStringList(in, "tagKeys");
  if (!keys) clientError("tagKeys is required");
  if (keys->empty() || keys->size() > 50) clientError("tagKeys must have 1-50 entries");
  for (const auto& k : *keys) {
    if (k.empty() || core::utf8Length(k) > 128)
      clientError("tagKeys entries must be 1-128 characters long");
  }
  for (const auto& k : *keys) target.tags->erase(k);
  if (target.job) target.job->touch();
  return json::object();
}

json listTagsForResource(BatchState& s, const json& in) {
  Tagged target = resolve(s, in);
  return {{"tags", tagsToJson(*target.tags)}};
}

}  // namespace stepsim::batch
