"""stepsim's Lambda Runtime Interface Client for python3.x functions (standard library only).

stepsim runs `python3 -u python_bootstrap.py` with cwd = the unzipped package and _HANDLER,
LAMBDA_TASK_ROOT, AWS_LAMBDA_RUNTIME_API and the AWS_LAMBDA_* variables set. The handler is loaded
once; then the worker loops over the Lambda Runtime API (2018-06-01) on one keep-alive connection.
Error bodies, types and messages follow AWS's awslambdaric, so functions fail as they do on AWS.
"""
import decimal
import http.client
import importlib
import json
import logging
import os
import sys
import time
import traceback

RUNTIME = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
JSON_TYPE = {"Content-Type": "application/json"}
UNHANDLED = {"Content-Type": "application/json", ERROR_TYPE_HEADER: "Unhandled"}

_request_id = ""  # the invocation in progress, for log lines


class RuntimeGone(Exception):
    """The runtime API is unreachable: stepsim stopped or dropped this worker."""


class Fault(Exception):
    """A failure the runtime itself reports, with one of AWS's Runtime.* error types."""

    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type, self.message, self.trace = error_type, message, trace


class RuntimeAPI:
    """One persistent HTTP/1.1 connection; reconnects once if a kept-alive socket went stale."""

    def __init__(self, address):
        self.address = address
        self.conn = None

    def call(self, method, path, body=None, headers=JSON_TYPE):
        for _ in range(2):
            if self.conn is None:
                # No timeout: GET /next blocks until stepsim has an invocation for us.
                self.conn = http.client.HTTPConnection(self.address)
            try:
                self.conn.request(method, RUNTIME + path, body, headers)
                response = self.conn.getresponse()
                return response, response.read()
            except (OSError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
        raise RuntimeGone()


# --- context ---------------------------------------------------------------------------------

def _from_dict(cls, data):
    if data is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, data.get(field))
    return obj


class CognitoIdentity:
    __slots__ = ("cognito_identity_id", "cognito_identity_pool_id")


class Client:
    __slots__ = ("installation_id", "app_title", "app_version_name", "app_version_code",
                 "app_package_name")


class ClientContext:
    __slots__ = ("custom", "env", "client")


def _json_header(headers, name, label):
    value = headers.get(name)
    if not value:
        return None
    try:
        return json.loads(value)
    except ValueError as e:
        raise Fault("Runtime.LambdaContextUnmarshalError", f"Unable to parse {label} JSON: {e}")


class LambdaContext:
    def __init__(self, request_id, headers):
        env = os.environ
        self.aws_request_id = request_id
        self.function_name = env.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = env.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.memory_limit_in_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")  # a str, as on AWS
        self.log_group_name = env.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = env.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.invoked_function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        self.client_context = _from_dict(
            ClientContext, _json_header(headers, "Lambda-Runtime-Client-Context", "Client Context"))
        if self.client_context is not None:
            self.client_context.client = _from_dict(Client, self.client_context.client)
        identity = _json_header(
            headers, "Lambda-Runtime-Cognito-Identity", "Cognito Identity") or {}
        self.identity = CognitoIdentity()  # always present, fields None when not sent (as AWS)
        self.identity.cognito_identity_id = identity.get("cognitoIdentityId")
        self.identity.cognito_identity_pool_id = identity.get("cognitoIdentityPoolId")
        try:
            self._deadline_ms = int(headers.get("Lambda-Runtime-Deadline-Ms") or 0)
        except ValueError:
            self._deadline_ms = 0

    def get_remaining_time_in_millis(self):
        return max(self._deadline_ms - int(time.time() * 1000), 0)

    def log(self, msg):
        sys.stdout.write(str(msg))


# --- errors ----------------------------------------------------------------------------------

def _text(value):
    try:
        return str(value)
    except Exception:  # a broken __str__ must not take the runtime down
        return f"<unprintable {type(value).__name__}>"


def make_error(message, error_type, trace, request_id=None):
    return {"errorMessage": message or "", "errorType": error_type or "",
            "requestId": request_id or "", "stackTrace": trace or []}


AWS_TASK_ROOT = "/var/task"


def as_on_aws(filename):
    """The function's own files as AWS shows them (/var/task/...), not where stepsim unpacked them."""
    root = os.environ.get("LAMBDA_TASK_ROOT", "").rstrip("/")
    if root and (filename == root or filename.startswith(root + "/")):
        return AWS_TASK_ROOT + filename[len(root):]
    return filename


def exception_error(exc, request_id=None):
    frames = traceback.extract_tb(exc.__traceback__)
    # Drop the runtime's own frames so the trace starts in user code (as awslambdaric does).
    user = [frame for frame in frames if frame.filename != __file__] or frames
    for frame in user:
        frame.line  # read the source line while the file is still found under its real name
        frame.filename = as_on_aws(frame.filename)
    trace = traceback.format_list(user)
    return make_error(_text(exc), type(exc).__name__, trace, request_id)


def fault_error(fault, request_id=None):
    return make_error(fault.message, fault.error_type, fault.trace, request_id)


def dump_error(report):
    # ensure_ascii=False keeps messages readable; "replace" turns lone surrogates into valid UTF-8.
    return json.dumps(report, ensure_ascii=False).encode("utf-8", "replace")


def log_error(report):
    line = "[ERROR] " + report["errorType"]
    if report["errorMessage"]:
        line += ": " + report["errorMessage"]
    lines = [line, "Traceback (most recent call last):"]
    for element in report["stackTrace"]:
        lines.extend(element.splitlines())
    text = "\n".join(lines) + "\n"
    # Lone surrogates in a message would make a strict UTF-8 stdout raise; replace them.
    sys.stdout.write(text.encode("utf-8", "replace").decode("utf-8"))


# --- marshalling -----------------------------------------------------------------------------

class _Encoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, decimal.Decimal):  # DynamoDB numbers, as awslambdaric allows
            return float(o)
        return super().default(o)


# allow_nan=False: NaN/Infinity are not JSON and would break whoever reads the payload.
_ENCODER = _Encoder(ensure_ascii=False, allow_nan=False)


def marshal(result):
    """The response body and its content type: bytes go out as they are, as awslambdaric sends them."""
    if isinstance(result, (bytes, bytearray)):
        return bytes(result), "application/unknown"
    try:
        return _ENCODER.encode(result).encode("utf-8"), "application/json"
    except (TypeError, ValueError) as e:
        raise Fault("Runtime.MarshalError", f"Unable to marshal response: {_text(e)}") from None


def unmarshal(body):
    try:
        return json.loads(body)
    except ValueError as e:
        raise Fault("Runtime.UnmarshalError", f"Unable to unmarshal input: {e}") from None


# --- handler loading -------------------------------------------------------------------------

def load_handler(spec):
    try:
        modname, fname = spec.rsplit(".", 1)
    except ValueError as e:
        raise Fault("Runtime.MalformedHandlerName", f"Bad handler '{spec}': {e}") from None
    if modname.split(".")[0] in sys.builtin_module_names:
        raise Fault("Runtime.BuiltInModuleConflict",
                    f"Cannot use built-in module {modname} as a handler module")
    try:
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise Fault("Runtime.ImportModuleError",
                    f"Unable to import module '{modname}': {e}") from None
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (as_on_aws(e.filename or ""), e.lineno, e.text)]
        raise Fault("Runtime.UserCodeSyntaxError",
                    f"Syntax error in module '{modname}': {e}", trace) from None
    try:
        return getattr(module, fname)
    except AttributeError:
        raise Fault("Runtime.HandlerNotFound",
                    f"Handler '{fname}' missing on module '{modname}'") from None


# --- main loop -------------------------------------------------------------------------------

def invoke_once(api, handler):
    global _request_id
    response, body = api.call("GET", "/invocation/next", headers={})
    if response.status != 200:
        sys.stderr.write(f"runtime API answered {response.status} to next: {body[:200]!r}\n")
        _exit(1)
    headers = response.headers
    _request_id = request_id = headers.get("Lambda-Runtime-Aws-Request-Id", "")
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    try:
        context = LambdaContext(request_id, headers)
        payload, content_type = marshal(handler(unmarshal(body), context))
    except Fault as fault:
        report = fault_error(fault, request_id)
    except Exception as exc:
        report = exception_error(exc, request_id)
    else:
        api.call("POST", f"/invocation/{request_id}/response", payload, {"Content-Type": content_type})
        return
    log_error(report)
    api.call("POST", f"/invocation/{request_id}/error", dump_error(report), UNHANDLED)


def setup_logging():
    # Same line format as AWS's Python runtime, so logging.warning(...) shows the request id.
    class RequestIdFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = _request_id
            return True

    logging.Formatter.converter = time.gmtime
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s",
        "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in logging._nameToLevel:
        root.setLevel(level)


def _exit(code):
    # os._exit: threads the function started must not keep a dead worker alive.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(code)


def main():
    task_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    here = os.path.dirname(os.path.realpath(__file__))
    # The script's own directory is sys.path[0]; the function's code must win instead.
    if sys.path and os.path.realpath(sys.path[0] or ".") == here:
        sys.path[0] = task_root
    else:
        sys.path.insert(0, task_root)
    address = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if not address:
        sys.stderr.write("AWS_LAMBDA_RUNTIME_API is not set\n")
        _exit(1)
    setup_logging()
    api = RuntimeAPI(address)
    try:
        try:
            handler = load_handler(os.environ.get("_HANDLER", ""))
            report = None
        except Fault as fault:
            report, error_type = fault_error(fault), fault.error_type
        except Exception as exc:  # the module itself raised while importing
            report, error_type = exception_error(exc), "Unhandled"
        if report is not None:
            log_error(report)
            api.call("POST", "/init/error", dump_error(report),
                     {"Content-Type": "application/json", ERROR_TYPE_HEADER: error_type})
            _exit(1)
        while True:
            invoke_once(api, handler)
    except RuntimeGone:
        _exit(0)


if __name__ == "__main__":
    main()
