'use strict';
// stepsim's Lambda Runtime Interface Client for nodejs*.x functions (Node built-ins only).
//
// stepsim runs `node node_bootstrap.js` with cwd = the unzipped package and _HANDLER,
// LAMBDA_TASK_ROOT, AWS_LAMBDA_RUNTIME_API and the AWS_LAMBDA_* variables set. The handler is
// loaded once; then the worker loops over the Lambda Runtime API (2018-06-01) on one keep-alive
// connection. Handler resolution, error types and callback semantics follow AWS's
// aws-lambda-nodejs-runtime-interface-client, so functions behave as they do on nodejs20.x.

const fs = require('fs');
const http = require('http');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const RUNTIME = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';

// Read by main(): a standby worker learns its address only when it becomes a function's.
let apiHost = '';
let apiPort = 0;
// maxSockets 1: the runtime API is strictly sequential, so one connection serves every call.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

let currentRequestId; // printed in log lines; undefined during init, as on AWS
let initialized = false;
let active = null; // the invocation in progress: { requestId, finished }
let onEmptyLoop = null; // what to do when the handler leaves nothing pending (see beforeExit)
let dying = false;

// --- runtime API client ------------------------------------------------------------------------

function call(method, urlPath, body, headers, retried) {
  return new Promise((resolve, reject) => {
    const options = { host: apiHost, port: apiPort, method, path: RUNTIME + urlPath, agent,
      headers: Object.assign({}, headers) };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.headers['Content-Length'] = Buffer.byteLength(body);
    }
    const req = http.request(options, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers,
        body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) => {
      // A kept-alive socket that stepsim already closed fails on reuse: retry once on a new one.
      if (req.reusedSocket && !retried) resolve(call(method, urlPath, body, headers, true));
      else reject(err);
    });
    req.end(body);
  });
}

// stepsim went away: exit quietly instead of spinning.
function gone() {
  process.exit(0);
}

// --- logging: the same line format as AWS's runtime ----------------------------------------------

function patchConsole() {
  const writer = (level) => (...args) => {
    process.stdout.write(
      `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${util.format(...args)}\n`);
  };
  console.log = console.info = writer('INFO');
  console.warn = writer('WARN');
  console.error = writer('ERROR');
  console.debug = writer('DEBUG');
  console.trace = writer('TRACE');
  console.fatal = writer('FATAL');
}

// --- errors --------------------------------------------------------------------------------------

class RuntimeError extends Error {
  constructor(type, message) {
    super(message);
    this.name = type; // e.g. Runtime.ImportModuleError
  }
}

function isErrorLike(e) {
  return e && typeof e.name === 'string' && typeof e.message === 'string' &&
    typeof e.stack === 'string';
}

// The function's own files as AWS shows them (/var/task/...), not where stepsim unpacked them.
function asOnAws(text) {
  const root = (process.env.LAMBDA_TASK_ROOT || '').replace(/\/+$/, '');
  return root ? text.split(root + '/').join('/var/task/') : text;
}

// The error body nodejs20.x posts (errorType, errorMessage, trace) plus the older stackTrace.
function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      const trace = asOnAws(String(error.stack)).split('\n');
      return { errorType: error.name, errorMessage: error.message, trace,
        stackTrace: trace.slice(1) };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [], stackTrace: [] };
  } catch (_) {
    return { errorType: 'handled', errorMessage: 'callback called with Error argument, but there ' +
      'was a problem while retrieving one or more of its message, name, and stack' };
  }
}

// The log form of an error, as AWS prints it after "Invoke Error".
function formatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => {
      if (!(v instanceof Error)) return v;
      const out = Object.assign({ errorType: v.name, errorMessage: v.message, code: v.code }, v);
      if (typeof v.stack === 'string') out.stack = v.stack.split('\n');
      return out;
    });
  } catch (_) {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

function postError(requestId, error) {
  console.error('Invoke Error', formatted(error));
  return call('POST', `/invocation/${requestId}/error`, JSON.stringify(toRapidResponse(error)),
    { [ERROR_TYPE_HEADER]: 'Unhandled' });
}

function postResponse(requestId, result) {
  let body;
  try {
    body = JSON.stringify(result === undefined ? null : result);
  } catch (_) {
    return postError(requestId, new Error('Unable to stringify response body'));
  }
  return call('POST', `/invocation/${requestId}/response`, body === undefined ? 'null' : body);
}

function postInitError(error) {
  const response = toRapidResponse(error);
  return call('POST', '/init/error', JSON.stringify(response),
    { [ERROR_TYPE_HEADER]: response.errorType || 'Unhandled' });
}

// Errors that escape the handler (timers, emitters, rejections nobody awaited) end the worker,
// after reporting against whatever was running, like AWS's runtime.
function fatal(error, label, code) {
  if (dying) return;
  dying = true;
  console.error(label, formatted(error));
  let posted = Promise.resolve();
  if (!initialized) {
    posted = postInitError(error);
    code = 1;
  } else if (active && !active.finished) {
    active.finished = true;
    posted = postError(active.requestId, error);
  }
  posted.then(() => process.exit(code), () => process.exit(code));
}

// --- handler loading -----------------------------------------------------------------------------

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch (_) {
    return false;
  }
}

// Is `.js` ESM here? The nearest package.json decides, stopping at node_modules.
function packageTypeModule(dir) {
  for (;;) {
    if (dir.endsWith(`${path.sep}node_modules`)) return false;
    const pj = path.join(dir, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        return JSON.parse(fs.readFileSync(pj, 'utf8')).type === 'module';
      } catch (_) {
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

async function loadModule(root, moduleRoot, name) {
  const file = path.resolve(root, moduleRoot, name);
  const importFile = (p) => import(pathToFileURL(p).href);
  if (isFile(file)) return require(file);
  if (isFile(`${file}.js`)) {
    if (!packageTypeModule(path.dirname(file))) {
      try {
        return require(`${file}.js`);
      } catch (e) {
        if (e.code !== 'ERR_REQUIRE_ESM' && e.code !== 'ERR_REQUIRE_ASYNC_MODULE') throw e;
      }
    }
    return importFile(`${file}.js`);
  }
  if (isFile(`${file}.mjs`)) return importFile(`${file}.mjs`);
  if (isFile(`${file}.cjs`)) return require(`${file}.cjs`);
  // Last resort, as AWS: Node resolution from the package (directories, node_modules).
  return require(require.resolve(name, { paths: [root, path.resolve(root, moduleRoot)] }));
}

// AWS's runtimes carry the AWS SDK for JavaScript v3; stepsim gives functions the copy it is
// pointed at or finds. When it has none, a failed import of the SDK says how to give it one.
function sdkHint(error) {
  if (!process.env._STEPSIM_NO_NODE_SDK || !String(error).includes('@aws-sdk/')) return '';
  return ' (stepsim has no AWS SDK for JavaScript v3 to give Node functions: install it where ' +
    'stepsim runs, e.g. npm install @aws-sdk/client-batch, or start stepsim with ' +
    '--node-sdk-path DIR, a node_modules that holds @aws-sdk)';
}

async function loadHandler(root, spec) {
  if (spec.includes('..')) {
    throw new RuntimeError('Runtime.MalformedHandlerName', `'${spec}' is not a valid handler ` +
      'name. Use absolute paths when specifying root directories in handler names.');
  }
  // 'src/app.obj.handler' -> module root 'src/', module 'app', handler path 'obj.handler'.
  const base = path.basename(spec);
  const moduleRoot = spec.slice(0, spec.length - base.length);
  const match = base.match(/^([^.]*)\.(.*)$/);
  if (!match) throw new RuntimeError('Runtime.MalformedHandlerName', 'Bad handler');
  const [, name, handlerPath] = match;
  let mod;
  try {
    mod = await loadModule(root, moduleRoot, name);
  } catch (e) {
    if (e instanceof SyntaxError) throw new RuntimeError('Runtime.UserCodeSyntaxError', String(e));
    if (e && (e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND')) {
      throw new RuntimeError('Runtime.ImportModuleError', String(e) + sdkHint(e));
    }
    throw e;
  }
  const find = (obj) => handlerPath.split('.').reduce((o, key) => o && o[key], obj);
  // A CommonJS module loaded through import() keeps its exports under `default`.
  const fn = find(mod) || (mod && find(mod.default));
  if (!fn) {
    throw new RuntimeError('Runtime.HandlerNotFound', `${spec} is undefined or not exported`);
  }
  if (typeof fn !== 'function') {
    throw new RuntimeError('Runtime.HandlerNotFound', `${spec} is not a function`);
  }
  return fn;
}

// --- invocation loop -----------------------------------------------------------------------------

async function nextInvocation(handler) {
  active = null;
  let res;
  try {
    res = await call('GET', '/invocation/next');
  } catch (_) {
    return gone();
  }
  if (res.status !== 200) {
    process.stderr.write(`runtime API answered ${res.status} to next: ${res.body.slice(0, 200)}\n`);
    process.exit(1);
  }
  invoke(handler, res.headers, res.body);
}

function invoke(handler, headers, body) {
  const requestId = headers['lambda-runtime-aws-request-id'];
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  const traceId = headers['lambda-runtime-trace-id'];
  if (traceId) process.env._X_AMZN_TRACE_ID = traceId;
  else delete process.env._X_AMZN_TRACE_ID;
  currentRequestId = requestId;
  const invocation = { requestId, finished: false };
  active = invocation;

  const complete = (error, result) => {
    if (invocation.finished) {
      console.error('Invocation has already been reported as done. Cannot call complete more ' +
        'than once per invocation.');
      return;
    }
    invocation.finished = true;
    onEmptyLoop = null;
    const posted = error !== undefined && error !== null ?
      postError(requestId, error) : postResponse(requestId, result);
    posted.then(() => nextInvocation(handler), gone);
  };

  let waitForEmptyLoop = true;
  // callback(err, result): errors go out at once; results wait for the event loop to drain
  // unless the handler set callbackWaitsForEmptyEventLoop = false (AWS semantics).
  const callback = (error, result) => {
    onEmptyLoop = null;
    if (error !== undefined && error !== null) return complete(error);
    if (!waitForEmptyLoop) return complete(null, result);
    onEmptyLoop = () => setImmediate(() => complete(null, result));
  };
  const done = complete; // legacy done/succeed/fail answer at once
  const context = {
    get callbackWaitsForEmptyEventLoop() { return waitForEmptyLoop; },
    set callbackWaitsForEmptyEventLoop(value) { waitForEmptyLoop = value; },
    succeed: (result) => done(null, result),
    fail: (error) => done(error === undefined || error === null ? 'handled' : error),
    done,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
    invokedFunctionArn: headers['lambda-runtime-invoked-function-arn'],
    awsRequestId: requestId,
    clientContext: parseHeader(headers['lambda-runtime-client-context']),
    identity: parseHeader(headers['lambda-runtime-cognito-identity']),
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  // A handler that neither returns a promise nor calls back answers null once nothing is pending.
  onEmptyLoop = () => complete(null, null);
  try {
    const result = handler(JSON.parse(body), context, callback);
    if (result && typeof result.then === 'function') result.then(context.succeed, context.fail);
  } catch (error) {
    callback(error);
  }
}

function parseHeader(value) {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch (_) {
    return undefined;
  }
}

async function main() {
  const apiAddress = process.env.AWS_LAMBDA_RUNTIME_API || '';
  apiHost = apiAddress.slice(0, apiAddress.lastIndexOf(':')).replace(/^\[|\]$/g, '');
  apiPort = Number(apiAddress.slice(apiAddress.lastIndexOf(':') + 1));
  if (!apiHost || !apiPort) {
    process.stderr.write('AWS_LAMBDA_RUNTIME_API is not set\n');
    process.exit(1);
  }
  patchConsole();
  // Our idle keep-alive socket is unref'd by the agent, so beforeExit tells us the handler has
  // nothing left to do (callbackWaitsForEmptyEventLoop).
  process.on('beforeExit', () => {
    const then = onEmptyLoop;
    onEmptyLoop = null;
    if (then) then();
  });
  process.on('uncaughtException', (error) => fatal(error, 'Uncaught Exception', 129));
  process.on('unhandledRejection', (reason) => {
    const error = new RuntimeError('Runtime.UnhandledPromiseRejection', String(reason));
    fatal(error, 'Unhandled Promise Rejection', 128);
  });
  const root = process.env.LAMBDA_TASK_ROOT || process.cwd();
  let handler;
  try {
    handler = await loadHandler(root, process.env._HANDLER || '');
  } catch (error) {
    console.error('Uncaught Exception', formatted(error));
    dying = true;
    return postInitError(error).then(() => process.exit(1), () => process.exit(1));
  }
  initialized = true;
  nextInvocation(handler);
}

// --- standby: started ahead of need --------------------------------------------------------------

// The AWS SDK clients of the services stepsim emulates, loaded by a standby worker.
const SDK_CLIENTS = ['client-batch', 'client-sfn', 'client-lambda', 'client-sts',
  'client-cloudwatch-logs', 'client-iam', 'client-cloudformation'];

// The worker's environment and directory once stepsim has written them on stdin (a non-blocking
// pipe) and closed it; null while they have not all come.
let assignmentText = '';
function takeAssignment() {
  const chunk = Buffer.alloc(65536);
  for (;;) {
    let n;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (error) {
      if (error.code === 'EAGAIN') return null;
      throw error;
    }
    if (n === 0) return assignmentText ? JSON.parse(assignmentText) : undefined;
    assignmentText += chunk.toString('utf8', 0, n);
  }
}

// Loads the SDK (from _STEPSIM_STANDBY_SDK, a node_modules) one client at a time, each through
// both require and import as a function may load it, then makes one call so the lazily loaded
// parts (signing, the HTTP handler, credentials from the environment) are in memory too. Stops as
// soon as the assignment has come: the worker must not wait for what it may not need.
async function preloadSdk(sdk) {
  const requireFromSdk = require('module').createRequire(path.join(sdk, 'standby.js'));
  const emitWarning = process.emitWarning;
  process.emitWarning = () => {}; // the SDK's warnings belong to a function that loads it
  try {
    let batch;
    for (const client of SDK_CLIENTS) {
      if (takeAssignment() !== null) return;
      try {
        const file = requireFromSdk.resolve(`@aws-sdk/${client}`);
        requireFromSdk(file);
        const loaded = await import(pathToFileURL(file).href);
        if (client === 'client-batch') batch = loaded;
      } catch (_) {
        // Not installed: a function that imports it loads it itself.
      }
    }
    if (batch && takeAssignment() === null) {
      const client = new batch.BatchClient({ region: 'us-east-1', endpoint: 'http://127.0.0.1:9',
        maxAttempts: 1, credentials: { accessKeyId: 'standby', secretAccessKey: 'standby' } });
      await client.send(new batch.DescribeJobQueuesCommand({})).catch(() => {});
      client.destroy();
    }
  } finally {
    process.emitWarning = emitWarning;
  }
}

// A standby worker (_STEPSIM_STANDBY set) is started before any function needs it, loads the SDK,
// then waits for the function it becomes: stepsim writes that worker's whole environment and
// directory on stdin. Only then does main() run, reading them as a fresh worker would.
async function standBy() {
  if (process.env._STEPSIM_STANDBY_SDK) await preloadSdk(process.env._STEPSIM_STANDBY_SDK);
  let assignment;
  while ((assignment = takeAssignment()) === null)
    await new Promise((resolve) => setTimeout(resolve, 2));
  if (!assignment) process.exit(0); // stdin closed without a function: not needed after all
  for (const name of Object.keys(process.env)) delete process.env[name];
  Object.assign(process.env, assignment.env);
  process.chdir(assignment.cwd);
}

if (process.env._STEPSIM_STANDBY) standBy().then(main, (error) => {
  process.stderr.write(`stepsim: the standby worker failed: ${error && error.stack}\n`);
  process.exit(1);
});
else main();
