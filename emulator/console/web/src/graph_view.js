// Draws a graph_model graph as SVG. dagre lays out each States block on its own (layered, top to
// bottom); a Map or Parallel state is first laid out from the inside, then enters its parent's
// layout as one node the size of its contents. Colours come from CSS keyed on data-status, so an
// execution page recolours nodes without laying anything out again.
(function (S) {
  "use strict";
  var u = S.util;
  var svg = u.svg;
  var h = u.h;
  var NAME_FONT = "600 13px " + u.FONT_FAMILY;
  var CAPTION_FONT = "11px " + u.FONT_FAMILY;
  var EDGE_FONT = "11px " + u.FONT_FAMILY;
  var GROUP_HEADER = 46;
  var GROUP_PAD = 14;
  var BRANCH_PAD = 8;
  var BRANCH_LABEL = 18;
  var BRANCH_GAP = 14;
  var graphCount = 0;

  // ---- layout -----------------------------------------------------------------------------

  function stateBox(node) {
    var nameLines = u.wrapText(node.name, 220, NAME_FONT, 2);
    var captionText = u.ellipsize(node.caption || "", 220, CAPTION_FONT);
    var textW = Math.max.apply(null, nameLines.map(function (l) { return u.textWidth(l, NAME_FONT); })
      .concat([u.textWidth(captionText, CAPTION_FONT)]));
    return {
      width: Math.max(150, Math.ceil(textW) + 32),
      height: 20 + nameLines.length * 17 + 15,
      nameLines: nameLines,
      captionText: captionText,
    };
  }

  function groupBox(node) {
    var box = stateBox(node);
    var inner = (node.groups || []).map(layoutScope);
    var x = GROUP_PAD;
    var contentH = 0;
    var branches = inner.map(function (layout, i) {
      var branch = {
        x: x, y: GROUP_HEADER,
        width: layout.width + 2 * BRANCH_PAD,
        height: layout.height + 2 * BRANCH_PAD + BRANCH_LABEL,
        label: node.groupKind === "map" ? "Item processor" : "Branch " + (i + 1),
        layout: layout,
      };
      x += branch.width + BRANCH_GAP;
      contentH = Math.max(contentH, branch.height);
      return branch;
    });
    var contentW = branches.length ? x - BRANCH_GAP + GROUP_PAD : 0;
    box.width = Math.max(box.width, contentW);
    box.height = branches.length ? GROUP_HEADER + contentH + GROUP_PAD : box.height;
    // Centre the branches when the header is the wider part.
    var shift = (box.width - contentW) / 2;
    branches.forEach(function (b) { b.x += Math.max(0, shift); });
    box.branches = branches;
    box.nameLines = box.nameLines.slice(0, 1);
    return box;
  }

  function nodeBox(node) {
    if (node.kind === "start" || node.kind === "end") return { width: 64, height: 28 };
    return node.groups ? groupBox(node) : stateBox(node);
  }

  // {width, height, nodes: [{node, x, y, box}], edges: [{edge, points, labelX, labelY}]};
  // x, y are node centres, as dagre gives them.
  function layoutScope(scope) {
    var g = new dagre.graphlib.Graph({ multigraph: true });
    g.setGraph({ rankdir: "TB", nodesep: 36, ranksep: 40, edgesep: 14, marginx: 10, marginy: 10 });
    g.setDefaultEdgeLabel(function () { return {}; });
    var boxes = {};
    scope.nodes.forEach(function (node) {
      var box = nodeBox(node);
      boxes[node.id] = box;
      g.setNode(node.id, { width: box.width, height: box.height });
    });
    scope.edges.forEach(function (edge, i) {
      var label = { minlen: 1 };
      if (edge.label) {
        label.width = Math.ceil(u.textWidth(edge.label, EDGE_FONT)) + 12;
        label.height = 18;
        label.labelpos = "c";
      }
      g.setEdge(edge.from, edge.to, label, "e" + i);
    });
    dagre.layout(g);
    var graph = g.graph();
    return {
      width: Math.ceil(graph.width || 0),
      height: Math.ceil(graph.height || 0),
      nodes: scope.nodes.map(function (node) {
        var laid = g.node(node.id);
        return { node: node, x: laid.x, y: laid.y, box: boxes[node.id] };
      }),
      edges: scope.edges.map(function (edge, i) {
        var laid = g.edge(edge.from, edge.to, "e" + i) || {};
        return { edge: edge, points: laid.points || [], labelX: laid.x, labelY: laid.y };
      }),
    };
  }

  // ---- drawing ----------------------------------------------------------------------------

  // A smooth path through dagre's points: straight ends, rounded bends.
  function pathData(points) {
    if (!points.length) return "";
    var d = "M" + points[0].x + "," + points[0].y;
    if (points.length === 2) return d + "L" + points[1].x + "," + points[1].y;
    for (var i = 1; i < points.length - 1; i++) {
      var p = points[i];
      var next = points[i + 1];
      var midX = i === points.length - 2 ? next.x : (p.x + next.x) / 2;
      var midY = i === points.length - 2 ? next.y : (p.y + next.y) / 2;
      d += "Q" + p.x + "," + p.y + " " + midX + "," + midY;
    }
    return d;
  }

  function drawEdges(layout, parent, ids) {
    layout.edges.forEach(function (laid) {
      var edge = laid.edge;
      if (!laid.points.length) return;
      var group = svg("g", {
        "class": "edge edge-" + edge.kind, "data-from": edge.from.replace(/^s:/, ""),
        "data-to": edge.to.replace(/^s:/, ""),
      });
      group.appendChild(svg("title", { text: edge.title || edge.kind }));
      group.appendChild(svg("path", {
        d: pathData(laid.points), "class": "edge-line",
        "marker-end": "url(#" + (edge.kind === "catch" ? ids.catchArrow : ids.arrow) + ")",
      }));
      if (edge.label && laid.labelX !== undefined) {
        var w = Math.ceil(u.textWidth(edge.label, EDGE_FONT)) + 10;
        group.appendChild(svg("rect", {
          "class": "edge-label-bg", x: laid.labelX - w / 2, y: laid.labelY - 9, width: w, height: 18, rx: 4,
        }));
        group.appendChild(svg("text", {
          "class": "edge-label", x: laid.labelX, y: laid.labelY + 4, "text-anchor": "middle", text: edge.label,
        }));
      }
      parent.appendChild(group);
    });
  }

  function drawStateText(group, box, width, top) {
    box.nameLines.forEach(function (line, i) {
      group.appendChild(svg("text", {
        "class": "node-name", x: width / 2, y: top + 14 + i * 17, "text-anchor": "middle", text: line,
      }));
    });
    group.appendChild(svg("text", {
      "class": "node-caption", x: width / 2, y: top + 14 + box.nameLines.length * 17 + 1,
      "text-anchor": "middle", text: box.captionText,
    }));
  }

  function drawNodes(layout, parent, view) {
    layout.nodes.forEach(function (laid) {
      var node = laid.node;
      var box = laid.box;
      var x = laid.x - box.width / 2;
      var y = laid.y - box.height / 2;
      if (node.kind === "start" || node.kind === "end") {
        var terminal = svg("g", { "class": "node node-" + node.kind, transform: "translate(" + x + "," + y + ")" },
          svg("rect", { "class": "box", width: box.width, height: box.height, rx: box.height / 2 }),
          svg("text", { "class": "node-name", x: box.width / 2, y: box.height / 2 + 4, "text-anchor": "middle", text: node.name }));
        parent.appendChild(terminal);
        return;
      }
      var group = svg("g", {
        "class": "node node-state" + (node.groups ? " node-group node-" + node.groupKind : ""),
        "data-state-name": node.name, "data-type": node.type || "",
        transform: "translate(" + x + "," + y + ")",
      });
      var title = svg("title", { text: node.name + " — " + (node.caption || node.type) });
      group.appendChild(title);
      group.appendChild(svg("rect", { "class": "box", width: box.width, height: box.height, rx: node.groups ? 8 : 6 }));
      if (node.groups) {
        drawStateText(group, box, box.width, 6);
        box.branches.forEach(function (branch) {
          var holder = svg("g", { "class": "branch", transform: "translate(" + branch.x + "," + branch.y + ")" });
          holder.appendChild(svg("rect", { "class": "branch-box", width: branch.width, height: branch.height, rx: 6 }));
          holder.appendChild(svg("text", { "class": "branch-label", x: 8, y: 13, text: branch.label }));
          var inner = svg("g", { transform: "translate(" + BRANCH_PAD + "," + (BRANCH_PAD + BRANCH_LABEL) + ")" });
          drawScope(branch.layout, inner, view);
          holder.appendChild(inner);
          group.appendChild(holder);
        });
      } else {
        drawStateText(group, box, box.width, (box.height - (box.nameLines.length * 17 + 15)) / 2 + 1);
      }
      group.addEventListener("click", function (event) {
        event.stopPropagation();
        if (view.onSelect) view.onSelect(node.name);
      });
      view.nodeElements[node.name] = { element: group, title: title, node: node };
      parent.appendChild(group);
    });
  }

  function drawScope(layout, parent, view) {
    var edges = svg("g", { "class": "edges" });
    parent.appendChild(edges);
    drawEdges(layout, edges, view.ids);
    drawNodes(layout, parent, view);
  }

  function markers(ids) {
    function arrow(id, cls) {
      return svg("marker", {
        id: id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 8, markerHeight: 8,
        orient: "auto-start-reverse", "class": cls,
      }, svg("path", { d: "M0,0L10,5L0,10z" }));
    }
    return svg("defs", null, arrow(ids.arrow, "arrow"), arrow(ids.catchArrow, "arrow arrow-catch"));
  }

  // Builds the graph panel (toolbar + scrollable SVG) into `container`.
  // options.onSelect(name) is called when a state is clicked.
  function create(container, model, options) {
    options = options || {};
    graphCount += 1;
    var view = {
      ids: { arrow: "arrow-" + graphCount, catchArrow: "arrow-catch-" + graphCount },
      nodeElements: {},
      onSelect: options.onSelect,
      scale: 1,
    };
    var layout = layoutScope(model);
    var root = svg("svg", {
      "class": "sfn-graph", xmlns: "http://www.w3.org/2000/svg",
      viewBox: "0 0 " + layout.width + " " + layout.height, role: "img",
      "aria-label": "State machine graph",
    });
    root.appendChild(markers(view.ids));
    var content = svg("g", { "class": "graph-content" });
    drawScope(layout, content, view);
    root.appendChild(content);

    var scroll = h("div", { "class": "graph-scroll" }, root);
    var zoomLabel = h("span", { "class": "zoom-label" }, "100%");
    function setScale(scale) {
      view.scale = Math.max(0.2, Math.min(3, scale));
      root.setAttribute("width", String(Math.round(layout.width * view.scale)));
      root.setAttribute("height", String(Math.round(layout.height * view.scale)));
      zoomLabel.textContent = Math.round(view.scale * 100) + "%";
    }
    function fitWidth() {
      var available = scroll.clientWidth - 24;
      if (available <= 0) return setScale(1);
      setScale(Math.min(1, available / layout.width));
    }
    // The whole graph when that keeps it readable (70% or more), else the width, down to 70%
    // (and a scroll bar) at most.
    function fitInitially() {
      var availableW = scroll.clientWidth - 24;
      var maxH = parseFloat(window.getComputedStyle(scroll).maxHeight);
      var availableH = isNaN(maxH) ? Infinity : maxH - 24;
      if (availableW <= 0) return setScale(1);
      var whole = Math.min(1, availableW / layout.width, availableH / layout.height);
      if (whole >= 0.7) setScale(whole);
      else setScale(Math.max(0.7, Math.min(1, availableW / layout.width)));
    }
    var toolbar = h("div", { "class": "graph-toolbar" },
      h("button", { type: "button", "class": "btn btn-small", "data-zoom": "out", title: "Zoom out", onclick: function () { setScale(view.scale / 1.25); } }, "−"),
      zoomLabel,
      h("button", { type: "button", "class": "btn btn-small", "data-zoom": "in", title: "Zoom in", onclick: function () { setScale(view.scale * 1.25); } }, "+"),
      h("button", { type: "button", "class": "btn btn-small", "data-zoom": "reset", title: "Actual size", onclick: function () { setScale(1); } }, "100%"),
      h("button", { type: "button", "class": "btn btn-small", "data-zoom": "fit", title: "Fit to width", onclick: fitWidth }, "Fit width"),
      options.toolbarExtra || null);
    var panel = h("div", { "class": "graph-panel" }, toolbar, scroll);
    container.appendChild(panel);
    setScale(1);
    fitInitially();

    return {
      element: panel,
      svg: root,
      layout: layout,
      fitWidth: fitWidth,
      fitInitially: fitInitially,
      setScale: setScale,
      // statuses: name -> "succeeded" | "failed" | "caught" | "in-progress" | "not-reached".
      setStatuses: function (statuses, describe) {
        Object.keys(view.nodeElements).forEach(function (name) {
          var entry = view.nodeElements[name];
          var status = statuses[name] || "not-reached";
          entry.element.setAttribute("data-status", status);
          entry.title.textContent = entry.node.name + " — " + (entry.node.caption || entry.node.type) +
            " — " + status.replace("-", " ") + (describe ? describe(name) : "");
        });
      },
      select: function (name) {
        Object.keys(view.nodeElements).forEach(function (key) {
          view.nodeElements[key].element.classList.toggle("selected", key === name);
        });
      },
      // Scrolls the graph (not the page) so the state is in view, e.g. the one that failed.
      reveal: function (name) {
        var entry = view.nodeElements[name];
        if (!entry) return;
        var box = entry.element.getBoundingClientRect();
        var frame = scroll.getBoundingClientRect();
        if (box.top >= frame.top && box.bottom <= frame.bottom && box.left >= frame.left && box.right <= frame.right) return;
        scroll.scrollTop += box.top + box.height / 2 - (frame.top + frame.height / 2);
        scroll.scrollLeft += box.left + box.width / 2 - (frame.left + frame.width / 2);
      },
      hasState: function (name) {
        return Object.prototype.hasOwnProperty.call(view.nodeElements, name);
      },
    };
  }

  // A graph of `definition` (ASL text or object) into `container`; a definition that does not
  // parse shows the reason instead (and gives null).
  function draw(container, definition, options) {
    var model;
    try {
      model = S.graphModel.buildGraph(definition);
    } catch (e) {
      container.appendChild(h("div", { "class": "error-box" }, h("strong", null, "Definition"),
        " cannot be drawn: " + u.errorMessage(e)));
      return null;
    }
    return create(container, model, options);
  }

  S.graphView = { create: create, draw: draw, layoutScope: layoutScope };
})(window.StepSim = window.StepSim || {});
