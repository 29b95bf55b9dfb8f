#!/usr/bin/env bash
# Installs pytest-stepsim into a throwaway venv, offline, and runs its tests against the real
# stepsim binary. What .ci/run calls.
#
#   clients/python/run_tests.sh [pytest args...]
#
# PYTHON       the interpreter (default /usr/bin/python3, Debian's, with python3-pytest and
#              python3-boto3); any other (a pyenv build with a newer boto3) works too: it keeps its
#              own boto3 and borrows Debian's pytest if it has none.
# STEPSIM_BIN  the binary under test (default: build/stepsim of this checkout).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
python="${PYTHON:-/usr/bin/python3}"
export STEPSIM_BIN="${STEPSIM_BIN:-$repo/build/stepsim}"

fail() { echo "run_tests.sh: $*" >&2; exit 1; }

[ -x "$STEPSIM_BIN" ] || fail "no stepsim binary at $STEPSIM_BIN (build it: cmake --build build)"
command -v "$python" >/dev/null || fail "no interpreter $python"

work="$(mktemp -d "${TMPDIR:-/tmp}/pytest-stepsim-tests.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# --system-site-packages: boto3 and pytest come from the interpreter's own packages (Debian's for
# /usr/bin/python3); a venv also keeps PEP 668 (Debian's "externally managed" Python) out of the way.
# No pip of its own: the interpreter's pip, seen through the system site-packages, installs into it.
"$python" -m venv --system-site-packages --without-pip "$work/venv"
venv_python="$work/venv/bin/python"
site_packages="$("$venv_python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"

has_module() { "$venv_python" -c "import $1" 2>/dev/null; }

# An interpreter without pytest (or without `wheel`, which setuptools before 70.1 builds with) gets
# Debian's, pure Python, linked into the venv, with only those of their dependencies it lacks: its
# own boto3 must stay the one under test.
borrow_from_debian() {
  local debian=/usr/lib/python3/dist-packages module path
  for module in "$@"; do
    has_module "$module" && continue
    for path in "$debian/$module" "$debian/$module.py" "$debian/$module"-[0-9]*-info; do
      if [ -e "$path" ]; then ln -s "$path" "$site_packages/"; fi
    done
  done
}

has_module boto3 || fail "$python has no boto3: apt-get install python3-boto3 (for /usr/bin/python3)"
has_module pip || fail "$python has no pip: apt-get install python3-pip (for /usr/bin/python3)"
if ! has_module pytest; then
  [ -d /usr/lib/python3/dist-packages/pytest ] ||
    fail "$python has no pytest and Debian's is missing: apt-get install python3-pytest"
  borrow_from_debian pytest _pytest py pluggy iniconfig attr packaging
fi
has_module wheel || borrow_from_debian wheel

# A copy: building in the checkout would leave build/ and *.egg-info behind.
mkdir "$work/src"
cp -r "$here/pyproject.toml" "$here/README.md" "$here/src" "$work/src/"
"$venv_python" -m pip install --quiet --no-index --no-build-isolation --disable-pip-version-check \
  "$work/src"

"$venv_python" -c '
import sys, boto3, botocore, pytest
print(f"pytest-stepsim tests: Python {sys.version.split()[0]} ({sys.executable}), "
      f"boto3 {boto3.__version__}, botocore {botocore.__version__}, pytest {pytest.__version__}")'

cd "$here"
"$venv_python" -m pytest -p no:cacheprovider tests "$@"
