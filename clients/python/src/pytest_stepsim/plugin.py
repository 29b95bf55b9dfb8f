"""The pytest side: the `stepsim` fixture, its marker and options, and the server log in the
report of a failing test. Loaded through the `pytest11` entry point once the package is installed.

- `stepsim`: one server for the whole session, reset before each test (so no test sees another's
  resources, jobs, rules, scripts or clock), or a fresh server for this test when the test is
  marked `@pytest.mark.stepsim(scope="function", args=[...])` (any `args` imply a fresh one).
- `stepsim_per_test`: always a fresh server for this test (the marker's args apply).
- `stepsim_session`: the session's server as it is, not reset.
"""
import time
import typing

import pytest

from .errors import StepsimError
from .server import StepsimServer, override_flags

LOG_LINES_IN_REPORT = 400
# The server writes request lines in batches, at most 20 ms after the request: wait that long so
# the report has the test's last requests.
LOG_SETTLE_SECONDS = 0.05


class _Use(typing.NamedTuple):
    """A server a test used, the size of its log when the test began, and the text of the log
    line the test's part starts with, if known (the reset before it)."""
    server: StepsimServer
    log_offset: int
    first_line_has: typing.Optional[str]


_SERVERS_USED = pytest.StashKey()  # [_Use] of a test


def pytest_addoption(parser):
    parser.addini("stepsim_args", type="args", default=[],
                  help="flags for every `stepsim serve` the plugin starts, e.g. --clock manual "
                       "--seed 7 (a marker's args override the same flags)")
    parser.addini("stepsim_reset", type="bool", default=True,
                  help="reset the session's stepsim server before each test (default: true)")


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "stepsim(scope='session'|'function', args=[...], reset=True): the stepsim server this "
        "test gets: scope='function' or any args start a fresh one for it (args override the "
        "stepsim_args ini flags); reset=False keeps the session server's state from the tests "
        "before")


@pytest.fixture(scope="session")
def stepsim_session(request):
    """The server shared by the session (started with the `stepsim_args` ini flags), not reset."""
    server = StepsimServer(request.config.getini("stepsim_args"))
    server.start()
    yield server
    _stop_checked(server)


@pytest.fixture
def stepsim(request):
    """A running stepsim: `.endpoint_url`, `.client(service)`, `.control`, `.log_text()`."""
    options = _marker_options(request)
    if options["fresh"]:
        yield from _server_for_this_test(request, options["args"])
        return
    server = request.getfixturevalue("stepsim_session")
    _remember_use(request.node, server, "/_stepsim/reset" if options["reset"] else None)
    if options["reset"]:
        server.reset()
    yield server


@pytest.fixture
def stepsim_per_test(request):
    """A fresh stepsim for this test alone, stopped after it."""
    yield from _server_for_this_test(request, _marker_options(request)["args"])


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test's report gets what each stepsim server it used logged while it ran."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed:
        return
    used = item.stash.get(_SERVERS_USED, [])
    if any(use.server.is_running() for use in used):
        time.sleep(LOG_SETTLE_SECONDS)
    for use in used:
        text = _starting_at(use.server.log_text(since=use.log_offset), use.first_line_has)
        title = f"stepsim log ({use.server.endpoint_url}, pid {use.server.pid})"
        report.sections.append((title, _tail(text)))


def _marker_options(request):
    """The test's `stepsim` marker as {"fresh", "args", "reset"}."""
    marker = request.node.get_closest_marker("stepsim")
    kwargs = marker.kwargs if marker else {}
    unknown = set(kwargs) - {"scope", "args", "reset"}
    if unknown or kwargs.get("scope", "session") not in ("session", "function") or (
            marker and marker.args):
        pytest.fail(f"{request.node.nodeid}: @pytest.mark.stepsim takes scope='session'|"
                    "'function', args=[...] and reset=True|False", pytrace=False)
    args = [str(arg) for arg in kwargs.get("args", [])]
    return {"fresh": kwargs.get("scope") == "function" or bool(args), "args": args,
            "reset": kwargs.get("reset", request.config.getini("stepsim_reset"))}


def _server_for_this_test(request, args):
    server = StepsimServer(override_flags(request.config.getini("stepsim_args"), args))
    _remember_use(request.node, server)
    server.start()
    try:
        yield server
    finally:
        _stop_checked(server)


def _remember_use(item, server, first_line_has=None):
    item.stash.setdefault(_SERVERS_USED, []).append(
        _Use(server, server.log_size(), first_line_has))


def _starting_at(text, first_line_has):
    """The log from the line holding `first_line_has` on: the server writes request lines in
    batches up to 20 ms late, so what follows the offset taken when the test began can still
    start with the previous test's last requests. Lines are in the order requests were
    answered, so the test's own first request marks where its part begins."""
    if first_line_has:
        at = text.find(first_line_has)
        if at >= 0:
            return text[text.rfind("\n", 0, at) + 1:]
    return text


def _stop_checked(server):
    """Stops the server; one that did not exit cleanly on SIGTERM is a stepsim bug worth an
    error in the test run rather than silence."""
    code = server.stop()
    if code != 0:
        raise StepsimError(f"stepsim (pid {server.pid}) exited with {code} when stopped; its "
                           f"log ends:\n{_tail(server.log_text())}")


def _tail(text, lines=LOG_LINES_IN_REPORT):
    kept = text.splitlines()
    if len(kept) <= lines:
        return text or "(nothing logged)"
    return f"({len(kept) - lines} earlier lines left out)\n" + "\n".join(kept[-lines:])
