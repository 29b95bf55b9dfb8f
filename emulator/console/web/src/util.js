// Small helpers every other file uses: DOM and SVG builders, time and JSON formatting, text
// measuring. Classic script (the HTML report inlines it): everything hangs off window.StepSim.
(function (S) {
  "use strict";
  var SVG_NS = "http://www.w3.org/2000/svg";

  // h("div", {class: "x", onclick: fn}, child, "text", [more children]) -> Element.
  // Event handlers are attached with addEventListener (no inline on* attributes anywhere).
  function build(element, attrs, children) {
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key.slice(0, 2) === "on" && typeof value === "function") {
          element.addEventListener(key.slice(2), value);
        } else if (key === "text") {
          element.textContent = value;
        } else {
          element.setAttribute(key, value === true ? "" : String(value));
        }
      });
    }
    appendChildren(element, children);
    return element;
  }

  function appendChildren(element, children) {
    children.forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      if (Array.isArray(child)) return appendChildren(element, child);
      element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
    });
  }

  function h(tag, attrs) {
    return build(document.createElement(tag), attrs, Array.prototype.slice.call(arguments, 2));
  }

  function svg(tag, attrs) {
    return build(document.createElementNS(SVG_NS, tag), attrs, Array.prototype.slice.call(arguments, 2));
  }

  function clear(element) {
    while (element.firstChild) element.removeChild(element.firstChild);
    return element;
  }

  // Virtual time is UTC and the console shows it as such, so runs read the same everywhere.
  function pad(n, width) {
    var s = String(n);
    while (s.length < (width || 2)) s = "0" + s;
    return s;
  }

  function formatDateTime(ms) {
    if (ms === undefined || ms === null || isNaN(ms)) return "–";
    var d = new Date(ms);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " +
      pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds()) + "." +
      pad(d.getUTCMilliseconds(), 3);
  }

  function formatTimeOfDay(ms) {
    var d = new Date(ms);
    return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds());
  }

  // 0 -> "0 s", 61500 -> "1 min 1.5 s", 7260000 -> "2 h 1 min".
  function formatDuration(ms) {
    if (ms === undefined || ms === null || isNaN(ms)) return "–";
    if (ms < 1000) return Math.round(ms) + " ms";
    var seconds = ms / 1000;
    if (seconds < 60) return trimNumber(seconds) + " s";
    var minutes = Math.floor(seconds / 60);
    var rest = seconds - minutes * 60;
    if (minutes < 60) return minutes + " min" + (rest ? " " + trimNumber(rest) + " s" : "");
    var hours = Math.floor(minutes / 60);
    minutes -= hours * 60;
    return hours + " h" + (minutes ? " " + minutes + " min" : "");
  }

  function trimNumber(x) {
    return String(Math.round(x * 1000) / 1000);
  }

  // Step Functions gives epoch seconds (floats); everything inside the console is epoch ms.
  function secondsToMs(value) {
    return value === undefined || value === null ? null : Math.round(Number(value) * 1000);
  }

  function tryParseJson(text) {
    if (typeof text !== "string") return { ok: false };
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false };
    }
  }

  // A JSON document as text, pretty-printed when it parses (inputs and outputs arrive as strings).
  function prettyJson(text) {
    if (text === undefined || text === null) return "";
    if (typeof text !== "string") return JSON.stringify(text, null, 2);
    var parsed = tryParseJson(text);
    return parsed.ok ? JSON.stringify(parsed.value, null, 2) : text;
  }

  // Event details with their embedded JSON strings (input, output, parameters...) opened up, so
  // the expanded event row reads like the AWS console's.
  function expandJsonStrings(value, depth) {
    depth = depth || 0;
    if (depth > 3 || value === null || typeof value !== "object") return value;
    var out = Array.isArray(value) ? [] : {};
    Object.keys(value).forEach(function (key) {
      var item = value[key];
      if (typeof item === "string" && /^\s*[[{"]/.test(item)) {
        var parsed = tryParseJson(item);
        out[key] = parsed.ok ? parsed.value : item;
      } else {
        out[key] = expandJsonStrings(item, depth + 1);
      }
    });
    return out;
  }

  // Pixel width of `text` in the console's UI font (graph node sizes are computed before render).
  var measureContext = null;
  var FONT_FAMILY = '-apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif';
  function textWidth(text, font) {
    if (!measureContext) measureContext = document.createElement("canvas").getContext("2d");
    measureContext.font = font || ("13px " + FONT_FAMILY);
    return measureContext.measureText(text).width;
  }

  // Splits `text` into at most `maxLines` lines no wider than `width` (the last one ellipsized).
  function wrapText(text, width, font, maxLines) {
    var words = String(text).split(/\s+/);
    var lines = [];
    var line = "";
    words.forEach(function (word) {
      var candidate = line ? line + " " + word : word;
      if (!line || textWidth(candidate, font) <= width) {
        line = candidate;
      } else {
        lines.push(line);
        line = word;
      }
    });
    if (line) lines.push(line);
    if (lines.length > maxLines) {
      lines = lines.slice(0, maxLines);
      lines[maxLines - 1] += "…";
    }
    return lines.map(function (l) { return ellipsize(l, width, font); });
  }

  function ellipsize(text, width, font) {
    if (textWidth(text, font) <= width) return text;
    var s = text;
    while (s.length > 1 && textWidth(s + "…", font) > width) s = s.slice(0, -1);
    return s + "…";
  }

  function lastSegment(arn, separator) {
    if (!arn) return "";
    var parts = String(arn).split(separator || ":");
    return parts[parts.length - 1];
  }

  // A status word as a coloured badge: SUCCEEDED, FAILED, RUNNING, RUNNABLE...
  function statusBadge(status, attrs) {
    var a = attrs || {};
    a["class"] = "badge badge-" + String(status || "unknown").toLowerCase().replace(/_/g, "-") +
      (a["class"] ? " " + a["class"] : "");
    a["data-status"] = status || "";
    return h("span", a, String(status || "–").replace(/_/g, " "));
  }

  function errorMessage(error) {
    if (!error) return "";
    return error.message || String(error);
  }

  S.util = {
    h: h,
    svg: svg,
    clear: clear,
    formatDateTime: formatDateTime,
    formatTimeOfDay: formatTimeOfDay,
    formatDuration: formatDuration,
    secondsToMs: secondsToMs,
    tryParseJson: tryParseJson,
    prettyJson: prettyJson,
    expandJsonStrings: expandJsonStrings,
    textWidth: textWidth,
    wrapText: wrapText,
    ellipsize: ellipsize,
    lastSegment: lastSegment,
    statusBadge: statusBadge,
    errorMessage: errorMessage,
    FONT_FAMILY: FONT_FAMILY,
  };
})(window.StepSim = window.StepSim || {});
