// RegisterJobDefinition, DescribeJobDefinitions, DeregisterJobDefinition. Each registration of a
// name adds a revision (1, 2, ...); deregistering marks one revision INACTIVE.
#include "emulator/batch/handlers.h"
#include "emulator/batch/input.h"
#include "emulator/batch/paging.h"

namespace stepsim::batch {

namespace {

void checkNameValueList(const json& obj, const char* key, const std::string& prefix,
                        const char* nameKey) {
  const json* list = optArray(obj, key, prefix);
  if (!list) return;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string field = fieldName(prefix, key) + "[" + std::to_string(i) + "]";
    if (!(*list)[i].is_object()) clientError(field + " must be an object");
    optString((*list)[i], nameKey, field);
    optString((*list)[i], "value", field);
  }
}

void checkContainer(const json& c, const std::string& field) {
  if (!c.is_object()) clientError(field + " must be an object");
  optString(c, "image", field);
  optStringList(c, "command", field);
  for (const char* key : {"vcpus", "memory"})
    if (auto v = optInt(c, key, field); v && *v < 0)
      clientError(fieldName(field, key) + " must be >= 0");
  checkNameValueList(c, "environment", field, "name");
  checkNameValueList(c, "resourceRequirements", field, "type");
}

json describe(const JobDefinition& d) {
  json out = {{"jobDefinitionName", d.name},
              {"jobDefinitionArn", d.arn},
              {"revision", d.revision},
              {"status", d.status},
              {"type", d.type},
              {"parameters", d.parameters},
              {"containerOrchestrationType", "ECS"}};
  if (!d.containerProperties.is_null()) out["containerProperties"] = d.containerProperties;
  if (!d.nodeProperties.is_null()) out["nodeProperties"] = d.nodeProperties;
  if (!d.retry.source.is_null()) out["retryStrategy"] = d.retry.source;
  if (d.timeoutSeconds) out["timeout"] = {{"attemptDurationSeconds", *d.timeoutSeconds}};
  if (!d.platformCapabilities.is_null()) out["platformCapabilities"] = d.platformCapabilities;
  if (d.propagateTags) out["propagateTags"] = *d.propagateTags;
  if (d.schedulingPriority) out["schedulingPriority"] = *d.schedulingPriority;
  if (!d.tags.empty()) out["tags"] = tagsToJson(d.tags);
  return out;
}

// True when `ref` (name, name:rev, or ARN with or without revision) names `d`.
bool refers(const DefinitionRef& ref, const JobDefinition& d) {
  return ref.name == d.name && (!ref.revision || *ref.revision == d.revision);
}

}  // namespace

json registerJobDefinition(BatchState& s, const json& in) {
  auto d = std::make_unique<JobDefinition>();
  d->name = reqString(in, "jobDefinitionName");
  validateName(d->name, "jobDefinitionName");
  d->type = reqString(in, "type");
  if (d->type != "container" && d->type != "multinode")
    clientError("type must be container or multinode");
  if (const json* c = optObject(in, "containerProperties")) {
    checkContainer(*c, "containerProperties");
    d->containerProperties = *c;
  }
  if (const json* n = optObject(in, "nodeProperties")) d->nodeProperties = *n;
  if (const json* p = optObject(in, "parameters")) d->parameters = parseStringMap(*p, "parameters");
  if (const json* r = optObject(in, "retryStrategy"))
    d->retry = parseRetryStrategy(*r, "retryStrategy");
  if (const json* t = optObject(in, "timeout")) d->timeoutSeconds = parseTimeout(*t, "timeout");
  if (auto caps = optStringList(in, "platformCapabilities")) {
    for (const auto& c : *caps)
      if (c != "EC2" && c != "FARGATE") clientError("platformCapabilities must be EC2 or FARGATE");
    d->platformCapabilities = *caps;
  }
  d->propagateTags = optBool(in, "propagateTags");
  d->schedulingPriority = optInt(in, "schedulingPriority");
  if (const json* tags = optObject(in, "tags")) d->tags = parseTags(*tags, "tags");
  auto& revisions = s.revisions[d->name];
  d->revision = static_cast<int>(revisions.size()) + 1;
  d->arn = s.arns.jobDefinition(d->name, d->revision);
  json out = {
      {"jobDefinitionName", d->name}, {"jobDefinitionArn", d->arn}, {"revision", d->revision}};
  revisions.push_back(d.get());
  s.jobDefinitions.push_back(std::move(d));
  return out;
}

json describeJobDefinitions(BatchState& s, const json& in) {
  int pageSize = parseMaxResults(in, 1, 100, 100);
  auto refs = optStringList(in, "jobDefinitions");
  auto name = optString(in, "jobDefinitionName");
  auto status = optString(in, "status");
  if (refs && (name || status))
    clientError("jobDefinitions cannot be combined with jobDefinitionName or status");
  if (status && *status != "ACTIVE" && *status != "INACTIVE")
    clientError("status must be ACTIVE or INACTIVE");
  std::vector<DefinitionRef> parsed;
  if (refs) {
    if (refs->size() > 100) clientError("jobDefinitions may list at most 100 entries");
    for (const auto& r : *refs) {
      auto ref = parseDefinitionRef(r, s.arns);
      if (!ref) clientError("jobDefinitions: " + shown(r) + " is not a job definition name or ARN");
      parsed.push_back(std::move(*ref));
    }
  }
  std::vector<const JobDefinition*> selected;
  for (const auto& d : s.jobDefinitions) {
    if (name && d->name != *name) continue;
    if (status && d->status != *status) continue;
    if (refs) {
      bool any = false;
      for (const auto& ref : parsed) any = any || refers(ref, *d);
      if (!any) continue;
    }
    selected.push_back(d.get());
  }
  return renderPage(selected, in, pageSize, "jobDefinitions",
                    [](const JobDefinition& d) { return describe(d); });
}

json deregisterJobDefinition(BatchState& s, const json& in) {
  std::string text = reqString(in, "jobDefinition");
  auto ref = parseDefinitionRef(text, s.arns);
  if (!ref || !ref->revision)
    clientError("jobDefinition " + shown(text) + " must be name:revision or a job definition ARN");
  auto it = s.revisions.find(ref->name);
  if (it == s.revisions.end() || *ref->revision > static_cast<int>(it->second.size()))
    clientError("jobDefinition " + shown(text) + " does not exist");
  it->second[*ref->revision - 1]->status = "INACTIVE";
  return json::object();
}

}  // namespace stepsim::batch
