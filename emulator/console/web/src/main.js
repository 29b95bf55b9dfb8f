// Starts the console: header (nav and clock), the page for the current address, and, live, a
// poll every second (skipped while the tab is hidden) that refreshes the clock and the page.
(function (S) {
  "use strict";
  var u = S.util;
  var h = u.h;
  var POLL_MS = 1000;
  var report = S.data.mode === "report";
  var current = null;

  function navLink(key, text, href) {
    return h("a", { "class": "nav-link", "data-nav": key, href: href }, text);
  }

  function renderNav(route) {
    var nav = u.clear(document.getElementById("nav"));
    if (report) {
      nav.appendChild(navLink("report", "Report", "#/"));
      if (route.scenario !== undefined) {
        var scenario = (S.data.report.scenarios || [])[route.scenario] || {};
        var base = "#/scenarios/" + route.scenario;
        nav.appendChild(h("span", { "class": "nav-scenario", title: scenario.file || "" }, scenario.name || "scenario"));
        nav.appendChild(navLink("home", "State machines", base));
        nav.appendChild(navLink("jobs", "Batch jobs", base + "/jobs"));
        nav.appendChild(navLink("functions", "Lambda functions", base + "/functions"));
      }
    } else {
      nav.appendChild(navLink("home", "State machines", S.router.href("/")));
      nav.appendChild(navLink("jobs", "Batch jobs", S.router.href("/jobs")));
      nav.appendChild(navLink("functions", "Lambda functions", S.router.href("/functions")));
      nav.appendChild(navLink("stacks", "CloudFormation", S.router.href("/stacks")));
    }
    var active = {
      home: "home", "state-machine": "home", execution: "home", scenario: "home",
      jobs: "jobs", functions: "functions", "function": "functions", "report-home": "report",
      stacks: "stacks",
    }[route.page];
    Array.prototype.forEach.call(nav.querySelectorAll(".nav-link"), function (a) {
      a.classList.toggle("active", a.getAttribute("data-nav") === active);
    });
  }

  function show(route) {
    // A report's home belongs to no scenario (its clock shows nothing).
    if (report) S.data.setScenario(route.scenario !== undefined ? route.scenario : -1);
    if (current && current.unmount) current.unmount();
    S.newExecution.close();
    renderNav(route);
    var main = u.clear(document.getElementById("page"));
    main.setAttribute("data-page", route.page);
    main.removeAttribute("data-ready");
    main.removeAttribute("data-execution-status");
    main.removeAttribute("data-event-count");
    main.removeAttribute("data-clock-millis");
    document.title = "stepsim console";
    window.scrollTo(0, 0);
    var factory = S.pages[route.page];
    if (!factory) {
      main.appendChild(S.ui.pageHeader({ title: "Page not found", subtitle: route.path || "" }));
      main.appendChild(h("p", null, S.ui.link("/", "Back to the state machines")));
      current = null;
      return;
    }
    // Each page gets a fresh element, so a late answer for the page left behind lands nowhere.
    var view = h("div", { "class": "view" });
    main.appendChild(view);
    var page = factory(view, route) || {};
    current = page;
    if (report) S.clock.refresh();
    Promise.resolve(page.ready).then(function () {
      if (current === page) main.setAttribute("data-ready", "true");
    });
  }

  // One poll at a time; a forced one (after a clock button) runs again once the current ends.
  var inflight = null;
  var again = false;
  function tick(force) {
    if (document.hidden && !force) return Promise.resolve();
    if (inflight) {
      if (force) again = true;
      return inflight;
    }
    var page = current;
    var seen = null;
    inflight = S.clock.refresh().then(function (clock) {
      seen = clock ? clock.epochMillis : null;
      return page && page.refresh ? page.refresh() : null;
    }).catch(function () { /* each view shows its own errors */ }).then(function () {
      inflight = null;
      // Tells watchers (the browser test) the page is up to date with this virtual time.
      if (page === current && seen !== null) document.getElementById("page").setAttribute("data-clock-millis", String(seen));
      if (again) {
        again = false;
        return tick(true);
      }
    });
    return inflight;
  }

  function start() {
    document.body.classList.add(report ? "mode-report" : "mode-live");
    S.clock.mount(document.getElementById("clock-slot"), function () {
      // After a clock button, refresh at once rather than at the next poll.
      return tick(true);
    });
    var brand = document.getElementById("brand");
    if (brand) brand.setAttribute("href", report ? "#/" : S.router.href("/"));
    S.router.onChange(show);
    S.router.start();
    if (report) return;
    S.clock.refresh();
    setInterval(function () { tick(false); }, POLL_MS);
    document.addEventListener("visibilitychange", function () {
      if (!document.hidden) tick(false);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.StepSim = window.StepSim || {});
