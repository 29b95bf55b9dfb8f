// stepsim: the command line. `serve` runs the emulator on one HTTP port; `run` and `validate` take
// scenario files; `demo` (the default) runs the embedded Job Status Poller scenario in-process. Only the "listening" line goes to stdout; the rest to stderr.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>

#include <spdlog/spdlog.h>

#include "emulator/app/emulator.h"
#include "emulator/console/console_routes.h"
#include "emulator/core/time_types.h"
#include "emulator/http/driven_run.h"
#include "emulator/http/logging.h"
#include "emulator/http/request_guard.h"
#include "emulator/http/server.h"
#include "emulator/lambda/node_sdk.h"
#include "emulator/lambda/warm_runtimes.h"
#include "emulator/lambda/work_directory.h"
#include "emulator/protocol/service_model.h"
#include "emulator/scenario/commands.h"
#include "emulator/scenario/demo.h"
#include "emulator/scenario/loader.h"
#include "emulator/scenario/preload.h"
#include "emulator/scenario/world.h"
#include "emulator/stepfunctions/mock_config/mock_config.h"

#ifndef STEPSIM_VERSION
#define STEPSIM_VERSION "0.0.0"
#endif

namespace {

using namespace stepsim;

constexpr int kUsageError = 2;

struct ServeFlags {
  std::string host = "127.0.0.1";
  int port = 4566;
  std::string region = "us-east-1";
  std::string account = "123456789012";
  std::uint64_t seed = core::SimulationConfig::kDefaultSeed;
  std::string startTime = "2026-01-01T00:00:00Z";
  std::string clock = "auto";
  double timeScale = 1.0;
  double activityPollSeconds = 50;
  // Ended records a long-running server keeps: in a soak, about 21 KB per Job Poller execution and
  // 6 KB per job, so at most about 0.2 + 0.3 GB.
  std::size_t maxExecutions = 10'000;
  std::size_t maxJobs = 50'000;
  std::string logLevel = "info";
  std::string logFormat = "text";
  std::string mockConfig;  // Step Functions Local's MockConfigFile.json; else $SFN_MOCK_CONFIG
  std::string iam = "off";             // permission checks: off, warn, enforce
  std::vector<std::string> scenarios;  // worlds to preload
  std::vector<std::string> allowedHosts;    // Host names answered besides loopback ones
  std::vector<std::string> allowedOrigins;  // web page origins answered besides loopback ones
  std::string consoleDir;  // read the console's page files from here (working on the console)
  std::string nodeSdkPath;  // --node-sdk-path; else found from the working directory
  std::string warmRuntimes = "on";  // fork Python workers from a warm template (on, off)
};

constexpr const char* kWarmRuntimesHelp =
    "on (default): Python workers are forked from an interpreter that has already imported the "
    "runtime and boto3, and Node workers are started ahead of need with the SDK loaded; off: "
    "every worker starts a fresh interpreter";

// The warm runtimes, when asked for (null: every worker starts cold).
std::shared_ptr<lambda::WarmRuntimes> warmRuntimesFor(const std::string& warmRuntimes,
                                                      const std::string& nodeSdk) {
  if (warmRuntimes != "on") return nullptr;
  return std::make_shared<lambda::WarmRuntimes>(nodeSdk);
}

// The AWS SDK for JavaScript v3 Node functions get: the one `given` names (an error when it has
// none), else the first node_modules holding it from the working directory up, else none.
std::string nodeSdkFor(const std::string& given) {
  if (!given.empty()) {
    std::optional<std::filesystem::path> sdk = lambda::nodeSdkAt(given);
    if (!sdk)
      throw std::runtime_error("--node-sdk-path " + given +
                               ": neither it nor its node_modules holds @aws-sdk");
    return sdk->string();
  }
  std::optional<std::filesystem::path> found = lambda::findNodeSdk(std::filesystem::current_path());
  return found ? found->string() : std::string();
}

constexpr const char* kNodeSdkHelp =
    "A node_modules (or a directory with one) holding the AWS SDK for JavaScript v3, which Node "
    "functions import as on AWS; default: the first found from the working directory up";

std::string checkRegion(const std::string& value) {
  if (value.empty() || value.size() > 32) return "must be a region name such as us-east-1";
  for (char c : value)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return "must be a region name such as us-east-1 (lower-case letters, digits, hyphens)";
  return {};
}

std::string checkAccount(const std::string& value) {
  if (value.size() != 12) return "must be exactly 12 digits";
  for (char c : value)
    if (c < '0' || c > '9') return "must be exactly 12 digits";
  return {};
}

std::string checkStartTime(const std::string& value) {
  if (!core::parseIso8601(value)) return "must be an ISO-8601 instant such as 2026-01-01T00:00:00Z";
  return {};
}

std::string checkSeed(const std::string& value) {
  if (value.empty() || value.size() > 20) return "must be an unsigned 64-bit integer";
  for (char c : value)
    if (c < '0' || c > '9') return "must be an unsigned 64-bit integer";
  if (value.size() == 20 && value > "18446744073709551615")
    return "must be an unsigned 64-bit integer (at most 18446744073709551615)";
  return {};
}

std::string checkHost(const std::string& value) {
  if (value.empty()) return "must not be empty";
  return {};
}

int serve(const ServeFlags& flags) {
  http::setupLogging(*http::parseLogLevel(flags.logLevel), *http::parseLogFormat(flags.logFormat));

  core::SimulationConfig config;
  config.region = flags.region;
  config.account = flags.account;
  config.seed = flags.seed;
  config.startTime = *core::parseIso8601(flags.startTime);
  config.mode = *core::parseClockMode(flags.clock);
  config.timeScale = flags.timeScale;
  config.activityPollLimit =
      std::chrono::milliseconds(static_cast<std::int64_t>(flags.activityPollSeconds * 1000));
  config.maxClosedExecutions = flags.maxExecutions;
  config.maxFinishedJobs = flags.maxJobs;

  app::Emulator emulator(config);
  emulator.setPermissionMode(*iam::parsePermissionMode(flags.iam));  // CLI11 checked the name
  // What servers killed with SIGKILL left behind (unpacked code, worker logs).
  lambda::WorkDirectory::removeStale();
  // A bad mock config stops the server before it listens (Step Functions Local answers 500s).
  std::string mockFile = flags.mockConfig;
  if (const char* env = std::getenv("SFN_MOCK_CONFIG"); mockFile.empty() && env) mockFile = env;
  try {
    if (!mockFile.empty())
      emulator.setMockConfig(std::make_shared<sfn::MockConfig>(sfn::loadMockConfigFile(mockFile)));
  } catch (const sfn::MockConfigError& error) {
    std::fprintf(stderr, "stepsim: %s\n", error.what());
    return kUsageError;
  }
  // Preloaded worlds: a scenario that cannot be used stops the server before it listens, too.
  scenario::Preload preload = scenario::addScenarioEndpoints(emulator);
  console::addConsoleEndpoints(emulator, {flags.consoleDir});
  try {
    for (const std::string& file : flags.scenarios) preload(scenario::loadScenario(file));
  } catch (const scenario::ScenarioError& error) {
    std::fprintf(stderr, "stepsim: %s\n", error.what());
    return kUsageError;
  }
  http::ServerOptions options;
  options.host = flags.host;
  options.port = static_cast<std::uint16_t>(flags.port);
  options.allowedHosts = flags.allowedHosts;
  options.allowedOrigins = flags.allowedOrigins;
  options.warmUp = [] { protocol::serviceModel("batch"); };
  options.nodeSdk = nodeSdkFor(flags.nodeSdkPath);
  // Each runtime warms up in a process of its own once a function needs it.
  options.warmRuntimes = warmRuntimesFor(flags.warmRuntimes, options.nodeSdk);
  http::Server server(emulator, options);
  std::uint16_t port = 0;
  try {
    port = server.listen();
  } catch (const std::exception& error) {
    spdlog::error("cannot listen on {}:{}: {}", flags.host, flags.port, error.what());
    return 1;
  }
  bool ipv6 = flags.host.find(':') != std::string::npos;
  std::string baseUrl = "http://" + std::string(ipv6 ? "[" : "") + flags.host + (ipv6 ? "]" : "") +
                        ":" + std::to_string(port);
  std::printf("stepsim listening on %s\n", baseUrl.c_str());
  std::fflush(stdout);
  spdlog::info(
      "stepsim {} serving on {}:{} (clock {}, seed {}, start {}); console at {}/_stepsim/ui/",
      STEPSIM_VERSION, flags.host, port, flags.clock, flags.seed,
      core::formatIso8601(config.startTime), baseUrl);
  console::logExecutionPages(emulator, baseUrl);
  if (options.nodeSdk.empty())
    spdlog::info("no AWS SDK for JavaScript v3 found for Node functions (--node-sdk-path)");
  else
    spdlog::info("Node functions can import the AWS SDK in {}", options.nodeSdk);
  if (!http::isLoopbackHost(flags.host))
    spdlog::warn("listening on {}, not a loopback address: stepsim runs code (Lambda functions, "
                 "scenarios) for anyone who can reach this address and port",
                 flags.host);
  server.run();
  spdlog::info("stopped");
  return 0;
}

// Scenarios whose functions run real code are driven behind a private loopback server, with
// `nodeSdk` for their Node functions and, when `warmRuntimes` is on, one set of warm runtimes for
// the whole run, started with the first such scenario.
scenario::RealCodeHost realCodeHost(std::string nodeSdk, std::string warmRuntimes) {
  auto warm = std::make_shared<std::shared_ptr<lambda::WarmRuntimes>>();
  return [nodeSdk, warmRuntimes, warm](app::Emulator& emulator, scenario::Driver& driver) {
    if (!*warm) *warm = warmRuntimesFor(warmRuntimes, nodeSdk);
    using Step = http::ServerOptions::DriveStep;
    http::runDriven(
        emulator,
        [&driver] {
          if (driver.waitingOutside()) return Step::AfterIo;
          return driver.step() ? Step::Again : Step::Done;
        },
        nodeSdk, *warm);
  };
}

}  // namespace

int main(int argc, char** argv) {
  // A client (or a closed stderr pipe) going away must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);

  CLI::App app{
      "stepsim: an offline emulator of AWS Step Functions, Lambda and Batch on a virtual clock",
      "stepsim"};
  app.set_version_flag("--version", std::string("stepsim ") + STEPSIM_VERSION);
  app.require_subcommand(0, 1);

  ServeFlags flags;
  CLI::App* serveCmd =
      app.add_subcommand("serve", "Serve the AWS APIs and the control API on one HTTP port");
  // The environment variables Step Functions Local users set work too; a flag wins over them.
  serveCmd->add_option("--host", flags.host, "Address to listen on")
      ->capture_default_str()
      ->envname("STEPSIM_HOST")
      ->check(CLI::Validator(checkHost, "HOST"));
  serveCmd->add_option("--port", flags.port, "TCP port; 0 picks a free one")
      ->capture_default_str()
      ->envname("STEPSIM_PORT")
      ->check(CLI::Range(0, 65535));
  serveCmd->add_option("--region", flags.region, "AWS region the ARNs name")
      ->capture_default_str()
      ->envname("AWS_DEFAULT_REGION")
      ->check(CLI::Validator(checkRegion, "REGION"));
  serveCmd->add_option("--account", flags.account, "AWS account id the ARNs name (12 digits)")
      ->capture_default_str()
      ->envname("AWS_ACCOUNT_ID")
      ->check(CLI::Validator(checkAccount, "ACCOUNT"));
  serveCmd->add_option("--seed", flags.seed, "Seed of every generated id")
      ->capture_default_str()
      ->check(CLI::Validator(checkSeed, "UINT64"));
  serveCmd->add_option("--start-time", flags.startTime, "Virtual time at start (ISO-8601)")
      ->capture_default_str()
      ->check(CLI::Validator(checkStartTime, "ISO-8601"));
  serveCmd->add_option("--clock", flags.clock, "Clock mode")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "manual", "realtime"}));
  serveCmd
      ->add_option("--time-scale", flags.timeScale,
                   "Realtime mode: virtual seconds per wall second (> 0)")
      ->capture_default_str()
      ->check(CLI::Validator(
          [](const std::string& value) -> std::string {
            double scale = 0;
            if (!CLI::detail::lexical_cast(value, scale) || !(scale > 0) || scale > 1e9)
              return "must be a number greater than 0 (and at most 1e9)";
            return {};
          },
          "> 0"));
  serveCmd
      ->add_option("--activity-poll-seconds", flags.activityPollSeconds,
                   "Wall seconds GetActivityTask waits for a task before answering with none "
                   "(AWS: 60, the SDKs' read timeout)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 60.0));
  serveCmd->add_option("--max-executions", flags.maxExecutions,
                       "Closed executions kept; past it the oldest are forgotten (0: all)")
      ->capture_default_str();
  serveCmd->add_option("--max-jobs", flags.maxJobs,
                       "Finished Batch jobs kept, array children counted; past it the oldest are "
                       "forgotten (0: all)")
      ->capture_default_str();
  serveCmd->add_option("--log-level", flags.logLevel, "Log level")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  serveCmd->add_option("--scenario", flags.scenarios,
                       "Preload a scenario file's resources, lifecycle rules, scripted responses and "
                       "mock config (repeatable)");
  serveCmd
      ->add_option("--iam", flags.iam,
                   "Permission checks: enforce fails calls a role's policies do not allow, as AWS "
                   "does; warn logs them; off (default) never looks")
      ->check(CLI::IsMember({"off", "warn", "enforce"}))
      ->capture_default_str();
  serveCmd->add_option("--mock-config", flags.mockConfig,
                       "Step Functions Local mock config file (default: $SFN_MOCK_CONFIG)");
  serveCmd->add_option("--log-format", flags.logFormat, "Log line format")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "json"}));
  serveCmd->add_option("--node-sdk-path", flags.nodeSdkPath, kNodeSdkHelp);
  serveCmd->add_option("--warm-runtimes", flags.warmRuntimes, kWarmRuntimesHelp)
      ->envname("STEPSIM_WARM_RUNTIMES")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();
  serveCmd->add_option("--allow-host", flags.allowedHosts,
                       "Also answer requests whose Host header names HOST (a docker-compose "
                       "service name, say); '*' answers any (repeatable)");
  serveCmd->add_option("--allow-origin", flags.allowedOrigins,
                       "Also answer web pages from ORIGIN (scheme://host[:port]); '*' answers any "
                       "(repeatable)");
  serveCmd
      ->add_option("--console-dir", flags.consoleDir,
                   "Serve the web console's page files from DIR (emulator/console/web) instead "
                   "of the built-in ones, read on every request: for working on the console")
      ->check(CLI::ExistingDirectory);

  scenario::RunCommand run;
  CLI::App* runCmd = app.add_subcommand(
      "run", "Run scenario files (and directories of them) in-process on the virtual clock; exit 0 "
             "when all pass, 1 when an expectation fails, 2 when a scenario cannot be loaded");
  runCmd->add_option("paths", run.paths, "Scenario files and directories")->required();
  runCmd->add_option("--trace", run.traceFile, "Write the timeline of every scenario to FILE");
  runCmd->add_option("--junit", run.junitFile,
                     "Write JUnit XML (one testcase per scenario, or the load error) to FILE");
  runCmd->add_flag("--fail-fast", run.failFast,
                   "After the first failing scenario, start no more (they are reported not run)");
  runCmd->add_option(
      "--html", run.htmlFile,
      "Write one self-contained HTML page to FILE: each scenario's executions as the "
      "web console shows them (graph, events, timeline), failures first");
  runCmd->add_flag("--json", run.json, "Print the results as JSON instead of text");
  runCmd->add_option("--shard", run.shard, "Run only slice I of N (I/N, 1-based) of the sorted files");
  runCmd->add_option("--seed", run.seed, "Seed for every scenario, instead of each one's own")
      ->check(CLI::Validator(checkSeed, "UINT64"));
  runCmd->add_option("--jobs", run.jobs, "Scenarios run at once (default: one per core)")
      ->check(CLI::Range(1u, 256u));
  std::string runNodeSdkPath;
  runCmd->add_option("--node-sdk-path", runNodeSdkPath, kNodeSdkHelp);
  std::string runWarmRuntimes = "on";
  runCmd->add_option("--warm-runtimes", runWarmRuntimes, kWarmRuntimesHelp)
      ->envname("STEPSIM_WARM_RUNTIMES")
      ->check(CLI::IsMember({"on", "off"}))
      ->capture_default_str();

  std::vector<std::string> validatePaths;
  CLI::App* validateCmd = app.add_subcommand(
      "validate", "Check scenario files and .asl.json definitions without running them");
  validateCmd->add_option("files", validatePaths, "Scenario files and state machine definitions")
      ->required();

  CLI::App* demoCmd = app.add_subcommand(
      "demo", "Run the built-in Job Status Poller demo in-process (the default when no subcommand is given)");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    int rc = app.exit(error);
    return rc == 0 ? 0 : kUsageError;
  }

  try {
    if (serveCmd->parsed()) return serve(flags);
    if (runCmd->parsed() || validateCmd->parsed()) {
      http::setupLogging(http::LogLevel::Warn, http::LogFormat::Text);
      if (validateCmd->parsed()) return scenario::validateFiles(validatePaths, stdout, stderr);
      return scenario::runScenarios(run, realCodeHost(nodeSdkFor(runNodeSdkPath), runWarmRuntimes),
                                    stdout, stderr);
    }
    (void)demoCmd;
    http::setupLogging(http::LogLevel::Warn, http::LogFormat::Text);
    return scenario::runJobPollerDemo(stdout);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "stepsim: %s\n", error.what());
    return 1;
  }
}
