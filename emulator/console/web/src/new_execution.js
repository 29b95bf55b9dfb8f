// The "New execution" dialog: an optional name and a JSON input, started with StartExecution,
// then the console moves to the new execution's page.
(function (S) {
  "use strict";
  var h = S.util.h;
  var PLACEHOLDER = '{\n  "Comment": "Insert your JSON here"\n}';

  // Example input of a preloaded scenario for this machine, else the input of its latest
  // execution, else AWS's placeholder.
  function defaultInput(stateMachineArn) {
    return S.data.exampleInputs().then(function (inputs) {
      if (inputs && inputs[stateMachineArn] !== undefined) return inputs[stateMachineArn];
      return S.data.listExecutions(stateMachineArn, null, 1).then(function (list) {
        if (!list.length) return null;
        return S.data.describeExecution(list[0].executionArn).then(function (d) { return d.input; });
      });
    }).catch(function () { return null; }).then(function (text) {
      return text === null || text === undefined ? PLACEHOLDER : S.util.prettyJson(text);
    });
  }

  function close() {
    var existing = document.getElementById("new-execution-dialog");
    if (existing) existing.parentNode.removeChild(existing);
    document.removeEventListener("keydown", onKey);
  }

  function onKey(event) {
    if (event.key === "Escape") close();
  }

  // options: {stateMachineArn, stateMachineName, input (text; else the default above)}.
  function open(options) {
    close();
    var name = h("input", {
      id: "new-execution-name", "class": "input", type: "text", autocomplete: "off", spellcheck: "false",
      placeholder: "Optional: a unique id is generated when blank",
    });
    var input = h("textarea", {
      id: "new-execution-input", "class": "input code-input", rows: "14", spellcheck: "false",
      placeholder: "Loading…",
    });
    var error = h("p", { id: "new-execution-error", "class": "form-error", hidden: true });
    var submit = h("button", { id: "new-execution-submit", type: "submit", "class": "btn btn-primary", disabled: true }, "Start execution");
    function showError(text) {
      error.textContent = text;
      error.hidden = !text;
    }
    var form = h("form", {
      id: "new-execution-form", "class": "modal",
      onsubmit: function (event) {
        event.preventDefault();
        var text = input.value.trim() || "{}";
        var parsed = S.util.tryParseJson(text);
        if (!parsed.ok) return showError("The input is not valid JSON.");
        showError("");
        submit.disabled = true;
        S.data.startExecution(options.stateMachineArn, name.value.trim(), text).then(function (answer) {
          close();
          S.router.go(S.router.paths.execution(answer.executionArn));
        }, function (failure) {
          submit.disabled = false;
          showError((failure.type ? failure.type + ": " : "") + S.util.errorMessage(failure));
        });
      },
    },
    h("h2", null, "New execution"),
    h("p", { "class": "muted" }, "State machine ", h("strong", null, options.stateMachineName || S.util.lastSegment(options.stateMachineArn))),
    h("label", { "for": "new-execution-name" }, "Name"),
    name,
    h("label", { "for": "new-execution-input" }, "Input (JSON)"),
    input,
    error,
    h("div", { "class": "modal-buttons" },
      h("button", { id: "new-execution-cancel", type: "button", "class": "btn", onclick: close }, "Cancel"),
      submit));
    var backdrop = h("div", {
      id: "new-execution-dialog", "class": "modal-backdrop", role: "dialog", "aria-modal": "true",
      onclick: function (event) { if (event.target === backdrop) close(); },
    }, form);
    document.body.appendChild(backdrop);
    document.addEventListener("keydown", onKey);

    var prefill = options.input !== undefined && options.input !== null ?
      Promise.resolve(S.util.prettyJson(options.input)) : defaultInput(options.stateMachineArn);
    prefill.then(function (text) {
      input.value = text;
      input.placeholder = "";
      submit.disabled = false;
      backdrop.setAttribute("data-ready", "true");
      input.focus();
    });
  }

  S.newExecution = { open: open, close: close, defaultInput: defaultInput };
})(window.StepSim = window.StepSim || {});
