#!/usr/bin/env python3
"""How long building stepsim takes, and how much of it ccache saves: a benchmark, not a test.

For each revision given, in fresh clones under a scratch directory and with a ccache directory of
its own (so one revision's cache cannot warm another's):

  cold       configure + build a fresh clone with an empty cache
  no-op      build again, nothing changed
  header     one line added to a header most of the code includes (emulator/core/json_text.h),
             build again: what an edit of a core header costs
  warm       configure + build a second fresh clone in another directory with the cache the
             first filled: a new checkout (CI's clean clone) on a machine that built before
  ci         with --ci: `CI=true bash .ci/run` in a third fresh clone, twice (the first fills the
             cache with what only CI builds, such as the sanitizer tree); the second is reported

Usage: tools/bench/build_bench.py [--ci] [--jobs N] [--scratch DIR] REV [REV ...]
Prints a table (seconds, and ccache's hit rate per step) and, with --json FILE, writes the figures.
The machine is shared: run it when nothing else builds, and compare revisions in one run.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HEADER = "emulator/core/json_text.h"


def run(command, cwd, env, log):
    began = time.monotonic()
    with open(log, "ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        result = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        sys.exit(f"build_bench: {' '.join(command)} failed in {cwd} (see {log})")
    return time.monotonic() - began


def ccache_hit_rate(env):
    stats = subprocess.run(["ccache", "--print-stats"], env=env, capture_output=True, text=True).stdout
    values = dict(line.split("\t", 1) for line in stats.splitlines() if "\t" in line)
    hits = int(values.get("direct_cache_hit", 0)) + int(values.get("preprocessed_cache_hit", 0))
    misses = int(values.get("cache_miss", 0))
    return f"{100 * hits / (hits + misses):.0f}%" if hits + misses else "-"


def step(name, command, cwd, env, log, figures):
    subprocess.run(["ccache", "--zero-stats"], env=env, capture_output=True)
    seconds = run(command, cwd, env, log)
    figures[name] = {"seconds": round(seconds, 1), "ccache_hits": ccache_hit_rate(env)}
    print(f"  {name:<7} {seconds:8.1f} s   ccache hits {figures[name]['ccache_hits']}", flush=True)


def clone(source, rev, directory):
    subprocess.run(["git", "clone", "-q", "--no-checkout", source, directory], check=True)
    subprocess.run(["git", "-C", directory, "checkout", "-q", rev], check=True)


def bench(source, rev, scratch, jobs, with_ci):
    root = os.path.join(scratch, rev)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    env = {**os.environ, "CCACHE_DIR": os.path.join(root, "ccache")}
    log = os.path.join(root, "build.log")
    build = ["cmake", "--build", "build", "-j", str(jobs)]
    configure_and_build = ["sh", "-c", "cmake -B build -G Ninja >/dev/null && " + " ".join(build)]
    figures = {}
    print(f"{rev}:", flush=True)
    first = os.path.join(root, "first")
    clone(source, rev, first)
    step("cold", configure_and_build, first, env, log, figures)
    step("no-op", build, first, env, log, figures)
    with open(os.path.join(first, HEADER), "a") as header:
        header.write("// build_bench: an edit\n")
    step("header", build, first, env, log, figures)
    second = os.path.join(root, "second")
    clone(source, rev, second)
    step("warm", configure_and_build, second, env, log, figures)
    if with_ci:
        ci_env = {**env, "CI": "true"}
        for attempt in ("ci-fill", "ci"):
            directory = os.path.join(root, attempt)
            clone(source, rev, directory)
            if attempt == "ci-fill":
                subprocess.run(["ccache", "--zero-stats"], env=env, capture_output=True)
                run(["bash", ".ci/run"], directory, ci_env, log)
            else:
                step("ci", ["bash", ".ci/run"], directory, ci_env, log, figures)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("revs", nargs="+")
    parser.add_argument("--ci", action="store_true", help="also time a clean-clone .ci/run")
    parser.add_argument("--jobs", type=int, default=os.cpu_count())
    parser.add_argument("--scratch", default=os.path.join(tempfile.gettempdir(), "stepsim-build-bench"))
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    source = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True,
                            text=True, check=True).stdout.strip()
    results = {}
    for rev in args.revs:
        sha = subprocess.run(["git", "rev-parse", "--short", rev], capture_output=True, text=True,
                             check=True, cwd=source).stdout.strip()
        results[sha] = bench(source, sha, args.scratch, args.jobs, args.ci)
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
