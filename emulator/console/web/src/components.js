// Building blocks the pages share: page headers, cards, tables, JSON blocks, links.
(function (S) {
  "use strict";
  var h = S.util.h;

  function link(path, text, attrs) {
    var a = attrs || {};
    a.href = S.router.href(path);
    return h("a", a, text);
  }

  // Title row of a page: breadcrumbs, a title, a subtitle (an ARN, say) and action buttons.
  function pageHeader(options) {
    return h("div", { "class": "page-header" },
      options.crumbs ? h("nav", { "class": "crumbs" }, options.crumbs.map(function (crumb, i) {
        return [i ? h("span", { "class": "crumb-sep" }, "›") : null,
          crumb.path !== undefined ? link(crumb.path, crumb.text) : h("span", null, crumb.text)];
      })) : null,
      h("div", { "class": "page-title-row" },
        h("div", { "class": "page-title-block" },
          h("h1", { "class": "page-title" }, options.title, options.badge || null),
          options.subtitle ? h("div", { "class": "page-subtitle" + (/^arn:/.test(options.subtitle) ? " page-subtitle-arn" : "") }, options.subtitle) : null),
        h("div", { "class": "page-actions" }, options.actions || [])));
  }

  function card(title, attrs) {
    var a = attrs || {};
    a["class"] = "card" + (a["class"] ? " " + a["class"] : "");
    var body = h("div", { "class": "card-body" });
    var extra = Array.prototype.slice.call(arguments, 2);
    var header = title ? h("div", { "class": "card-header" }, h("h2", null, title), h("div", { "class": "card-tools" })) : null;
    var element = h("section", a, header, body);
    extra.forEach(function (child) { if (child) body.appendChild(child instanceof Node ? child : document.createTextNode(child)); });
    element.body = body;
    element.tools = header ? header.querySelector(".card-tools") : null;
    return element;
  }

  // columns: [{title, cls}]; rows: arrays of cells (nodes or text), or {attrs, cells}.
  function table(columns, rows, attrs) {
    var tbody = h("tbody");
    var element = h("table", attrs || {}, h("thead", null, h("tr", null, columns.map(function (c) {
      return h("th", { "class": c.cls || null }, c.title);
    }))), tbody);
    fillRows(tbody, columns, rows);
    return element;
  }

  function fillRows(tbody, columns, rows) {
    S.util.clear(tbody);
    rows.forEach(function (row) {
      var cells = Array.isArray(row) ? row : row.cells;
      tbody.appendChild(h("tr", Array.isArray(row) ? null : row.attrs, cells.map(function (cell, i) {
        return h("td", { "class": (columns[i] && columns[i].cls) || null }, cell);
      })));
    });
    if (!rows.length) {
      tbody.appendChild(h("tr", { "class": "empty-row" }, h("td", { colspan: String(columns.length) }, "Nothing here yet.")));
    }
  }

  function keyValues(pairs, attrs) {
    return h("dl", attrs || { "class": "kv" }, pairs.filter(Boolean).map(function (pair) {
      return h("div", { "class": "kv-item" }, h("dt", null, pair[0]), h("dd", null, pair[1]));
    }));
  }

  function jsonBlock(text, attrs) {
    var a = attrs || {};
    a["class"] = "json" + (a["class"] ? " " + a["class"] : "");
    return h("pre", a, text === undefined || text === null ? "–" : S.util.prettyJson(text));
  }

  function errorBox(error, attrs) {
    return h("div", attrs || { "class": "error-box" }, h("strong", null, error.type || "Error"), " ", S.util.errorMessage(error));
  }

  function loading(text) {
    return h("div", { "class": "loading" }, text || "Loading…");
  }

  // A status filter <select>: "" means all.
  function statusSelect(id, statuses, onchange) {
    return h("select", { id: id, "class": "input input-small", onchange: function (e) { onchange(e.target.value); } },
      h("option", { value: "" }, "All statuses"),
      statuses.map(function (s) { return h("option", { value: s }, s.replace(/_/g, " ")); }));
  }

  // Sets an attribute on #page for watchers (the browser test), unless the page `view` belongs to
  // has been left already (a late refresh must not mark the next page).
  function markPage(view, name, value) {
    if (view.isConnected) document.getElementById("page").setAttribute(name, value);
  }

  S.ui = {
    markPage: markPage,
    link: link,
    pageHeader: pageHeader,
    card: card,
    table: table,
    fillRows: fillRows,
    keyValues: keyValues,
    jsonBlock: jsonBlock,
    errorBox: errorBox,
    loading: loading,
    statusSelect: statusSelect,
  };
  S.pages = S.pages || {};
})(window.StepSim = window.StepSim || {});
