// SubmitJob, DescribeJobs, ListJobs, TerminateJob, CancelJob. The lifecycle itself is played by the
// JobRunner; these handlers validate, resolve references and render.
#include <algorithm>
#include <cctype>
#include <charconv>

#include "emulator/batch/handlers.h"
#include "emulator/batch/input.h"
#include "emulator/batch/job_view.h"
#include "emulator/batch/paging.h"
#include "emulator/core/utf8.h"

namespace stepsim::batch {

namespace {

constexpr int kMaxDependencies = 20;

JobDefinition& resolveDefinition(BatchState& s, const std::string& text) {
  auto ref = parseDefinitionRef(text, s.arns);
  if (!ref) clientError("jobDefinition " + shown(text) + " is not a job definition name or ARN");
  auto it = s.revisions.find(ref->name);
  if (it == s.revisions.end()) clientError("jobDefinition " + shown(text) + " does not exist");
  const auto& revisions = it->second;
  if (ref->revision) {
    if (*ref->revision > static_cast<int>(revisions.size()))
      clientError("jobDefinition " + shown(text) + " does not exist");
    JobDefinition& d = *revisions[*ref->revision - 1];
    if (d.status != "ACTIVE") clientError("jobDefinition " + shown(text) + " is INACTIVE");
    return d;
  }
  for (auto r = revisions.rbegin(); r != revisions.rend(); ++r)
    if ((*r)->status == "ACTIVE") return **r;
  clientError("jobDefinition " + shown(text) + " has no ACTIVE revision");
}

// Entries of `overrides` replace those of `base` with the same `key`; new ones are appended.
void mergeByKey(json& base, const json& overrides, const char* key) {
  if (!base.is_array()) base = json::array();
  for (const auto& o : overrides) {
    auto it = std::find_if(base.begin(), base.end(), [&](const json& b) {
      return b.is_object() && b.contains(key) && o.contains(key) && b[key] == o[key];
    });
    if (it != base.end()) {
      *it = o;
    } else {
      base.push_back(o);
    }
  }
}

json mergeContainer(const JobDefinition& d, const json* overrides) {
  json c = d.containerProperties.is_object() ? d.containerProperties : json();
  if (!overrides) return c;
  const std::string field = "containerOverrides";
  if (!c.is_object()) c = json::object();
  if (auto cmd = optStringList(*overrides, "command", field)) c["command"] = *cmd;
  for (const char* key : {"vcpus", "memory"})
    if (auto v = optInt(*overrides, key, field)) {
      if (*v < 0) clientError(fieldName(field, key) + " must be >= 0");
      c[key] = *v;
    }
  if (auto t = optString(*overrides, "instanceType", field)) c["instanceType"] = *t;
  for (const char* key : {"environment", "resourceRequirements"}) {
    const json* list = optArray(*overrides, key, field);
    if (!list) continue;
    const char* idKey = key[0] == 'e' ? "name" : "type";
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string entry = fieldName(field, key) + "[" + std::to_string(i) + "]";
      if (!(*list)[i].is_object()) clientError(entry + " must be an object");
      optString((*list)[i], idKey, entry);
      optString((*list)[i], "value", entry);
    }
    mergeByKey(c[key], *list, idKey);
  }
  return c;
}

struct Dependency {
  Job* job = nullptr;
  bool nToN = false;
};

std::vector<Dependency> parseDependencies(BatchState& s, const json& in, int arraySize,
                                          bool& sequential, json& source) {
  std::vector<Dependency> deps;
  const json* list = optArray(in, "dependsOn");
  if (!list) return deps;
  if (list->size() > kMaxDependencies)
    clientError("dependsOn may list at most " + std::to_string(kMaxDependencies) + " jobs");
  source = json::array();
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string field = "dependsOn[" + std::to_string(i) + "]";
    const json& e = (*list)[i];
    if (!e.is_object()) clientError(field + " must be an object");
    auto id = optString(e, "jobId", field);
    auto type = optString(e, "type", field);
    if (type && *type != "N_TO_N" && *type != "SEQUENTIAL")
      clientError(field + ".type must be N_TO_N or SEQUENTIAL");
    json entry = json::object();
    if (id) entry["jobId"] = *id;
    if (type) entry["type"] = *type;
    source.push_back(std::move(entry));
    if ((type == "N_TO_N" || type == "SEQUENTIAL") && arraySize == 0)
      clientError(field + ".type " + *type + " is only allowed for array jobs");
    if (type == "SEQUENTIAL") {
      sequential = true;
      if (!id) continue;
    }
    if (!id) clientError(field + ".jobId is required");
    Job* dep = s.findJob(*id);
    if (!dep) clientError(field + ".jobId " + shown(*id) + " does not exist");
    if (type == "N_TO_N" && dep->arraySize != arraySize)
      clientError(field + ".jobId " + shown(*id) +
                  " must be an array job of the same size for an N_TO_N dependency");
    deps.push_back({dep, type == "N_TO_N"});
  }
  return deps;
}

// `job` waits for `dep`: registered as a dependent, or marked failed if dep already failed.
void waitFor(Job& job, Job& dep) {
  if (dep.status == JobStatus::Succeeded) return;
  if (dep.status == JobStatus::Failed) {
    job.dependencyFailed = true;
    return;
  }
  dep.dependents.push_back(&job);
  ++job.unmetDependencies;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// `pattern` is an exact value or a prefix ending in `*`; compared case-insensitively.
bool prefixMatch(std::string_view pattern, std::string_view value) {
  std::string p = lower(pattern), v = lower(value);
  if (!p.empty() && p.back() == '*') {
    p.pop_back();
    return v.compare(0, p.size(), p) == 0;
  }
  return p == v;
}

struct Filter {
  std::string name, value;
  TimeMs time = 0;
};

std::vector<Filter> parseFilters(const json& in) {
  std::vector<Filter> filters;
  const json* list = optArray(in, "filters");
  if (!list) return filters;
  if (list->size() > 10) clientError("filters may have at most 10 entries");
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string field = "filters[" + std::to_string(i) + "]";
    const json& e = (*list)[i];
    if (!e.is_object()) clientError(field + " must be an object");
    Filter f;
    f.name = reqString(e, "name", field);
    static constexpr std::string_view kNames[] = {"JOB_NAME", "JOB_DEFINITION", "BEFORE_CREATED_AT",
                                                  "AFTER_CREATED_AT", "SHARE_IDENTIFIER"};
    if (std::find(std::begin(kNames), std::end(kNames), f.name) == std::end(kNames))
      clientError(field +
                  ".name must be JOB_NAME, JOB_DEFINITION, BEFORE_CREATED_AT, "
                  "AFTER_CREATED_AT or SHARE_IDENTIFIER");
    auto values = optStringList(e, "values", field);
    if (!values || values->size() != 1) clientError(field + ".values must hold exactly one value");
    f.value = values->front();
    if (f.value.size() > 1024) clientError(field + ".values[0] is too long");
    if (f.name == "BEFORE_CREATED_AT" || f.name == "AFTER_CREATED_AT") {
      auto [ptr, ec] = std::from_chars(f.value.data(), f.value.data() + f.value.size(), f.time);
      if (f.value.empty() || ec != std::errc() || ptr != f.value.data() + f.value.size())
        clientError(field + ".values[0] must be a time in epoch milliseconds");
    }
    filters.push_back(std::move(f));
  }
  return filters;
}

bool passes(const Filter& f, const Job& job) {
  if (f.name == "JOB_NAME") return prefixMatch(f.value, job.name);
  if (f.name == "JOB_DEFINITION") {
    std::string withRevision = job.definitionName + ":" + std::to_string(job.definitionRevision);
    return prefixMatch(f.value, job.definitionName) || prefixMatch(f.value, withRevision) ||
           prefixMatch(f.value, job.definitionArn);
  }
  if (f.name == "BEFORE_CREATED_AT") return job.createdAt < f.time;
  if (f.name == "AFTER_CREATED_AT") return job.createdAt > f.time;
  return job.shareIdentifier == f.value;
}

Job& existingJob(BatchState& s, const json& in) {
  std::string id = reqString(in, "jobId");
  Job* job = s.findJob(id);
  if (!job) clientError("jobId " + shown(id) + " does not exist");
  return *job;
}

std::string reason(const json& in) {
  std::string text = reqString(in, "reason");
  if (core::utf8Length(text) > 1024) clientError("reason must be at most 1024 characters long");
  return text;
}

}  // namespace

json submitJob(BatchState& s, const json& in) {
  // Everything is checked before any id is drawn, so a rejected call changes nothing.
  std::string name = reqString(in, "jobName");
  validateName(name, "jobName", true);
  std::string queueRef = reqString(in, "jobQueue");
  JobQueue* queue = s.findJobQueue(queueRef);
  if (!queue) clientError("jobQueue " + shown(queueRef) + " does not exist");
  if (queue->state != "ENABLED")
    clientError("jobQueue " + shown(queue->name) + " is DISABLED and does not accept jobs");
  JobDefinition& def = resolveDefinition(s, reqString(in, "jobDefinition"));

  int arraySize = 0;
  if (const json* array = optObject(in, "arrayProperties")) {
    if (auto size = optInt(*array, "size", "arrayProperties")) {
      if (*size < 2 || *size > 10000)
        clientError("arrayProperties.size must be between 2 and 10000");
      arraySize = static_cast<int>(*size);
    }
  }
  json parameters = def.parameters;
  if (const json* p = optObject(in, "parameters")) {
    parseStringMap(*p, "parameters");
    for (auto it = p->begin(); it != p->end(); ++it) parameters[it.key()] = it.value();
  }
  json container = mergeContainer(def, optObject(in, "containerOverrides"));
  RetryPolicy retry = def.retry;
  if (const json* r = optObject(in, "retryStrategy"))
    retry = parseRetryStrategy(*r, "retryStrategy");
  auto timeoutSeconds = def.timeoutSeconds;
  if (const json* t = optObject(in, "timeout")) timeoutSeconds = parseTimeout(*t, "timeout");
  Tags tags = def.tags;
  if (const json* t = optObject(in, "tags")) tags = parseTags(*t, "tags");
  auto propagateTags = optBool(in, "propagateTags");
  auto shareIdentifier = optString(in, "shareIdentifier");
  if (shareIdentifier) validateLength(*shareIdentifier, "shareIdentifier", 1, 255);
  optInt(in, "schedulingPriorityOverride");
  bool sequential = false;
  json dependsOnSource;
  std::vector<Dependency> deps = parseDependencies(s, in, arraySize, sequential, dependsOnSource);

  auto owned = std::make_unique<Job>();
  Job& job = *owned;
  job.seq = s.nextJobSeq++;
  job.id = s.sim.ids("batch.jobs").uuid();
  job.arn = s.arns.job(job.id);
  job.name = std::move(name);
  job.queueArn = queue->arn;
  job.definitionArn = def.arn;
  job.definitionName = def.name;
  job.definitionRevision = def.revision;
  job.shareIdentifier = shareIdentifier.value_or("");
  job.createdAt = s.sim.now();
  job.parameters = std::move(parameters);
  job.container = std::move(container);
  job.platformCapabilities = def.platformCapabilities;
  job.dependsOnSource = std::move(dependsOnSource);
  job.propagateTags = propagateTags ? propagateTags : def.propagateTags;
  job.retry = std::move(retry);
  job.timeoutSeconds = timeoutSeconds;
  job.tags = std::move(tags);
  job.arraySize = arraySize;
  job.lifecycle =
      s.rules.select({job.name, queue->name, queue->arn, def.name, def.arn, def.revision});
  for (const Dependency& d : deps)
    if (!d.nToN) waitFor(job, *d.job);
  s.jobs.emplace(job.id, std::move(owned));
  s.submittedJobs.emplace(job.seq, &job);

  job.children.reserve(arraySize);
  for (int i = 0; i < arraySize; ++i) {
    auto child = std::make_unique<Job>();
    Job& c = *child;
    c.seq = s.nextJobSeq++;
    c.id = job.id + ":" + std::to_string(i);
    c.arn = s.arns.job(c.id);
    c.name = job.name;
    c.queueArn = job.queueArn;
    c.definitionArn = job.definitionArn;
    c.definitionName = job.definitionName;
    c.definitionRevision = job.definitionRevision;
    c.shareIdentifier = job.shareIdentifier;
    c.createdAt = job.createdAt;
    c.parameters = job.parameters;
    c.container = job.container;
    c.platformCapabilities = job.platformCapabilities;
    c.propagateTags = job.propagateTags;
    c.retry = job.retry;
    c.timeoutSeconds = job.timeoutSeconds;
    c.tags = job.tags;
    c.arrayIndex = i;
    c.parent = &job;
    c.lifecycle = job.lifecycle;
    if (sequential && i > 0) {
      c.dependsOnSource =
          json::array({{{"jobId", job.children.back()->id}, {"type", "SEQUENTIAL"}}});
      waitFor(c, *job.children.back());
    }
    for (const Dependency& d : deps) {
      if (!d.nToN) continue;
      Job& other = *d.job->children[i];
      c.dependsOnSource.push_back({{"jobId", other.id}, {"type", "N_TO_N"}});
      waitFor(c, other);
    }
    job.children.push_back(&c);
    s.jobs.emplace(c.id, std::move(child));
  }
  job.childCounts[static_cast<std::size_t>(JobStatus::Submitted)] = arraySize;
  s.runner.start(job);
  return {{"jobArn", job.arn}, {"jobName", job.name}, {"jobId", job.id}};
}

namespace {

// The jobs a DescribeJobs request names, in request order; unknown ids are left out, as AWS does.
std::vector<const Job*> describedJobs(BatchState& s, const json& in) {
  const json* ids = optArray(in, "jobs");
  if (!ids) clientError("jobs is required");
  if (ids->size() > 100) clientError("jobs may list at most 100 job IDs");
  std::vector<const Job*> jobs;
  jobs.reserve(ids->size());
  for (std::size_t i = 0; i < ids->size(); ++i) {
    const json& id = (*ids)[i];
    if (!id.is_string()) clientError("jobs[" + std::to_string(i) + "] must be a string");
    if (const Job* job = s.findJob(id.get_ref<const std::string&>())) jobs.push_back(job);
  }
  return jobs;
}

}  // namespace

json describeJobs(BatchState& s, const json& in) {
  json list = json::array();
  for (const Job* job : describedJobs(s, in)) list.push_back(jobDetail(*job));
  return {{"jobs", std::move(list)}};
}

std::string describeJobsText(BatchState& s, const json& in) {
  std::string body = R"({"jobs":[)";
  bool first = true;
  for (const Job* job : describedJobs(s, in)) {
    if (!first) body += ',';
    body += jobDetailText(*job);
    first = false;
  }
  body += "]}";
  return body;
}

json listJobs(BatchState& s, const json& in) {
  auto queueRef = optString(in, "jobQueue");
  auto arrayJobId = optString(in, "arrayJobId");
  auto multiNodeJobId = optString(in, "multiNodeJobId");
  if ((queueRef ? 1 : 0) + (arrayJobId ? 1 : 0) + (multiNodeJobId ? 1 : 0) != 1)
    clientError("exactly one of jobQueue, arrayJobId and multiNodeJobId is required");
  JobStatus status = JobStatus::Running;
  if (auto text = optString(in, "jobStatus")) {
    auto parsed = parseJobStatus(*text);
    if (!parsed) clientError("jobStatus " + shown(*text) + " is not a job status");
    status = *parsed;
  }
  std::vector<Filter> filters = parseFilters(in);
  bool byStatus = filters.empty();  // filters list jobs of every status
  // Pages of up to 1000 jobs; 100 when filters are used.
  int pageSize = std::min(parseMaxResults(in, 1, 1000, 1000), byStatus ? 1000 : 100);

  std::vector<const Job*> selected;
  std::string queueArn;
  auto consider = [&](const Job* job) {
    if (!queueArn.empty() && job->queueArn != queueArn) return;
    if (byStatus && job->status != status) return;
    bool ok = true;
    for (const Filter& f : filters) ok = ok && passes(f, *job);
    if (ok) selected.push_back(job);
  };
  if (queueRef) {
    JobQueue* queue = s.findJobQueue(*queueRef);
    if (!queue) clientError("jobQueue " + shown(*queueRef) + " does not exist");
    queueArn = queue->arn;
    for (const auto& [seq, job] : s.submittedJobs) consider(job);
  } else if (arrayJobId) {
    Job* parent = s.findJob(*arrayJobId);
    if (!parent) clientError("arrayJobId " + shown(*arrayJobId) + " does not exist");
    if (!parent->isArrayParent())
      clientError("arrayJobId " + shown(*arrayJobId) + " is not an array job");
    for (const Job* child : parent->children) consider(child);
  } else {
    Job* job = s.findJob(*multiNodeJobId);
    if (!job) clientError("multiNodeJobId " + shown(*multiNodeJobId) + " does not exist");
    clientError("multiNodeJobId " + shown(*multiNodeJobId) + " is not a multi-node parallel job");
  }
  return renderPage(selected, in, pageSize, "jobSummaryList",
                    [](const Job& job) { return jobSummary(job); });
}

json terminateJob(BatchState& s, const json& in) {
  Job& job = existingJob(s, in);
  s.runner.terminate(job, reason(in));
  return json::object();
}

json cancelJob(BatchState& s, const json& in) {
  Job& job = existingJob(s, in);
  s.runner.cancel(job, reason(in));
  return json::object();
}

}  // namespace stepsim::batch
