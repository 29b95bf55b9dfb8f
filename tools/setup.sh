#!/usr/bin/env bash
# Installs what stepsim needs to build and test on Debian 12, only what is missing. Idempotent.
# With --fuzzing: clang with its libFuzzer and sanitizer runtimes, for the fuzz targets and the
# sanitizer tree (docs/fuzzing.md, .ci/run).
set -euo pipefail

install_missing() {
  [ $# -gt 0 ] || return 0
  echo "setup: installing $*" >&2
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The Debian packages of `packages` that are not installed yet, into `missing`.
missing=()
collect_missing() {
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
}

if [ "${1:-}" = "--fuzzing" ]; then
  collect_missing clang libclang-rt-dev
  install_missing "${missing[@]}"
  exit 0
fi

collect_missing build-essential cmake ninja-build ccache pkg-config libboost-dev nlohmann-json3-dev \
                catch2 libspdlog-dev libcli11-dev python3 libssl-dev libzip-dev libpcre2-dev \
                libyaml-cpp-dev
# The tests drive the emulator with real clients: boto3 (whose botocore models are also the API
# spec the build embeds) and the AWS CLI. Use the ones on PATH if present, else Debian's.
python3 -c 'import boto3' 2>/dev/null || missing+=(python3-boto3)
# tests/clients/test_scenario_schema.py checks scenarios/ against scenarios/schema.json (draft 2020-12).
python3 -c 'import jsonschema' 2>/dev/null || missing+=(python3-jsonschema)
# The pytest plugin (clients/python) is tested with Debian's own python3, its pytest and boto3.
collect_missing python3-pytest python3-boto3 python3-setuptools python3-wheel python3-venv python3-pip
# tests/clients/test_ci_recipes.py reads the CI examples (YAML).
python3 -c 'import yaml' 2>/dev/null || missing+=(python3-yaml)
command -v aws >/dev/null 2>&1 || missing+=(awscli)
# `aws logs tail` exists only in the AWS CLI v2: Debian's awscli is 2.x (/usr/bin/aws).
[ -x /usr/bin/aws ] && /usr/bin/aws --version 2>&1 | grep -q '^aws-cli/2' || collect_missing awscli
# The JavaScript SDK tests need node and npm (Debian's if the machine has none).
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
# The web console's browser tests drive Debian's Chromium headless (puppeteer-core, no download).
collect_missing chromium
install_missing "${missing[@]}"

# npm ci into `dir` when its lockfile is newer than what node_modules holds (or nothing is there).
npm_ci() {
  local dir="$1" what="$2"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] ||
     [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "setup: installing $what (npm ci in $dir)" >&2
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

# Pinned by their lockfiles: the AWS SDK for JavaScript v3 and puppeteer-core for the client tests,
# and the front-end library the build embeds in the web console (dagre, with its license).
npm_ci "$(dirname "$0")/../tests/clients/js" "the AWS SDK for JavaScript and puppeteer-core"
npm_ci "$(dirname "$0")/../emulator/console/web" "the web console's graph layout library"
npm_ci "$(dirname "$0")/../clients/node" "the Node test helper's SDK test dependencies"
