"""The fixtures as a user's suite sees them, run with pytester: one session server reset between
tests, fresh servers per test on request, the server gone after the session, the log in the
report of a failing test, a clear error without a binary."""
import json

import pytest

from job_poller_world import JOB_POLLER, process_gone

# Inner tests write what they saw here, for the outer test to check.
RECORD = """
import json, os

def record(name, **seen):
    with open(os.path.join(os.environ["STEPSIM_RECORD_DIR"], name + ".json"), "w") as out:
        json.dump(seen, out)
"""


@pytest.fixture
def inner(pytester, monkeypatch):
    """pytester with a record() helper importable by inner tests; `seen(name)` reads a record."""
    monkeypatch.setenv("STEPSIM_RECORD_DIR", str(pytester.path))
    pytester.makepyfile(recording=RECORD)
    pytester.seen = lambda name: json.loads((pytester.path / f"{name}.json").read_text())
    return pytester


def test_one_server_serves_the_session_and_is_gone_after_it(inner):
    inner.makepyfile(test_inner="""
        from recording import record

        def test_first(stepsim):
            record("first", pid=stepsim.pid, url=stepsim.endpoint_url)

        def test_second(stepsim):
            record("second", pid=stepsim.pid, url=stepsim.endpoint_url)
    """)
    inner.runpytest_subprocess().assert_outcomes(passed=2)
    first, second = inner.seen("first"), inner.seen("second")
    assert first == second
    assert process_gone(first["pid"])


def test_each_test_starts_from_a_reset_server(inner):
    inner.makepyfile(test_inner="""
        from recording import record

        def test_leaves_things_behind(stepsim):
            stepsim.control.load_scenario({"name": "echo", "description": "one function",
                "resources": {"functions": [{"FunctionName": "Echo", "Handler": "fake:echo"}]}})
            stepsim.control.add_lifecycle_rules({"match": {}, "steps": [{"status": "SUCCEEDED"}]})
            stepsim.control.set_clock_mode("manual")
            stepsim.control.advance_clock(3600)

        def test_sees_none_of_it(stepsim):
            record("after", functions=stepsim.client("lambda").list_functions()["Functions"],
                   rules=stepsim.control.lifecycle_rules(), clock=stepsim.control.clock())
    """)
    inner.runpytest().assert_outcomes(passed=2)
    after = inner.seen("after")
    assert after["functions"] == [] and after["rules"] == []
    assert after["clock"]["now"] == "2026-01-01T00:00:00.000Z"
    assert after["clock"]["mode"] == "auto"


def test_reset_false_keeps_the_previous_tests_world(inner):
    inner.makepyfile(test_inner="""
        import pytest
        from recording import record

        def test_first(stepsim):
            stepsim.control.add_lifecycle_rules({"match": {}, "steps": [{"status": "SUCCEEDED"}]})

        @pytest.mark.stepsim(reset=False)
        def test_second(stepsim):
            record("second", rules=stepsim.control.lifecycle_rules())
    """)
    inner.runpytest().assert_outcomes(passed=2)
    assert len(inner.seen("second")["rules"]) == 1


def test_the_reset_can_be_turned_off_for_the_suite(inner):
    inner.makeini("[pytest]\nstepsim_reset = false\n")
    inner.makepyfile(test_inner="""
        from recording import record

        def test_first(stepsim):
            stepsim.control.set_clock_mode("manual")

        def test_second(stepsim):
            record("second", mode=stepsim.control.clock()["mode"])
    """)
    inner.runpytest().assert_outcomes(passed=2)
    assert inner.seen("second")["mode"] == "manual"


def test_a_marked_test_gets_a_server_of_its_own_with_its_flags(inner):
    inner.makeini("[pytest]\nstepsim_args = --clock manual --seed 7\n")
    inner.makepyfile(test_inner="""
        import pytest
        from recording import record

        def test_shared(stepsim):
            record("shared", pid=stepsim.pid, mode=stepsim.control.clock()["mode"])

        @pytest.mark.stepsim(args=["--clock", "auto", "--start-time", "2030-01-01T00:00:00Z"])
        def test_own_flags(stepsim):
            record("own", pid=stepsim.pid, clock=stepsim.control.clock(), args=stepsim.args)

        @pytest.mark.stepsim(scope="function")
        def test_own_server(stepsim):
            record("function", pid=stepsim.pid, mode=stepsim.control.clock()["mode"])

        def test_per_test_fixture(stepsim_per_test):
            record("per_test", pid=stepsim_per_test.pid)
    """)
    inner.runpytest().assert_outcomes(passed=4)
    shared, own = inner.seen("shared"), inner.seen("own")
    function, per_test = inner.seen("function"), inner.seen("per_test")
    assert shared["mode"] == "manual"
    assert own["clock"]["mode"] == "auto" and own["clock"]["now"].startswith("2030-01-01")
    assert own["args"] == ["--seed", "7", "--clock", "auto", "--start-time", "2030-01-01T00:00:00Z"]
    assert function["mode"] == "manual"  # the suite's flags, a server of its own
    pids = {shared["pid"], own["pid"], function["pid"], per_test["pid"]}
    assert len(pids) == 4
    assert all(process_gone(pid) for pid in pids)


def test_preloaded_scenarios_come_back_after_each_reset(inner):
    scenario = JOB_POLLER / "classic_happy_path.json"
    inner.makeini(f"[pytest]\nstepsim_args = --scenario {scenario}\n")
    inner.makepyfile(test_inner="""
        import pytest
        from recording import record

        @pytest.mark.parametrize("run", [1, 2])
        def test_machine_is_there(stepsim, run):
            sfn = stepsim.client("stepfunctions")
            machines = sfn.list_state_machines()["stateMachines"]
            record(f"run{run}", machines=[m["name"] for m in machines],
                   rules=len(stepsim.control.lifecycle_rules()))
            stepsim.client("lambda").delete_function(FunctionName="CheckJob")
    """)
    inner.runpytest().assert_outcomes(passed=2)
    assert inner.seen("run1") == inner.seen("run2") == {"machines": ["JobStatusPoller"], "rules": 1}


def test_a_failing_test_reports_the_server_log(inner):
    inner.makepyfile(test_inner="""
        import pytest

        def test_passes(stepsim):
            stepsim.client("batch").describe_job_queues()

        def test_fails(stepsim):
            stepsim.client("stepfunctions").list_state_machines()
            assert False, "the workflow did the wrong thing"

        @pytest.mark.stepsim(scope="function")
        def test_fails_on_its_own_server(stepsim):
            stepsim.client("lambda").list_functions()
            assert False
    """)
    result = inner.runpytest("-rA")
    result.assert_outcomes(passed=1, failed=2)
    text = result.stdout.str()
    sections = text.split("stepsim log (")
    assert len(sections) == 3, text  # the two failures, not the pass
    assert "ListStateMachines 200" in sections[1]
    assert "DescribeJobQueues" not in sections[1]  # only what this test's part of the log holds
    assert "ListFunctions 200" in sections[2]


def test_a_clean_error_without_a_binary(inner, monkeypatch, tmp_path):
    monkeypatch.setenv("STEPSIM_BIN", str(tmp_path / "missing"))
    inner.makepyfile(test_inner="""
        def test_needs_a_server(stepsim):
            pass
    """)
    result = inner.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*StepsimNotFound: STEPSIM_BIN=*missing is not an executable*"])


def test_a_misspelt_marker_is_an_error_saying_how_to_write_it(inner):
    inner.makepyfile(test_inner="""
        import pytest

        @pytest.mark.stepsim(scop="function")
        def test_marked(stepsim):
            pass
    """)
    result = inner.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*@pytest.mark.stepsim takes scope=*"])


def test_the_plugin_is_registered_by_its_entry_point(pytester):
    result = pytester.runpytest("--fixtures")
    result.stdout.fnmatch_lines(["stepsim -- *pytest_stepsim*plugin.py*", "stepsim_per_test*"])


def test_a_server_that_died_is_an_error_with_its_log(inner):
    inner.makepyfile(test_inner="""
        import os, signal
        import pytest

        @pytest.mark.stepsim(scope="function")
        def test_kills_its_server(stepsim):
            os.kill(stepsim.pid, signal.SIGKILL)
    """)
    result = inner.runpytest()
    result.assert_outcomes(passed=1, errors=1)
    result.stdout.fnmatch_lines(["*StepsimError: stepsim (pid *) exited with -9 when stopped*"])
