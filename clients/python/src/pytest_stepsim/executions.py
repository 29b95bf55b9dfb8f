"""Waiting for Step Functions executions and asserting what they did, with failure messages that
say what happened instead (status, error and cause, the states entered).

The path of states means what a scenario file's `expect.executions.*.states` means (README,
"Scenario files"): the names of the StateEntered events of the execution's history, in order, every
entry counted (a state polled ten times is there ten times; states inside Parallel branches and
inline Map iterations too); `assert_path` checks that the given names appear in it in that order,
other states allowed between — or, with `exact=True`, that they are the whole path.
"""
import collections
import json
import time

# While in one of these, an execution may still change; any other status is final.
UNFINISHED = frozenset({"RUNNING", "PENDING_REDRIVE"})
_MISSING = object()


class Execution:
    """An execution as DescribeExecution last answered, with the client to read its history.
    `execution["status"]` and the like read the description; `output` is parsed JSON."""

    def __init__(self, client, description):
        self.client = client
        self.description = description
        self._history = None

    def __getitem__(self, member):
        return self.description[member]

    def get(self, member, default=None):
        return self.description.get(member, default)

    def __repr__(self):
        return f"<Execution {self.arn} {self.status}>"

    @property
    def arn(self):
        return self.description["executionArn"]

    @property
    def status(self):
        return self.description["status"]

    @property
    def output(self):
        """The output as JSON, None when there is none (a failed or running execution)."""
        text = self.description.get("output")
        return None if text is None else json.loads(text)

    def refresh(self):
        """DescribeExecution again (the history is read again too)."""
        self.description = self.client.describe_execution(executionArn=self.arn)
        self._history = None
        return self

    def history(self):
        """Every history event, oldest first; read once per refresh()."""
        if self._history is None:
            events = []
            paginator = self.client.get_paginator("get_execution_history")
            for page in paginator.paginate(executionArn=self.arn):
                events.extend(page["events"])
            self._history = events
        return self._history

    def states_entered(self):
        """The path: each state's name every time it was entered, in order."""
        return [event["stateEnteredEventDetails"]["name"] for event in self.history()
                if "stateEnteredEventDetails" in event]

    def state_entered_counts(self):
        """How many times each state was entered (a scenario's `stateEntered`)."""
        return collections.Counter(self.states_entered())


def execution_of(execution, client=None):
    """An Execution from an Execution, an ARN or a StartExecution answer (the last two need the
    Step Functions client, which describes them now)."""
    if isinstance(execution, Execution):
        return execution
    arn = execution["executionArn"] if isinstance(execution, dict) else execution
    if client is None:
        raise TypeError("give client= (a Step Functions client) with an execution ARN")
    return Execution(client, client.describe_execution(executionArn=arn))


def wait_for_execution(client, execution, timeout=30.0, interval=0.01):
    """Polls DescribeExecution until the execution is no longer RUNNING; answers an Execution.
    `execution` is an ARN or StartExecution's answer; `timeout` is wall seconds. On the auto
    clock a poller of an hour-long job finishes in milliseconds; on a manual one, advance the
    clock first (or the wait times out, saying so)."""
    execution = execution_of(execution, client)
    deadline = time.monotonic() + timeout
    while execution.status in UNFINISHED:
        if time.monotonic() >= deadline:
            raise AssertionError(
                f"execution {execution.arn} still {execution.status} after {timeout:g} wall "
                "seconds (on a manual clock, advance it: stepsim.control.advance_clock(...))")
        time.sleep(interval)
        execution.refresh()
    return execution


def assert_execution(execution, status=None, output=_MISSING, output_contains=_MISSING,
                     error=None, cause=None, client=None):
    """Checks what DescribeExecution says: status, output (exact, as JSON), output_contains (a
    JSON subset, as a scenario's `outputContains`), error and cause. Answers the Execution."""
    execution = execution_of(execution, client)
    if status is not None and execution.status != status:
        raise AssertionError(f"execution {execution.arn}: status {execution.status}, expected "
                             f"{status}{_ending(execution)}")
    if output is not _MISSING and execution.output != output:
        raise AssertionError(f"execution {execution.arn}: output {_json(execution.output)}, "
                             f"expected {_json(output)}")
    if output_contains is not _MISSING and not _contains(execution.output, output_contains):
        raise AssertionError(f"execution {execution.arn}: output {_json(execution.output)} does "
                             f"not contain {_json(output_contains)}")
    for member, wanted in (("error", error), ("cause", cause)):
        if wanted is not None and execution.get(member) != wanted:
            raise AssertionError(f"execution {execution.arn}: {member} "
                                 f"{execution.get(member)!r}, expected {wanted!r}")
    return execution


def assert_path(execution, states, exact=False, client=None):
    """Checks the states entered: `states` in this order, others allowed between (exact=False,
    a scenario's `states`), or exactly this path (exact=True). Answers the Execution."""
    execution = execution_of(execution, client)
    path = execution.states_entered()
    wanted = list(states)
    if exact:
        if path != wanted:
            raise AssertionError(f"execution {execution.arn}: states entered {path}, expected "
                                 f"exactly {wanted}")
        return execution
    matched = _subsequence_prefix(wanted, path)
    if matched < len(wanted):
        raise AssertionError(
            f"execution {execution.arn}: states entered (in order) {path}, expected {wanted} in "
            f"this order: the first {matched} matched; {wanted[matched]!r} was not found after "
            "them")
    return execution


def states_entered(execution, client=None):
    """The path of states entered (see the module's docstring)."""
    return execution_of(execution, client).states_entered()


def states_entered_count(execution, state_name, client=None):
    """How many times `state_name` was entered (a scenario's `stateEntered`)."""
    return execution_of(execution, client).states_entered().count(state_name)


def _subsequence_prefix(wanted, actual):
    """How many of `wanted` appear in `actual` in order, each after the one before."""
    at = 0
    for matched, name in enumerate(wanted):
        while at < len(actual) and actual[at] != name:
            at += 1
        if at == len(actual):
            return matched
        at += 1
    return len(wanted)


def _contains(actual, wanted):
    """JSON subset as a scenario's outputContains: objects (at any depth) may have more members;
    arrays must have as many items, each a subset; everything else must be equal."""
    if isinstance(wanted, dict):
        return isinstance(actual, dict) and all(
            key in actual and _contains(actual[key], value) for key, value in wanted.items())
    if isinstance(wanted, list):
        return isinstance(actual, list) and len(actual) == len(wanted) and all(
            _contains(item, value) for item, value in zip(actual, wanted))
    return actual == wanted


def _ending(execution):
    parts = [f"{member} {execution.get(member)!r}" for member in ("error", "cause")
             if execution.get(member) is not None]
    return f" ({', '.join(parts)})" if parts else ""


def _json(value):
    return json.dumps(value, sort_keys=True)
