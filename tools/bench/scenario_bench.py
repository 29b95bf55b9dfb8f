#!/usr/bin/env python3
"""Wall time of `stepsim run` over the scenarios library and over single scenarios.

    tools/bench/scenario_bench.py build/stepsim [--runs 5]

Each run is a fresh process (`stepsim run ... --json`); the figure is the process's wall time
(start to exit, loading and checking the files included), median of the runs, plus the in-run
figures the JSON report gives per scenario.
"""
import argparse
import json
import os
import statistics
import subprocess
import time

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def run(binary, paths, runs, jobs=None):
    walls, per_scenario = [], {}
    for _ in range(runs):
        args = [binary, "run", *paths, "--json"] + (["--jobs", str(jobs)] if jobs else [])
        start = time.perf_counter()
        result = subprocess.run(args, capture_output=True, text=True, check=False)
        walls.append((time.perf_counter() - start) * 1000)
        if result.returncode != 0:
            raise SystemExit(f"stepsim run failed ({result.returncode}): {result.stdout}{result.stderr}")
        for scenario in json.loads(result.stdout)["scenarios"]:
            per_scenario.setdefault(scenario["name"], []).append(scenario["wallMs"])
    return statistics.median(walls), {k: statistics.median(v) for k, v in per_scenario.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    library = os.path.join(ROOT, "scenarios")
    map_scenario = os.path.join(library, "map", "map_1000_batch_sync.json")

    wall, scenarios = run(args.binary, [library], args.runs)
    print(f"scenarios library ({len(scenarios)} scenarios, one per core): {wall:.0f} ms wall, median of {args.runs}")
    serial, _ = run(args.binary, [library], args.runs, jobs=1)
    print(f"scenarios library, --jobs 1: {serial:.0f} ms wall")
    for name, ms in sorted(scenarios.items(), key=lambda item: -item[1]):
        print(f"  {name:45s} {ms:8.1f} ms in-run")
    map_wall, _ = run(args.binary, [map_scenario], args.runs)
    print(f"map-1000-batch-sync alone: {map_wall:.0f} ms wall (process)")


if __name__ == "__main__":
    main()
