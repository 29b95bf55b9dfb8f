#pragma once
// One self-contained HTML file showing what runs did, with the console's own views (graph,
// events, timeline): the console's index.html with its scripts and styles inlined and the data
// embedded as window.STEPSIM_REPORT, so it opens from disk with no server and no network.
#include <string>

#include "emulator/core/json.h"

namespace stepsim::console {

// `report` is {"title": ..., "scenarios": [...]} as the console's report mode reads it.
std::string reportPage(const stepsim::Json& report);

}  // namespace stepsim::console
