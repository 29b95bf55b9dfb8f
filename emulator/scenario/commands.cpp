#include "emulator/scenario/commands.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include <unistd.h>

#include "emulator/core/json_file.h"
#include "emulator/core/json_location.h"
#include "emulator/scenario/loader.h"
#include "emulator/scenario/reports.h"
#include "emulator/stepfunctions/definition/compiler.h"
#include "emulator/stepfunctions/mock_config/mock_config.h"

namespace stepsim::scenario {

namespace {

constexpr int kFailed = 1;
constexpr int kUnusable = 2;

// "I/N" → (I, N) with 1 <= I <= N.
std::optional<std::pair<std::size_t, std::size_t>> parseShard(const std::string& text) {
  std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    unsigned long i = std::stoul(text.substr(0, slash), &used);
    if (used != slash) return std::nullopt;
    std::string rest = text.substr(slash + 1);
    unsigned long n = std::stoul(rest, &used);
    if (used != rest.size() || i < 1 || n < 1 || i > n) return std::nullopt;
    return std::make_pair(i, n);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool writeFile(const std::string& path, const std::string& text, std::FILE* err) {
  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  file << text;
  if (!file) {
    std::fprintf(err, "stepsim: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

// Runs `count` jobs on up to `threads` threads; job i writes only its own slot. `first` runs on
// the calling thread before it joins the pool (work that must stay on one thread).
template <typename Job, typename First>
void inParallel(std::size_t count, unsigned threads, Job job, First first) {
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) job(i);
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads && t < count + 1; ++t) pool.emplace_back(worker);
  first();
  worker();
  for (std::thread& thread : pool) thread.join();
}

// Prints each scenario's lines as it ends, from whichever thread ran it; on a terminal a progress
// line ("[3/29] running") stays under them until the run ends.
class ProgressPrinter {
 public:
  ProgressPrinter(std::FILE* out, std::size_t total, bool enabled)
      : out_(out), total_(total), enabled_(enabled), terminal_(enabled && isatty(fileno(out))) {}

  void ended(const ScenarioResult& result) {
    if (!enabled_) return;
    std::lock_guard<std::mutex> lock(mutex_);
    ++done_;
    if (terminal_) std::fputs("\r\033[K", out_);
    std::fputs(scenarioLines(result).c_str(), out_);
    if (terminal_ && done_ < total_) std::fprintf(out_, "[%zu/%zu] running", done_, total_);
    std::fflush(out_);
  }

  void finished() {
    if (terminal_) std::fputs("\r\033[K", out_);
  }

 private:
  std::FILE* out_;
  std::size_t total_, done_ = 0;
  bool enabled_, terminal_;
  std::mutex mutex_;
};

}  // namespace

int runScenarios(const RunCommand& command, const RealCodeHost& host, std::FILE* out, std::FILE* err) {
  auto wallStart = std::chrono::steady_clock::now();
  std::optional<std::pair<std::size_t, std::size_t>> shard;
  if (!command.shard.empty() && !(shard = parseShard(command.shard))) {
    std::fprintf(err, "stepsim: --shard must be I/N with 1 <= I <= N, not '%s'\n", command.shard.c_str());
    return kUnusable;
  }
  // Load and check everything first: a file that cannot be used stops the run before it starts.
  std::vector<Scenario> scenarios;
  try {
    std::vector<std::string> files = findScenarioFiles(command.paths);
    for (std::size_t i = 0; i < files.size(); ++i)
      if (!shard || i % shard->second == shard->first - 1) scenarios.push_back(loadScenario(files[i]));
    std::set<std::string> names;
    for (const Scenario& s : scenarios) {
      if (!names.insert(s.name).second) throw s.error("/name", "another scenario in this run is named '" + s.name + "'");
      checkWorld(s);
    }
  } catch (const ScenarioError& error) {
    std::fprintf(err, "stepsim: %s\n(nothing was run)\n", error.what());
    if (!command.junitFile.empty())
      writeFile(command.junitFile, junitLoadErrorReport(error.file, error.what()), err);
    return kUnusable;
  }
  if (scenarios.empty()) {
    std::fprintf(err, "stepsim: no scenario files found\n");
    return kUnusable;
  }

  RunOptions options{command.seed, !command.traceFile.empty(), !command.htmlFile.empty()};
  std::vector<ScenarioResult> results(scenarios.size());
  std::vector<std::size_t> inProcess, realCode;
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    (scenarios[i].runsRealCode() ? realCode : inProcess).push_back(i);
  unsigned threads = command.jobs ? command.jobs : std::max(1u, std::thread::hardware_concurrency());
  // Real code runs worker processes around one server loop each: one such scenario at a time, on
  // this thread, while the others run in-process alongside.
  ProgressPrinter printer(out, scenarios.size(), !command.json);
  std::atomic<bool> stopped{false};
  auto run = [&](std::size_t i, const RealCodeHost& realCodeHost) {
    if (stopped) {
      results[i].file = scenarios[i].file;
      results[i].name = scenarios[i].name;
      results[i].skipped = true;
    } else {
      results[i] = runScenario(scenarios[i], options, realCodeHost);
      if (!results[i].passed && command.failFast) stopped = true;
    }
    printer.ended(results[i]);
  };
  inParallel(
      inProcess.size(), threads, [&](std::size_t k) { run(inProcess[k], RealCodeHost{}); },
      [&] {
        for (std::size_t i : realCode) run(i, host);
      });
  printer.finished();
  double wallMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wallStart).count();

  bool ok = true;
  if (!command.traceFile.empty()) {
    std::string trace;
    for (const ScenarioResult& r : results) trace += "=== " + r.name + " (" + r.file + ")\n" + r.trace;
    ok &= writeFile(command.traceFile, trace, err);
  }
  if (!command.junitFile.empty()) ok &= writeFile(command.junitFile, junitReport(results, wallMs), err);
  if (!command.htmlFile.empty()) ok &= writeFile(command.htmlFile, htmlReport(results), err);
  std::string report = command.json ? jsonReport(results, wallMs) : summaryLine(results, wallMs);
  std::fputs(report.c_str(), out);
  if (!ok) return kUnusable;
  for (const ScenarioResult& r : results)
    if (!r.passed) return kFailed;
  return 0;
}

// Files as named, and for a directory every scenario, definition and mock config below it.
std::vector<std::string> filesToValidate(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::is_directory(path, ec)) {
      files.push_back(path);
      continue;
    }
    for (const std::string& file : jsonFilesUnder(path))
      if (classifyJsonFile(file, core::readTextFile(file).value_or("")) != JsonFileKind::Schema)
        files.push_back(file);
  }
  return files;
}

int validateFiles(const std::vector<std::string>& paths, std::FILE* out, std::FILE* err) {
  int status = 0;
  for (const std::string& file : filesToValidate(paths)) {
    std::optional<std::string> text = core::readTextFile(file);
    if (!text) {
      std::fprintf(err, "%s: cannot read the file\n", file.c_str());
      status = kUnusable;
      continue;
    }
    JsonFileKind kind = classifyJsonFile(file, *text);
    if (kind == JsonFileKind::Definition) {
      sfn::CompileResult compiled = sfn::compileDefinition(*text);
      for (const sfn::Diagnostic& d : compiled.errors)
        std::fprintf(err, "%s:%d: %s: %s at %s\n", file.c_str(), core::lineOfPointer(*text, d.location),
                     d.code.c_str(), d.message.c_str(), d.location.empty() ? "/" : d.location.c_str());
      if (!compiled.program) {
        status = kUnusable;
        continue;
      }
      std::fprintf(out, "ok  %s (state machine definition)\n", file.c_str());
      continue;
    }
    if (kind == JsonFileKind::MockConfig) {
      try {
        sfn::loadMockConfigFile(file);
        std::fprintf(out, "ok  %s (mock config)\n", file.c_str());
      } catch (const sfn::MockConfigError& error) {
        std::fprintf(err, "%s\n", error.what());
        status = kUnusable;
      }
      continue;
    }
    try {
      Scenario scenario = loadScenario(file);
      checkWorld(scenario);
      std::fprintf(out, "ok  %s (scenario %s)\n", file.c_str(), scenario.name.c_str());
    } catch (const ScenarioError& error) {
      std::fprintf(err, "%s\n", error.what());
      status = kUnusable;
    }
  }
  return status;
}

}  // namespace stepsim::scenario
