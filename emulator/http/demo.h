#pragma once
// The built-in demo (`stepsim demo`, and `stepsim` with no subcommand): in one process, without
// sockets, it sets up AWS Batch through the same HTTP-shaped requests a client sends, scripts a
// job's lifecycle through the control API, and steps the virtual clock until the job is final,
// printing a table of virtual time and job status. Returns the process exit code.
#include <cstdio>

namespace stepsim::http {

int runBatchDemo(std::FILE* out);

}  // namespace stepsim::http
