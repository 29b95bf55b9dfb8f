#include "emulator/batch/job_view.h"

#include "emulator/batch/input.h"
#include "emulator/core/json_text.h"

namespace stepsim::batch {

namespace {

json attemptJson(const AttemptRecord& a) {
  json container = json::object();
  if (a.exitCode) container["exitCode"] = *a.exitCode;
  if (!a.reason.empty()) container["reason"] = a.reason;
  container["logStreamName"] = a.logStreamName;
  container["taskArn"] = a.taskArn;
  json out = {{"container", std::move(container)}};
  if (a.startedAt) out["startedAt"] = *a.startedAt;
  if (a.stoppedAt) out["stoppedAt"] = *a.stoppedAt;
  out["statusReason"] = a.statusReason;
  return out;
}

json statusSummary(const Job& parent) {
  json out = json::object();
  for (std::size_t i = 0; i < kJobStatusCount; ++i)
    out[std::string(toString(static_cast<JobStatus>(i)))] = parent.childCounts[i];
  return out;
}

json arrayProperties(const Job& job, bool detail) {
  if (job.isArrayParent()) {
    json out = {{"size", job.arraySize}};
    if (detail) {
      out["statusSummary"] = statusSummary(job);
      if (job.statusSummaryUpdatedAt)
        out["statusSummaryLastUpdatedAt"] = *job.statusSummaryUpdatedAt;
    }
    return out;
  }
  return {{"index", job.arrayIndex}};
}

void putTimes(const Job& job, json& out) {
  out["createdAt"] = job.createdAt;
  if (job.startedAt) out["startedAt"] = *job.startedAt;
  if (job.stoppedAt) out["stoppedAt"] = *job.stoppedAt;
}

json renderDetail(const Job& job) {
  json out = {{"jobArn", job.arn},
              {"jobName", job.name},
              {"jobId", job.id},
              {"jobQueue", job.queueArn},
              {"status", toString(job.status)}};
  if (!job.statusReason.empty()) out["statusReason"] = job.statusReason;
  json attempts = json::array();
  for (const auto& a : job.attempts) attempts.push_back(attemptJson(a));
  out["attempts"] = std::move(attempts);
  putTimes(job, out);
  out["dependsOn"] = job.dependsOnSource.is_array() ? job.dependsOnSource : json::array();
  out["jobDefinition"] = job.definitionArn;
  out["parameters"] = job.parameters;
  if (!job.container.is_null()) out["container"] = job.container;
  if (!job.retry.source.is_null()) out["retryStrategy"] = job.retry.source;
  if (job.timeoutSeconds) out["timeout"] = {{"attemptDurationSeconds", *job.timeoutSeconds}};
  if (!job.tags.empty()) out["tags"] = tagsToJson(job.tags);
  if (!job.platformCapabilities.is_null()) out["platformCapabilities"] = job.platformCapabilities;
  if (job.propagateTags) out["propagateTags"] = *job.propagateTags;
  if (!job.shareIdentifier.empty()) out["shareIdentifier"] = job.shareIdentifier;
  if (job.isArrayParent() || job.parent) out["arrayProperties"] = arrayProperties(job, true);
  out["isCancelled"] = job.isCancelled;
  out["isTerminated"] = job.isTerminated;
  return out;
}

}  // namespace

const json& jobDetail(const Job& job) {
  if (!job.detail) job.detail = renderDetail(job);
  return *job.detail;
}

const std::string& jobDetailText(const Job& job) {
  // The JSON the text is written from is not kept for it: it takes about four times the text's
  // memory, on every job a server keeps, and HTTP pollers need only the text.
  if (!job.detailText)
    job.detailText = core::serializeJson(job.detail ? *job.detail : renderDetail(job));
  return *job.detailText;
}

json jobSummary(const Job& job) {
  json out = {{"jobArn", job.arn}, {"jobId", job.id}, {"jobName", job.name}};
  putTimes(job, out);
  out["status"] = toString(job.status);
  if (!job.statusReason.empty()) out["statusReason"] = job.statusReason;
  if (job.container.is_object() && job.container.contains("exitCode")) {
    json c = {{"exitCode", job.container["exitCode"]}};
    if (job.container.contains("reason")) c["reason"] = job.container["reason"];
    out["container"] = std::move(c);
  }
  if (job.isArrayParent() || job.parent) out["arrayProperties"] = arrayProperties(job, false);
  out["jobDefinition"] = job.definitionArn;
  return out;
}

json jobStatusHistory(const Job& job) {
  json history = json::array({{{"status", "SUBMITTED"}, {"at", job.createdAt}}});
  for (const auto& [status, at] : job.statusHistory)
    history.push_back({{"status", toString(status)}, {"at", at}});
  json out = {{"jobId", job.id},
              {"jobName", job.name},
              {"jobQueue", job.queueArn},
              {"status", toString(job.status)},
              {"createdAt", job.createdAt},
              {"statusHistory", std::move(history)}};
  if (!job.statusReason.empty()) out["statusReason"] = job.statusReason;
  return out;
}

}  // namespace stepsim::batch
