// An execution's history events read back into what happened to each state: its visits (entered
// -> exited, with input, output, error), their task attempts, and one status per state name for
// the graph. Pure data: no DOM, so node can test it.
//
// Events of concurrent Map iterations and Parallel branches interleave in the history; each event's
// previousEventId points at the previous event of its own thread, so following it tells which
// visit an event belongs to. Where it does not (0 or unknown), the latest open visit is used.
(function (S) {
  "use strict";

  var SCHEDULED = /^(LambdaFunction|Task|Activity)Scheduled$/;
  var STARTED = /^(LambdaFunction|Task|Activity)Started$/;
  var SUBMITTED = /^TaskSubmitted$/;
  var SUCCEEDED = /^(LambdaFunction|Task|Activity)Succeeded$/;
  var FAILED = /^(LambdaFunction|Task|Activity)(Failed|TimedOut|StartFailed|ScheduleFailed|SubmitFailed)$/;
  var GROUP_SUCCEEDED = /^(MapState|ParallelState|MapRun)Succeeded$/;
  var GROUP_FAILED = /^(MapState|ParallelState|MapRun)(Failed|Aborted)$/;
  var STATE_ABORTED = /StateAborted$/;
  var EXECUTION_END = /^Execution(Succeeded|Failed|Aborted|TimedOut)$/;

  // Each event carries its details under one "<type>EventDetails" key.
  function details(event) {
    for (var key in event) {
      if (/EventDetails$/.test(key)) return event[key] || {};
    }
    return {};
  }

  function ms(event) {
    return Math.round(Number(event.timestamp) * 1000);
  }

  function resourceOf(type, d) {
    var fn;
    if (/^LambdaFunction/.test(type)) {
      fn = String(d.resource || "").split(":function:").pop().split(":")[0];
      return { kind: "lambda", resource: d.resource || "", label: fn || d.resource || "Lambda", functionName: fn };
    }
    if (/^Activity/.test(type)) {
      return { kind: "activity", resource: d.resource || "", label: "activity " + String(d.resource || "").split(":").pop() };
    }
    var label = (d.resourceType || "task") + ":" + (d.resource || "");
    if (d.resourceType === "lambda" && d.parameters) {
      try {
        var params = JSON.parse(d.parameters);
        fn = String(params.FunctionName || "").split(":function:").pop().split(":")[0];
      } catch (e) { /* parameters are not JSON: keep the generic label */ }
    }
    return { kind: fn ? "lambda" : "task", resource: label, label: fn || label, functionName: fn || "" };
  }

  // describe: DescribeExecution output (optional); it decides RUNNING vs closed when given.
  function analyze(events, describe) {
    var byId = {};
    var visits = [];
    var attempts = [];
    var eventInfo = {};
    var open = [];
    var epoch = 0;
    var execution = { status: "RUNNING", startMs: null, stopMs: null, error: "", cause: "", output: null };

    events.forEach(function (e) { byId[e.id] = e; });

    function latestOpen(test) {
      for (var i = open.length - 1; i >= 0; i--) if (!test || test(open[i])) return open[i];
      return null;
    }
    function close(visit, at) {
      visit.closed = true;
      visit.exitedAt = at;
      var i = open.indexOf(visit);
      if (i >= 0) open.splice(i, 1);
    }
    // The visit the event's thread is in: its predecessor's visit, or the group around it when
    // that visit has already closed (a Map iteration ending after its last state exited).
    function threadVisit(event) {
      var prev = event.previousEventId ? byId[event.previousEventId] : null;
      var info = prev ? eventInfo[prev.id] : null;
      var visit = info ? info.visit : null;
      while (visit && visit.closed) visit = visit.parent;
      return visit;
    }
    function isGroup(visit) {
      return visit && (visit.type === "Map" || visit.type === "Parallel");
    }

    events.forEach(function (event) {
      var type = event.type || "";
      var d = details(event);
      var at = ms(event);
      var info = { visit: null, attempt: null };
      eventInfo[event.id] = info;
      var prev = event.previousEventId ? byId[event.previousEventId] : null;
      var prevInfo = prev ? eventInfo[prev.id] : null;
      var visit;

      if (type === "ExecutionStarted") {
        execution.startMs = at;
        execution.input = d.input;
        return;
      }
      if (type === "ExecutionRedriven") {
        epoch += 1;
        execution.status = "RUNNING";
        execution.stopMs = null;
        return;
      }
      if (EXECUTION_END.test(type)) {
        execution.status = { ExecutionSucceeded: "SUCCEEDED", ExecutionFailed: "FAILED", ExecutionAborted: "ABORTED", ExecutionTimedOut: "TIMED_OUT" }[type];
        execution.stopMs = at;
        if (d.output !== undefined) execution.output = d.output;
        if (d.error !== undefined) execution.error = d.error;
        if (d.cause !== undefined) execution.cause = d.cause;
        var failed = type !== "ExecutionSucceeded";
        // A Fail state names no error in its own events: the execution's end does.
        var lastFail = visits.filter(function (v) { return v.type === "Fail" && v.epoch === epoch; }).pop();
        if (failed && lastFail && !lastFail.error) {
          lastFail.error = d.error || "";
          lastFail.cause = d.cause || "";
        }
        // The state an execution failed in (a Choice that found no path, say) shows as failed;
        // others still open then (parallel branches, a Wait when stopped) were cut short.
        var culprit = type === "ExecutionFailed" && open.filter(function (v) {
          return v.lastOutcome !== "failed" && (open.length === 1 || String(d.cause || "").indexOf("'" + v.name + "'") >= 0);
        }).pop();
        open.slice().forEach(function (v) {
          if (failed) {
            v.status = "failed";
            v.aborted = v.lastOutcome !== "failed" && v !== culprit;
            if (!v.error) { v.error = d.error || ""; v.cause = d.cause || ""; }
          } else {
            v.status = "succeeded";
          }
          close(v, at);
        });
        return;
      }

      if (/StateEntered$/.test(type)) {
        var parent = null;
        var iteration = null;
        var pv = prevInfo ? prevInfo.visit : null;
        if (pv && !pv.closed && isGroup(pv)) {
          parent = pv;
          if (prev.type === "MapIterationStarted") iteration = details(prev).index;
        } else if (pv) {
          parent = pv.parent;
          iteration = pv.iteration;
        } else {
          parent = latestOpen(isGroup);
        }
        visit = {
          index: visits.length, name: d.name || "?", type: type.replace(/StateEntered$/, ""),
          enteredAt: at, exitedAt: null, input: d.input, output: undefined, error: "", cause: "",
          status: "in-progress", lastOutcome: "", retries: 0, attempts: [], events: [event.id],
          parent: parent, iteration: iteration, epoch: epoch, closed: false, aborted: false,
        };
        visits.push(visit);
        open.push(visit);
        info.visit = visit;
        if (visit.type === "Fail") {
          visit.status = "failed";
          close(visit, at);
        }
        return;
      }

      if (/StateExited$/.test(type)) {
        visit = prevInfo && prevInfo.visit && !prevInfo.visit.closed && prevInfo.visit.name === d.name ?
          prevInfo.visit : null;
        if (!visit) {
          visit = open.filter(function (v) { return v.name === d.name; })[0] || null;
        }
        info.visit = visit;
        if (!visit) return;
        visit.events.push(event.id);
        visit.output = d.output;
        visit.status = visit.lastOutcome === "failed" ? "caught" : "succeeded";
        close(visit, at);
        return;
      }

      visit = threadVisit(event);
      if (!visit) {
        visit = /^(LambdaFunction|Task|Activity)/.test(type) ?
          latestOpen(function (v) { return v.type === "Task"; }) : latestOpen();
      }
      if (/^MapIteration/.test(type) && (!visit || visit.type !== "Map")) {
        visit = latestOpen(function (v) { return v.type === "Map" && v.name === d.name; }) || visit;
      }
      info.visit = visit;
      if (!visit) return;
      visit.events.push(event.id);

      var attempt;
      if (SCHEDULED.test(type)) {
        if (visit.lastOutcome === "failed") visit.retries += 1;
        visit.lastOutcome = "pending";
        var res = resourceOf(type, d);
        attempt = {
          visit: visit, number: visit.attempts.length + 1, kind: res.kind, resource: res.resource,
          label: res.label, functionName: res.functionName, scheduledAt: at, startedAt: null,
          endedAt: null, outcome: "running", error: "", cause: "", input: d.input !== undefined ? d.input : d.parameters,
          output: undefined, events: [event.id],
        };
        visit.attempts.push(attempt);
        attempts.push(attempt);
        info.attempt = attempt;
        return;
      }
      attempt = visit.attempts[visit.attempts.length - 1];
      if (attempt && attempt.endedAt === null && /^(LambdaFunction|Task|Activity)/.test(type)) {
        info.attempt = attempt;
        attempt.events.push(event.id);
        if (STARTED.test(type)) attempt.startedAt = at;
        if (SUBMITTED.test(type)) attempt.submitted = d.output;
      }
      if (SUCCEEDED.test(type)) {
        visit.lastOutcome = "ok";
        if (info.attempt) {
          info.attempt.endedAt = at;
          info.attempt.outcome = "succeeded";
          info.attempt.output = d.output;
        }
      } else if (FAILED.test(type) || GROUP_FAILED.test(type) || STATE_ABORTED.test(type)) {
        visit.lastOutcome = "failed";
        visit.error = d.error || (STATE_ABORTED.test(type) ? "Aborted" : "");
        visit.cause = d.cause || "";
        if (info.attempt) {
          info.attempt.endedAt = at;
          info.attempt.outcome = /TimedOut$/.test(type) ? "timed-out" : "failed";
          info.attempt.error = d.error || "";
          info.attempt.cause = d.cause || "";
        }
        if (STATE_ABORTED.test(type)) {
          visit.status = "failed";
          visit.aborted = true;
          close(visit, at);
        }
      } else if (GROUP_SUCCEEDED.test(type)) {
        visit.lastOutcome = "ok";
      }
    });

    if (describe) {
      execution.status = describe.status || execution.status;
      if (describe.startDate !== undefined) execution.startMs = Math.round(describe.startDate * 1000);
      if (describe.stopDate !== undefined) execution.stopMs = Math.round(describe.stopDate * 1000);
      if (describe.output !== undefined) execution.output = describe.output;
      if (describe.error !== undefined) execution.error = describe.error;
      if (describe.cause !== undefined) execution.cause = describe.cause;
    }
    // A closed execution has nothing in progress, even if its history stops short.
    if (execution.status !== "RUNNING" && execution.status !== "PENDING_REDRIVE") {
      open.slice().forEach(function (v) {
        v.status = execution.status === "SUCCEEDED" ? "succeeded" : "failed";
        v.aborted = execution.status !== "SUCCEEDED";
        close(v, execution.stopMs);
      });
    }

    var byName = {};
    visits.forEach(function (v) { (byName[v.name] = byName[v.name] || []).push(v); });
    return {
      visits: visits,
      byName: byName,
      attempts: attempts,
      eventInfo: eventInfo,
      execution: execution,
      statuses: statusesByName(byName, epoch),
    };
  }

  var RANK = { failed: 4, "in-progress": 3, caught: 2, succeeded: 1 };

  // One colour per state: after a redrive only the redriven run counts (where it reached the
  // state); among visits, a failure shows over a running visit, over a caught one, over success.
  function statusesByName(byName, epoch) {
    var statuses = {};
    Object.keys(byName).forEach(function (name) {
      var visits = byName[name];
      var latest = visits.filter(function (v) { return v.epoch === epoch; });
      if (latest.length) visits = latest;
      var best = "not-reached";
      visits.forEach(function (v) {
        if ((RANK[v.status] || 0) > (RANK[best] || 0)) best = v.status;
      });
      statuses[name] = best;
    });
    return statuses;
  }

  // The label a visit goes by in lists: "Get Job Status #3", "Run Item Job (item 12)".
  function visitLabel(visit, sameNameIndex) {
    var label = visit.name;
    if (visit.iteration !== null && visit.iteration !== undefined) label += " (item " + visit.iteration + ")";
    else if (sameNameIndex !== undefined) label += " #" + (sameNameIndex + 1);
    return label;
  }

  S.executionStatus = { analyze: analyze, details: details, visitLabel: visitLabel };
})(typeof window !== "undefined" ? (window.StepSim = window.StepSim || {}) : (globalThis.StepSim = globalThis.StepSim || {}));
