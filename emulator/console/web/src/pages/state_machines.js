// Home: the state machines, each with its latest execution.
(function (S) {
  "use strict";
  var h = S.util.h;
  var ui = S.ui;
  var COLUMNS = [{ title: "Name" }, { title: "Type" }, { title: "Latest execution" }, { title: "Created" }];

  // Also used by the report's scenario page, which lists the scenario's machines the same way.
  function machinesTable() {
    var element = ui.table(COLUMNS, [], { id: "state-machines-table", "class": "table" });
    var last = "";
    function update() {
      return S.data.listStateMachines().then(function (machines) {
        return Promise.all(machines.slice(0, 100).map(function (sm) {
          return S.data.listExecutions(sm.stateMachineArn, null, 1).then(function (list) {
            return list[0] || null;
          }, function () { return null; });
        })).then(function (latest) {
          var key = JSON.stringify([machines, latest]);
          if (key === last) return;
          last = key;
          ui.fillRows(element.tBodies[0], COLUMNS, machines.map(function (sm, i) {
            var ex = latest[i];
            return {
              attrs: { "data-state-machine-arn": sm.stateMachineArn },
              cells: [
                ui.link(S.router.paths.stateMachine(sm.stateMachineArn), sm.name, { "class": "strong-link" }),
                sm.type || "STANDARD",
                ex ? h("span", { "class": "latest" }, S.util.statusBadge(ex.status), " ",
                  ui.link(S.router.paths.execution(ex.executionArn), ex.name)) : h("span", { "class": "muted" }, "none"),
                S.util.formatDateTime(S.util.secondsToMs(sm.creationDate)),
              ],
            };
          }));
        });
      });
    }
    return { element: element, update: update };
  }

  S.pages.home = function (container) {
    var machines = machinesTable();
    var error = h("div");
    container.appendChild(ui.pageHeader({
      title: "State machines",
      subtitle: "Step Functions state machines on this stepsim server",
    }));
    var box = ui.card(null, { "class": "card-table" }, machines.element);
    container.appendChild(error);
    container.appendChild(box);
    function refresh() {
      return machines.update().then(function () {
        S.util.clear(error);
      }, function (e) {
        S.util.clear(error).appendChild(ui.errorBox(e));
      });
    }
    return { refresh: refresh, ready: refresh() };
  };

  S.pages.machinesTable = machinesTable;
})(window.StepSim = window.StepSim || {});
