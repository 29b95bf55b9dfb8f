"""stepsim's warm Python template (a "zygote") for python3.x functions.

stepsim starts `python3 -u python_zygote.py` once per server (or `stepsim run`), beside
python_bootstrap.py. It imports the bootstrap and boto3, then, whenever it has nothing else to do,
loads the service models of the services stepsim emulates into boto3's default session, so a
worker forked from it starts with the interpreter, the SDK and the models already in memory.

Requests come as JSON lines on stdin, answers go as JSON lines on stdout:
  {"fork": {"env": {...}, "cwd": DIR, "log": FILE}} -> {"pid": N} | {"cold": REASON}
  {"reap": PID}                                     -> {"status": WAITSTATUS} | {"running": true}
                                                       | {"gone": true}
A forked worker is this process's child: it stays a zombie until stepsim asks for its status, so
its pid is never reused while stepsim watches it. Each worker gets its own process, environment,
working directory and log, then runs the bootstrap's main() exactly as a fresh interpreter would.

Once idle, the template forks a spare ahead of need. Python's reference counts write to every
object a process touches, so a fresh fork pays for copying the pages of the SDK it uses (a batch
client costs three times as much in a new fork as in the template); the spare makes those copies
while it waits, and the next fork request is given the spare.
"""
import ctypes
import gc
import json
import os
import select
import signal
import sys
import time
import traceback

import python_bootstrap as bootstrap

PR_SET_PDEATHSIG = 1
MODELS = ("batch", "stepfunctions", "lambda", "sts", "logs", "iam", "cloudformation")
# What a fresh interpreter reads from its environment at start-up: a worker whose variables set
# these differently cannot be forked from here.
STARTUP_PREFIXES = ("PYTHON", "LC_", "LANG")

# The clients a spare makes and drops while it waits: the sample's services.
SPARE_WARMS = ("batch", "stepfunctions", "lambda")

_libc = ctypes.CDLL(None, use_errno=True)
_template_pid = os.getpid()
_workers = set()
_spare = None  # (pid, the write end of its assignment pipe)


def warm_session():
    """boto3's default session, shared by every worker; None without boto3."""
    try:
        import boto3
        import botocore.session
    except ImportError:
        return None
    session = boto3.Session()
    boto3.DEFAULT_SESSION = session
    # Sessions a function makes itself read the same loaded models.
    loader = session._session.get_component("data_loader")
    original = botocore.session.create_loader
    botocore.session.create_loader = (
        lambda search_path_string=None: loader if not search_path_string
        else original(search_path_string))
    return session


def load_model(session, name):
    # Explicit credentials and region: nothing of this process's own configuration is resolved
    # and cached in the session the workers inherit.
    try:
        session.client(name, region_name="us-east-1", aws_access_key_id="warm",
                       aws_secret_access_key="warm", endpoint_url="http://127.0.0.1:9")
    except Exception:
        traceback.print_exc()


_preloaded = (0, set())  # (len(sys.modules) when counted, the names)


def preloaded_packages():
    """Top-level names of the third-party modules this process imported (boto3, botocore, ...),
    counted again only when more modules have been imported since."""
    global _preloaded
    if _preloaded[0] != len(sys.modules):
        stdlib = getattr(sys, "stdlib_module_names", ())
        names = set()
        for name, module in list(sys.modules.items()):
            top = name.split(".")[0]
            path = getattr(module, "__file__", None) or ""
            if top not in stdlib and "-packages" in path:
                names.add(top)
        _preloaded = (len(sys.modules), names)
    return _preloaded[1]


def cold_reason(request):
    env = request["env"]
    for name in set(env) | set(os.environ):
        if name.startswith(STARTUP_PREFIXES) and env.get(name) != os.environ.get(name):
            return f"{name} is read when the interpreter starts"
    # (A PYTHONPATH the function sets has already sent it cold above.)
    root = request["cwd"]
    for name in preloaded_packages():
        if os.path.exists(os.path.join(root, name)) or os.path.exists(
                os.path.join(root, name + ".py")):
            return f"the function brings its own {name}"
    return None


def become_worker(request):
    """In the forked child: take the worker's place, then run the bootstrap. Never returns."""
    try:
        os.setpgid(0, 0)
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _template_pid:
            os._exit(1)
        log = os.open(request["log"], os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(log, 1)
        os.dup2(log, 2)
        for fd in os.listdir("/proc/self/fd"):  # this process's own: not 65,536 closes
            if int(fd) > 2:
                try:
                    os.close(int(fd))
                except OSError:
                    pass
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        time.tzset()
        bootstrap.main()
    except SystemExit as e:
        bootstrap._exit(e.code if isinstance(e.code, int) else 1)
    except BaseException:
        traceback.print_exc()
        bootstrap._exit(1)
    bootstrap._exit(0)


def forked(child):
    """Forks; the child runs `child()` and never returns. The child's pid, in its own group."""
    pid = os.fork()
    if pid == 0:
        child()
    try:
        os.setpgid(pid, pid)  # also done in the child; whichever runs first wins the race
    except OSError:
        pass
    return pid


def wait_as_spare(assignment, session):
    """In a spare: copy the pages the SDK's common clients touch, then wait for a worker's place."""
    try:
        os.setpgid(0, 0)
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != _template_pid:
            os._exit(1)
        # The template's requests are not the spare's to read; fd 0 stays taken, so the files
        # become_worker opens do not land on it.
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        for name in SPARE_WARMS if session else ():
            load_model(session, name)
        text = b""
        while chunk := os.read(assignment, 65536):
            text += chunk
    except BaseException:
        os._exit(1)
    if not text:
        os._exit(0)  # the template went away without using it
    become_worker(json.loads(text))


def make_spare(session):
    global _spare
    if _spare is None:
        read_end, write_end = os.pipe()
        pid = forked(lambda: (os.close(write_end), wait_as_spare(read_end, session)))
        os.close(read_end)
        _spare = (pid, write_end)


def fork(request):
    global _spare
    reason = cold_reason(request)
    if reason:
        return {"cold": reason}
    if _spare is not None:
        pid, assignment = _spare
        _spare = None
        try:
            os.write(assignment, json.dumps(request).encode())
            os.close(assignment)
            _workers.add(pid)
            return {"pid": pid}
        except OSError:  # the spare died: fork afresh
            os.close(assignment)
            os.waitpid(pid, 0)
    pid = forked(lambda: become_worker(request))
    _workers.add(pid)
    return {"pid": pid}


def reap(pid):
    if pid not in _workers:
        return {"gone": True}
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        _workers.discard(pid)
        return {"gone": True}
    if done == 0:
        return {"running": True}
    _workers.discard(pid)
    return {"status": status}


def answer(request):
    if "fork" in request:
        return fork(request["fork"])
    if "reap" in request:
        return reap(int(request["reap"]))
    return {"error": "unknown request"}


def serve(session):
    pending = list(MODELS) if session else []
    if pending:
        # Before the first fork: the first client also loads what every client shares (endpoints,
        # partitions, retry rules), which each fork would otherwise load again for itself.
        load_model(session, pending.pop(0))
    buffered = b""
    while True:
        if b"\n" not in buffered:
            idle_work = bool(pending) or _spare is None
            ready, _, _ = select.select([0], [], [], 0 if idle_work else None)
            if not ready:
                if pending:
                    load_model(session, pending.pop(0))
                    if not pending:
                        gc.collect()
                        gc.freeze()  # what workers inherit stays shared, not copied by the collector
                else:
                    make_spare(session)
                continue
            chunk = os.read(0, 65536)
            if not chunk:
                return  # stepsim closed the pipe: it is gone or done with this template
            buffered += chunk
            continue
        line, buffered = buffered.split(b"\n", 1)
        try:
            reply = answer(json.loads(line))
        except Exception as e:
            reply = {"error": f"{type(e).__name__}: {e}"}
        os.write(1, json.dumps(reply).encode() + b"\n")


def main():
    # The parent death signal: this template dies with stepsim, and its workers with it.
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    session = warm_session()
    serve(session)


if __name__ == "__main__":
    main()
