// The virtual clock widget in the header of every page: the current virtual time and mode, and
// (live only) the buttons that move it. Executions on a manual clock wait for these buttons.
(function (S) {
  "use strict";
  var h = S.util.h;
  var state = { clock: null, busy: false, error: "" };
  var root = null;
  var afterChange = function () {};

  function render() {
    if (!root) return;
    var clock = state.clock || {};
    root.setAttribute("data-mode", clock.mode || "");
    root.setAttribute("data-epoch-millis", clock.epochMillis === undefined ? "" : String(clock.epochMillis));
    var now = root.querySelector("#clock-now");
    now.textContent = clock.epochMillis === undefined ? "–" : S.util.formatDateTime(clock.epochMillis).slice(0, 19) + " UTC";
    now.title = (clock.now || "") + (clock.mode === "manual" ? " — manual: time moves only when advanced" : "");
    var mode = root.querySelector("#clock-mode");
    if (mode.tagName === "SELECT") {
      if (document.activeElement !== mode) mode.value = clock.mode || "manual";
    } else {
      mode.textContent = clock.mode || "";
    }
    Array.prototype.forEach.call(root.querySelectorAll("button, select, input"), function (el) {
      el.disabled = state.busy;
    });
    var error = root.querySelector("#clock-error");
    error.textContent = state.error;
    error.hidden = !state.error;
  }

  function refresh() {
    return S.data.getClock().then(function (clock) {
      state.clock = clock;
      state.error = "";
      render();
      return clock;
    }, function (error) {
      state.error = "Server unreachable: " + S.util.errorMessage(error);
      render();
    });
  }

  // Sends one change ({mode}, {advanceSeconds} or {advanceToNextTimer}) and lets the page catch up.
  function update(body) {
    state.busy = true;
    render();
    return S.data.updateClock(body).then(function (clock) {
      state.clock = clock;
      state.error = "";
    }, function (error) {
      state.error = S.util.errorMessage(error);
    }).then(function () {
      state.busy = false;
      render();
      return afterChange();
    });
  }

  function advanceButton(seconds, label) {
    return h("button", {
      id: "clock-advance-" + seconds, type: "button", "class": "btn btn-small",
      title: "Advance the virtual clock by " + seconds + " s",
      onclick: function () { update({ advanceSeconds: seconds }); },
    }, label);
  }

  function mount(container, onChange) {
    afterChange = onChange || afterChange;
    var live = S.data.canControl;
    var seconds = h("input", {
      id: "clock-advance-seconds", type: "number", min: "0", step: "any", value: "300",
      "class": "input input-small", title: "Seconds to advance", "aria-label": "Seconds to advance",
    });
    var controls = live ? h("div", { "class": "clock-controls" },
      h("select", {
        id: "clock-mode", "class": "input input-small", title: "Clock mode: auto runs executions to the end at once; manual waits for the buttons; realtime follows the wall clock",
        onchange: function (event) { update({ mode: event.target.value }); },
      }, ["manual", "auto", "realtime"].map(function (m) { return h("option", { value: m }, m); })),
      advanceButton(1, "+1s"),
      advanceButton(10, "+10s"),
      advanceButton(60, "+60s"),
      h("form", {
        "class": "clock-advance-form",
        onsubmit: function (event) {
          event.preventDefault();
          var value = Number(seconds.value);
          if (!(value >= 0)) {
            state.error = "Enter a number of seconds";
            render();
            return;
          }
          update({ advanceSeconds: value });
        },
      }, seconds, h("button", { id: "clock-advance", type: "submit", "class": "btn btn-small" }, "Advance")),
      h("button", {
        id: "clock-next-timer", type: "button", "class": "btn btn-small btn-primary",
        title: "Advance to the next scheduled timer (a Wait ending, a job changing status...)",
        onclick: function () { update({ advanceToNextTimer: true }); },
      }, "Next timer")
    ) : h("span", { id: "clock-mode", "class": "clock-mode-label" }, "");
    root = h("div", { id: "clock", "class": "clock" },
      h("div", { "class": "clock-time" },
        h("span", { "class": "clock-caption" }, live ? "Virtual time" : "Virtual time at end"),
        h("span", { id: "clock-now", "class": "clock-now" }, "–")),
      controls,
      h("span", { id: "clock-error", "class": "clock-error", hidden: true }));
    container.appendChild(root);
    render();
  }

  S.clock = {
    mount: mount,
    refresh: refresh,
    update: update,
    // Last known virtual time (epoch ms), for views that draw "now".
    now: function () {
      return state.clock && state.clock.epochMillis !== undefined ? state.clock.epochMillis : null;
    },
    current: function () { return state.clock; },
  };
})(window.StepSim = window.StepSim || {});
