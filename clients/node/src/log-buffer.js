// The server's log as the helper keeps it: bounded, addressable by offset, and filterable by the
// timestamps stepsim writes on every line (text and json formats), so that a failed test is shown
// the lines of its own time.

/**
 * The server's log: every stderr line (and any stdout after the listening line), kept up to a
 * limit so a chatty server cannot exhaust the test's memory; what is dropped is the oldest.
 */
export class LogBuffer {
  constructor(limit) {
    this.limit = limit;
    this.text = "";
    this.dropped = 0; // characters dropped from the front, so offsets stay absolute
  }

  append(chunk) {
    this.text += chunk;
    const excess = this.text.length - this.limit;
    if (excess > 0) {
      this.text = this.text.slice(excess);
      this.dropped += excess;
    }
  }

  /** Characters logged so far; a mark for `since`. */
  get length() {
    return this.dropped + this.text.length;
  }

  since(offset = 0) {
    const start = Math.max(0, offset - this.dropped);
    const cut = offset < this.dropped ? `[... ${this.dropped - offset} characters dropped]\n` : "";
    return cut + this.text.slice(start);
  }
}

/**
 * The wall time a log line was written, from its leading timestamp (`--log-format text`) or its
 * `time` member (`json`); undefined for a line that has none (a continuation line).
 */
function lineTime(line) {
  const text = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s/.exec(line);
  if (text) return Date.parse(text[1]);
  if (!line.startsWith("{")) return undefined;
  try {
    const parsed = Date.parse(JSON.parse(line).time);
    return Number.isNaN(parsed) ? undefined : parsed;
  } catch {
    return undefined;
  }
}

/** `text` without the lines written before `atMillis` (continuation lines go with their line). */
export function dropLinesBefore(text, atMillis) {
  let keep = true;
  return text.split(/(?<=\n)/).filter((line) => {
    const at = lineTime(line);
    if (at !== undefined) keep = at >= atMillis;
    return keep;
  }).join("");
}
