#!/usr/bin/env python3
"""Wall time of a Distributed Map over 10,000 items, each child awaiting a Batch job with
batch:submitJob.sync (issue #18's target: well under 5 s).

    tools/bench/distributed_map_bench.py build/stepsim [--items 10000] [--runs 5]

The scenario is the library's scenarios/map/distributed_map_1000_batch_jobs.json with its item
count raised (the items in the input, as States.ArrayRange stops at 1,000), MaxConcurrency 1000,
each child's result cut to one letter so that 10,000 of them fit the 256 KiB a state's result may
have, and its expectations scaled, written to a temporary directory; each run is a fresh
`stepsim run --json` process, timed from start to exit; the figure is the median, with the in-run
time the JSON report gives.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
MAP_DIR = os.path.join(ROOT, "scenarios", "map")


def scaled_scenario(directory, items):
    """The library's 1,000-item scenario and definition, scaled to `items`, written to `directory`."""
    with open(os.path.join(MAP_DIR, "distributed_map_batch.asl.json")) as f:
        definition = json.load(f)
    # States.ArrayRange stops at 1,000 items: the items come in the execution's input instead.
    definition["States"]["Build Items"] = {"Type": "Pass", "Next": "Run Jobs"}
    # 10,000 results must stay under the 256 KiB a state's result may have (on AWS too, which is
    # what ResultWriter is for): each child answers "S" or "F" (a failed job caught in the child).
    processor = definition["States"]["Run Jobs"]["ItemProcessor"]
    job = processor["States"]["Run Item Job"]
    job["ResultSelector"] = {"s": "S"}
    job["Catch"] = [{"ErrorEquals": ["States.ALL"], "Next": "Job Failed"}]
    processor["States"]["Job Failed"] = {"Type": "Pass", "Result": {"s": "F"}, "End": True}
    definition["States"]["Summarize"]["Parameters"] = {
        "children.$": "States.ArrayLength($.run.results)",
        "succeeded.$": "States.ArrayLength($.run.results[?(@.s == 'S')])",
        "failed.$": "States.ArrayLength($.run.results[?(@.s == 'F')])"}
    definition["States"]["Run Jobs"]["MaxConcurrency"] = 1000
    with open(os.path.join(directory, "distributed_map_batch.asl.json"), "w") as f:
        json.dump(definition, f)
    with open(os.path.join(MAP_DIR, "distributed_map_1000_batch_jobs.json")) as f:
        scenario = json.load(f)
    scenario.pop("$schema", None)
    failing = sum(1 for i in range(1, items + 1) if str(i).endswith("77"))
    expected = scenario["expect"]["executions"]["fan-out-1000"]
    expected["output"] = {"children": items, "succeeded": items - failing, "failed": failing}
    expected.pop("durationSeconds")
    scenario["expect"]["jobs"] = {}
    scenario["timeline"][0]["startExecution"]["input"] = {"items": list(range(1, items + 1))}
    path = os.path.join(directory, "distributed_map.json")
    with open(path, "w") as f:
        json.dump(scenario, f)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--items", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="stepsim-dmap-bench-")
    try:
        path = scaled_scenario(directory, args.items)
        walls, in_run, virtual = [], [], None
        for _ in range(args.runs):
            start = time.perf_counter()
            result = subprocess.run([args.binary, "run", path, "--json"], capture_output=True, text=True)
            walls.append((time.perf_counter() - start) * 1000)
            if result.returncode != 0:
                raise SystemExit(f"stepsim run failed ({result.returncode}): {result.stdout[-2000:]}{result.stderr[-2000:]}")
            scenario = json.loads(result.stdout)["scenarios"][0]
            in_run.append(scenario["wallMs"])
            virtual = scenario.get("virtualSeconds")
        print(f"Distributed Map over {args.items} items, batch:submitJob.sync children, MaxConcurrency 1000: "
              f"{statistics.median(walls):.0f} ms wall per process, {statistics.median(in_run):.0f} ms in-run "
              f"(median of {args.runs}; {virtual} virtual seconds)")
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
