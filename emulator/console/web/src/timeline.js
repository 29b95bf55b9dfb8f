// An execution on the virtual clock, as an SVG chart: one lane per state (a bar per visit, task
// attempts drawn thin inside it), one per called resource (Lambda invocations, service tasks), and
// one per Batch job the execution touched, split into its status segments.
(function (S) {
  "use strict";
  var u = S.util;
  var svg = u.svg;
  var LABEL_W = 230;
  var ROW_H = 24;
  var AXIS_H = 30;
  var SECTION_H = 26;
  var MAX_JOBS = 100;
  var STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400]
    .map(function (s) { return s * 1000; });

  // "+1 min 30 s" style offsets from the execution start, compact for axis ticks.
  function offsetLabel(ms) {
    if (ms === 0) return "0";
    var s = Math.round(ms / 1000);
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    return "+" + (h ? h + "h" : "") + (m ? m + "m" : "") + (sec || (!h && !m) ? sec + "s" : "");
  }

  function tickStep(span, width) {
    var most = Math.max(2, Math.floor(width / 80));
    for (var i = 0; i < STEPS.length; i++) if (span / STEPS[i] <= most) return STEPS[i];
    return STEPS[STEPS.length - 1];
  }

  // data: {analysis, jobs, startMs, endMs, running, onSelectVisit(visit)}.
  function render(container, data) {
    u.clear(container);
    var width = Math.max(760, container.clientWidth || 1100);
    var plotW = width - LABEL_W - 20;
    var start = data.startMs;
    var end = Math.max(data.endMs || start, start + 1000);
    var span = end - start;
    var x = function (t) { return LABEL_W + ((Math.min(Math.max(t, start), end) - start) / span) * plotW; };

    var analysis = data.analysis;
    var rows = [];
    var stateNames = [];
    analysis.visits.forEach(function (v) {
      if (stateNames.indexOf(v.name) < 0) stateNames.push(v.name);
    });
    rows.push({ section: "States", count: stateNames.length });
    stateNames.forEach(function (name) {
      rows.push({ kind: "state", name: name, visits: analysis.byName[name] || [] });
    });
    var lanes = {};
    var laneOrder = [];
    analysis.attempts.forEach(function (a) {
      if (!lanes[a.label]) {
        lanes[a.label] = [];
        laneOrder.push(a.label);
      }
      lanes[a.label].push(a);
    });
    if (laneOrder.length) {
      rows.push({ section: "Invocations (Lambda functions and service tasks)", count: analysis.attempts.length });
      laneOrder.forEach(function (label) {
        rows.push({ kind: "attempts", name: label, attempts: lanes[label] });
      });
    }
    var jobs = data.jobs || [];
    if (jobs.length) {
      rows.push({ section: "Batch jobs", count: jobs.length });
      jobs.slice(0, MAX_JOBS).forEach(function (job) { rows.push({ kind: "job", name: job.jobName, job: job }); });
      if (jobs.length > MAX_JOBS) rows.push({ kind: "more", name: "… and " + (jobs.length - MAX_JOBS) + " more jobs" });
    }

    var height = AXIS_H;
    rows.forEach(function (row) { height += row.section ? SECTION_H : ROW_H; });
    height += 10;

    var root = svg("svg", {
      "class": "timeline-chart", width: width, height: height, viewBox: "0 0 " + width + " " + height,
      xmlns: "http://www.w3.org/2000/svg",
    });

    // Axis and grid.
    var step = tickStep(span, plotW);
    var grid = svg("g", { "class": "tl-grid" });
    for (var t = 0; t <= span + 1; t += step) {
      var gx = x(start + t);
      grid.appendChild(svg("line", { x1: gx, x2: gx, y1: AXIS_H - 6, y2: height - 6 }));
      grid.appendChild(svg("text", { "class": "tl-tick", x: gx, y: AXIS_H - 12, "text-anchor": "middle", text: offsetLabel(t) }));
    }
    root.appendChild(grid);
    root.appendChild(svg("text", {
      "class": "tl-axis-caption", x: 8, y: AXIS_H - 12,
      text: "from " + u.formatDateTime(start) + " UTC",
    }));

    var y = AXIS_H;
    rows.forEach(function (row, i) {
      if (row.section) {
        root.appendChild(svg("rect", { "class": "tl-section", x: 0, y: y, width: width, height: SECTION_H }));
        root.appendChild(svg("text", { "class": "tl-section-label", x: 8, y: y + 17, text: row.section + " (" + row.count + ")" }));
        y += SECTION_H;
        return;
      }
      var lane = svg("g", { "class": "tl-lane tl-lane-" + row.kind, "data-lane": row.name, transform: "translate(0," + y + ")" });
      if (i % 2 === 0) lane.appendChild(svg("rect", { "class": "tl-stripe", x: 0, y: 0, width: width, height: ROW_H }));
      lane.appendChild(svg("text", { "class": "tl-label", x: 12, y: 16, text: u.ellipsize(row.name, LABEL_W - 24) }, svg("title", { text: row.name })));
      if (row.kind === "state") drawVisits(lane, row.visits, x, end, data);
      if (row.kind === "attempts") drawAttempts(lane, row.attempts, x, end);
      if (row.kind === "job") drawJob(lane, row.job, x, end);
      root.appendChild(lane);
      y += ROW_H;
    });

    if (data.running) {
      var nx = x(end);
      root.appendChild(svg("line", { "class": "tl-now", x1: nx, x2: nx, y1: AXIS_H - 4, y2: height - 6 }));
    }
    container.appendChild(root);
    if (jobs.length) {
      container.appendChild(u.h("div", { "class": "tl-legend" }, "Batch job status:",
        ["SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED", "FAILED"].map(function (status) {
          return u.h("span", { "class": "tl-legend-item" },
            u.h("span", { "class": "tl-legend-swatch job-" + status.toLowerCase() }), status);
        })));
    }
  }

  function bar(lane, x1, x2, y, h, cls, title) {
    var w = Math.max(3, x2 - x1);
    var rect = svg("rect", { "class": cls, x: x1, y: y, width: w, height: h, rx: 2 });
    rect.appendChild(svg("title", { text: title }));
    lane.appendChild(rect);
    return rect;
  }

  function span(from, to) {
    return u.formatDateTime(from).slice(11) + " → " + (to === null ? "now" : u.formatDateTime(to).slice(11)) +
      (to === null ? "" : " (" + u.formatDuration(to - from) + ")");
  }

  function drawVisits(lane, visits, x, end, data) {
    visits.forEach(function (v, i) {
      var to = v.exitedAt === null ? end : v.exitedAt;
      var label = S.executionStatus.visitLabel(v, visits.length > 1 ? i : undefined);
      var rect = bar(lane, x(v.enteredAt), x(to), 4, ROW_H - 8,
        "tl-bar tl-visit status-" + v.status + (v.type === "Wait" ? " tl-wait" : ""),
        label + ": " + span(v.enteredAt, v.exitedAt) + " — " + v.status.replace("-", " ") +
        (v.retries ? " after " + v.retries + " retries" : "") + (v.error ? " — " + v.error : ""));
      rect.setAttribute("data-visit", String(v.index));
      if (data.onSelectVisit) {
        rect.addEventListener("click", function () { data.onSelectVisit(v); });
      }
      // Attempts as thin bars at the bottom of the visit: retries show as separate pieces.
      if (v.attempts.length > 1) {
        v.attempts.forEach(function (a) {
          bar(lane, x(a.scheduledAt), x(a.endedAt === null ? end : a.endedAt), ROW_H - 7, 4,
            "tl-attempt outcome-" + a.outcome, "attempt " + a.number + ": " + a.outcome + (a.error ? " — " + a.error : ""));
        });
      }
    });
  }

  function drawAttempts(lane, attempts, x, end) {
    attempts.forEach(function (a) {
      var to = a.endedAt === null ? end : a.endedAt;
      bar(lane, x(a.scheduledAt), x(to), 5, ROW_H - 10, "tl-bar tl-invocation outcome-" + a.outcome,
        a.label + " for " + S.executionStatus.visitLabel(a.visit) + " (attempt " + a.number + "): " +
        span(a.scheduledAt, a.endedAt) + " — " + a.outcome + (a.error ? " — " + a.error : ""));
    });
  }

  function drawJob(lane, job, x, end) {
    var history = (job.statusHistory || []).slice();
    if (!history.length) history = [{ status: job.status, at: job.createdAt }];
    history.forEach(function (entry, i) {
      var next = history[i + 1];
      var terminal = /^(SUCCEEDED|FAILED)$/.test(entry.status);
      var to = next ? next.at : (terminal ? entry.at : end);
      var x1 = x(entry.at);
      var x2 = x(to);
      var rect = bar(lane, x1, x2, 4, ROW_H - 8, "tl-bar tl-job job-" + entry.status.toLowerCase(),
        job.jobName + " " + entry.status + ": " + span(entry.at, next || terminal ? to : null));
      rect.setAttribute("data-job-status", entry.status);
      if (x2 - x1 > u.textWidth(entry.status, "10px " + u.FONT_FAMILY) + 8) {
        lane.appendChild(svg("text", { "class": "tl-segment-label", x: x1 + 4, y: 16, text: entry.status }));
      }
    });
  }

  S.timeline = { render: render, offsetLabel: offsetLabel };
})(window.StepSim = window.StepSim || {});
