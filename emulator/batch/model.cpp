#include "emulator/batch/model.h"

namespace stepsim::batch {

namespace {
constexpr std::array<std::string_view, kJobStatusCount> kNames = {
    "SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED", "FAILED"};
}

std::string_view toString(JobStatus status) {
  return kNames[static_cast<std::size_t>(status)];
}

std::optional<JobStatus> parseJobStatus(std::string_view text) {
  for (std::size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == text) return static_cast<JobStatus>(i);
  return std::nullopt;
}

}  // namespace stepsim::batch
