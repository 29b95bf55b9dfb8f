#!/usr/bin/env python3
"""The conformance ratchet CI runs: both suites in ../shared/conformance against a built stepsim,
each figure compared with the one docs/conformance.md records. A figure below its record fails;
one above it is reported so that the record can be raised.

    python3 tools/conformance_gate.py build/stepsim

Cases docs/conformance.md lists under "Left out of the ratchet" (they run on the wall clock and
may flake on a loaded machine) count in no figure. Without ../shared/conformance there is nothing
to measure and the gate passes, saying so.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUITES = os.path.join(os.path.dirname(ROOT), "shared", "conformance")
RECORD = os.path.join(ROOT, "docs", "conformance.md")

# The measures as docs/conformance.md names them in its "Current figures" table.
MEASURES = {
    "outcome": "final status and output agree",
    "events": "sequence of history event types agrees",
    "full": "full history agrees",
    "jsonata": "cases pass",
}


def recorded_figures(text):
    """{measure: (figure, total)} from the table rows of docs/conformance.md."""
    figures = {}
    for key, label in MEASURES.items():
        match = re.search(r"^\|[^|\n]*\|\s*" + re.escape(label) + r"[^|\n]*\|\s*(\d+)\s*/\s*(\d+)\s*\|",
                          text, re.MULTILINE)
        if not match:
            sys.exit(f"docs/conformance.md has no figure for '{label}'")
        figures[key] = (int(match.group(1)), int(match.group(2)))
    return figures


def left_out(text):
    """The case ids listed (in backquotes) under the "Left out of the ratchet" heading."""
    section = re.search(r"^## Left out of the ratchet\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    return set(re.findall(r"`([^`]+::[^`]+)`", section.group(1))) if section else set()


def localstack_figures(stepsim, excluded, results_path):
    subprocess.run([sys.executable, os.path.join(SUITES, "localstack", "run.py"), "--stepsim", stepsim,
                    "--json", results_path],
                   check=True, stdout=subprocess.DEVNULL)
    with open(results_path) as fh:
        ran = [r for r in json.load(fh) if r["status"] == "ran"]
    counted = [r for r in ran if not any(r["id"].endswith(case) for case in excluded)]
    return {key: (sum(1 for r in counted if r[key]), len(counted)) for key in ("outcome", "events", "full")}


def jsonata_figure(stepsim):
    out = subprocess.run([sys.executable, os.path.join(SUITES, "jsonata", "run.py"), "--stepsim", stepsim],
                         check=True, capture_output=True, text=True).stdout
    match = re.search(r"^(\d+)/(\d+) cases pass", out, re.MULTILINE)
    if not match:
        sys.exit("the JSONata runner printed no pass count:\n" + out[-2000:])
    return int(match.group(1)), int(match.group(2))


def main():
    stepsim = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build", "stepsim")
    if not os.path.isdir(SUITES):
        print(f"conformance gate: {SUITES} is not here; nothing to measure")
        return 0
    with open(RECORD) as fh:
        text = fh.read()
    record = recorded_figures(text)
    measured = localstack_figures(stepsim, left_out(text),
                                  os.path.join(os.path.dirname(os.path.abspath(stepsim)), "conformance.json"))
    measured["jsonata"] = jsonata_figure(stepsim)
    failed = False
    for key, label in MEASURES.items():
        (now, total), (then, _) = measured[key], record[key]
        verdict = "below the record" if now < then else "above the record: raise it" if now > then else "as recorded"
        failed |= now < then
        print(f"conformance gate: {label}: {now} / {total} (recorded {then}) {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
