// Lambda functions, and one function's recent invocations read back from its log group
// (/aws/lambda/<name>): Lambda writes START, the function's own lines, END and REPORT for each.
(function (S) {
  "use strict";
  var u = S.util;
  var h = u.h;
  var ui = S.ui;
  var LIST_COLUMNS = [{ title: "Function" }, { title: "Handler" }, { title: "Runtime" }, { title: "Memory", cls: "num" },
    { title: "Timeout", cls: "num" }, { title: "Invocations", cls: "num" }, { title: "Last invoked" }];
  var INVOCATION_COLUMNS = [{ title: "Request ID" }, { title: "Started (UTC)" }, { title: "Duration", cls: "num" },
    { title: "Result" }, { title: "Log lines", cls: "num" }];
  var MAX_INVOCATIONS = 200;
  var MAX_LINES = 1000;
  var POLL_MS = 3000;

  // Log groups can be long: these pages re-read them every few seconds, not on every poll.
  function throttled(refresh) {
    var last = 0;
    return function () {
      if (Date.now() - last < POLL_MS) return Promise.resolve();
      last = Date.now();
      return refresh();
    };
  }

  function logGroup(fn) {
    return (fn.LoggingConfig && fn.LoggingConfig.LogGroup) || "/aws/lambda/" + fn.FunctionName;
  }

  // Log events (oldest first) -> invocations (oldest first): {requestId, start, end, duration,
  // lines, failed}. Lines outside any START..END stay out.
  function parseInvocations(events) {
    var byStream = {};
    var all = [];
    var byRequest = {};
    events.forEach(function (event) {
      var message = String(event.message || "");
      var stream = event.logStreamName || "";
      var m;
      if ((m = /^START RequestId: (\S+)/.exec(message))) {
        var inv = { requestId: m[1], start: event.timestamp, end: null, duration: null, lines: [], failed: false, stream: stream };
        byStream[stream] = inv;
        byRequest[inv.requestId] = inv;
        all.push(inv);
        return;
      }
      if ((m = /^END RequestId: (\S+)/.exec(message))) {
        if (byRequest[m[1]]) byRequest[m[1]].end = event.timestamp;
        if (byStream[stream] && byStream[stream].requestId === m[1]) byStream[stream] = null;
        return;
      }
      if ((m = /^REPORT RequestId: (\S+)/.exec(message))) {
        var target = byRequest[m[1]];
        var d = /Duration: ([\d.]+) ms/.exec(message);
        if (target && d) target.duration = Number(d[1]);
        if (target && /Status: (timeout|error)/i.test(message)) target.failed = true;
        return;
      }
      var current = byStream[stream];
      if (current) {
        current.lines.push(event);
        if (/Task timed out|\bERROR\b|Traceback|"errorMessage"|errorType/.test(message)) current.failed = true;
      }
    });
    return all;
  }

  // Lambda writes "2026-01-01T00:00:00.000+0000", which Date.parse does not take as is.
  function lastModified(text) {
    var ms = Date.parse(String(text || "").replace(/([+-]\d\d)(\d\d)$/, "$1:$2"));
    return isNaN(ms) ? text || "–" : u.formatDateTime(ms);
  }

  function invocationCount(fn) {
    return S.data.logEvents(logGroup(fn)).then(function (events) {
      var invocations = parseInvocations(events);
      return { count: invocations.length, last: invocations.length ? invocations[invocations.length - 1].start : null };
    }, function () { return { count: null, last: null }; });
  }

  S.pages.functions = function (container) {
    var table = ui.table(LIST_COLUMNS, [], { id: "functions-table", "class": "table" });
    var error = h("div");
    var last = "";
    container.appendChild(ui.pageHeader({ title: "Lambda functions", subtitle: (S.data.mode === "report" ? "Functions in this scenario" : "Functions on this stepsim server") + "; invocations are read from their CloudWatch log groups" }));
    container.appendChild(error);
    container.appendChild(ui.card(null, { "class": "card-table" }, table));
    function refresh() {
      return S.data.listFunctions().then(function (functions) {
        functions.sort(function (a, b) { return a.FunctionName < b.FunctionName ? -1 : 1; });
        return Promise.all(functions.map(invocationCount)).then(function (counts) {
          var key = JSON.stringify([functions, counts]);
          if (key === last) return;
          last = key;
          ui.fillRows(table.tBodies[0], LIST_COLUMNS, functions.map(function (fn, i) {
            return {
              attrs: { "data-function-name": fn.FunctionName },
              cells: [
                ui.link(S.router.paths.fn(fn.FunctionName), fn.FunctionName, { "class": "strong-link" }),
                h("code", null, fn.Handler || ""),
                fn.Runtime || (fn.PackageType === "Image" ? "image" : "–"),
                (fn.MemorySize || "–") + " MB",
                (fn.Timeout || "–") + " s",
                counts[i].count === null ? "–" : String(counts[i].count),
                counts[i].last ? u.formatDateTime(counts[i].last) : "–",
              ],
            };
          }));
        });
      }).then(function () { u.clear(error); }, function (e) {
        u.clear(error).appendChild(ui.errorBox(e));
      });
    }
    return { refresh: throttled(refresh), ready: refresh() };
  };

  S.pages["function"] = function (container, route) {
    var name = route.name;
    var header = h("div");
    var error = h("div");
    var info = ui.card("Configuration", { id: "function-config" });
    var invocations = ui.table(INVOCATION_COLUMNS, [], { id: "invocations-table", "class": "table" });
    var invocationsCard = ui.card("Recent invocations", { id: "invocations" }, invocations);
    invocationsCard.tools.appendChild(h("span", { id: "invocation-count", "class": "muted" }));
    var lines = h("pre", { id: "log-lines", "class": "log-lines" });
    var linesCard = ui.card("Log lines", { id: "logs" }, lines);
    var expanded = {};
    var last = "";
    var fn = null;
    container.appendChild(header);
    container.appendChild(error);
    container.appendChild(info);
    container.appendChild(invocationsCard);
    container.appendChild(linesCard);
    function renderHeader(arn) {
      u.clear(header).appendChild(ui.pageHeader({
        crumbs: [{ text: "Lambda functions", path: S.router.paths.functions() }, { text: name }],
        title: name,
        subtitle: arn,
      }));
    }
    renderHeader("");

    function renderConfig() {
      renderHeader(fn.FunctionArn);
      u.clear(info.body).appendChild(ui.keyValues([
        ["Handler", h("code", null, fn.Handler || "")],
        ["Runtime", fn.Runtime || "–"],
        ["Memory", (fn.MemorySize || "–") + " MB"],
        ["Timeout", (fn.Timeout || "–") + " s"],
        ["Log group", logGroup(fn)],
        ["Last modified", lastModified(fn.LastModified)],
      ]));
    }

    function toggle(inv, row) {
      var next = row.nextSibling;
      if (next && next.classList.contains("invocation-lines")) {
        next.parentNode.removeChild(next);
        delete expanded[inv.requestId];
        row.classList.remove("expanded");
        return;
      }
      expanded[inv.requestId] = true;
      row.classList.add("expanded");
      row.parentNode.insertBefore(h("tr", { "class": "invocation-lines" }, h("td", { colspan: String(INVOCATION_COLUMNS.length) },
        h("pre", { "class": "log-lines" }, inv.lines.length ? inv.lines.map(function (l) {
          return u.formatDateTime(l.timestamp).slice(11) + "  " + l.message;
        }).join("\n") : "(no lines of its own)"))), row.nextSibling);
    }

    function refresh() {
      return S.data.listFunctions().then(function (functions) {
        fn = functions.filter(function (f) { return f.FunctionName === name; })[0];
        if (!fn) throw S.ApiError("ResourceNotFoundException", "Function not found: " + name);
        return S.data.logEvents(logGroup(fn));
      }).then(function (events) {
        var key = JSON.stringify(fn) + events.length;
        if (key === last) return;
        last = key;
        renderConfig();
        var all = parseInvocations(events);
        var recent = all.slice(-MAX_INVOCATIONS).reverse();
        container.querySelector("#invocation-count").textContent = all.length + " invocations" +
          (all.length > MAX_INVOCATIONS ? " (latest " + MAX_INVOCATIONS + " shown)" : "");
        var tbody = invocations.tBodies[0];
        ui.fillRows(tbody, INVOCATION_COLUMNS, []);
        if (recent.length) u.clear(tbody);
        recent.forEach(function (inv) {
          var row = h("tr", { "class": "invocation-row", "data-request-id": inv.requestId, "data-result": inv.failed ? "error" : "ok" },
            h("td", null, h("span", { "class": "expander" }, "▸"), h("code", null, inv.requestId)),
            h("td", null, u.formatDateTime(inv.start)),
            h("td", { "class": "num" }, inv.duration === null ? "–" : inv.duration.toFixed(2) + " ms"),
            h("td", null, inv.end === null ? u.statusBadge("RUNNING") : u.statusBadge(inv.failed ? "FAILED" : "SUCCEEDED")),
            h("td", { "class": "num" }, String(inv.lines.length)));
          row.addEventListener("click", function () { toggle(inv, row); });
          tbody.appendChild(row);
          if (expanded[inv.requestId]) {
            delete expanded[inv.requestId];
            toggle(inv, row);
          }
        });
        var shown = events.slice(-MAX_LINES);
        lines.textContent = (events.length > MAX_LINES ? "… " + (events.length - MAX_LINES) + " earlier lines\n" : "") +
          (shown.length ? shown.map(function (e) {
            return u.formatDateTime(e.timestamp) + "  " + e.message.replace(/\t/g, "  ");
          }).join("\n") : "(no log lines yet)");
      }).then(function () { u.clear(error); }, function (e) {
        u.clear(error).appendChild(ui.errorBox(e));
      });
    }
    return { refresh: throttled(refresh), ready: refresh() };
  };

  S.pages.parseInvocations = parseInvocations;
})(window.StepSim = window.StepSim || {});
