#pragma once
// Activities and the work waiting on them: per activity, the FIFO of tasks executions scheduled
// that no worker has taken yet, and the workers whose GetActivityTask long poll waits for one.
// A task goes to a waiting worker the moment it is scheduled; a worker that polls takes the oldest
// queued task at once. Taking a task records ActivityStarted (TaskCallbacks::started), which also
// starts the task's HeartbeatSeconds countdown; the worker then answers through SendTask*, which
// the engine handles by token.
//
// Long polls wait in wall time (real clients are waiting), through the WallTimers the host
// provides; without them an empty poll answers at once.
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/core/json.h"
#include "emulator/core/time_types.h"
#include "emulator/stepfunctions/activities/wall_timers.h"
#include "emulator/stepfunctions/engine/integrations.h"

namespace stepsim::sfn {

struct Activity {
  std::string name, arn;
  core::TimeMs creationDate = 0;
  stepsim::Json encryptionConfiguration;
  std::map<std::string, std::string, std::less<>> tags;
};

// What GetActivityTask hands a worker.
struct ActivityTaskHandout {
  std::string taskToken;
  std::string input;  // the task's effective input as JSON text
};
// nullopt: the poll ran out (or was dropped) with no task.
using PollReply = std::function<void(std::optional<ActivityTaskHandout>)>;

class ActivityRegistry {
 public:
  explicit ActivityRegistry(std::chrono::milliseconds pollLimit);
  // Waiting workers are answered with no task; their timers are cancelled.
  ~ActivityRegistry();
  ActivityRegistry(const ActivityRegistry&) = delete;
  ActivityRegistry& operator=(const ActivityRegistry&) = delete;

  Activity* find(std::string_view arn);
  // Adds a new activity (the caller checked that its ARN is free).
  Activity& add(Activity activity);
  // Every activity, ordered by name.
  std::vector<const Activity*> list() const;
  // Deletes the activity: its queued tasks fail as tasks of an activity that does not exist, and
  // its waiting workers are answered with no task. Tasks workers already took are not affected.
  void remove(std::string_view arn);

  // The engine scheduled a task of `activityArn`. Returns what withdraws it from the queue (a
  // timeout, StopExecution); a task a worker took is the worker's, and withdrawing it does nothing.
  std::function<void()> schedule(const std::string& activityArn, std::string token,
                                 std::string input, TaskCallbacks callbacks);

  // GetActivityTask for an existing activity: the oldest queued task at once, or the next task
  // scheduled within the poll limit, or no task when the limit passes.
  void poll(std::string_view activityArn, std::string workerName, PollReply reply);

  // Where poll limits are timed; nullptr when there is no host (polls without a queued task then
  // answer at once). Workers waiting on the previous timers are answered with no task, so a
  // shutting-down host leaves no poll behind.
  void setWallTimers(WallTimers* timers);

  std::size_t queuedTasks(std::string_view activityArn) const;
  std::size_t waitingWorkers(std::string_view activityArn) const;

 private:
  struct QueuedTask {
    std::uint64_t id = 0;
    std::string token, input;
    TaskCallbacks callbacks;
  };
  struct Worker {
    std::uint64_t id = 0;
    std::string name;
    PollReply reply;
    std::optional<WallTimers::TimerId> timer;
  };
  struct Entry {
    Activity activity;
    std::deque<QueuedTask> tasks;  // oldest first
    std::vector<Worker> workers;   // in poll order
  };

  Entry* entry(std::string_view arn);
  const Entry* entry(std::string_view arn) const;
  void handOver(QueuedTask task, Worker worker);
  void withdraw(const std::string& arn, std::uint64_t taskId);
  void pollExpired(const std::string& arn, std::uint64_t workerId);
  // Removes waiting workers and cancels their timers; answerEmpty then tells them "no task" once
  // the registry is consistent again (a reply may poll again).
  std::vector<Worker> takeWorkers(Entry& e);
  std::vector<Worker> takeAllWorkers();
  static void answerEmpty(std::vector<Worker> workers);

  std::chrono::milliseconds pollLimit_;
  WallTimers* timers_ = nullptr;
  std::map<std::string, std::unique_ptr<Entry>, std::less<>> entries_;  // by ARN
  std::uint64_t nextId_ = 1;
  // The engine's cancel functions and the wall timers' callbacks may outlive the registry: they
  // check this first.
  std::shared_ptr<char> alive_ = std::make_shared<char>();
};

// The failure a task of a missing activity ends with.
TaskOutcome activityDoesNotExist(const std::string& activityArn);

}  // namespace stepsim::sfn
