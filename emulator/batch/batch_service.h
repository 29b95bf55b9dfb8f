#pragma once
// The emulated AWS Batch service: compute environments, job queues, job definitions and jobs whose
// lifecycles play out on the simulation's virtual clock, driven by scripted lifecycle rules.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/core/json.h"
#include "emulator/core/simulation.h"

namespace stepsim::batch {

class BatchState;  // private: resources, jobs and lifecycle rules

class BatchService {
 public:
  explicit BatchService(core::Simulation& simulation);
  ~BatchService();
  BatchService(const BatchService&) = delete;
  BatchService& operator=(const BatchService&) = delete;

  // Runs one API operation named as in the model ("SubmitJob"). `input` has already been bound and
  // checked against the model's input shape (required members, JSON types, enums) by the protocol
  // layer; the handler enforces the rest (names, ranges, references, state). Returns the output
  // object; throws core::AwsError ("ClientException", 400) for any client mistake.
  stepsim::Json handle(std::string_view operation, const stepsim::Json& input);
  // The same output as handle(), already serialized, for the operations that keep their answers as
  // text (DescribeJobs: what every poller calls); nullopt for the others. Same errors as handle().
  std::optional<std::string> handleSerialized(std::string_view operation,
                                              const stepsim::Json& input);
  // False for operations of the model this emulator does not implement.
  bool implements(std::string_view operation) const;

  // The JobDetail DescribeJobs gives for job `jobId` (id or ARN), without copying it: for in-process
  // readers such as the built-in fakes. Null when there is no such job; valid until the job changes.
  const stepsim::Json* describeJob(std::string_view jobId);

  // Calls `finished` once when job `jobId` reaches SUCCEEDED or FAILED, at once when it already
  // has. False when there is no such job.
  bool watchJob(std::string_view jobId, std::function<void()> finished);

  // Control API: {"rules": [RULE, ...]} appended to the installed rules. Throws core::AwsError
  // ("ValidationError", 400) whose message names the bad field, e.g. "rules[0].steps[2].status".
  void addLifecycleRules(const stepsim::Json& body);
  void clearLifecycleRules();
  stepsim::Json listLifecycleRules() const;  // {"rules": [...]} as installed
  // Control API: {"jobs": [jobStatusHistory, ...]} of the top-level jobs kept, in submission order.
  stepsim::Json listJobHistories() const;

 private:
  std::unique_ptr<BatchState> state_;
};

}  // namespace stepsim::batch
