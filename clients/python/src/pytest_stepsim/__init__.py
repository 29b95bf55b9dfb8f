"""pytest-stepsim: a `stepsim` fixture (a stepsim server on a free port, its boto3 clients and its
control API) and assertions on Step Functions executions. See clients/python/README.md."""
from .control import Control
from .errors import ControlError, StepsimError, StepsimNotFound, StepsimStartError
from .executions import (Execution, assert_execution, assert_path, execution_of, states_entered,
                         states_entered_count, wait_for_execution)
from .server import StepsimServer, find_binary

__all__ = [
    "Control", "ControlError", "Execution", "StepsimError", "StepsimNotFound",
    "StepsimServer", "StepsimStartError", "assert_execution", "assert_path", "execution_of",
    "find_binary", "states_entered", "states_entered_count", "wait_for_execution",
]
