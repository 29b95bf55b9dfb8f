// The one place the views get data from. Live, it calls the server (AWS wire protocols plus the
// /_stepsim control API); in a report (window.STEPSIM_REPORT set by the report writer) it reads
// the snapshot of the scenario being viewed. Both give the same promises of the same shapes, so
// a view never asks which one it has.
(function (S) {
  "use strict";

  function ApiError(type, message, status) {
    var error = new Error(message || type || "Request failed");
    error.type = type || "";
    error.status = status || 0;
    return error;
  }

  // ---- live -------------------------------------------------------------------------------

  function readAnswer(response) {
    return response.text().then(function (text) {
      var parsed = S.util.tryParseJson(text);
      var body = parsed.ok ? parsed.value : {};
      if (!response.ok) {
        var type = body.__type || body.code || body.Type || "";
        throw ApiError(String(type).split("#").pop(), body.message || body.Message || text || response.statusText,
          response.status);
      }
      return body;
    });
  }

  function awsJson(version, target, body) {
    return fetch("/", {
      method: "POST",
      headers: { "Content-Type": "application/x-amz-json-" + version, "X-Amz-Target": target },
      body: JSON.stringify(body || {}),
    }).then(readAnswer);
  }

  function sfn(op, body) {
    return awsJson("1.0", "AWSStepFunctions." + op, body);
  }

  function logs(op, body) {
    return awsJson("1.1", "Logs_20140328." + op, body);
  }

  function control(method, path, body) {
    var init = { method: method, headers: {} };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(readAnswer);
  }

  // Follows nextToken until `limit` items (or the end); `pick` takes the items out of one page.
  function paginate(call, pick, limit, tokenIn, tokenOut) {
    var items = [];
    function page(token) {
      return call(token).then(function (answer) {
        items = items.concat(pick(answer) || []);
        var next = answer[tokenOut || "nextToken"];
        if (next && items.length < limit) return page(next);
        return items;
      });
    }
    return page(undefined);
  }

  var live = {
    mode: "live",
    canControl: true,

    listStateMachines: function () {
      return paginate(function (token) {
        return sfn("ListStateMachines", { maxResults: 1000, nextToken: token });
      }, function (a) { return a.stateMachines; }, 10000);
    },
    describeStateMachine: function (arn) {
      return sfn("DescribeStateMachine", { stateMachineArn: arn });
    },
    // Newest first, as ListExecutions answers.
    listExecutions: function (stateMachineArn, statusFilter, limit) {
      limit = limit || 200;
      return paginate(function (token) {
        var body = { stateMachineArn: stateMachineArn, maxResults: Math.min(limit, 1000), nextToken: token };
        if (statusFilter) body.statusFilter = statusFilter;
        return sfn("ListExecutions", body);
      }, function (a) { return a.executions; }, limit);
    },
    describeExecution: function (arn) {
      return sfn("DescribeExecution", { executionArn: arn });
    },
    // The definition the execution ran (the machine may have been updated since).
    stateMachineForExecution: function (executionArn, stateMachineArn) {
      return sfn("DescribeStateMachineForExecution", { executionArn: executionArn }).catch(function () {
        return live.describeStateMachine(stateMachineArn);
      });
    },
    getExecutionHistory: function (arn) {
      return paginate(function (token) {
        return sfn("GetExecutionHistory", {
          executionArn: arn, maxResults: 1000, nextToken: token, includeExecutionData: true,
        });
      }, function (a) { return a.events; }, Infinity);
    },
    startExecution: function (stateMachineArn, name, input) {
      var body = { stateMachineArn: stateMachineArn, input: input };
      if (name) body.name = name;
      return sfn("StartExecution", body);
    },
    stopExecution: function (arn) {
      return sfn("StopExecution", { executionArn: arn, error: "Console", cause: "Stopped from the stepsim console" });
    },
    redriveExecution: function (arn) {
      return sfn("RedriveExecution", { executionArn: arn });
    },
    getClock: function () {
      return control("GET", "/_stepsim/clock");
    },
    updateClock: function (body) {
      return control("POST", "/_stepsim/clock", body);
    },
    batchJobs: function () {
      return control("GET", "/_stepsim/batch/jobs").then(function (a) { return a.jobs || []; });
    },
    cloudFormationStacks: function () {
      return control("GET", "/_stepsim/cloudformation/stacks").then(function (a) { return a.stacks || []; });
    },
    listFunctions: function () {
      return paginate(function (marker) {
        var url = "/2015-03-31/functions/?MaxItems=50" + (marker ? "&Marker=" + encodeURIComponent(marker) : "");
        // Any X-Amz-* header gets a GET past stepsim's browser guard.
        return fetch(url, { headers: { "X-Amz-User-Agent": "stepsim-console" } }).then(readAnswer);
      }, function (a) { return a.Functions; }, 10000, "Marker", "NextMarker");
    },
    // A log group's events, oldest first; a group never written to is simply empty.
    logEvents: function (logGroupName, limit) {
      return paginate(function (token) {
        return logs("FilterLogEvents", { logGroupName: logGroupName, nextToken: token, limit: 10000 });
      }, function (a) { return a.events; }, limit || 20000).catch(function (error) {
        if (error.type === "ResourceNotFoundException") return [];
        throw error;
      });
    },
    // Inputs of the preloaded scenarios' startExecution actions, by state machine ARN.
    exampleInputs: function () {
      return control("GET", "/_stepsim/console/example-inputs").then(function (a) {
        return a.inputs || {};
      }, function () { return {}; });
    },
  };

  // ---- report -----------------------------------------------------------------------------

  function makeReport(report) {
    var current = 0;
    function scenario() {
      return (report.scenarios || [])[current] || {};
    }
    function refuse() {
      return Promise.reject(ApiError("ReportMode", "A report is a snapshot: nothing can be changed"));
    }
    function executions() {
      return scenario().executions || [];
    }
    function findExecution(arn) {
      return executions().filter(function (e) { return e.describe && e.describe.executionArn === arn; })[0];
    }
    function notFound(what, arn) {
      return Promise.reject(ApiError("ResourceNotFound", what + " " + arn + " is not in this scenario's snapshot"));
    }
    return {
      mode: "report",
      canControl: false,
      report: report,
      setScenario: function (index) {
        current = index;
      },
      scenarioIndex: function () {
        return current;
      },
      scenario: scenario,

      listStateMachines: function () {
        return Promise.resolve((scenario().stateMachines || []).map(function (sm) {
          return { stateMachineArn: sm.stateMachineArn, name: sm.name, type: sm.type, creationDate: sm.creationDate };
        }));
      },
      describeStateMachine: function (arn) {
        var found = (scenario().stateMachines || []).filter(function (sm) { return sm.stateMachineArn === arn; })[0];
        return found ? Promise.resolve(found) : notFound("State machine", arn);
      },
      listExecutions: function (stateMachineArn, statusFilter) {
        var list = executions().map(function (e) { return e.describe; }).filter(function (d) {
          return d && (!stateMachineArn || d.stateMachineArn === stateMachineArn) &&
            (!statusFilter || d.status === statusFilter);
        });
        list.sort(function (a, b) { return (b.startDate || 0) - (a.startDate || 0); });
        return Promise.resolve(list);
      },
      describeExecution: function (arn) {
        var found = findExecution(arn);
        return found ? Promise.resolve(found.describe) : notFound("Execution", arn);
      },
      stateMachineForExecution: function (executionArn, stateMachineArn) {
        return this.describeStateMachine(stateMachineArn);
      },
      getExecutionHistory: function (arn) {
        var found = findExecution(arn);
        return found ? Promise.resolve(found.events || []) : notFound("Execution", arn);
      },
      startExecution: refuse,
      stopExecution: refuse,
      redriveExecution: refuse,
      getClock: function () {
        return Promise.resolve(scenario().clock || {});
      },
      updateClock: refuse,
      batchJobs: function () {
        return Promise.resolve(scenario().jobs || []);
      },
      cloudFormationStacks: function () {
        return Promise.resolve([]);  // a report's scenarios are shown by what they made
      },
      listFunctions: function () {
        return Promise.resolve(scenario().functions || []);
      },
      logEvents: function (logGroupName) {
        return Promise.resolve(((scenario().logGroups || {})[logGroupName]) || []);
      },
      exampleInputs: function () {
        return Promise.resolve({});
      },
    };
  }

  S.ApiError = ApiError;
  S.data = window.STEPSIM_REPORT ? makeReport(window.STEPSIM_REPORT) : live;
})(window.StepSim = window.StepSim || {});
