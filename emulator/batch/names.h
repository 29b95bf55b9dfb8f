#pragma once
// ARN formats of the Batch resources, and how a reference given by name or ARN is resolved.
#include <optional>
#include <string>
#include <string_view>

namespace stepsim::batch {

class Arns {
 public:
  Arns(const std::string& region, const std::string& account);

  std::string job(std::string_view id) const { return prefix_ + "job/" + std::string(id); }
  std::string jobDefinition(std::string_view name, int revision) const {
    return prefix_ + "job-definition/" + std::string(name) + ":" + std::to_string(revision);
  }
  std::string jobQueue(std::string_view name) const {
    return prefix_ + "job-queue/" + std::string(name);
  }
  std::string computeEnvironment(std::string_view name) const {
    return prefix_ + "compute-environment/" + std::string(name);
  }
  std::string ecsCluster(std::string_view name) const;
  std::string ecsTask(std::string_view cluster, std::string_view taskId) const;

  // For "arn:aws:batch:{region}:{account}:{kind}/{rest}" returns rest; nullopt for anything else.
  std::optional<std::string_view> resourcePart(std::string_view arn, std::string_view kind) const;
  // A name or one of our ARNs of `kind` → the name (unvalidated).
  std::string_view nameOf(std::string_view ref, std::string_view kind) const;
  // A reference given by name (or "name:revision") or ARN, as the ARN IAM checks.
  std::string arnOf(std::string_view ref, std::string_view kind) const;

 private:
  std::string prefix_;  // "arn:aws:batch:{region}:{account}:"
  std::string region_, account_;
};

// A job definition reference: `name`, `name:revision`, or an ARN with or without the revision.
struct DefinitionRef {
  std::string name;
  std::optional<int> revision;
};
// nullopt when the text is none of the accepted forms.
std::optional<DefinitionRef> parseDefinitionRef(std::string_view ref, const Arns& arns);

}  // namespace stepsim::batch
