"""The plugin's own tests: they use the installed plugin's `stepsim` fixture on the real binary
(STEPSIM_BIN, or stepsim on PATH), and pytester to run inner test files as a user's suite would."""
import pytest

from job_poller_world import create_job_poller

pytest_plugins = ["pytester"]


@pytest.fixture
def job_poller(stepsim):
    """The sample's world on the (reset) session server; answers the state machine's ARN."""
    return create_job_poller(stepsim)
