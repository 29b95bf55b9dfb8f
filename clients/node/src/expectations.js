// Execution expectations with the semantics of a scenario file's `expect.executions.<name>`
// (scenarios/schema.json, emulator/scenario/expectations.cpp): the same keys, the same
// comparisons and the same wording of what was not met, so a check written in a test and one
// written in a scenario mean the same thing. Pure functions over a DescribeExecution answer and
// the history's events; fetching them is executions.js's job.

/** The keys of a scenario's executionExpectation, in the order they are checked. */
export const EXPECTATION_KEYS = Object.freeze([
  "status", "error", "cause", "version", "output", "outputContains", "durationSeconds",
  "events", "states", "stateEntered", "assigned",
]);

/** Levenshtein distance, for the "did you mean" of a mistyped expectation key. */
function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; ++i) {
    const current = [i];
    for (let j = 1; j <= b.length; ++j)
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/**
 * Refuses keys a scenario would refuse (its schema has additionalProperties: false): a typo such
 * as `state` must not turn an assertion into one that always passes.
 * @param {object} expect
 */
export function checkExpectationKeys(expect) {
  if (!expect || typeof expect !== "object" || Array.isArray(expect))
    throw new TypeError("an execution expectation must be an object such as {status: \"SUCCEEDED\"}");
  for (const key of Object.keys(expect)) {
    if (EXPECTATION_KEYS.includes(key)) continue;
    const nearest = [...EXPECTATION_KEYS].sort((a, b) => editDistance(key, a) - editDistance(key, b))[0];
    const hint = editDistance(key, nearest) <= Math.max(2, Math.floor(key.length / 3))
      ? ` (did you mean '${nearest}'?)` : "";
    throw new TypeError(`unknown execution expectation '${key}'${hint}; valid: ${EXPECTATION_KEYS.join(", ")}`);
  }
}

/** JSON text cut to 200 characters, as the scenario report shows values. */
function shortText(value) {
  const text = JSON.stringify(value) ?? "null";
  return text.length > 200 ? text.slice(0, 197) + "..." : text;
}

/** RFC 6901 escaping of one pointer segment. */
function appendPointer(pointer, key) {
  return pointer + "/" + String(key).replaceAll("~", "~0").replaceAll("/", "~1");
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Deep equality of JSON values (member order does not matter). */
function jsonEqual(a, b) {
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length &&
      keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

function diffInto(expected, actual, subset, pointer, out, limit) {
  if (out.length >= limit) return;
  const at = pointer === "" ? "(the whole value)" : pointer;
  if (isObject(expected) && isObject(actual)) {
    for (const key of Object.keys(expected).sort()) {
      const child = appendPointer(pointer, key);
      if (!Object.hasOwn(actual, key)) {
        if (out.length < limit) out.push(`${child}: missing (expected ${shortText(expected[key])})`);
      } else {
        diffInto(expected[key], actual[key], subset, child, out, limit);
      }
    }
    if (!subset)
      for (const key of Object.keys(actual).sort())
        if (!Object.hasOwn(expected, key) && out.length < limit)
          out.push(`${appendPointer(pointer, key)}: unexpected member ${shortText(actual[key])}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) {
      out.push(`${at}: expected ${expected.length} items, got ${actual.length}`);
      return;
    }
    expected.forEach((item, i) => diffInto(item, actual[i], subset, `${pointer}/${i}`, out, limit));
    return;
  }
  if (!jsonEqual(expected, actual)) out.push(`${at}: expected ${shortText(expected)}, got ${shortText(actual)}`);
}

/**
 * One line per difference between JSON values, "" when they match: exact, or as a subset
 * (objects may have more members; arrays must match element by element).
 * @returns {string[]}
 */
export function jsonDiff(expected, actual, { subset = false, limit = 20 } = {}) {
  const out = [];
  diffInto(expected, actual, subset, "", out, limit);
  return out;
}

/** "[a, b, c]" of at most `limit` names. */
function listText(items, limit = 40) {
  const shown = items.slice(0, limit).join(", ");
  return `[${shown}${items.length > limit ? `, ... (${items.length} in all)` : ""}]`;
}

/**
 * Whether `expected` appears in `actual` in order, other items allowed between (the meaning of a
 * scenario's `states` and `events`). Returns null when it does, else how far it got.
 * @param {string[]} expected
 * @param {string[]} actual
 * @returns {null | { matched: number, missing: string }}
 */
export function subsequenceMismatch(expected, actual) {
  let at = 0;
  for (let matched = 0; matched < expected.length; ++matched) {
    while (at < actual.length && actual[at] !== expected[matched]) ++at;
    if (at === actual.length) return { matched, missing: expected[matched] };
    ++at;
  }
  return null;
}

/**
 * The names of the states an execution entered, in order, from its history: every event with
 * `stateEnteredEventDetails` (Parallel branches and inline Map iterations included, as they are
 * recorded in the same history; Distributed Map children are executions of their own).
 * @param {Array<{ stateEnteredEventDetails?: { name?: string } }>} events
 * @returns {string[]}
 */
export function statesEntered(events) {
  return events.filter((e) => e.stateEnteredEventDetails?.name !== undefined)
    .map((e) => e.stateEnteredEventDetails.name);
}

/** The variables each state's last exit assigned (`assignedVariables` hold JSON texts). */
function lastAssigned(events) {
  const byState = new Map();
  for (const event of events) {
    const details = event.stateExitedEventDetails;
    if (!details?.assignedVariables) continue;
    const values = {};
    for (const [name, text] of Object.entries(details.assignedVariables)) values[name] = JSON.parse(text);
    byState.set(details.name, values);
  }
  return byState;
}

/** A number as the report writes it: integers without a fraction. */
const numberText = (n) => String(Number.isInteger(n) ? n : Number(n));

/** Milliseconds since the epoch of a Date (SDK) or epoch seconds (the raw awsJson answer). */
export function toMillis(value) {
  if (value instanceof Date) return value.getTime();
  if (typeof value === "number") return value * 1000;
  if (typeof value === "string") return Date.parse(value);
  return undefined;
}

function durationUnmet(what, expected, actual) {
  if (typeof expected === "number") {
    if (Math.abs(expected - actual) > 1e-9)
      return { what, expected: `${numberText(expected)}s`, actual: `${numberText(actual)}s`, diff: [] };
    return null;
  }
  const low = expected.min !== undefined && actual < expected.min;
  const high = expected.max !== undefined && actual > expected.max;
  if (!low && !high) return null;
  const bound = (value) => (value !== undefined ? numberText(value) : "");
  const range = `${bound(expected.min)}..${bound(expected.max)}`;
  return { what, expected: `${range} s`, actual: `${numberText(actual)}s`, diff: [] };
}

/**
 * Checks one execution against a scenario-style expectation.
 * @param {object} execution
 * @param {object} execution.description a DescribeExecution answer (SDK or raw)
 * @param {object[]} [execution.events] its history; needed for events/states/stateEntered/assigned
 * @param {number} [execution.nowMillis] the virtual now, to measure a running execution
 * @param {object} expect status, output, outputContains, error, cause, events, states,
 *   stateEntered, assigned, durationSeconds, version
 * @returns {Array<{ what: string, expected: string, actual: string, diff: string[] }>} unmet ones
 */
export function checkExecution({ description, events = [], nowMillis }, expect) {
  checkExpectationKeys(expect);
  const what = `execution ${description.name ?? description.executionArn}`;
  const unmet = [];
  for (const key of ["status", "error", "cause"])
    if (key in expect && expect[key] !== (description[key] ?? ""))
      unmet.push({ what: `${what} ${key}`, expected: JSON.stringify(expect[key]),
        actual: JSON.stringify(description[key] ?? ""), diff: [] });
  if ("version" in expect) {
    const versionArn = description.stateMachineVersionArn ?? "";
    const ran = versionArn ? versionArn.slice(versionArn.lastIndexOf(":") + 1) : "no version";
    if (ran !== JSON.stringify(expect.version))
      unmet.push({ what: `${what} version`, expected: JSON.stringify(expect.version), actual: ran, diff: [] });
  }
  if ("output" in expect || "outputContains" in expect) {
    const subset = !("output" in expect);
    const wanted = subset ? expect.outputContains : expect.output;
    const output = description.output === undefined || description.output === null
      ? null : JSON.parse(description.output);
    const diff = jsonDiff(wanted, output, { subset });
    if (diff.length)
      unmet.push({ what: `${what} output${subset ? " (subset)" : ""}`, expected: JSON.stringify(wanted),
        actual: JSON.stringify(output), diff });
  }
  if ("durationSeconds" in expect) {
    const stop = toMillis(description.stopDate) ?? nowMillis;
    if (stop === undefined) {
      const actual = `no stop date (still ${description.status}; measure a running execution ` +
        "through the stepsim handle, which knows the virtual now)";
      unmet.push({ what: `${what} duration`, expected: JSON.stringify(expect.durationSeconds), actual, diff: [] });
    } else {
      const seconds = Math.round(stop - toMillis(description.startDate)) / 1000;
      const miss = durationUnmet(`${what} duration`, expect.durationSeconds, seconds);
      if (miss) unmet.push(miss);
    }
  }
  unmet.push(...historyUnmet(what, events, expect));
  return unmet;
}

/** The history-based expectations: events, states, stateEntered, assigned. */
function historyUnmet(what, events, expect) {
  const unmet = [];
  const ordered = (label, wanted, actual) => {
    const miss = subsequenceMismatch(wanted, actual);
    if (miss)
      unmet.push({ what: `${what} ${label} (in order)`, expected: listText(wanted), actual: listText(actual),
        diff: [`the first ${miss.matched} matched; '${miss.missing}' was not found after them`] });
  };
  const entered = statesEntered(events);
  if ("events" in expect) ordered("history events", expect.events, events.map((e) => e.type));
  if ("states" in expect) ordered("states entered", expect.states, entered);
  if ("stateEntered" in expect)
    for (const [state, times] of Object.entries(expect.stateEntered)) {
      const count = entered.filter((name) => name === state).length;
      if (count !== times)
        unmet.push({ what: `${what} entered '${state}'`, expected: `${times} times`,
          actual: `${count} times`, diff: [] });
    }
  if ("assigned" in expect) {
    const assigned = lastAssigned(events);
    for (const [state, wanted] of Object.entries(expect.assigned)) {
      const actual = assigned.get(state) ?? {};
      const diff = jsonDiff(wanted, actual, { subset: true });
      if (diff.length)
        unmet.push({ what: `${what} variables assigned by '${state}' (subset)`, expected: JSON.stringify(wanted),
          actual: JSON.stringify(actual), diff });
    }
  }
  return unmet;
}

/** The lines `stepsim run` prints under a failed scenario, for an assertion's message. */
export function formatUnmet(unmet) {
  return unmet.flatMap((u) => [`${u.what}: expected ${u.expected}, got ${u.actual}`, ...u.diff.map((d) => `    ${d}`)]);
}
