#pragma once
// Distributed Map runs as the API shows them: each Map Run with its settings and counts, and its
// child workflow executions, which DescribeExecution describes and ListExecutions lists by
// mapRunArn. The engine runs the children; this names, keeps and counts them (engine MapRunHost).
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/engine/engine.h"

namespace stepsim::sfn {

class SfnState;

struct MapRun {
  std::string arn, executionArn;
  std::uint64_t order = 0;      // among all Map Runs, in the order they started
  std::string childMachineName;  // "<machine>/<label>": the children's state machine
  std::string status = "RUNNING";
  core::TimeMs startDate = 0;
  std::optional<core::TimeMs> stopDate;
  int maxConcurrency = 0;
  int toleratedFailureCount = 0;
  double toleratedFailurePercentage = 0;
  std::size_t itemCount = 0, childCount = 0;  // a child runs one item, or a batch of them
  bool batched = false;
  bool express = false;                           // ExecutionType EXPRESS
  std::shared_ptr<const Revision> childRevision;  // the ItemProcessor, within the parent's revision
  std::vector<Execution*> children;               // in start order
};

class MapRuns : public MapRunHost {
 public:
  explicit MapRuns(SfnState& state) : s_(state) {}

  std::string startMapRun(const MapRunStart& start) override;
  Execution& createChild(const std::string& mapRunArn, Data input) override;
  void mapRunEnded(const std::string& mapRunArn, const char* status) override;

  // ResourceNotFound for an unknown Map Run, InvalidArn for text that is not a Map Run ARN.
  MapRun& find(const std::string& arn);
  // The Map Runs of an execution, oldest first.
  std::vector<const MapRun*> ofExecution(const std::string& executionArn) const;

 private:
  SfnState& s_;
  std::map<std::string, std::unique_ptr<MapRun>, std::less<>> runs_;  // by ARN
  std::uint64_t started_ = 0;
};

}  // namespace stepsim::sfn
