// A state machine: its definition as a graph, its executions (filterable by status) and the
// New execution dialog.
(function (S) {
  "use strict";
  var h = S.util.h;
  var ui = S.ui;
  var STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];
  var COLUMNS = [{ title: "Name" }, { title: "Status" }, { title: "Started" }, { title: "Ended" }, { title: "Duration", cls: "num" }];

  S.pages["state-machine"] = function (container, route) {
    var arn = route.arn;
    var filter = "";
    var last = "";
    var described = null;
    var executions = ui.table(COLUMNS, [], { id: "executions-table", "class": "table" });
    var executionsCard = ui.card("Executions", { id: "executions" }, executions);
    var graphCard = ui.card("Definition", { id: "definition" });
    var header = h("div");
    var error = h("div");
    container.appendChild(header);
    container.appendChild(error);
    var split = h("div", { "class": "split split-machine" }, graphCard, executionsCard);
    container.appendChild(split);

    executionsCard.tools.appendChild(ui.statusSelect("execution-status-filter", STATUSES, function (value) {
      filter = value;
      refreshExecutions();
    }));
    executionsCard.tools.appendChild(h("span", { id: "execution-count", "class": "muted" }));

    function openNewExecution() {
      S.newExecution.open({ stateMachineArn: arn, stateMachineName: described ? described.name : "" });
    }

    function renderHeader(sm) {
      S.util.clear(header).appendChild(ui.pageHeader({
        crumbs: [{ text: "State machines", path: S.data.mode === "report" ? S.router.paths.scenario(S.data.scenarioIndex()) : "/" }, { text: sm.name }],
        title: sm.name,
        subtitle: sm.stateMachineArn,
        actions: S.data.canControl ? [h("button", {
          id: "new-execution-button", type: "button", "class": "btn btn-primary", onclick: openNewExecution,
        }, "New execution")] : [],
      }));
      var graph = S.graphView.draw(graphCard.body, sm.definition);
      if (graph) {
        graph.svg.setAttribute("id", "definition-graph");
        // A wide graph gets the page's whole width, the executions go below it.
        if (graph.layout.width * 0.8 > graphCard.body.clientWidth - 40) {
          split.classList.add("split-stacked");
          graph.fitInitially();
        }
      }
      graphCard.body.appendChild(h("details", { "class": "definition-source" },
        h("summary", null, "Definition (JSON)"), ui.jsonBlock(sm.definition)));
      graphCard.body.appendChild(ui.keyValues([
        ["Type", sm.type || "STANDARD"],
        ["Created", S.util.formatDateTime(S.util.secondsToMs(sm.creationDate))],
        sm.roleArn ? ["Role", sm.roleArn] : null,
      ]));
    }

    function refreshExecutions() {
      return S.data.listExecutions(arn, filter || null, 500).then(function (list) {
        var key = filter + JSON.stringify(list);
        if (key === last) return;
        last = key;
        container.querySelector("#execution-count").textContent = list.length + (list.length === 500 ? "+" : "") + " shown";
        ui.fillRows(executions.tBodies[0], COLUMNS, list.map(function (ex) {
          var start = S.util.secondsToMs(ex.startDate);
          var stop = S.util.secondsToMs(ex.stopDate);
          return {
            attrs: { "data-execution-arn": ex.executionArn, "data-status": ex.status },
            cells: [
              ui.link(S.router.paths.execution(ex.executionArn), ex.name, { "class": "strong-link" }),
              S.util.statusBadge(ex.status),
              S.util.formatDateTime(start),
              stop ? S.util.formatDateTime(stop) : "–",
              stop ? S.util.formatDuration(stop - start) : "–",
            ],
          };
        }));
      });
    }

    function refresh() {
      return refreshExecutions().then(function () { S.util.clear(error); }, function (e) {
        S.util.clear(error).appendChild(ui.errorBox(e));
      });
    }

    var ready = S.data.describeStateMachine(arn).then(function (sm) {
      described = sm;
      document.title = sm.name + " · stepsim";
      renderHeader(sm);
      return refresh();
    }, function (e) {
      S.util.clear(header).appendChild(ui.pageHeader({ title: S.util.lastSegment(arn), subtitle: arn }));
      error.appendChild(ui.errorBox(e));
    });

    return { refresh: function () { return described ? refresh() : Promise.resolve(); }, ready: ready };
  };

})(window.StepSim = window.StepSim || {});
