// An Amazon States Language definition as a graph: states as nodes, transitions as edges. Map
// and Parallel states hold their ItemProcessor / Branches as nested graphs, which the view lays
// out on their own and then treats as one big node. Pure data: no DOM here.
(function (S) {
  "use strict";
  var START = "__start__";
  var END = "__end__";
  var MAX_LABEL = 34;

  function shorten(text, max) {
    text = String(text);
    max = max || MAX_LABEL;
    return text.length > max ? text.slice(0, max - 1) + "…" : text;
  }

  var OPERATORS = {
    Equals: "==", LessThan: "<", GreaterThan: ">", LessThanEquals: "<=", GreaterThanEquals: ">=",
    Matches: "matches",
  };

  // A Choice rule in a few words: "$.status == "FAILED"", "And (2 rules)", "{% $x > 3 %}".
  function ruleLabel(rule) {
    if (!rule || typeof rule !== "object") return "";
    if (rule.Condition !== undefined) {
      return String(rule.Condition).replace(/^\{%\s*/, "").replace(/\s*%\}$/, "");
    }
    if (Array.isArray(rule.And)) return "And (" + rule.And.length + " rules)";
    if (Array.isArray(rule.Or)) return "Or (" + rule.Or.length + " rules)";
    if (rule.Not) return "Not " + ruleLabel(rule.Not);
    var variable = rule.Variable || "";
    var keys = Object.keys(rule).filter(function (k) {
      return ["Variable", "Next", "Comment", "Assign", "Output"].indexOf(k) < 0;
    });
    if (!keys.length) return variable;
    var key = keys[0];
    var value = rule[key];
    if (/^Is(Present|Null|Boolean|Numeric|String|Timestamp)$/.test(key)) {
      return (value === false ? "not " : "") + key.slice(2).toLowerCase() + " " + variable;
    }
    var isPath = /Path$/.test(key);
    var base = key.replace(/Path$/, "");
    var op = "";
    Object.keys(OPERATORS).forEach(function (suffix) {
      if (!op && base.slice(-suffix.length) === suffix) op = OPERATORS[suffix];
    });
    return variable + " " + (op || key) + " " + (isPath ? value : JSON.stringify(value));
  }

  function functionName(args) {
    if (!args || typeof args !== "object") return "";
    var fn = args.FunctionName || args["FunctionName.$"];
    if (typeof fn !== "string" || /^\{%/.test(fn)) return "";
    return fn.split(":function:").pop().split(":")[0];
  }

  // What a Task calls, briefly: "Lambda: CheckJob", "batch: submitJob.sync".
  function describeResource(state) {
    var resource = String(state.Resource || "");
    var m;
    if ((m = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(resource))) return "Lambda: " + m[1];
    if (/^arn:aws[\w-]*:states:::lambda:invoke/.test(resource)) {
      var fn = functionName(state.Parameters || state.Arguments);
      return "Lambda invoke" + (fn ? ": " + fn : "") + (/\.waitForTaskToken$/.test(resource) ? " (callback)" : "");
    }
    if ((m = /^arn:aws[\w-]*:states:::aws-sdk:([^:]+):(.+)$/.exec(resource))) return "SDK " + m[1] + ": " + m[2];
    if ((m = /^arn:aws[\w-]*:states:::([^:]+):(.+)$/.exec(resource))) return m[1] + ": " + m[2];
    if ((m = /:activity:(.+)$/.exec(resource))) return "Activity: " + m[1];
    return S.util ? S.util.lastSegment(resource) : resource;
  }

  function caption(state) {
    switch (state.Type) {
      case "Task":
        return describeResource(state);
      case "Wait":
        if (state.Seconds !== undefined) return "Wait " + state.Seconds + " s";
        if (state.SecondsPath) return "Wait " + state.SecondsPath + " s";
        if (state.Timestamp) return "Wait until " + state.Timestamp;
        if (state.TimestampPath) return "Wait until " + state.TimestampPath;
        return "Wait";
      case "Map": {
        var processor = state.ItemProcessor || {};
        var distributed = processor.ProcessorConfig && processor.ProcessorConfig.Mode === "DISTRIBUTED";
        var concurrency = state.MaxConcurrency !== undefined && typeof state.MaxConcurrency === "number" ?
          " · max " + state.MaxConcurrency + " at once" : "";
        return (distributed ? "Distributed map" : "Map") + concurrency;
      }
      case "Parallel":
        return "Parallel · " + (state.Branches || []).length + " branches";
      default:
        return state.Type || "?";
    }
  }

  // One States block (the machine's, a branch's or an item processor's) as {nodes, edges}.
  function buildScope(block, isRoot, path) {
    var states = (block && block.States) || {};
    var names = Object.keys(states);
    var scope = { nodes: [], edges: [], startAt: block && block.StartAt, root: isRoot, path: path };
    var id = function (name) { return "s:" + name; };
    var exists = function (name) { return Object.prototype.hasOwnProperty.call(states, name); };

    if (isRoot) {
      scope.nodes.push({ id: START, kind: "start", name: "Start" });
      scope.nodes.push({ id: END, kind: "end", name: "End" });
      if (exists(scope.startAt)) scope.edges.push({ from: START, to: id(scope.startAt), kind: "next", label: "" });
    }
    names.forEach(function (name) {
      var state = states[name] || {};
      var node = { id: id(name), kind: "state", name: name, type: state.Type, caption: caption(state), state: state };
      if (state.Type === "Map") {
        var processor = state.ItemProcessor || state.Iterator;
        node.groupKind = "map";
        node.groups = processor ? [buildScope(processor, false, path.concat([name]))] : [];
      } else if (state.Type === "Parallel") {
        node.groupKind = "parallel";
        node.groups = (state.Branches || []).map(function (branch, i) {
          return buildScope(branch, false, path.concat([name, "branch " + (i + 1)]));
        });
      }
      scope.nodes.push(node);

      function edge(to, kind, label, title) {
        if (!exists(to)) return;
        scope.edges.push({ from: id(name), to: id(to), kind: kind, label: label ? shorten(label) : "", title: title || label || "" });
      }
      if (state.Type === "Choice") {
        (state.Choices || []).forEach(function (rule, i) {
          var text = ruleLabel(rule);
          edge(rule.Next, "choice", text || "Rule " + (i + 1), text);
        });
        if (state.Default) edge(state.Default, "default", "Default");
      } else if (state.Next) {
        edge(state.Next, "next", "");
      }
      (state.Catch || []).forEach(function (catcher) {
        var errors = (catcher.ErrorEquals || []).join(", ");
        edge(catcher.Next, "catch", errors || "Catch", "Catch " + errors);
      });
      var terminal = state.End === true || state.Type === "Succeed" || state.Type === "Fail";
      if (isRoot && terminal) scope.edges.push({ from: id(name), to: END, kind: "end", label: "" });
    });
    return scope;
  }

  // definition: the ASL object or its JSON text. Throws on text that is not JSON.
  function buildGraph(definition) {
    var asl = typeof definition === "string" ? JSON.parse(definition) : definition;
    return buildScope(asl, true, []);
  }

  // Every state name in the definition, nested ones included, in definition order.
  function stateNames(scope) {
    var names = [];
    scope.nodes.forEach(function (node) {
      if (node.kind !== "state") return;
      names.push(node.name);
      (node.groups || []).forEach(function (group) { names = names.concat(stateNames(group)); });
    });
    return names;
  }

  // name -> node (nested states included).
  function indexNodes(scope, index) {
    index = index || {};
    scope.nodes.forEach(function (node) {
      if (node.kind !== "state") return;
      index[node.name] = node;
      (node.groups || []).forEach(function (group) { indexNodes(group, index); });
    });
    return index;
  }

  S.graphModel = {
    START: START,
    END: END,
    buildGraph: buildGraph,
    stateNames: stateNames,
    indexNodes: indexNodes,
    ruleLabel: ruleLabel,
    describeResource: describeResource,
  };
})(typeof window !== "undefined" ? (window.StepSim = window.StepSim || {}) : (globalThis.StepSim = globalThis.StepSim || {}));
