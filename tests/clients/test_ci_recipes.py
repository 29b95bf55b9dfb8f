"""The CI recipes in examples/ci and the Dockerfile, checked as far as this machine can run them:
the scenario commands of the GitHub Actions and GitLab CI examples run here shard by shard and
together cover the library, the Dockerfile copies what exists and installs every library the
binary links, and the docker-compose service passes `stepsim serve` flags it has. No container
engine runs here, so the image itself is not built (the README says so)."""
import os
import re
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

import yaml

from stepsim_server import STEPSIM_BIN

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXAMPLES = os.path.join(ROOT, "examples", "ci")
SCENARIOS = os.path.join(ROOT, "scenarios")
# Libraries every Debian image has (the C library and what dpkg itself needs).
BASE_PACKAGES = {"libc6", "libc6-i386", "libstdc++6", "libgcc-s1", "zlib1g", "libbz2-1.0"}


def load(name):
    with open(os.path.join(EXAMPLES, name)) as f:
        return yaml.safe_load(f)


def run_shell(script, env):
    """Runs a recipe's shell step with stepsim's binary where the recipe builds it."""
    with tempfile.TemporaryDirectory() as work:
        stepsim_dir = os.path.join(work, "stepsim")
        os.makedirs(os.path.join(stepsim_dir, "build"))
        os.symlink(os.path.abspath(STEPSIM_BIN), os.path.join(stepsim_dir, "build", "stepsim"))
        result = subprocess.run(["bash", "-euc", script], cwd=work, capture_output=True, text=True,
                                timeout=300, env={**os.environ, "STEPSIM_DIR": "stepsim",
                                                  "SCENARIOS": SCENARIOS, **env})
        reports = {}
        for name in os.listdir(os.path.join(work, "reports")) if result.returncode == 0 else []:
            with open(os.path.join(work, "reports", name)) as f:
                reports[name] = f.read()
        return result, reports


def testcases(junit_text):
    return [case.get("name") for case in ElementTree.fromstring(junit_text).iter("testcase")]


def library_size():
    result = subprocess.run([STEPSIM_BIN, "run", SCENARIOS, "--jobs", "2"], capture_output=True,
                            text=True, timeout=300)
    return int(re.search(r"(\d+) scenarios in", result.stdout).group(1))


class CiRecipes(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.library = library_size()

    def check_shards(self, run_shard, shards):
        covered = []
        for shard in shards:
            result, reports = run_shard(shard)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn(f"report-{shard}.html", reports)
            covered += testcases(reports[f"junit-{shard}.xml"])
        self.assertEqual(len(covered), self.library)
        self.assertEqual(len(set(covered)), self.library)

    def test_the_github_actions_shards_run_the_whole_library(self):
        workflow = load("github-actions.yml")
        job = workflow["jobs"]["scenarios"]
        shards = job["strategy"]["matrix"]["shard"]
        step = next(s for s in job["steps"] if s.get("name", "").startswith("run the scenarios"))
        self.assertTrue(any(s.get("uses", "").startswith("actions/upload-artifact")
                            for s in job["steps"]))
        self.assertTrue(any("ccache" in s.get("run", "") for s in job["steps"]))
        self.check_shards(
            lambda shard: run_shell(step["run"].replace("${{ matrix.shard }}", str(shard)), {}),
            shards)

    def test_the_gitlab_jobs_run_the_whole_library(self):
        job = load("gitlab-ci.yml")["scenarios"]
        total = job["parallel"]
        script = job["script"][-2] + "\n" + job["script"][-1]  # mkdir, then the run
        self.assertEqual(job["artifacts"]["reports"]["junit"], "reports/junit-*.xml")
        self.check_shards(
            lambda shard: run_shell(script, {"CI_NODE_INDEX": str(shard),
                                             "CI_NODE_TOTAL": str(total)}),
            range(1, total + 1))

    def test_the_dockerfile_copies_what_exists_and_installs_every_linked_library(self):
        with open(os.path.join(ROOT, "Dockerfile")) as f:
            dockerfile = f.read()
        for source in re.findall(r"^COPY (?!--from)(\S+) ", dockerfile, re.MULTILINE):
            self.assertTrue(os.path.exists(os.path.join(ROOT, source)), source)
        runtime = dockerfile.split("FROM debian:12-slim", 1)[1]
        installed = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", runtime.split("apt-get install", 1)[1]
                                   .split("&&", 1)[0]))
        linked = subprocess.run(["ldd", STEPSIM_BIN], capture_output=True, text=True).stdout
        for library in re.findall(r"^\s*(\S+\.so[.\d]*) =>", linked, re.MULTILINE):
            owner = subprocess.run(["dpkg", "-S", f"*/{library}"], capture_output=True, text=True)
            if owner.returncode != 0:
                continue  # not from a package (a build-local library): nothing to install
            package = owner.stdout.split(":")[0]
            self.assertTrue(package in installed or package in BASE_PACKAGES,
                            f"{library} comes from {package}, which the image does not install")

    def test_the_compose_service_passes_flags_stepsim_serve_has(self):
        compose = load("docker-compose.yml")
        flags = subprocess.run([STEPSIM_BIN, "serve", "--help"], capture_output=True,
                               text=True).stdout
        command = compose["services"]["stepsim"]["command"]
        for flag in [part for part in command if part.startswith("--")]:
            self.assertIn(flag, flags)
        scenario = command[command.index("--scenario") + 1]
        self.assertTrue(os.path.exists(scenario.replace("/opt/stepsim", ROOT)), scenario)
        self.assertEqual(compose["services"]["tests"]["environment"]["AWS_ENDPOINT_URL"],
                         "http://stepsim:4566")


if __name__ == "__main__":
    unittest.main()
