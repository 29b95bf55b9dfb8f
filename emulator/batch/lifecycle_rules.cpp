#include "emulator/batch/lifecycle_rules.h"

#include <cctype>
#include <cmath>

#include "emulator/batch/input.h"
#include "emulator/core/aws_error.h"
#include "emulator/core/utf8.h"
#include "emulator/core/wildcard.h"

namespace stepsim::batch {

namespace {

[[noreturn]] void invalid(const std::string& field, const std::string& problem) {
  throw core::AwsError("ValidationError", field + ": " + problem, 400);
}

void rejectUnknownKeys(const json& obj, std::initializer_list<std::string_view> known,
                       const std::string& field) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool ok = false;
    for (auto k : known) ok = ok || it.key() == k;
    if (!ok) invalid(field + "." + std::string(core::utf8Truncate(it.key(), 64)), "unknown field");
  }
}

std::optional<std::string> optText(const json& obj, const char* key, const std::string& field) {
  auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) return std::nullopt;
  if (!it->is_string()) invalid(field + "." + key, "must be a string");
  auto text = it->get<std::string>();
  if (text.empty() || text.size() > 1024) invalid(field + "." + key, "must be 1-1024 characters");
  return text;
}

Step parseStep(const json& value, const std::string& field) {
  if (!value.is_object()) invalid(field, "must be an object");
  auto statusIt = value.find("status");
  if (statusIt == value.end() || statusIt->is_null()) invalid(field + ".status", "is required");
  if (!statusIt->is_string()) invalid(field + ".status", "must be a string");
  std::string text = statusIt->get<std::string>();
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  auto status = parseJobStatus(text);
  if (!status)
    invalid(field + ".status",
            "unknown status; use SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING, SUCCEEDED or "
            "FAILED");
  Step step;
  step.status = *status;
  if (isFinal(step.status)) {
    rejectUnknownKeys(value, {"status", "exitCode", "statusReason"}, field);
    step.exitCode = step.status == JobStatus::Succeeded ? 0 : 1;
    if (auto it = value.find("exitCode"); it != value.end() && !it->is_null()) {
      if (!it->is_number_integer() && !it->is_number_unsigned())
        invalid(field + ".exitCode", "must be an integer");
      auto code = it->get<std::int64_t>();
      if (code < INT32_MIN || code > INT32_MAX || (it->is_number_unsigned() && code < 0))
        invalid(field + ".exitCode", "is out of range");
      step.exitCode = static_cast<int>(code);
    }
    step.statusReason =
        optText(value, "statusReason", field).value_or(std::string(kContainerExitedReason));
    return step;
  }
  rejectUnknownKeys(value, {"status", "seconds"}, field);
  if (auto it = value.find("seconds"); it != value.end() && !it->is_null()) {
    if (!it->is_number()) invalid(field + ".seconds", "must be a number");
    double seconds = it->get<double>();
    if (!std::isfinite(seconds) || seconds < 0) invalid(field + ".seconds", "must be >= 0");
    if (seconds > 1e9) invalid(field + ".seconds", "must be at most 1000000000");
    step.durationMs = static_cast<TimeMs>(std::llround(seconds * 1000.0));
  }
  return step;
}

StepList parseSteps(const json& value, const std::string& field) {
  if (!value.is_array()) invalid(field, "must be a list of steps");
  if (value.empty()) invalid(field, "must not be empty");
  if (value.size() > 100) invalid(field, "may have at most 100 steps");
  StepList steps;
  for (std::size_t i = 0; i < value.size(); ++i) {
    std::string stepField = field + "[" + std::to_string(i) + "]";
    Step step = parseStep(value[i], stepField);
    if (!steps.empty()) {
      if (isFinal(steps.back().status))
        invalid(stepField, "comes after the final step " +
                               std::string(toString(steps.back().status)) +
                               "; a final step must be last");
      if (rank(step.status) <= rank(steps.back().status))
        invalid(stepField + ".status",
                std::string(toString(step.status)) + " may not follow " +
                    std::string(toString(steps.back().status)) +
                    "; steps follow SUBMITTED, PENDING, RUNNABLE, STARTING, RUNNING");
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

json stepToJson(const Step& step) {
  json out = {{"status", toString(step.status)}};
  if (isFinal(step.status)) {
    out["exitCode"] = step.exitCode;
    out["statusReason"] = step.statusReason;
  } else if (step.durationMs % 1000 == 0) {
    out["seconds"] = step.durationMs / 1000;
  } else {
    out["seconds"] = static_cast<double>(step.durationMs) / 1000.0;
  }
  return out;
}

json stepsToJson(const StepList& steps) {
  json out = json::array();
  for (const auto& s : steps) out.push_back(stepToJson(s));
  return out;
}

}  // namespace

const std::shared_ptr<const Lifecycle>& defaultLifecycle() {
  static const std::shared_ptr<const Lifecycle> lifecycle = [] {
    auto l = std::make_shared<Lifecycle>();
    StepList steps;
    for (const auto& d : kDefaultLifecycle) {
      Step step{d.status, d.durationMs, 0, ""};
      if (isFinal(d.status)) step.statusReason = std::string(kContainerExitedReason);
      steps.push_back(std::move(step));
    }
    l->attempts.push_back(std::move(steps));
    return l;
  }();
  return lifecycle;
}

LifecycleRules::Rule LifecycleRules::parseRule(const json& value, const std::string& field) {
  if (!value.is_object()) invalid(field, "must be an object");
  rejectUnknownKeys(value, {"match", "steps", "attempts"}, field);
  Rule rule;
  json match = json::object();
  if (auto it = value.find("match"); it != value.end() && !it->is_null()) {
    std::string matchField = field + ".match";
    if (!it->is_object()) invalid(matchField, "must be an object");
    rejectUnknownKeys(*it, {"jobName", "jobQueue", "jobDefinition", "submission"}, matchField);
    rule.jobName = optText(*it, "jobName", matchField);
    rule.jobQueue = optText(*it, "jobQueue", matchField);
    rule.jobDefinition = optText(*it, "jobDefinition", matchField);
    if (auto s = it->find("submission"); s != it->end() && !s->is_null()) {
      if (!s->is_number_integer() && !s->is_number_unsigned())
        invalid(matchField + ".submission", "must be an integer");
      if (s->is_number_unsigned() ? s->get<std::uint64_t>() > INT64_MAX
                                  : s->get<std::int64_t>() < 1)
        invalid(matchField + ".submission", "must be >= 1");
      rule.submission = s->get<std::int64_t>();
    }
    if (rule.jobName) match["jobName"] = *rule.jobName;
    if (rule.jobQueue) match["jobQueue"] = *rule.jobQueue;
    if (rule.jobDefinition) match["jobDefinition"] = *rule.jobDefinition;
    if (rule.submission) match["submission"] = *rule.submission;
  }
  auto steps = value.find("steps");
  auto attempts = value.find("attempts");
  bool hasSteps = steps != value.end() && !steps->is_null();
  bool hasAttempts = attempts != value.end() && !attempts->is_null();
  if (hasSteps && hasAttempts) invalid(field, "give either steps or attempts, not both");
  if (!hasSteps && !hasAttempts) invalid(field, "one of steps or attempts is required");
  auto lifecycle = std::make_shared<Lifecycle>();
  rule.normalized = {{"match", match}};
  if (hasSteps) {
    lifecycle->attempts.push_back(parseSteps(*steps, field + ".steps"));
    rule.normalized["steps"] = stepsToJson(lifecycle->attempts.back());
  } else {
    std::string attemptsField = field + ".attempts";
    if (!attempts->is_array()) invalid(attemptsField, "must be a list of step lists");
    if (attempts->empty()) invalid(attemptsField, "must not be empty");
    if (attempts->size() > 10) invalid(attemptsField, "may have at most 10 entries");
    json out = json::array();
    for (std::size_t i = 0; i < attempts->size(); ++i) {
      lifecycle->attempts.push_back(
          parseSteps((*attempts)[i], attemptsField + "[" + std::to_string(i) + "]"));
      out.push_back(stepsToJson(lifecycle->attempts.back()));
    }
    rule.normalized["attempts"] = std::move(out);
  }
  rule.lifecycle = std::move(lifecycle);
  return rule;
}

void LifecycleRules::add(const json& body) {
  if (!body.is_object()) invalid("body", "must be an object with a rules list");
  auto it = body.find("rules");
  if (it == body.end() || it->is_null()) invalid("rules", "is required");
  if (!it->is_array()) invalid("rules", "must be a list");
  if (rules_.size() + it->size() > 10000) invalid("rules", "at most 10000 rules may be installed");
  std::vector<Rule> parsed;
  parsed.reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i)
    parsed.push_back(parseRule((*it)[i], "rules[" + std::to_string(i) + "]"));
  for (auto& rule : parsed) rules_.push_back(std::move(rule));
}

json LifecycleRules::list() const {
  json out = json::array();
  for (const auto& rule : rules_) out.push_back(rule.normalized);
  return {{"rules", std::move(out)}};
}

bool LifecycleRules::matchesFields(const Rule& rule, const JobFacts& facts) {
  if (rule.jobName && !core::wildcardMatch(*rule.jobName, facts.jobName)) return false;
  if (rule.jobQueue && *rule.jobQueue != facts.queueName && *rule.jobQueue != facts.queueArn)
    return false;
  if (rule.jobDefinition) {
    const std::string& want = *rule.jobDefinition;
    std::string rev = ":" + std::to_string(facts.definitionRevision);
    std::string_view arn = facts.definitionArn;
    std::string_view arnNoRev = arn.substr(0, arn.size() - rev.size());
    bool ok = want == facts.definitionName || want == std::string(facts.definitionName) + rev ||
              want == arn || want == arnNoRev;
    if (!ok) return false;
  }
  return true;
}

std::shared_ptr<const Lifecycle> LifecycleRules::select(const JobFacts& facts) {
  std::shared_ptr<const Lifecycle> chosen;
  for (auto& rule : rules_) {
    if (!matchesFields(rule, facts)) continue;
    ++rule.seen;
    if (!chosen && (!rule.submission || *rule.submission == rule.seen)) chosen = rule.lifecycle;
  }
  return chosen ? chosen : defaultLifecycle();
}

}  // namespace stepsim::batch
