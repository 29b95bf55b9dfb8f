// Page addresses. Live, pages are real paths under /_stepsim/ui/ (the server answers index.html
// for each), moved between with history.pushState. A report is a file opened from disk, so it
// routes on the hash instead, and every page but its home belongs to one scenario:
// #/scenarios/<i>/executions/<arn>.
(function (S) {
  "use strict";
  var BASE = "/_stepsim/ui";
  var report = S.data.mode === "report";
  var listeners = [];

  function decode(text) {
    try {
      return decodeURIComponent(text);
    } catch (e) {
      return text;
    }
  }

  // "/executions/arn:aws:..." -> {page: "execution", arn: "arn:aws:..."}.
  function parsePagePath(path) {
    var m;
    if (path === "" || path === "/") return { page: "home" };
    if ((m = /^\/state-machines\/(.+)$/.exec(path))) return { page: "state-machine", arn: decode(m[1]) };
    if ((m = /^\/executions\/(.+)$/.exec(path))) return { page: "execution", arn: decode(m[1]) };
    if (/^\/jobs\/?$/.test(path)) return { page: "jobs" };
    if (/^\/stacks\/?$/.test(path)) return { page: "stacks" };
    if (/^\/functions\/?$/.test(path)) return { page: "functions" };
    if ((m = /^\/functions\/(.+)$/.exec(path))) return { page: "function", name: decode(m[1]) };
    if (/^\/state-machines\/?$/.test(path)) return { page: "home" };
    return { page: "not-found", path: path };
  }

  function current() {
    if (report) {
      var path = location.hash.replace(/^#/, "") || "/";
      var m = /^\/scenarios\/(\d+)(\/.*)?$/.exec(path);
      if (!m) return path === "/" ? { page: "report-home" } : { page: "not-found", path: path };
      var route = m[2] && m[2] !== "/" ? parsePagePath(m[2]) : { page: "scenario" };
      route.scenario = Number(m[1]);
      return route;
    }
    var pathname = location.pathname;
    if (pathname.indexOf(BASE) === 0) pathname = pathname.slice(BASE.length);
    return parsePagePath(pathname.replace(/\/+$/, "") || "/");
  }

  // The address of a page path ("/jobs", "/executions/<arn>"); in a report, within the scenario
  // being viewed unless the path names one itself.
  function href(path) {
    if (report) {
      if (path === "/" || path.indexOf("/scenarios/") === 0) return "#" + path;
      var index = S.data.scenarioIndex();
      return "#/scenarios/" + index + (path === "/" ? "" : path);
    }
    return BASE + path;
  }

  // ARNs stay readable in the address bar (colons are fine in a path); only what must be
  // escaped is.
  function encodeSegment(text) {
    return encodeURI(String(text)).replace(/[?#]/g, function (c) { return encodeURIComponent(c); });
  }

  var paths = {
    home: function () { return "/"; },
    stateMachine: function (arn) { return "/state-machines/" + encodeSegment(arn); },
    execution: function (arn) { return "/executions/" + encodeSegment(arn); },
    jobs: function () { return "/jobs"; },
    functions: function () { return "/functions"; },
    fn: function (name) { return "/functions/" + encodeSegment(name); },
    scenario: function (index) { return "/scenarios/" + index; },
  };

  function go(path, replace) {
    if (report) {
      location.hash = href(path).slice(1);
      return;
    }
    var target = href(path);
    if (target !== location.pathname + location.search) {
      history[replace ? "replaceState" : "pushState"](null, "", target);
    }
    notify();
  }

  function notify() {
    var route = current();
    listeners.forEach(function (listener) { listener(route); });
  }

  function onChange(listener) {
    listeners.push(listener);
  }

  function start() {
    if (report) {
      window.addEventListener("hashchange", notify);
    } else {
      window.addEventListener("popstate", notify);
      // Plain left clicks on links inside the console move without reloading the page.
      document.addEventListener("click", function (event) {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
            event.shiftKey || event.altKey) return;
        var link = event.target.closest ? event.target.closest("a[href]") : null;
        if (!link || link.target) return;
        var url = link.getAttribute("href");
        if (url.indexOf(BASE + "/") !== 0 && url !== BASE) return;
        event.preventDefault();
        history.pushState(null, "", url);
        notify();
      });
    }
    notify();
  }

  S.router = {
    BASE: BASE,
    current: current,
    href: href,
    paths: paths,
    go: go,
    onChange: onChange,
    start: start,
    refresh: notify,
  };
})(window.StepSim = window.StepSim || {});
