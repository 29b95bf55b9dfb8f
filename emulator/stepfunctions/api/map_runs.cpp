// Map Runs: what a Distributed Map state's run looks like through the API, and the child
// executions the engine runs for it. A child is named by a seeded id, under the state machine
// "<machine>/<label>" (without a Label, a generated id), as AWS names them.
#include "emulator/stepfunctions/api/map_runs.h"

#include <algorithm>
#include <limits>

#include "emulator/core/json_text.h"

#include "emulator/stepfunctions/api/errors.h"
#include "emulator/stepfunctions/api/handlers.h"
#include "emulator/stepfunctions/api/paging.h"

namespace stepsim::sfn {

namespace {

constexpr std::string_view kMapRunPageMagic = "sfn-map-runs:";

// Counts by status, as DescribeMapRun gives them: of child executions, or of the items in them
// (a batch counts its items).
json counts(const MapRun& run, bool items) {
  std::size_t byStatus[5] = {0, 0, 0, 0, 0}, started = 0;
  for (const Execution* child : run.children) {
    std::size_t n = 1;
    if (items && run.batched) n = child->input->at("Items").size();
    started += n;
    byStatus[static_cast<int>(child->status)] += n;
  }
  std::size_t total = items ? run.itemCount : run.childCount;
  std::size_t succeeded = byStatus[static_cast<int>(ExecutionStatus::Succeeded)],
              failed = byStatus[static_cast<int>(ExecutionStatus::Failed)];
  return {{"pending", total > started ? total - started : 0},
          {"running", byStatus[static_cast<int>(ExecutionStatus::Running)]},
          {"succeeded", succeeded},
          {"failed", failed},
          {"timedOut", byStatus[static_cast<int>(ExecutionStatus::TimedOut)]},
          {"aborted", byStatus[static_cast<int>(ExecutionStatus::Aborted)]},
          {"total", total},
          {"resultsWritten", succeeded + failed}};
}

}  // namespace

std::string MapRuns::startMapRun(const MapRunStart& start) {
  const Execution& parent = start.parent;
  // Without a Label, AWS labels the Map Run with a generated id.
  std::string label =
      start.state.label.empty() ? s_.sim.ids("sfn-map-run-labels").uuid() : start.state.label;
  auto run = std::make_unique<MapRun>();
  run->childMachineName = parent.stateMachineName + "/" + label;
  run->arn =
      s_.resourceArn("mapRun", run->childMachineName + ":" + s_.sim.ids("sfn-map-runs").uuid());
  run->executionArn = parent.arn;
  run->order = ++started_;
  run->startDate = s_.sim.now();
  run->maxConcurrency = start.maxConcurrency;
  run->toleratedFailureCount = start.toleratedFailureCount.value_or(0);
  run->toleratedFailurePercentage = start.toleratedFailurePercentage.value_or(0);
  run->itemCount = start.itemCount;
  run->childCount = start.childCount;
  run->batched = start.state.batched;
  run->express = start.state.childExpress;
  // The children run the ItemProcessor, which lives as long as the parent's revision.
  run->childRevision = std::make_shared<const Revision>(
      Revision{parent.revision->definition, parent.revision->roleArn, parent.revision->revisionId,
               std::shared_ptr<const Program>(parent.revision, start.state.iterator.get())});
  std::string arn = run->arn;
  runs_.emplace(arn, std::move(run));
  return arn;
}

Execution& MapRuns::createChild(const std::string& mapRunArn, Data input) {
  MapRun& run = *runs_.at(mapRunArn);
  auto e = std::make_unique<Execution>();
  e->name = s_.sim.ids("sfn-map-run-children").uuid();
  e->arn = s_.resourceArn("execution", run.childMachineName + ":" + e->name);
  e->stateMachineArn = s_.machineArn(run.childMachineName);
  e->stateMachineName = run.childMachineName;
  e->startOrder = s_.nextStartOrder++;
  e->revision = run.childRevision;
  e->express = run.express;
  e->inputText = core::serializeJson(*input);
  e->input = std::move(input);
  Execution& stored = *s_.executions.emplace(e->arn, std::move(e)).first->second;
  run.children.push_back(&stored);
  return stored;
}

void MapRuns::mapRunEnded(const std::string& mapRunArn, const char* status) {
  MapRun& run = *runs_.at(mapRunArn);
  run.status = status;
  run.stopDate = s_.sim.now();
}

MapRun& MapRuns::find(const std::string& arn) {
  if (arn.rfind("arn:aws:states:", 0) != 0 || arn.find(":mapRun:") == std::string::npos)
    invalidArn("Invalid Arn: 'Resource type not valid in this context: " + arn + "'");
  auto it = runs_.find(arn);
  if (it == runs_.end()) sfnError("ResourceNotFound", "Resource not found: '" + arn + "'");
  return *it->second;
}

std::vector<const MapRun*> MapRuns::ofExecution(const std::string& executionArn) const {
  std::vector<const MapRun*> found;
  for (const auto& [arn, run] : runs_)
    if (run->executionArn == executionArn) found.push_back(run.get());
  std::sort(found.begin(), found.end(),
            [](const MapRun* a, const MapRun* b) { return a->order < b->order; });
  return found;
}

json describeMapRun(SfnState& s, const json& in) {
  const MapRun& run = s.mapRuns.find(in.at("mapRunArn").get<std::string>());
  json out = {{"mapRunArn", run.arn},
              {"executionArn", run.executionArn},
              {"status", run.status},
              {"startDate", epochSeconds(run.startDate)},
              {"maxConcurrency", run.maxConcurrency},
              {"toleratedFailurePercentage", run.toleratedFailurePercentage},
              {"toleratedFailureCount", run.toleratedFailureCount},
              {"itemCounts", counts(run, true)},
              {"executionCounts", counts(run, false)}};
  if (run.stopDate) out["stopDate"] = epochSeconds(*run.stopDate);
  return out;
}

json listMapRuns(SfnState& s, const json& in) {
  const Execution& e = s.standardExecution(in.at("executionArn").get<std::string>());
  Page page = readPage(in, kMapRunPageMagic);
  std::vector<const MapRun*> runs = s.mapRuns.ofExecution(e.arn);
  return page.listed("mapRuns", runs.size(), [&](std::size_t i) {
    json item = {{"executionArn", runs[i]->executionArn},
                 {"mapRunArn", runs[i]->arn},
                 {"stateMachineArn", s.machineArn(runs[i]->childMachineName)},
                 {"startDate", epochSeconds(runs[i]->startDate)}};
    if (runs[i]->stopDate) item["stopDate"] = epochSeconds(*runs[i]->stopDate);
    return item;
  });
}

json updateMapRun(SfnState& s, const json& in) {
  MapRun& run = s.mapRuns.find(in.at("mapRunArn").get<std::string>());
  if (!in.contains("maxConcurrency") && !in.contains("toleratedFailurePercentage") &&
      !in.contains("toleratedFailureCount"))
    validationError(
        "At least one of maxConcurrency, toleratedFailurePercentage and "
        "toleratedFailureCount must be specified");
  std::optional<int> maxConcurrency, count;
  std::optional<double> percentage;
  if (in.contains("maxConcurrency"))
    maxConcurrency = run.maxConcurrency = in["maxConcurrency"].get<int>();
  // The model's count is a long without a maximum: more failures than an int holds never happen.
  if (in.contains("toleratedFailureCount"))
    count = run.toleratedFailureCount = static_cast<int>(std::min<long long>(
        in["toleratedFailureCount"].get<long long>(), std::numeric_limits<int>::max()));
  if (in.contains("toleratedFailurePercentage"))
    percentage = run.toleratedFailurePercentage = in["toleratedFailurePercentage"].get<double>();
  // A running Map Run takes the new limits at once.
  s.engine.updateMapRun(run.arn, maxConcurrency, count, percentage);
  return json::object();
}

}  // namespace stepsim::sfn
