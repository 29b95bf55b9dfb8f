// Batch jobs: every job stepsim knows, newest first, with the statuses it went through and when.
(function (S) {
  "use strict";
  var u = S.util;
  var h = u.h;
  var ui = S.ui;
  var STATUSES = ["SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED", "FAILED"];
  var COLUMNS = [{ title: "Job" }, { title: "Status" }, { title: "Queue" }, { title: "Created (UTC)" },
    { title: "Duration", cls: "num" }, { title: "Status history", cls: "history-col" }];
  var MAX_ROWS = 500;

  // The statuses as a strip of proportional segments, then as text with offsets from creation.
  function historyCell(job, now) {
    var history = job.statusHistory || [];
    if (!history.length) return h("span", { "class": "muted" }, "–");
    var first = history[0].at;
    var terminal = /^(SUCCEEDED|FAILED)$/.test(job.status);
    var last = terminal ? history[history.length - 1].at : Math.max(now || 0, history[history.length - 1].at);
    var total = Math.max(1, last - first);
    var strip = h("div", { "class": "job-strip" }, history.map(function (entry, i) {
      var next = history[i + 1];
      var to = next ? next.at : last;
      var share = Math.max(0, (to - entry.at) / total);
      return h("span", {
        "class": "job-seg job-" + entry.status.toLowerCase(),
        style: "flex-grow:" + (share || 0) + ";flex-basis:" + (share ? 0 : 4) + "px",
        title: entry.status + " at " + u.formatDateTime(entry.at) + (next ? " for " + u.formatDuration(to - entry.at) : ""),
      });
    }));
    var steps = h("div", { "class": "job-steps" }, history.map(function (entry, i) {
      return h("span", { "class": "job-step" }, i ? "→ " : "",
        h("span", { "class": "job-step-status job-text-" + entry.status.toLowerCase() }, entry.status),
        " " + (i ? (entry.at === first ? "+0s" : S.timeline.offsetLabel(entry.at - first)) : u.formatTimeOfDay(entry.at)));
    }));
    return h("div", { "class": "job-history" }, strip, steps,
      job.statusReason ? h("div", { "class": "job-reason muted small" }, job.statusReason) : null);
  }

  // Created to finished, for jobs that finished.
  function duration(job) {
    var history = job.statusHistory || [];
    var end = history.length ? history[history.length - 1] : null;
    if (!end || !/^(SUCCEEDED|FAILED)$/.test(end.status)) return "–";
    return u.formatDuration(end.at - job.createdAt);
  }

  S.pages.jobs = function (container) {
    var filter = "";
    var last = "";
    var table = ui.table(COLUMNS, [], { id: "jobs-table", "class": "table" });
    var box = ui.card("Jobs", { id: "jobs", "class": "card-table" }, table);
    var error = h("div");
    box.tools.appendChild(ui.statusSelect("job-status-filter", STATUSES, function (value) {
      filter = value;
      last = "";
      refresh();
    }));
    box.tools.appendChild(h("span", { id: "job-count", "class": "muted" }));
    container.appendChild(ui.pageHeader({ title: "Batch jobs", subtitle: "AWS Batch jobs " + (S.data.mode === "report" ? "of this scenario" : "submitted to this stepsim server") + " (virtual time, UTC)" }));
    container.appendChild(error);
    container.appendChild(box);

    function refresh() {
      return S.data.batchJobs().then(function (jobs) {
        var shown = jobs.filter(function (j) { return !filter || j.status === filter; });
        shown.sort(function (a, b) { return (b.createdAt || 0) - (a.createdAt || 0); });
        var now = S.clock.now();
        var key = filter + JSON.stringify(shown) + (shown.some(function (j) { return !/^(SUCCEEDED|FAILED)$/.test(j.status); }) ? now : "");
        if (key === last) return;
        last = key;
        container.querySelector("#job-count").textContent = shown.length + " of " + jobs.length + " jobs" +
          (shown.length > MAX_ROWS ? " (newest " + MAX_ROWS + " shown)" : "");
        ui.fillRows(table.tBodies[0], COLUMNS, shown.slice(0, MAX_ROWS).map(function (job) {
          return {
            attrs: { "data-job-id": job.jobId, "data-status": job.status },
            cells: [
              h("div", null, h("strong", null, job.jobName), h("div", { "class": "muted mono job-id" }, job.jobId)),
              u.statusBadge(job.status),
              u.lastSegment(job.jobQueue, "/"),
              h("span", { "class": "nowrap" }, u.formatDateTime(job.createdAt)),
              duration(job),
              historyCell(job, now),
            ],
          };
        }));
        S.util.clear(error);
      }, function (e) {
        S.util.clear(error).appendChild(ui.errorBox(e));
      });
    }
    return { refresh: refresh, ready: refresh() };
  };
})(window.StepSim = window.StepSim || {});
