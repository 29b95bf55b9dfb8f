"""The README's pytest example (examples/test_job_poller_example.py) runs and passes as a user runs
it: with the installed plugin, from the repository root, in a pytest of its own."""
import subprocess
import sys
from pathlib import Path

from job_poller_world import REPO

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "test_job_poller_example.py"


def test_the_readme_example_passes():
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", str(EXAMPLE)],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_the_readme_example_is_short():
    assert len(EXAMPLE.read_text().splitlines()) <= 16
