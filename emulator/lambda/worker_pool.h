#pragma once
// Real function code: python3.x and nodejs*.x packages run under the bootstraps stepsim ships,
// provided.* packages run their own `bootstrap`, each worker a local process speaking the Lambda
// Runtime API to a private endpoint. Workers are kept warm per function version (one cold start
// each); another starts only when invocations overlap. A worker that crashes, times out or answers
// wrongly is killed and replaced by the next invocation. The pool owns its temporary directory
// (unpacked packages, logs) and removes it, and every worker, when destroyed.
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "emulator/core/aws_error.h"
#include "emulator/lambda/invocation.h"
#include "emulator/lambda/model.h"
#include "emulator/lambda/process_host.h"
#include "emulator/lambda/role_credentials.h"
#include "emulator/lambda/work_directory.h"

namespace stepsim::lambda {

// One invocation of real code, everything the worker needs copied in.
struct RealInvocation {
  std::string functionName;
  std::string version;  // "$LATEST" or "N"
  FunctionConfig config;
  std::string invokedArn;
  std::string requestId;
  std::string payload;
  std::optional<std::string> clientContext;  // decoded JSON text
  std::string logStream;                     // where its log goes (AWS_LAMBDA_LOG_STREAM_NAME)
};

struct RealResult {
  bool failed = false;
  std::string payload;  // the result, or the error document
  std::string output;   // the end of what the code printed during the invocation
  double durationMs = 0;
  std::optional<double> initDurationMs;  // the worker's init phase, on its first invocation
};

using RealOutcome = std::variant<RealResult, core::AwsError>;

class WorkerPool {
 public:
  // At most this many workers per function version; further overlapping invocations queue.
  static constexpr int kMaxWorkersPerVersion = 16;
  // A worker must ask for its first invocation within this long after it starts.
  static constexpr std::chrono::seconds kInitTimeout{10};

  // `issueCredentials` (may be empty) gives each worker its function role's credentials; it must
  // outlive the pool.
  WorkerPool(ProcessHost& host, std::string region, const CredentialIssuer& issueCredentials);
  ~WorkerPool();  // kills every worker and removes the temporary directory
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // True for the runtimes this pool can run (python3.*, nodejs*, provided*).
  static bool supports(const std::string& runtime);

  // Runs `invocation` on a warm worker, a new one, or after one frees up. `done` is called once,
  // from a later host callback, never before run() returns.
  void run(RealInvocation invocation, std::function<void(RealOutcome)> done);

  bool ownsChannel(std::uint64_t channel) const { return workers_.contains(channel); }
  // A Runtime API request from the worker behind `channel`.
  void handleRuntimeRequest(std::uint64_t channel, const protocol::HttpRequest& request,
                            RuntimeReply reply);

  std::size_t workerCount() const { return workers_.size(); }

 private:
  void offerNodeSdk();
  struct Worker;
  struct Pending;
  using Key = std::string;  // function, version and revision: what makes a worker reusable

  static Key keyOf(const RealInvocation& invocation);
  void pump(const Key& key);
  void startWorker(const Key& key, std::unique_ptr<Pending> first);
  void deliver(Worker& worker, RuntimeReply reply);
  void complete(Worker& worker, bool failed, std::string payload);
  void fail(std::unique_ptr<Pending> pending, bool failed, std::string payload, std::string output,
            double durationMs, std::optional<double> initDurationMs = std::nullopt);
  void retire(std::uint64_t channel, const std::string& why);
  void onExit(std::uint64_t channel, int waitStatus);
  void retireStale(const RealInvocation& invocation);
  std::string readOutput(Worker& worker);
  std::filesystem::path packageDirectory(const FunctionConfig& config);
  std::filesystem::path runtimeFile(const std::string& name, std::string_view source);
  std::vector<std::string> environmentFor(const RealInvocation& first,
                                          const std::filesystem::path& code,
                                          const std::string& runtimeApi);

  ProcessHost& host_;
  std::string region_;
  const CredentialIssuer& issueCredentials_;
  std::unique_ptr<WorkDirectory> work_;  // created on first use
  std::filesystem::path root_;           // its path
  std::map<std::string, std::filesystem::path> packages_;  // by CodeSha256
  std::map<std::uint64_t, std::unique_ptr<Worker>> workers_;  // by channel
  std::map<Key, std::deque<std::unique_ptr<Pending>>> queues_;
  // Host callbacks check this before touching the pool: it may be gone by then.
  std::shared_ptr<WorkerPool*> alive_;
};

}  // namespace stepsim::lambda
