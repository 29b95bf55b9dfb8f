#include "emulator/stepfunctions/activities/activity_registry.h"

#include <algorithm>

namespace stepsim::sfn {

using json = stepsim::Json;

TaskOutcome activityDoesNotExist(const std::string& activityArn) {
  return TaskOutcome::failure("States.Runtime",
                              "Activity Does Not Exist: '" + activityArn + "'");
}

ActivityRegistry::ActivityRegistry(std::chrono::milliseconds pollLimit) : pollLimit_(pollLimit) {}

ActivityRegistry::~ActivityRegistry() {
  alive_.reset();
  answerEmpty(takeAllWorkers());
}

ActivityRegistry::Entry* ActivityRegistry::entry(std::string_view arn) {
  auto it = entries_.find(arn);
  return it == entries_.end() ? nullptr : it->second.get();
}

const ActivityRegistry::Entry* ActivityRegistry::entry(std::string_view arn) const {
  auto it = entries_.find(arn);
  return it == entries_.end() ? nullptr : it->second.get();
}

Activity* ActivityRegistry::find(std::string_view arn) {
  Entry* e = entry(arn);
  return e ? &e->activity : nullptr;
}

Activity& ActivityRegistry::add(Activity activity) {
  auto e = std::make_unique<Entry>();
  std::string arn = activity.arn;
  e->activity = std::move(activity);
  return entries_.insert_or_assign(std::move(arn), std::move(e)).first->second->activity;
}

std::vector<const Activity*> ActivityRegistry::list() const {
  std::vector<const Activity*> out;
  for (const auto& [arn, e] : entries_) out.push_back(&e->activity);
  std::sort(out.begin(), out.end(), [](auto* a, auto* b) { return a->name < b->name; });
  return out;
}

void ActivityRegistry::remove(std::string_view arn) {
  auto it = entries_.find(arn);
  if (it == entries_.end()) return;
  // Out of the map first: what the callbacks below set off (a Catch that schedules another task of
  // this activity) must already find it gone.
  std::unique_ptr<Entry> gone = std::move(it->second);
  entries_.erase(it);
  answerEmpty(takeWorkers(*gone));
  std::deque<QueuedTask> tasks = std::move(gone->tasks);
  for (QueuedTask& task : tasks) task.callbacks.done(activityDoesNotExist(gone->activity.arn));
}

std::function<void()> ActivityRegistry::schedule(const std::string& activityArn, std::string token,
                                                 std::string input, TaskCallbacks callbacks) {
  Entry* e = entry(activityArn);
  if (!e) {
    callbacks.done(activityDoesNotExist(activityArn));
    return nullptr;
  }
  QueuedTask task{nextId_++, std::move(token), std::move(input), std::move(callbacks)};
  std::uint64_t id = task.id;
  if (!e->workers.empty()) {
    // The most recent poller first: a poller whose client has given up (killed mid-poll) is the
    // oldest one, so it is the last to be handed a task it could never deliver.
    Worker worker = std::move(e->workers.back());
    e->workers.pop_back();
    handOver(std::move(task), std::move(worker));
    return nullptr;
  }
  e->tasks.push_back(std::move(task));
  std::weak_ptr<char> alive = alive_;
  return [this, alive, activityArn, id] {
    if (!alive.expired()) withdraw(activityArn, id);
  };
}

void ActivityRegistry::poll(std::string_view activityArn, std::string workerName, PollReply reply) {
  Entry* e = entry(activityArn);
  if (!e) return reply(std::nullopt);
  Worker worker{nextId_++, std::move(workerName), std::move(reply), std::nullopt};
  if (!e->tasks.empty()) {
    QueuedTask task = std::move(e->tasks.front());
    e->tasks.pop_front();
    return handOver(std::move(task), std::move(worker));
  }
  if (!timers_ || pollLimit_.count() <= 0) return worker.reply(std::nullopt);
  std::weak_ptr<char> alive = alive_;
  std::string arn(activityArn);
  std::uint64_t id = worker.id;
  worker.timer = timers_->afterWall(pollLimit_, [this, alive, arn, id] {
    if (!alive.expired()) pollExpired(arn, id);
  });
  e->workers.push_back(std::move(worker));
}

void ActivityRegistry::handOver(QueuedTask task, Worker worker) {
  if (worker.timer && timers_) timers_->cancelWall(*worker.timer);
  json details = json::object();
  if (!worker.name.empty()) details["workerName"] = worker.name;
  // ActivityStarted is recorded (and the heartbeat countdown starts) before the worker hears of it.
  task.callbacks.started(std::move(details));
  worker.reply(ActivityTaskHandout{std::move(task.token), std::move(task.input)});
}

void ActivityRegistry::withdraw(const std::string& arn, std::uint64_t taskId) {
  Entry* e = entry(arn);
  if (!e) return;
  auto it = std::find_if(e->tasks.begin(), e->tasks.end(),
                         [taskId](const QueuedTask& t) { return t.id == taskId; });
  if (it != e->tasks.end()) e->tasks.erase(it);
}

void ActivityRegistry::pollExpired(const std::string& arn, std::uint64_t workerId) {
  Entry* e = entry(arn);
  if (!e) return;
  auto it = std::find_if(e->workers.begin(), e->workers.end(),
                         [workerId](const Worker& w) { return w.id == workerId; });
  if (it == e->workers.end()) return;
  PollReply reply = std::move(it->reply);
  e->workers.erase(it);
  reply(std::nullopt);
}

std::vector<ActivityRegistry::Worker> ActivityRegistry::takeWorkers(Entry& e) {
  std::vector<Worker> workers = std::move(e.workers);
  e.workers.clear();
  for (Worker& w : workers)
    if (w.timer && timers_) timers_->cancelWall(*w.timer);
  return workers;
}

std::vector<ActivityRegistry::Worker> ActivityRegistry::takeAllWorkers() {
  std::vector<Worker> all;
  for (auto& [arn, e] : entries_)
    for (Worker& w : takeWorkers(*e)) all.push_back(std::move(w));
  return all;
}

void ActivityRegistry::answerEmpty(std::vector<Worker> workers) {
  for (Worker& w : workers) w.reply(std::nullopt);
}

void ActivityRegistry::setWallTimers(WallTimers* timers) {
  if (timers == timers_) return;
  std::vector<Worker> workers = takeAllWorkers();  // their timers belong to the old host
  timers_ = timers;
  answerEmpty(std::move(workers));
}

std::size_t ActivityRegistry::queuedTasks(std::string_view activityArn) const {
  const Entry* e = entry(activityArn);
  return e ? e->tasks.size() : 0;
}

std::size_t ActivityRegistry::waitingWorkers(std::string_view activityArn) const {
  const Entry* e = entry(activityArn);
  return e ? e->workers.size() : 0;
}

}  // namespace stepsim::sfn
