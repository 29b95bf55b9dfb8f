// An execution: status and dates, the graph coloured by what each state did, a state's input and
// output per visit, the timeline, and the event table. Live it follows a running execution by
// polling; in a report it shows the snapshot the same way.
(function (S) {
  "use strict";
  var u = S.util;
  var h = u.h;
  var ui = S.ui;
  var ES = S.executionStatus;
  var EVENT_COLUMNS = [
    { title: "ID", cls: "num" }, { title: "Type" }, { title: "Step" }, { title: "Resource" },
    { title: "Started after", cls: "num" }, { title: "Date and time (UTC)" },
  ];
  var LEGEND = ["succeeded", "failed", "caught", "in-progress", "not-reached"];

  function sentence(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function eventClass(type) {
    if (/(Failed|TimedOut|Aborted)$/.test(type)) return "event-bad";
    if (/Succeeded$/.test(type)) return "event-good";
    return "";
  }

  S.pages.execution = function (container, route) {
    var arn = route.arn;
    var st = {
      describe: null, events: null, analysis: null, jobs: [], graph: null,
      selected: null, selectedVisit: null, renderedEvents: 0, expanded: {}, lastKey: "",
    };

    // ---- skeleton ---------------------------------------------------------------------------
    var header = h("div");
    var error = h("div");
    var summary = ui.card(null, { id: "execution-summary", "class": "summary-card" });
    var failure = h("div", { id: "execution-error", "class": "failure-box", hidden: true });
    var graphCard = ui.card("Graph view", { id: "execution-graph" });
    var details = ui.card("Step details", { id: "state-details" });
    var inputCard = ui.card("Input", { "class": "io-card" }, ui.jsonBlock("", { id: "execution-input" }));
    var outputCard = ui.card("Output", { "class": "io-card" }, ui.jsonBlock("", { id: "execution-output" }));
    var timelineCard = ui.card("Timeline", { id: "timeline-card" });
    var timeline = h("div", { id: "timeline", "class": "timeline" });
    timelineCard.body.appendChild(timeline);
    var events = ui.table(EVENT_COLUMNS, [], { id: "event-table", "class": "table table-events" });
    var eventsCard = ui.card("Events", { id: "events" }, events);
    eventsCard.tools.appendChild(h("span", { id: "event-count", "class": "muted" }));
    u.clear(events.tBodies[0]);

    container.appendChild(header);
    container.appendChild(error);
    container.appendChild(summary);
    container.appendChild(failure);
    container.appendChild(h("div", { "class": "split split-execution" }, graphCard, details));
    container.appendChild(h("div", { "class": "split split-io" }, inputCard, outputCard));
    container.appendChild(timelineCard);
    container.appendChild(eventsCard);
    graphCard.body.appendChild(h("div", { "class": "legend" }, LEGEND.map(function (s) {
      return h("span", { "class": "legend-item" }, h("span", { "class": "legend-swatch status-" + s }), s.replace("-", " "));
    })));

    // ---- header and summary ------------------------------------------------------------------
    function act(promise) {
      promise.then(function () { return refresh(); }, function (e) {
        u.clear(error).appendChild(ui.errorBox(e));
      });
    }

    function renderHeader() {
      var d = st.describe;
      var actions = [];
      if (S.data.canControl) {
        if (d.status === "RUNNING") {
          actions.push(h("button", { id: "stop-button", type: "button", "class": "btn btn-danger", onclick: function () { act(S.data.stopExecution(arn)); } }, "Stop execution"));
        }
        if (/^(FAILED|TIMED_OUT|ABORTED)$/.test(d.status)) {
          actions.push(h("button", { id: "redrive-button", type: "button", "class": "btn", onclick: function () { act(S.data.redriveExecution(arn)); } }, "Redrive"));
        }
        actions.push(h("button", {
          id: "new-execution-button", type: "button", "class": "btn btn-primary",
          onclick: function () {
            S.newExecution.open({ stateMachineArn: d.stateMachineArn, stateMachineName: u.lastSegment(d.stateMachineArn), input: d.input });
          },
        }, "New execution"));
      }
      var smName = u.lastSegment(d.stateMachineArn);
      u.clear(header).appendChild(ui.pageHeader({
        crumbs: [
          { text: "State machines", path: S.data.mode === "report" ? S.router.paths.scenario(S.data.scenarioIndex()) : "/" },
          { text: smName, path: S.router.paths.stateMachine(d.stateMachineArn) },
          { text: d.name },
        ],
        title: d.name,
        badge: u.statusBadge(d.status, { id: "execution-status" }),
        subtitle: d.executionArn,
        actions: actions,
      }));
    }

    function renderSummary() {
      var d = st.describe;
      var start = u.secondsToMs(d.startDate);
      var stop = u.secondsToMs(d.stopDate);
      var now = stop || S.clock.now();
      u.clear(summary.body).appendChild(ui.keyValues([
        ["State machine", ui.link(S.router.paths.stateMachine(d.stateMachineArn), u.lastSegment(d.stateMachineArn))],
        // Started on a published version, directly or through an alias that routed it there.
        d.stateMachineVersionArn ? ["Version", h("span", { id: "execution-version" }, u.lastSegment(d.stateMachineVersionArn))] : null,
        d.stateMachineAliasArn ? ["Alias", h("span", { id: "execution-alias" }, u.lastSegment(d.stateMachineAliasArn))] : null,
        ["Started", h("span", { id: "execution-start" }, u.formatDateTime(start))],
        ["Ended", h("span", { id: "execution-stop" }, stop ? u.formatDateTime(stop) : "–")],
        ["Duration", (now ? u.formatDuration(now - start) : "–") + (stop ? "" : " so far")],
        d.redriveCount ? ["Redrives", String(d.redriveCount)] : null,
      ]));
      var hasError = d.error || d.cause;
      failure.hidden = !hasError;
      u.clear(failure);
      if (hasError) {
        failure.appendChild(h("div", { "class": "failure-title" }, "Error: ", h("code", { id: "execution-error-name" }, d.error || "–")));
        failure.appendChild(h("div", { "class": "failure-cause" }, "Cause: ", h("span", { id: "execution-cause" }, d.cause || "–")));
      }
      container.querySelector("#execution-input").textContent = u.prettyJson(d.input);
      container.querySelector("#execution-output").textContent =
        d.output !== undefined ? u.prettyJson(d.output) : (d.status === "RUNNING" ? "(running)" : "–");
    }

    // ---- step details ------------------------------------------------------------------------
    function select(name, visit) {
      st.selected = name;
      st.selectedVisit = visit ? visit.index : null;
      if (st.graph) st.graph.select(name);
      renderDetails();
    }

    function renderDetails() {
      var body = u.clear(details.body);
      if (!st.selected) {
        body.appendChild(h("p", { "class": "muted hint" }, "Select a state in the graph (or a bar in the timeline) to see its input and output."));
        return;
      }
      var visits = (st.analysis && st.analysis.byName[st.selected]) || [];
      var status = (st.analysis && st.analysis.statuses[st.selected]) || "not-reached";
      body.setAttribute("data-state-name", st.selected);
      body.appendChild(h("div", { "class": "details-title" },
        h("span", { "class": "legend-swatch status-" + status }), h("strong", null, st.selected),
        h("span", { "class": "muted" }, " · " + status.replace("-", " ") + " · " + visits.length + (visits.length === 1 ? " visit" : " visits"))));
      if (!visits.length) {
        body.appendChild(h("p", { "class": "muted" }, "This state was not reached."));
        return;
      }
      var current = visits.filter(function (v) { return v.index === st.selectedVisit; })[0] || visits[visits.length - 1];
      if (visits.length > 1) {
        var picker = h("select", {
          id: "state-visit-select", "class": "input input-small",
          onchange: function (e) { st.selectedVisit = Number(e.target.value); renderDetails(); },
        }, visits.map(function (v, i) {
          return h("option", { value: String(v.index), selected: v === current },
            ES.visitLabel(v, i) + " — " + u.formatTimeOfDay(v.enteredAt) + " — " + v.status.replace("-", " "));
        }));
        body.appendChild(h("label", { "class": "visit-picker" }, "Visit ", picker));
      }
      var v = current;
      body.appendChild(ui.keyValues([
        ["Status", h("span", { "class": "status-text status-" + v.status }, sentence(v.status.replace("-", " ")) +
          (v.aborted ? " (cut short when the execution ended)" : "") + (v.status === "caught" ? " (failed, then handled by a Catch)" : ""))],
        ["Entered", u.formatDateTime(v.enteredAt)],
        ["Exited", v.exitedAt === null ? "–" : u.formatDateTime(v.exitedAt)],
        ["Duration", v.exitedAt === null ? "–" : u.formatDuration(v.exitedAt - v.enteredAt)],
        v.iteration !== null && v.iteration !== undefined ? ["Map item", String(v.iteration)] : null,
        v.attempts.length ? ["Attempts", String(v.attempts.length) + (v.retries ? " (" + v.retries + " retried)" : "")] : null,
      ]));
      if (v.error || v.cause) {
        body.appendChild(h("div", { "class": "failure-box state-error" },
          h("div", { "class": "failure-title" }, "Error: ", h("code", null, v.error || "–")),
          h("div", { "class": "failure-cause" }, "Cause: ", v.cause || "–")));
      }
      body.appendChild(h("h3", null, "Input"));
      body.appendChild(ui.jsonBlock(v.input, { "class": "state-input" }));
      body.appendChild(h("h3", null, "Output"));
      body.appendChild(ui.jsonBlock(v.output === undefined ? (v.exitedAt === null ? "(not exited yet)" : undefined) : v.output, { "class": "state-output" }));
    }

    // ---- events ------------------------------------------------------------------------------
    function eventRow(event, startMs) {
      var info = st.analysis.eventInfo[event.id] || {};
      var d = ES.details(event);
      var step = info.visit ? info.visit.name : "";
      if (/^MapIteration/.test(event.type) && d.index !== undefined) step = (d.name || step) + " #" + d.index;
      var resource = "";
      if (info.attempt) {
        resource = info.attempt.functionName ?
          ui.link(S.router.paths.fn(info.attempt.functionName), info.attempt.label) : info.attempt.label;
      }
      var at = Math.round(Number(event.timestamp) * 1000);
      var row = h("tr", { "class": "event-row " + eventClass(event.type), "data-event-type": event.type, "data-event-id": String(event.id) },
        h("td", { "class": "num" }, h("span", { "class": "expander" }, "▸"), String(event.id)),
        h("td", null, event.type),
        h("td", null, step ? h("a", {
          href: "#", "class": "step-link",
          onclick: function (e) {
            e.preventDefault();
            e.stopPropagation();
            select(info.visit.name, info.visit);
            if (st.graph) st.graph.reveal(info.visit.name);
          },
        }, step) : ""),
        h("td", null, resource),
        h("td", { "class": "num" }, startMs === null ? "–" : String(at - startMs) + " ms"),
        h("td", null, u.formatDateTime(at)));
      row.addEventListener("click", function (e) {
        if (e.target.closest("a")) return;
        toggleEvent(event, row);
      });
      return row;
    }

    function toggleEvent(event, row) {
      var next = row.nextSibling;
      if (next && next.classList.contains("event-details")) {
        next.parentNode.removeChild(next);
        row.classList.remove("expanded");
        delete st.expanded[event.id];
        return;
      }
      st.expanded[event.id] = true;
      row.classList.add("expanded");
      var shown = {};
      Object.keys(event).forEach(function (k) { if (/EventDetails$/.test(k)) shown[k] = u.expandJsonStrings(event[k]); });
      shown.id = event.id;
      shown.previousEventId = event.previousEventId;
      shown.type = event.type;
      shown.timestamp = event.timestamp;
      row.parentNode.insertBefore(h("tr", { "class": "event-details" },
        h("td", { colspan: String(EVENT_COLUMNS.length) }, h("pre", { "class": "json" }, JSON.stringify(shown, null, 2)))), row.nextSibling);
    }

    // History only grows, so new events are appended to the rows already shown.
    function renderEvents() {
      var list = st.events;
      var tbody = events.tBodies[0];
      if (list.length < st.renderedEvents) {
        u.clear(tbody);
        st.renderedEvents = 0;
      }
      var startMs = st.analysis.execution.startMs;
      var fragment = document.createDocumentFragment();
      for (var i = st.renderedEvents; i < list.length; i++) fragment.appendChild(eventRow(list[i], startMs));
      tbody.appendChild(fragment);
      st.renderedEvents = list.length;
      container.querySelector("#event-count").textContent = list.length + (list.length === 1 ? " event" : " events");
    }

    // ---- timeline ------------------------------------------------------------------------------
    function renderTimeline() {
      var ex = st.analysis.execution;
      if (ex.startMs === null) return;
      var running = !ex.stopMs;
      st.timelineNow = S.clock.now();
      var end = ex.stopMs || S.clock.now() || ex.startMs;
      (st.jobs || []).forEach(function (job) {
        (job.statusHistory || []).forEach(function (s) { if (s.at > end && !running) end = Math.max(end, s.at); });
      });
      S.timeline.render(timeline, {
        analysis: st.analysis, jobs: st.jobs, startMs: ex.startMs, endMs: end, running: running,
        onSelectVisit: function (visit) {
          select(visit.name, visit);
          if (st.graph) st.graph.reveal(visit.name);
        },
      });
    }

    // ---- data ---------------------------------------------------------------------------------
    // Batch jobs this execution touched: those whose id appears anywhere in its events. Ids are
    // looked up in a set of the UUIDs in the events (computed once per history), so a Map of
    // thousands of jobs stays cheap; other id shapes fall back to a text search.
    var UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
    var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    function relevantJobs(jobs) {
      if (!st.idSet) {
        st.idText = JSON.stringify(st.events);
        st.idSet = new Set(st.idText.match(UUIDS) || []);
      }
      return jobs.filter(function (job) {
        if (!job.jobId) return false;
        return UUID.test(job.jobId) ? st.idSet.has(job.jobId) : st.idText.indexOf(job.jobId) >= 0;
      });
    }

    // Opening an execution shows where it stands: the state that failed, or the one running.
    function defaultSelection() {
      if (st.selected || !st.analysis) return;
      var visits = st.analysis.visits;
      var pick = visits.filter(function (v) { return v.status === "failed" && !v.aborted; }).pop() ||
        visits.filter(function (v) { return v.status === "failed"; }).pop() ||
        visits.filter(function (v) { return v.status === "in-progress"; }).pop();
      if (pick) {
        select(pick.name, null);
        if (st.graph) st.graph.reveal(pick.name);
      }
    }

    function renderAll() {
      defaultSelection();
      renderHeader();
      renderSummary();
      if (st.graph) {
        st.graph.setStatuses(st.analysis.statuses, function (name) {
          var n = (st.analysis.byName[name] || []).length;
          return n ? " (" + n + (n === 1 ? " visit)" : " visits)") : "";
        });
      }
      renderDetails();
      renderEvents();
      renderTimeline();
      ui.markPage(container, "data-execution-status", st.describe.status);
      ui.markPage(container, "data-event-count", String(st.events.length));
    }

    var closedAndLoaded = false;
    var quietUntil = 0;
    function refresh() {
      if (closedAndLoaded && S.data.mode === "report") return Promise.resolve();
      // A big running history costs time to fetch: poll it less often, in proportion.
      if (Date.now() < quietUntil) return Promise.resolve();
      var began = Date.now();
      return S.data.describeExecution(arn).then(function (d) {
        var previous = st.describe;
        st.describe = d;
        var changed = !previous || previous.status !== d.status || previous.redriveCount !== d.redriveCount;
        // A closed execution's history does not change until it is redriven.
        if (!changed && closedAndLoaded) {
          renderSummary();
          return;
        }
        return S.data.getExecutionHistory(arn).then(function (list) {
          if (changed || !st.events || list.length !== st.events.length) {
            st.events = list;
            st.idSet = null;
            st.analysis = ES.analyze(list, d);
          }
          closedAndLoaded = d.status !== "RUNNING";
          return S.data.batchJobs().catch(function () { return []; });
        }).then(function (jobs) {
          st.jobs = relevantJobs(jobs);
          var key = JSON.stringify([d.status, d.redriveCount, st.events.length, st.jobs.map(function (j) { return j.status; })]);
          if (key === st.lastKey) {
            renderSummary();
            // Running, the timeline ends at "now": redraw it when the clock moved.
            if (d.status === "RUNNING" && S.clock.now() !== st.timelineNow) renderTimeline();
            return;
          }
          st.lastKey = key;
          renderAll();
        });
      }).then(function () {
        u.clear(error);
        quietUntil = Date.now() + Math.max(0, 2 * (Date.now() - began) - 1000);
      }, function (e) {
        u.clear(error).appendChild(ui.errorBox(e));
      });
    }

    var ready = S.data.describeExecution(arn).then(function (d) {
      document.title = d.name + " · stepsim";
      return S.data.stateMachineForExecution(arn, d.stateMachineArn).then(function (sm) {
        st.graph = S.graphView.draw(graphCard.body, sm.definition, {
          onSelect: function (name) { select(name, null); },
        });
        if (st.graph) {
          st.graph.svg.setAttribute("id", "execution-graph-svg");
          graphCard.body.appendChild(graphCard.body.querySelector(".legend"));
        }
      }, function (e) {
        graphCard.body.appendChild(ui.errorBox(e));
      });
    }).then(refresh, function (e) {
      u.clear(header).appendChild(ui.pageHeader({ title: u.lastSegment(arn), subtitle: arn }));
      error.appendChild(ui.errorBox(e));
    });

    var onResize = function () { if (st.analysis) renderTimeline(); };
    window.addEventListener("resize", onResize);

    return {
      ready: ready,
      refresh: function () { return st.describe ? refresh() : Promise.resolve(); },
      unmount: function () { window.removeEventListener("resize", onResize); },
    };
  };
})(window.StepSim = window.StepSim || {});
