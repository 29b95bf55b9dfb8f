// The report's own pages: its home lists the scenarios (failed ones first, with what they missed)
// and a scenario page lists its executions and state machines. Everything else in a report is
// the live console's pages reading the snapshot.
(function (S) {
  "use strict";
  var u = S.util;
  var h = u.h;
  var ui = S.ui;
  var EXEC_COLUMNS = [{ title: "Execution" }, { title: "State machine" }, { title: "Status" }, { title: "Started" }, { title: "Duration", cls: "num" }];

  function report() {
    return S.data.report || { scenarios: [] };
  }

  function executionRows(scenario, index) {
    return (scenario.executions || []).map(function (e) {
      var d = e.describe || {};
      var start = u.secondsToMs(d.startDate);
      var stop = u.secondsToMs(d.stopDate);
      return {
        attrs: { "data-execution-arn": d.executionArn, "data-status": d.status },
        cells: [
          h("a", { href: "#/scenarios/" + index + S.router.paths.execution(d.executionArn), "class": "strong-link" }, d.name),
          h("a", { href: "#/scenarios/" + index + S.router.paths.stateMachine(d.stateMachineArn) }, u.lastSegment(d.stateMachineArn)),
          u.statusBadge(d.status),
          u.formatDateTime(start),
          stop ? u.formatDuration(stop - start) : "–",
        ],
      };
    });
  }

  function unmetList(scenario) {
    var items = [];
    if (scenario.error) items.push(h("div", { "class": "failure-box" }, h("strong", null, "Error: "), scenario.error));
    (scenario.unmet || []).forEach(function (miss) {
      items.push(h("div", { "class": "unmet" },
        h("div", { "class": "unmet-what" }, miss.what),
        h("div", { "class": "unmet-values" },
          h("span", { "class": "muted" }, "expected "), h("code", null, String(miss.expected)),
          h("span", { "class": "muted" }, " got "), h("code", null, String(miss.actual))),
        (miss.diff || []).length ? h("ul", { "class": "unmet-diff" }, miss.diff.map(function (line) {
          return h("li", null, typeof line === "string" ? line : JSON.stringify(line));
        })) : null));
    });
    (scenario.actionErrors || []).forEach(function (e) {
      items.push(h("div", { "class": "failure-box" }, h("strong", null, "Action error: "), typeof e === "string" ? e : JSON.stringify(e)));
    });
    return items;
  }

  function scenarioCard(scenario, index, full) {
    var passed = scenario.passed !== false;
    var element = h("section", { "class": "card scenario-card " + (passed ? "scenario-passed" : "scenario-failed"), "data-scenario": String(index), "data-passed": String(passed) },
      h("div", { "class": "card-header" },
        h("h2", null, h("a", { href: "#/scenarios/" + index }, scenario.name || scenario.file || "scenario " + index)),
        h("div", { "class": "card-tools" },
          scenario.virtualSeconds !== undefined ? h("span", { "class": "muted" }, u.formatDuration(scenario.virtualSeconds * 1000) + " virtual") : null,
          u.statusBadge(passed ? "PASSED" : "FAILED"))),
      h("div", { "class": "card-body" },
        scenario.description ? h("p", { "class": "scenario-description" }, scenario.description) : null,
        scenario.file ? h("p", { "class": "muted mono small" }, scenario.file) : null,
        unmetList(scenario),
        (scenario.executions || []).length ?
          ui.table(EXEC_COLUMNS, executionRows(scenario, index), { "class": "table table-compact" }) :
          h("p", { "class": "muted" }, "No executions."),
        full ? h("p", { "class": "scenario-links" },
          h("a", { href: "#/scenarios/" + index + "/jobs" }, "Batch jobs (" + (scenario.jobs || []).length + ")"), " · ",
          h("a", { href: "#/scenarios/" + index + "/functions" }, "Lambda functions (" + (scenario.functions || []).length + ")")) : null));
    return element;
  }

  S.pages["report-home"] = function (container) {
    var r = report();
    var scenarios = (r.scenarios || []).map(function (s, i) { return { s: s, i: i }; });
    // Failed first: that is what someone opening a report is looking for.
    scenarios.sort(function (a, b) { return (a.s.passed !== false) - (b.s.passed !== false) || a.i - b.i; });
    var failed = scenarios.filter(function (x) { return x.s.passed === false; }).length;
    document.title = (r.title || "stepsim report");
    container.appendChild(ui.pageHeader({
      title: r.title || "stepsim report",
      subtitle: scenarios.length + " scenarios: " + (scenarios.length - failed) + " passed, " + failed + " failed",
    }));
    container.appendChild(h("div", { id: "scenarios", "class": "scenario-list" }, scenarios.map(function (x) {
      return scenarioCard(x.s, x.i, false);
    })));
    return { ready: Promise.resolve() };
  };

  S.pages.scenario = function (container, route) {
    var scenario = report().scenarios[route.scenario];
    if (!scenario) {
      container.appendChild(ui.errorBox({ type: "Not found", message: "No scenario " + route.scenario + " in this report" }));
      return { ready: Promise.resolve() };
    }
    container.appendChild(ui.pageHeader({
      crumbs: [{ text: "Report", path: "/" }, { text: scenario.name }],
      title: scenario.name || "scenario",
    }));
    container.appendChild(scenarioCard(scenario, route.scenario, true));
    var machines = S.pages.machinesTable();
    container.appendChild(ui.card("State machines", { "class": "card-table" }, machines.element));
    return { ready: machines.update() };
  };
})(window.StepSim = window.StepSim || {});
