"""The exceptions the plugin raises: one base class, so a suite can catch "stepsim went wrong"."""


class StepsimError(Exception):
    """Something about the stepsim server itself, not the code under test, went wrong."""


class StepsimNotFound(StepsimError):
    """No stepsim binary: neither STEPSIM_BIN nor PATH leads to one."""


class StepsimStartError(StepsimError):
    """The server exited or stayed silent instead of printing its `listening` line."""


class ControlError(StepsimError):
    """The control API refused a request; `message` is the server's own explanation."""

    def __init__(self, method, path, status, message):
        self.method, self.path, self.status, self.message = method, path, status, message
        answered = f"answered {status}" if status is not None else "could not be reached"
        super().__init__(f"stepsim control {method} {path} {answered}: {message}")
