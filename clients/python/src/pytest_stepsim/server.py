"""Running `stepsim serve --port 0` as a child process: finding the binary, reading the port from
its first stdout line, keeping its log in a file, stopping it by pid."""
import atexit
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time

from .control import Control
from .errors import StepsimNotFound, StepsimStartError

LISTENING_PREFIX = "stepsim listening on "
DEFAULT_REGION = "us-east-1"
DEFAULT_ACCOUNT = "123456789012"

# Servers still running, killed if the interpreter exits without stopping them (a crashed run).
_running = set()


def find_binary(environ=None):
    """STEPSIM_BIN wins over PATH, so a checkout's own build is tested even where another stepsim
    is installed. STEPSIM_BIN may be a path or a command name looked up on PATH."""
    environ = os.environ if environ is None else environ
    configured = environ.get("STEPSIM_BIN")
    if configured:
        found = shutil.which(configured, path=environ.get("PATH"))
        if not found:
            raise StepsimNotFound(f"STEPSIM_BIN={configured} is not an executable file "
                                  "(give the path of the stepsim binary, e.g. build/stepsim)")
        return os.path.abspath(found)
    found = shutil.which("stepsim", path=environ.get("PATH"))
    if not found:
        raise StepsimNotFound("stepsim not found: put it on PATH or set STEPSIM_BIN to the binary "
                              "(a checkout builds it as build/stepsim)")
    return found


def override_flags(base, overrides):
    """`base` with every flag `overrides` names taken out, then `overrides`: stepsim refuses a flag
    given twice, and a test's own flags must win over the suite's."""
    named = {_flag_name(token) for token in overrides if token.startswith("--")}
    kept, skip_value = [], False
    for token in base:
        if skip_value:
            skip_value = False
            continue
        if token.startswith("--") and _flag_name(token) in named:
            skip_value = "=" not in token  # every serve flag takes one value
            continue
        kept.append(token)
    return kept + list(overrides)


def flag_values(args, flag):
    """Every value given for `flag` in `args`, in order (`--flag value` and `--flag=value`)."""
    values = []
    for index, token in enumerate(args):
        if token == flag and index + 1 < len(args):
            values.append(args[index + 1])
        elif token.startswith(flag + "="):
            values.append(token[len(flag) + 1:])
    return values


def _flag_name(token):
    return token.split("=", 1)[0]


class StepsimServer:
    """One `stepsim serve` process. `args` are serve's flags (`--clock manual`, `--seed 7`, ...);
    start() waits for the listening line, stop() sends SIGTERM to the pid (SIGKILL after
    `stop_timeout` seconds). Use as a context manager outside pytest."""

    def __init__(self, args=(), binary=None, cwd=None, env=None, start_timeout=30.0,
                 stop_timeout=10.0):
        self.args = [str(arg) for arg in args]
        self.binary = binary
        self.cwd = cwd
        self.env = env
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.endpoint_url = None
        self.control = None
        self.exit_code = None
        self.region = (flag_values(self.args, "--region") or [DEFAULT_REGION])[-1]
        self.account = (flag_values(self.args, "--account") or [DEFAULT_ACCOUNT])[-1]
        self._process = None
        self._log_dir = None
        self._log_path = None
        self._final_log = None
        self._started_mode = None
        self._start_dir = None
        self._drainer = None
        self._session = None

    # Lifecycle.

    def start(self):
        binary = self.binary or find_binary(self.env)
        self._start_dir = os.path.abspath(self.cwd or os.getcwd())
        self._log_dir = tempfile.mkdtemp(prefix="pytest-stepsim-")
        self._log_path = os.path.join(self._log_dir, "stepsim.log")
        with open(self._log_path, "ab") as log:
            self._process = subprocess.Popen(
                [binary, "serve", "--port", "0", *self.args], stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=log, cwd=self.cwd, env=self.env)
        _running.add(self)
        line, ended = self._first_line()
        if not line.startswith(LISTENING_PREFIX):
            exited = self._exited_within(1.0 if ended else 0)
            self._kill()
            raise StepsimStartError(self._start_failure(binary, line, exited))
        self.endpoint_url = line[len(LISTENING_PREFIX):].strip()
        self._drain_stdout()
        self.control = Control(self.endpoint_url)
        self._started_mode = self.control.clock()["mode"]
        return self

    def stop(self):
        """Stops the server by its pid and keeps its log in memory; answers its exit code (0 for
        a clean shutdown after SIGTERM). Stopping twice is harmless."""
        if self._process is None:
            return self.exit_code
        if self._process.poll() is None:
            os.kill(self._process.pid, signal.SIGTERM)
            try:
                self._process.wait(timeout=self.stop_timeout)
            except subprocess.TimeoutExpired:
                os.kill(self._process.pid, signal.SIGKILL)
                self._process.wait()
        self._close()
        return self.exit_code

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def pid(self):
        return None if self._process is None else self._process.pid

    def is_running(self):
        return self._process is not None and self._process.poll() is None

    # What tests use.

    def client(self, service_name, **kwargs):
        """A boto3 client bound to this server: its region, dummy credentials, no retries (a
        retry would hide what the emulator answered) and no host prefixes (StartSyncExecution's
        `sync-` prefix cannot resolve on 127.0.0.1). kwargs override any of these; a `config`
        is merged over the defaults."""
        import boto3  # only when asked: installing the plugin must not slow every pytest run
        from botocore.config import Config

        config = Config(retries={"total_max_attempts": 1}, inject_host_prefix=False)
        if kwargs.get("config") is not None:
            config = config.merge(kwargs["config"])
        options = dict(endpoint_url=self.endpoint_url, region_name=self.region,
                       aws_access_key_id="test", aws_secret_access_key="test")
        options.update(kwargs)
        options["config"] = config
        if self._session is None:
            self._session = boto3.session.Session()
        return self._session.client(service_name, **options)

    def reset(self):
        """Back to how the server started: the control API's reset (resources, jobs, rules and
        scripts dropped, clock at its start), the clock mode it started in, and the worlds of its
        `--scenario` flags loaded again."""
        self.control.reset()
        if self.control.clock()["mode"] != self._started_mode:
            self.control.set_clock_mode(self._started_mode)
        for scenario in flag_values(self.args, "--scenario"):
            self.control.load_scenario(os.path.join(self._start_dir, scenario))

    # The log (the server's stderr).

    def log_size(self):
        """Bytes logged so far: an offset for log_text(since=...)."""
        if self._final_log is not None:
            return len(self._final_log)
        try:
            return os.path.getsize(self._log_path)
        except (TypeError, OSError):
            return 0

    def log_text(self, since=0):
        """What the server logged from byte offset `since` on (all of it by default)."""
        if self._final_log is not None:
            data = self._final_log
        else:
            try:
                with open(self._log_path, "rb") as log:
                    data = log.read()
            except (TypeError, OSError):
                data = b""
        return data[since:].decode(errors="replace")

    # Internals.

    def _first_line(self):
        """The first stdout line, or what came before EOF or the deadline; and whether stdout
        ended (the server exiting) before a whole line came."""
        fd = self._process.stdout.fileno()
        deadline = time.monotonic() + self.start_timeout
        data = b""
        ended = False
        while b"\n" not in data:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                break
            chunk = os.read(fd, 4096)
            if not chunk:
                ended = True
                break
            data += chunk
        line, _, rest = data.partition(b"\n")
        if rest:
            self._append_log(rest)
        return line.decode(errors="replace"), ended

    def _exited_within(self, seconds):
        try:
            self._process.wait(timeout=seconds)
            return True
        except subprocess.TimeoutExpired:
            return False

    def _drain_stdout(self):
        """Anything printed after the listening line goes to the log, so the pipe never fills."""
        def drain(stream, path):
            try:
                for chunk in iter(lambda: stream.read1(4096), b""):
                    with open(path, "ab") as log:
                        log.write(chunk)
            except (OSError, ValueError):  # the pipe closed under us at stop()
                pass

        self._drainer = threading.Thread(target=drain, args=(self._process.stdout, self._log_path),
                                         daemon=True)
        self._drainer.start()

    def _append_log(self, data):
        with open(self._log_path, "ab") as log:
            log.write(data)

    def _start_failure(self, binary, line, exited):
        why = f"exited with {self.exit_code}" if exited else \
            f"printed no listening line within {self.start_timeout:g} s"
        seen = f", its stdout began {line!r}" if line else ""
        log = self.log_text().strip() or "(nothing)"
        return f"{binary} serve {' '.join(self.args)} {why}{seen}; its log:\n{log}"

    def _kill(self):
        if self._process.poll() is None:
            os.kill(self._process.pid, signal.SIGKILL)
        self._process.wait()
        self._close()

    def _close(self):
        self.exit_code = self._process.returncode
        if self._drainer is not None:
            self._drainer.join(timeout=2)  # EOF comes once the server (and its workers) are gone
        self._process.stdout.close()
        _running.discard(self)
        if self._final_log is None:
            with open(self._log_path, "rb") as log:
                self._final_log = log.read()
            shutil.rmtree(self._log_dir, ignore_errors=True)


@atexit.register
def _kill_leftovers():
    for server in list(_running):
        server._kill()
