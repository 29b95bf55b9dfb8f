#!/usr/bin/env bash
# Runs the fuzz targets of a build configured with -DSTEPSIM_FUZZ=ON (docs/fuzzing.md):
#
#   tools/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]
#
# For each target (all of them by default): replays every input in tools/fuzz/regressions/<target>/,
# then fuzzes for SECONDS, starting from the seeds tools/fuzz/make_seeds.py writes and the corpus
# earlier runs left in BUILD_DIR/fuzz-corpus/<target>. A crash, leak, sanitizer report or timeout is
# saved to BUILD_DIR/fuzz-findings/ and makes the script fail, printing the report and the input.
# FUZZ_SEED=N fixes libFuzzer's random seed, so that a run from the same corpus takes the same path
# (CI does, so that it checks what was checked before landing); unset, every run explores anew.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}" && pwd)"
seconds="${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}"
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_jsonata fuzz_asl_expressions fuzz_definition fuzz_scenario
                                     fuzz_protocol fuzz_http_request fuzz_policy fuzz_cfn_template)

seeds="$build/fuzz-seeds"
python3 "$here/make_seeds.py" "$seeds" >/dev/null
mkdir -p "$build/fuzz-findings"
export ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
seed_args=()
[ -n "${FUZZ_SEED:-}" ] && seed_args=(-seed="$FUZZ_SEED")
failed=0
for target in "${targets[@]}"; do
  binary="$build/tools/fuzz/$target"
  corpus="$build/fuzz-corpus/$target"
  mkdir -p "$corpus"
  log="$build/fuzz-findings/$target.log"
  regressions=()
  for input in "$here/regressions/$target"/*; do [ -e "$input" ] && regressions+=("$input"); done
  if [ ${#regressions[@]} -gt 0 ]; then
    if ! "$binary" -timeout=10 -rss_limit_mb=2048 "${regressions[@]}" >"$log" 2>&1; then
      echo "$target: a regression input fails again (see $log)" >&2
      failed=1
      continue
    fi
  fi
  if "$binary" "$corpus" "$seeds/$target" "${seed_args[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=16384 -print_final_stats=1 -artifact_prefix="$build/fuzz-findings/$target-" >"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*' || echo '?')
    echo "$target: ${seconds}s, $runs inputs, coverage $cov edges, corpus $(ls "$corpus" | wc -l) files, ${#regressions[@]} regressions replayed"
  else
    echo "$target: FINDING (see $log and $build/fuzz-findings/$target-*)" >&2
    # CI keeps only what is printed: the report itself, and the input as base64 to replay it.
    grep -E -A12 '^==[0-9]+==|^SUMMARY|ERROR: libFuzzer' "$log" | head -40 >&2 || true
    for artifact in "$build/fuzz-findings/$target"-*; do
      [ -f "$artifact" ] && { echo "$artifact (base64):"; head -c 4096 "$artifact" | base64 -w0; echo; } >&2
    done
    failed=1
  fi
done
exit $failed
