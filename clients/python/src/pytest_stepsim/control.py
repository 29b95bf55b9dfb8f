"""A client of stepsim's control API (`/_stepsim/...`), on urllib alone: nothing to install.

Every method answers the server's JSON (or the useful part of it); a refusal raises ControlError
carrying the server's message, which names the field at fault.
"""
import datetime
import json
import os
import urllib.error
import urllib.request

from .errors import ControlError

# Proxies from the environment must not see requests to a server on loopback.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class Control:
    """The control API of one server. Times are virtual; `timeout` is wall seconds per request."""

    def __init__(self, endpoint_url, timeout=60.0):
        self.endpoint_url = endpoint_url.rstrip("/")
        self.timeout = timeout

    def request(self, method, path, body=None):
        """One control request; answers the parsed JSON body, raises ControlError on a 4xx/5xx."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.endpoint_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with _OPENER.open(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raise ControlError(method, path, error.code, _error_message(error.read())) from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ControlError(method, path, None, f"{reason} ({self.endpoint_url})") from None

    def health(self):
        return self.request("GET", "/_stepsim/health")

    # The virtual clock.

    def clock(self):
        """{"now": ISO-8601, "epochMillis": N, "mode": "auto"|"manual"|"realtime"}."""
        return self.request("GET", "/_stepsim/clock")

    def now(self):
        """The virtual time as an aware UTC datetime."""
        return _datetime_of_millis(self.clock()["epochMillis"])

    def set_clock_mode(self, mode):
        return self.request("POST", "/_stepsim/clock", {"mode": mode})

    def advance_clock(self, seconds):
        """Moves virtual time on by `seconds`, firing every timer due on the way, in order."""
        return self.request("POST", "/_stepsim/clock", {"advanceSeconds": seconds})

    def advance_clock_to(self, when):
        """Moves virtual time to `when`: an ISO-8601 text or a datetime (naive means UTC)."""
        if isinstance(when, datetime.datetime):
            when = _iso8601(when)
        return self.request("POST", "/_stepsim/clock", {"advanceTo": when})

    def advance_to_next_timer(self):
        """To the earliest scheduled timer (a Wait's end, a job's next status, a retry), if any."""
        return self.request("POST", "/_stepsim/clock", {"advanceToNextTimer": True})

    def reset(self):
        """Drops every resource, job, rule and script; the clock goes back to its start time.
        The clock mode and a mock config are kept (the server's own behaviour)."""
        return self.request("POST", "/_stepsim/reset")

    # AWS Batch job lifecycle rules.

    def add_lifecycle_rules(self, *rules):
        """Appends rules (README "Job lifecycle rules"); answers every rule now installed."""
        return self.request("POST", "/_stepsim/batch/lifecycles", {"rules": list(rules)})["rules"]

    def lifecycle_rules(self):
        return self.request("GET", "/_stepsim/batch/lifecycles")["rules"]

    def clear_lifecycle_rules(self):
        return self.request("DELETE", "/_stepsim/batch/lifecycles")["rules"]

    def batch_jobs(self):
        """Every job kept, with each status it entered and when (epoch ms)."""
        return self.request("GET", "/_stepsim/batch/jobs")["jobs"]

    # AWS Lambda scripted responses.

    def script_lambda(self, function_name, responses):
        """Scripts a function: {"0": {"Return": ...}, "1-2": {"Throw": {...}}, ...}; replaces its
        old script and restarts its invocation count."""
        return self.request("POST", "/_stepsim/lambda/responses",
                            {"functionName": function_name, "responses": responses})

    def lambda_scripts(self):
        """[{"functionName", "invocations", "responses"?}]: every function invoked or scripted."""
        return self.request("GET", "/_stepsim/lambda/responses")["functions"]

    def clear_lambda_scripts(self):
        return self.request("DELETE", "/_stepsim/lambda/responses")

    def invocations(self, function_name):
        """How many times the function was invoked, by anyone (0 if never)."""
        for function in self.lambda_scripts():
            if function["functionName"] == function_name:
                return function["invocations"]
        return 0

    # Scenario worlds and CloudFormation.

    def load_scenario(self, scenario):
        """Sets up a scenario's world (resources, lifecycle rules, scripts, mock config; not its
        timeline or expectations). `scenario` is a dict, whose relative paths the server reads
        from its working directory, or a file path, whose relative paths are read from the file's
        folder as `stepsim run` reads them. Answers {"name", "stateMachines": [ARN, ...]}."""
        if not isinstance(scenario, dict):
            scenario = read_scenario_file(scenario)
        return self.request("POST", "/_stepsim/scenario", scenario)

    def set_provisioning_times(self, default_seconds=None, seconds_by_type=None):
        """Virtual seconds CloudFormation takes per resource: a default and per resource type."""
        body = {}
        if default_seconds is not None:
            body["defaultSeconds"] = default_seconds
        if seconds_by_type is not None:
            body["secondsByType"] = seconds_by_type
        return self.request("POST", "/_stepsim/cloudformation/provisioning", body)

    def provisioning_times(self):
        return self.request("GET", "/_stepsim/cloudformation/provisioning")

    def clear_provisioning_times(self):
        return self.request("DELETE", "/_stepsim/cloudformation/provisioning")


def read_scenario_file(path):
    """A scenario file's document with its relative file references made absolute, so the server
    finds them wherever its working directory is."""
    path = os.path.abspath(os.fspath(path))
    with open(path, encoding="utf-8") as file:
        document = json.load(file)
    return _absolute_paths(document, os.path.dirname(path))


def _absolute_paths(document, folder):
    """Rewrites the members scenarios/schema.json says are relative to the file: a mockConfig
    path, the stack's template, definitionFile (of machines and their versions), Code.Path."""
    def absolute(holder, member):
        if isinstance(holder, dict) and isinstance(holder.get(member), str):
            holder[member] = os.path.join(folder, holder[member])

    absolute(document, "mockConfig")
    resources = document.get("resources") or {}
    absolute(resources.get("stack"), "template")
    for machine in resources.get("stateMachines") or []:
        absolute(machine, "definitionFile")
        for version in machine.get("versions") or []:
            absolute(version, "definitionFile")
    for function in resources.get("functions") or []:
        absolute(function.get("Code"), "Path")
    return document


def _error_message(body):
    """The control API's {"message": ...}, or the raw body when it is something else."""
    try:
        return json.loads(body)["message"]
    except (ValueError, KeyError, TypeError):
        return body.decode(errors="replace") or "(no body)"


def _datetime_of_millis(millis):
    return datetime.datetime.fromtimestamp(millis / 1000, tz=datetime.timezone.utc)


def _iso8601(when):
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return when.astimezone(datetime.timezone.utc).isoformat(timespec="milliseconds").replace(
        "+00:00", "Z")
