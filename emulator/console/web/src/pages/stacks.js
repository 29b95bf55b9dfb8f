// CloudFormation stacks: each stack, newest first, with its status, outputs, resources and the
// story of its last operations (its newest events), as the AWS console's stack view shows them.
(function (S) {
  "use strict";
  var u = S.util;
  var h = u.h;
  var ui = S.ui;
  var RESOURCE_COLUMNS = [{ title: "Logical ID" }, { title: "Type" }, { title: "Physical ID" },
    { title: "Status" }];
  var EVENT_COLUMNS = [{ title: "Time (UTC)" }, { title: "Logical ID" }, { title: "Status" },
    { title: "Reason" }];
  var MAX_EVENTS_SHOWN = 50;

  // The API gives timestamps as epoch seconds; the console's helpers take milliseconds.
  function millis(seconds) {
    return Math.round((seconds || 0) * 1000);
  }

  function outputs(stack) {
    var list = stack.Outputs || [];
    if (!list.length) return null;
    return h("dl", { "class": "stack-outputs" }, list.map(function (o) {
      return [h("dt", null, o.OutputKey), h("dd", { "class": "mono" }, o.OutputValue)];
    }).reduce(function (all, pair) { return all.concat(pair); }, []));
  }

  function resourcesTable(stack) {
    var table = ui.table(RESOURCE_COLUMNS, [], { "class": "table stack-resources" });
    ui.fillRows(table.tBodies[0], RESOURCE_COLUMNS, (stack.Resources || []).map(function (r) {
      return {
        attrs: { "data-logical-id": r.LogicalResourceId, "data-status": r.ResourceStatus },
        cells: [h("strong", null, r.LogicalResourceId), r.ResourceType,
          h("span", { "class": "mono" }, r.PhysicalResourceId || "–"),
          h("div", null, u.statusBadge(r.ResourceStatus),
            r.ResourceStatusReason ? h("div", { "class": "muted small" }, r.ResourceStatusReason) : null)],
      };
    }));
    return table;
  }

  function eventsTable(stack) {
    var table = ui.table(EVENT_COLUMNS, [], { "class": "table stack-events" });
    ui.fillRows(table.tBodies[0], EVENT_COLUMNS, (stack.Events || []).slice(0, MAX_EVENTS_SHOWN).map(function (e) {
      return {
        attrs: { "data-status": e.ResourceStatus },
        cells: [h("span", { "class": "nowrap" }, u.formatDateTime(millis(e.Timestamp))),
          e.LogicalResourceId, u.statusBadge(e.ResourceStatus),
          h("span", { "class": "muted small" }, e.ResourceStatusReason || "")],
      };
    }));
    return table;
  }

  function stackCard(stack) {
    var card = ui.card(stack.StackName, { "class": "card-table stack", "data-stack-name": stack.StackName,
      "data-status": stack.StackStatus }, h("div", { "class": "stack-summary" },
      u.statusBadge(stack.StackStatus), " ",
      h("span", { "class": "muted" }, "created " + u.formatDateTime(millis(stack.CreationTime))),
      stack.StackStatusReason ? h("div", { "class": "muted small" }, stack.StackStatusReason) : null,
      outputs(stack)),
      h("h4", null, "Resources"), resourcesTable(stack),
      h("h4", null, "Events (newest first)"), eventsTable(stack));
    return card;
  }

  S.pages.stacks = function (container) {
    var last = "";
    var list = h("div", { id: "stacks" });
    var error = h("div");
    container.appendChild(ui.pageHeader({ title: "CloudFormation stacks",
      subtitle: "Stacks deployed to this stepsim server, their resources and events (virtual time, UTC)" }));
    container.appendChild(error);
    container.appendChild(list);

    function refresh() {
      return S.data.cloudFormationStacks().then(function (stacks) {
        var key = JSON.stringify(stacks);
        if (key === last) return;
        last = key;
        u.clear(list);
        if (!stacks.length)
          list.appendChild(h("p", { "class": "muted", id: "no-stacks" }, "No stacks yet: deploy one with " +
            "aws cloudformation deploy --endpoint-url " + location.origin + " ..."));
        stacks.forEach(function (stack) { list.appendChild(stackCard(stack)); });
        u.clear(error);
      }, function (e) {
        u.clear(error).appendChild(ui.errorBox(e));
      });
    }
    return { refresh: refresh, ready: refresh() };
  };
})(window.StepSim = window.StepSim || {});
