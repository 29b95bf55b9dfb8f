#include "emulator/lambda/worker_pool.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <utility>

#include <spdlog/spdlog.h>

#include "emulator/core/json_text.h"
#include "emulator/lambda/child_process.h"
#include "emulator/lambda/code_package.h"
#include "emulator/lambda/runtime_api.h"
#include "emulator/lambda/runtime_sources.h"

namespace stepsim::lambda {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// A log file larger than this is emptied after an invocation: a chatty function must not fill the
// disk, and only the last few KB are ever read.
constexpr std::uintmax_t kMaxLogBytes = 8 * 1024 * 1024;

struct WorkerPool::Pending {
  RealInvocation invocation;
  std::function<void(RealOutcome)> done;
};

struct WorkerPool::Worker {
  std::uint64_t channel = 0;
  Key key;
  std::string functionName;
  int pid = -1;
  fs::path logPath;
  std::unique_ptr<Pending> current;  // the invocation this worker owns, delivered or not yet
  bool delivered = false;            // `current` was handed out through invocation/next
  bool initialized = false;          // has asked for an invocation at least once
  bool dying = false;                // killed; waiting for the exit notice
  std::optional<RuntimeReply> parked;  // an invocation/next waiting for work
  std::optional<ProcessHost::TimerId> timer;
  Clock::time_point deliveredAt;
  Clock::time_point startedAt;
  std::optional<double> initDurationMs;  // measured at its first invocation/next, reported once
  std::uintmax_t logOffset = 0;
  std::optional<std::string> initError;  // what the runtime reported on init/error
};

namespace {

std::string errorDocument(std::string_view type, std::string_view message) {
  return core::serializeJson(stepsim::Json{{"errorType", type}, {"errorMessage", message}});
}

std::string secondsText(int seconds) {
  return std::to_string(seconds) + ".00";
}

bool startsWith(const std::string& text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

WorkerPool::WorkerPool(ProcessHost& host, std::string region,
                       const CredentialIssuer& issueCredentials)
    : host_(host),
      region_(std::move(region)),
      issueCredentials_(issueCredentials),
      alive_(std::make_shared<WorkerPool*>(this)) {}

WorkerPool::~WorkerPool() {
  alive_.reset();
  for (auto& [channel, worker] : workers_) {
    if (worker->timer) host_.cancelWall(*worker->timer);
    host_.closeChannel(channel);
    killChildGroup(worker->pid);
  }
  // The host still reaps them (only the host ever waits for a child, so a pid is never reused
  // while it watches it); its notices no longer reach this pool.
  workers_.clear();
}

bool WorkerPool::supports(const std::string& runtime) {
  return startsWith(runtime, "python3") || startsWith(runtime, "nodejs") ||
         startsWith(runtime, "provided");
}

WorkerPool::Key WorkerPool::keyOf(const RealInvocation& invocation) {
  return invocation.functionName + ":" + invocation.version + ":" + invocation.config.revisionId;
}

void WorkerPool::run(RealInvocation invocation, std::function<void(RealOutcome)> done) {
  retireStale(invocation);
  Key key = keyOf(invocation);
  queues_[key].push_back(
      std::make_unique<Pending>(Pending{std::move(invocation), std::move(done)}));
  pump(key);
}

// Idle workers of an older revision of the same function version will never be used again.
void WorkerPool::retireStale(const RealInvocation& invocation) {
  Key key = keyOf(invocation);
  std::string prefix = invocation.functionName + ":" + invocation.version + ":";
  std::vector<std::uint64_t> stale;
  for (auto& [channel, worker] : workers_)
    if (!worker->dying && !worker->current && worker->key != key && startsWith(worker->key, prefix))
      stale.push_back(channel);
  for (std::uint64_t channel : stale) retire(channel, "");
}

void WorkerPool::pump(const Key& key) {
  auto queue = queues_.find(key);
  if (queue == queues_.end()) return;
  auto& waiting = queue->second;
  int between = 0, live = 0;
  for (auto& [channel, worker] : workers_) {
    if (worker->key != key || worker->dying) continue;
    ++live;
    if (worker->current || waiting.empty()) continue;
    if (worker->parked) {
      worker->current = std::move(waiting.front());
      waiting.pop_front();
      RuntimeReply reply = std::move(*worker->parked);
      worker->parked.reset();
      deliver(*worker, std::move(reply));
    } else if (worker->initialized) {
      ++between;  // answered its last invocation and will ask for the next one any moment
    }
  }
  // A new worker only when invocations overlap: more waiting than workers about to ask for work.
  while (static_cast<int>(waiting.size()) > between && live < kMaxWorkersPerVersion) {
    std::unique_ptr<Pending> first = std::move(waiting.front());
    waiting.pop_front();
    startWorker(key, std::move(first));
    ++live;
  }
  if (waiting.empty()) queues_.erase(queue);
}

fs::path WorkerPool::runtimeFile(const std::string& name, std::string_view source) {
  fs::path path = root_ / "runtime" / name;
  if (!fs::exists(path)) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << source;
  }
  return path;
}

// Node looks for packages in node_modules beside and above a module: one above every function's
// code directory makes the SDK importable (require and import alike) while a function's own
// node_modules, nearer, still wins.
void WorkerPool::offerNodeSdk() {
  std::string sdk = host_.nodeSdk();
  if (sdk.empty()) return;
  std::error_code ec;
  fs::create_directory_symlink(sdk, root_ / "node_modules", ec);
}

fs::path WorkerPool::packageDirectory(const FunctionConfig& config) {
  if (!work_) {
    work_ = std::make_unique<WorkDirectory>();
    root_ = work_->path();
    offerNodeSdk();
  }
  auto known = packages_.find(config.codeSha256);
  if (known != packages_.end()) return known->second;
  // Unpacked once per code version.
  fs::path directory = root_ / "code" / std::to_string(packages_.size() + 1);
  unzipPackage(config.code ? std::string_view(*config.code) : std::string_view(), directory);
  packages_.emplace(config.codeSha256, directory);
  return directory;
}

std::vector<std::string> WorkerPool::environmentFor(const RealInvocation& first,
                                                    const fs::path& code,
                                                    const std::string& runtimeApi) {
  const FunctionConfig& c = first.config;
  std::map<std::string, std::string> env;
  if (c.environment)
    for (const auto& [name, value] : *c.environment) env[name] = value;
  // What the Lambda runtime itself sets wins over the function's variables, as on AWS.
  std::map<std::string, std::string> reserved = {
      {"_HANDLER", c.handler},
      {"LAMBDA_TASK_ROOT", code.string()},
      {"LAMBDA_RUNTIME_DIR", (root_ / "runtime").string()},
      {"AWS_EXECUTION_ENV", "AWS_Lambda_" + c.runtime},
      {"AWS_LAMBDA_FUNCTION_NAME", first.functionName},
      {"AWS_LAMBDA_FUNCTION_VERSION", first.version},
      {"AWS_LAMBDA_FUNCTION_MEMORY_SIZE", std::to_string(c.memorySize)},
      {"AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"},
      {"AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + first.functionName},
      {"AWS_LAMBDA_LOG_STREAM_NAME", first.logStream},
      {"AWS_LAMBDA_RUNTIME_API", runtimeApi},
      {"AWS_REGION", region_},
      {"AWS_DEFAULT_REGION", region_},
  };
  RoleCredentials credentials = issueCredentials_
                                    ? issueCredentials_(c.role, first.functionName)
                                    : RoleCredentials{"stepsim", "stepsim", "stepsim"};
  reserved["AWS_ACCESS_KEY_ID"] = credentials.accessKeyId;
  reserved["AWS_SECRET_ACCESS_KEY"] = credentials.secretAccessKey;
  reserved["AWS_SESSION_TOKEN"] = credentials.sessionToken;
  reserved.merge(baseEnvironment(root_.string()));
  for (auto& [name, value] : reserved) env[name] = std::move(value);
  // Calls the code makes through an AWS SDK come back to stepsim unless the function says otherwise.
  if (!env.count("AWS_ENDPOINT_URL")) env["AWS_ENDPOINT_URL"] = host_.publicEndpoint();
  // The Node bootstrap says how to give functions the SDK when an import of it fails.
  if (startsWith(c.runtime, "nodejs") && host_.nodeSdk().empty()) env["_STEPSIM_NO_NODE_SDK"] = "1";
  return environmentList(env);
}

void WorkerPool::startWorker(const Key& key, std::unique_ptr<Pending> first) {
  const RealInvocation& invocation = first->invocation;
  const FunctionConfig& c = invocation.config;
  fs::path code;
  try {
    code = packageDirectory(c);
  } catch (const std::exception& e) {
    return fail(std::move(first), true,
                errorDocument("Runtime.UnpackError", std::string("cannot unpack the code: ") + e.what()),
                "", 0);
  }

  auto worker = std::make_unique<Worker>();
  worker->channel = host_.newChannel();
  worker->key = key;
  worker->functionName = invocation.functionName;
  worker->startedAt = Clock::now();
  worker->logPath = root_ / "logs" / (std::to_string(worker->channel) + ".log");
  fs::create_directories(worker->logPath.parent_path());

  ChildSpec spec;
  spec.workingDirectory = code.string();
  spec.logPath = worker->logPath.string();
  if (startsWith(c.runtime, "python3")) {
    spec.argv = {"python3", "-u", runtimeFile("python_bootstrap.py", pythonBootstrapSource())};
  } else if (startsWith(c.runtime, "nodejs")) {
    spec.argv = {"node", runtimeFile("node_bootstrap.js", nodeBootstrapSource())};
  } else {
    fs::path bootstrap = code / "bootstrap";
    if (access(bootstrap.c_str(), X_OK) != 0)
      return fail(std::move(first), true,
                  errorDocument("Runtime.InvalidEntrypoint",
                                "RequestId: " + invocation.requestId +
                                    " Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap]"),
                  "", 0);
    spec.argv = {bootstrap.string()};
  }
  spec.environment = environmentFor(invocation, code, host_.openChannel(worker->channel));
  try {
    worker->pid = host_.startWorker(spec, c.runtime);
  } catch (const std::exception& e) {
    host_.closeChannel(worker->channel);
    return fail(std::move(first), true,
                errorDocument("Runtime.StartError", std::string("cannot start: ") + e.what()), "",
                0);
  }
  spdlog::debug("lambda {}: worker {} started (pid {})", invocation.functionName, worker->channel,
                worker->pid);
  worker->current = std::move(first);
  std::uint64_t channel = worker->channel;
  std::weak_ptr<WorkerPool*> alive = alive_;
  host_.watchExit(worker->pid, [alive, channel](int status) {
    if (auto pool = alive.lock()) (*pool)->onExit(channel, status);
  });
  worker->timer = host_.afterWall(kInitTimeout, [alive, channel] {
    auto pool = alive.lock();
    if (!pool) return;
    WorkerPool& self = **pool;
    auto it = self.workers_.find(channel);
    if (it == self.workers_.end() || it->second->initialized) return;
    it->second->timer.reset();
    const std::string& id = it->second->current ? it->second->current->invocation.requestId : "";
    self.retire(channel, errorDocument("Sandbox.Timedout",
                                       "RequestId: " + id + " Error: Runtime init timed out after " +
                                           secondsText(static_cast<int>(kInitTimeout.count())) +
                                           " seconds"));
  });
  workers_.emplace(channel, std::move(worker));
}

void WorkerPool::deliver(Worker& worker, RuntimeReply reply) {
  const RealInvocation& invocation = worker.current->invocation;
  worker.delivered = true;
  worker.deliveredAt = Clock::now();
  std::error_code ec;
  worker.logOffset = fs::file_size(worker.logPath, ec);
  if (ec) worker.logOffset = 0;
  if (worker.timer) host_.cancelWall(*worker.timer);
  int timeout = invocation.config.timeout;
  std::uint64_t channel = worker.channel;
  std::weak_ptr<WorkerPool*> alive = alive_;
  worker.timer = host_.afterWall(std::chrono::seconds(timeout), [alive, channel, timeout] {
    auto pool = alive.lock();
    if (!pool) return;
    WorkerPool& self = **pool;
    auto it = self.workers_.find(channel);
    if (it == self.workers_.end() || !it->second->current) return;
    it->second->timer.reset();
    self.retire(channel, errorDocument("Sandbox.Timedout",
                                       "RequestId: " + it->second->current->invocation.requestId +
                                           " Error: Task timed out after " + secondsText(timeout) +
                                           " seconds"));
  });
  auto deadline = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch()) +
                  std::chrono::seconds(timeout);
  reply(invocationResponse(invocation.requestId, invocation.invokedArn, deadline.count(),
                           invocation.clientContext, invocation.payload));
}

std::string WorkerPool::readOutput(Worker& worker) {
  std::error_code ec;
  std::uintmax_t size = fs::file_size(worker.logPath, ec);
  if (ec || size <= worker.logOffset) return "";
  std::uintmax_t from = std::max(worker.logOffset, size - std::min<std::uintmax_t>(size, 4096));
  std::string text(static_cast<std::size_t>(size - from), '\0');
  std::ifstream in(worker.logPath, std::ios::binary);
  in.seekg(static_cast<std::streamoff>(from));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (size > kMaxLogBytes) fs::resize_file(worker.logPath, 0, ec);
  return text;
}

void WorkerPool::complete(Worker& worker, bool failed, std::string payload) {
  if (worker.timer) host_.cancelWall(*worker.timer);
  worker.timer.reset();
  double ms = worker.delivered
                  ? std::chrono::duration<double, std::milli>(Clock::now() - worker.deliveredAt)
                        .count()
                  : 0;
  std::string output = readOutput(worker);
  std::unique_ptr<Pending> pending = std::move(worker.current);
  worker.delivered = false;
  Key key = worker.key;
  std::optional<double> init = std::exchange(worker.initDurationMs, std::nullopt);
  fail(std::move(pending), failed, std::move(payload), std::move(output), ms, init);
  // The callback may have queued more work; `worker` may be gone (it only touches the pool
  // through run()), so look the queue up again.
  pump(key);
}

void WorkerPool::fail(std::unique_ptr<Pending> pending, bool failed, std::string payload,
                      std::string output, double durationMs, std::optional<double> initDurationMs) {
  RealResult result{failed, std::move(payload), std::move(output), durationMs, initDurationMs};
  pending->done(std::move(result));
}

void WorkerPool::retire(std::uint64_t channel, const std::string& why) {
  auto it = workers_.find(channel);
  if (it == workers_.end() || it->second->dying) return;
  Worker& worker = *it->second;
  worker.dying = true;
  worker.parked.reset();
  killChildGroup(worker.pid);
  host_.closeChannel(channel);
  if (worker.current) complete(worker, true, why);
  if (worker.timer) host_.cancelWall(*worker.timer);
  worker.timer.reset();
}

void WorkerPool::onExit(std::uint64_t channel, int waitStatus) {
  auto it = workers_.find(channel);
  if (it == workers_.end()) return;
  Worker& worker = *it->second;
  if (!worker.dying) {
    spdlog::debug("lambda {}: worker {} ended ({})", worker.functionName, channel,
                  describeWaitStatus(waitStatus));
    std::string why;
    if (worker.current)
      why = worker.initError ? *worker.initError
                             : errorDocument("Runtime.ExitError",
                                             "RequestId: " + worker.current->invocation.requestId +
                                                 " Error: Runtime exited with error: " +
                                                 describeWaitStatus(waitStatus));
    retire(channel, why);
  }
  it = workers_.find(channel);
  if (it == workers_.end()) return;
  Key key = it->second->key;
  std::error_code ignored;
  fs::remove(it->second->logPath, ignored);
  workers_.erase(it);
  pump(key);  // queued invocations get a new worker
}

void WorkerPool::handleRuntimeRequest(std::uint64_t channel, const protocol::HttpRequest& request,
                                      RuntimeReply reply) {
  auto it = workers_.find(channel);
  if (it == workers_.end() || it->second->dying) return;  // a dead worker's call: drop it
  Worker& worker = *it->second;
  RuntimeCall call = parseRuntimeCall(request);
  switch (call.kind) {
    case RuntimeCall::Next:
      if (!worker.initialized)
        worker.initDurationMs =
            std::chrono::duration<double, std::milli>(Clock::now() - worker.startedAt).count();
      worker.initialized = true;
      if (worker.timer && !worker.delivered && worker.current) {
        host_.cancelWall(*worker.timer);  // the init timer
        worker.timer.reset();
      }
      if (worker.current && worker.delivered) {
        // Asked for more work without answering: the runtime is broken.
        return retire(channel, errorDocument("Runtime.InvalidState",
                                             "RequestId: " + worker.current->invocation.requestId +
                                                 " Error: the runtime asked for the next "
                                                 "invocation without answering this one"));
      }
      if (!worker.current) {
        auto queue = queues_.find(worker.key);
        if (queue != queues_.end() && !queue->second.empty()) {
          worker.current = std::move(queue->second.front());
          queue->second.pop_front();
          if (queue->second.empty()) queues_.erase(queue);
        }
      }
      if (worker.current) return deliver(worker, std::move(reply));
      worker.parked = std::move(reply);
      return;
    case RuntimeCall::Response:
    case RuntimeCall::Error: {
      if (!worker.current || !worker.delivered ||
          worker.current->invocation.requestId != call.requestId)
        return reply(runtimeError(400, "InvalidRequestID", "Invalid request ID"));
      if (request.body.size() > kMaxSyncPayloadBytes) {
        reply(runtimeError(413, "RequestEntityTooLarge", "Payload too large"));
        return complete(
            worker, true,
            errorDocument("Function.ResponseSizeTooLarge",
                          "Response payload size exceeded maximum allowed payload size (" +
                              std::to_string(kMaxSyncPayloadBytes) + " bytes)."));
      }
      reply(runtimeAccepted());
      bool failed = call.kind == RuntimeCall::Error;
      return complete(worker, failed,
                      failed ? errorBody(request) : std::string(request.body));
    }
    case RuntimeCall::InitError:
      reply(runtimeAccepted());
      worker.initError = errorBody(request);
      // The runtime exits after reporting; if it does not, it is stopped.
      return retire(channel, *worker.initError);
    case RuntimeCall::Unknown:
      return reply(runtimeError(404, "NotFound", "No Runtime API route for " + request.method +
                                                     " " + std::string(request.path())));
  }
}

}  // namespace stepsim::lambda
