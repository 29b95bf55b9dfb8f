// The built-in fakes by name. Adding a fake: write its function in its own file, declare it in
// fake.h and add a row here (the table stays sorted by name).
#include <algorithm>
#include <array>

#include "fakes/fake.h"

namespace stepsim::fakes {

namespace {

constexpr std::array<Fake, 3> kFakes = {{
    {"batch-job-status", "the status of the event's Batch job (jobId) as a JSON string",
     &batchJobStatus},
    {"batch-submit-job",
     "submits a Batch job (jobName, jobQueue, jobDefinition) and returns its ids", &batchSubmitJob},
    {"echo", "returns the event", &echo},
}};

}  // namespace

const Fake* findFake(std::string_view name) {
  auto it = std::lower_bound(kFakes.begin(), kFakes.end(), name,
                             [](const Fake& f, std::string_view n) { return f.name < n; });
  return it != kFakes.end() && it->name == name ? &*it : nullptr;
}

std::vector<std::string> fakeNames() {
  std::vector<std::string> names;
  for (const auto& fake : kFakes) names.emplace_back(fake.name);
  return names;
}

}  // namespace stepsim::fakes
