// The web console (/_stepsim/ui/) in headless Chromium, against the console built into the
// binary: the Job Status Poller world on a manual clock, an execution started from the page and
// driven to the end with the page's clock buttons, then the same views opened from a report
// snapshot as a file. Skipped when /usr/bin/chromium (or $CHROMIUM_BIN) is absent.
// With STEPSIM_SCREENSHOT_DIR set it saves its screenshots there (tools/console_screenshots.sh: docs/);
// with STEPSIM_CONSOLE_DIR=emulator/console/web it tests the files on disk, without a rebuild.
//
// Element hooks this test relies on (emulator/console/web/src):
//   #page[data-page=home|state-machine|execution|jobs|functions|function|report-home|scenario]
//     [data-ready]                      the page has rendered its first data
//   #page[data-clock-millis]            live: the virtual time (epoch ms) of the last completed refresh
//   #page[data-execution-status], [data-event-count]   execution page: last rendered status and events
//   a.nav-link[data-nav=home|jobs|functions|report]    header navigation
//   #clock[data-epoch-millis][data-mode]; #clock-now; #clock-mode (select live, text in a report);
//     #clock-advance-1, -10, -60; #clock-advance-seconds + #clock-advance; #clock-next-timer
//   #state-machines-table tr[data-state-machine-arn] a
//   #definition-graph, #execution-graph-svg: SVG graphs; g.node[data-state-name]
//     [data-status=succeeded|failed|caught|in-progress|not-reached] (status only on executions)
//   #new-execution-button -> #new-execution-dialog[data-ready] with #new-execution-name,
//     #new-execution-input, #new-execution-submit, #new-execution-error
//   #executions-table tr[data-execution-arn][data-status]
//   #execution-status[data-status]; #execution-version, #execution-alias (started on a version
//     or through an alias); #execution-input, #execution-output; #execution-error;
//     #stop-button, #redrive-button
//   #event-table tr[data-event-type][data-event-id]; a click adds tr.event-details after it
//   #state-details (after a node click): #state-visit-select, pre.state-input, pre.state-output
//   #timeline svg g.tl-lane[data-lane=<state, resource or job name>] with rect.tl-visit,
//     rect.tl-invocation, rect.tl-job[data-job-status]
//   #jobs-table tr[data-job-id][data-status]
//   #functions-table tr[data-function-name] a; #invocations-table tr.invocation-row; #log-lines
//   #scenarios section.scenario-card[data-passed] (report home)
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import puppeteer from "puppeteer-core";
import { startServer } from "./server.mjs";

const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
// ctest runs this from the build tree: paths start at this file.
const CHECKOUT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const SCENARIO = join(CHECKOUT, "scenarios", "job_poller", "classic_happy_path.json");
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;
const SHOTS = process.env.STEPSIM_SCREENSHOT_DIR;
const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:JobStatusPoller";
const STATES = ["Submit Job", "Wait X Seconds", "Get Job Status", "Job Complete?", "Job Failed", "Get Final Job Status"];
const EXAMPLE_INPUT = { jobName: "my-job", jobDefinition: "SampleJobDefinition", jobQueue: "SampleJobQueue", wait_time: 60 };

let server;
let browser;
let page;
let executionArn;
const pageErrors = [];

async function sfn(op, body) {
  const response = await fetch(server.url + "/", {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": `AWSStepFunctions.${op}` },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  assert.equal(response.status, 200, JSON.stringify(answer));
  return answer;
}

async function shot(name) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await new Promise((resolve) => setTimeout(resolve, 150)); // let the last render settle
  await page.screenshot({ path: join(SHOTS, name) });
}

async function ready(name) {
  await page.waitForSelector(`#page[data-page="${name}"][data-ready]`, { timeout: 10_000 });
}

// name -> data-status of every state node in the graph `svgId`.
async function graphStatuses(svgId) {
  return page.$$eval(`#${svgId} g.node[data-state-name]`, (nodes) =>
    Object.fromEntries(nodes.map((n) => [n.getAttribute("data-state-name"), n.getAttribute("data-status")])));
}

async function clockMillis() {
  return Number(await page.$eval("#clock", (c) => c.getAttribute("data-epoch-millis")));
}

// Clicks a clock button and waits until the clock moved and the page refreshed at the new time.
async function clickClock(selector) {
  const before = await clockMillis();
  await page.click(selector);
  await page.waitForFunction((b) => Number(document.getElementById("clock").getAttribute("data-epoch-millis")) > b,
    { timeout: 10_000 }, before);
  const now = await clockMillis();
  await page.waitForSelector(`#page[data-clock-millis="${now}"]`, { timeout: 10_000 });
  return now;
}

before(async () => {
  if (skip) return;
  // STEPSIM_CONSOLE_DIR (emulator/console/web) tests the files on disk instead of the built-in ones.
  const consoleDir = process.env.STEPSIM_CONSOLE_DIR ? ["--console-dir", process.env.STEPSIM_CONSOLE_DIR] : [];
  server = await startServer("--clock", "manual", "--scenario", SCENARIO, ...consoleDir);
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  page.on("pageerror", (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  if (server) assert.equal(await server.stop(), 0);
});

test("the state machine page draws the definition and starts an execution", { skip }, async () => {
  await page.goto(server.url + "/_stepsim/ui/");
  await ready("home");
  const clock = await page.$eval("#clock", (c) => ({ mode: c.getAttribute("data-mode"), now: document.getElementById("clock-now").textContent }));
  assert.deepEqual(clock, { mode: "manual", now: "2026-01-01 00:00:00 UTC" });

  await page.click(`#state-machines-table tr[data-state-machine-arn="${SM}"] a`);
  await ready("state-machine");
  assert.equal(new URL(page.url()).pathname, `/_stepsim/ui/state-machines/${SM}`);
  const names = await page.$$eval("#definition-graph g.node[data-state-name]", (nodes) => nodes.map((n) => n.getAttribute("data-state-name")));
  assert.deepEqual(names.sort(), [...STATES].sort());
  // Start and End, the Choice's two rules and its Default.
  assert.equal(await page.$$eval("#definition-graph g.node-start, #definition-graph g.node-end", (n) => n.length), 2);
  assert.equal(await page.$$eval("#definition-graph g.edge-choice", (e) => e.length), 2);
  assert.equal(await page.$$eval("#definition-graph g.edge-default", (e) => e.length), 1);
  await shot("console-state-machine.png");

  await page.click("#new-execution-button");
  await page.waitForSelector("#new-execution-dialog[data-ready]");
  const input = await page.$eval("#new-execution-input", (t) => t.value);
  assert.deepEqual(JSON.parse(input), EXAMPLE_INPUT, "prefilled with the scenario's example input");
  await page.type("#new-execution-name", "console-run");
  await page.click("#new-execution-submit");
  await ready("execution");
  executionArn = SM.replace(":stateMachine:", ":execution:") + ":console-run";
  assert.equal(decodeURIComponent(new URL(page.url()).pathname), `/_stepsim/ui/executions/${executionArn}`);
});

test("the execution page follows the run as the page's clock buttons move time", { skip }, async () => {
  assert.ok(executionArn, "the previous test started the execution");
  await page.waitForSelector('#execution-graph-svg g.node[data-state-name="Wait X Seconds"][data-status="in-progress"]');
  let statuses = await graphStatuses("execution-graph-svg");
  assert.equal(statuses["Submit Job"], "succeeded");
  assert.equal(statuses["Wait X Seconds"], "in-progress");
  assert.equal(statuses["Get Final Job Status"], "not-reached");
  assert.equal(await page.$eval("#execution-status", (b) => b.getAttribute("data-status")), "RUNNING");
  assert.ok(await page.$("#stop-button"), "a running execution can be stopped");
  // The running state is selected on opening: its input, no output yet.
  await page.waitForSelector('#state-details [data-state-name="Wait X Seconds"] pre.state-input');
  assert.equal(JSON.parse(await page.$eval("#state-details pre.state-input", (p) => p.textContent)).wait_time, 60);
  await shot("console-execution-running.png");

  const start = await clockMillis();
  assert.equal(await clickClock("#clock-advance-60"), start + 60_000);
  await page.waitForSelector('#execution-graph-svg g.node[data-state-name="Get Job Status"][data-status="succeeded"]');
  for (let i = 0; i < 40 && !(await page.$('#page[data-execution-status="SUCCEEDED"]')); i++) {
    await clickClock("#clock-next-timer");
  }
  await page.waitForSelector('#page[data-execution-status="SUCCEEDED"]', { timeout: 10_000 });
  assert.equal(await clockMillis() - start, 600_000, "the job takes 600 virtual seconds");

  statuses = await graphStatuses("execution-graph-svg");
  assert.deepEqual(statuses, {
    "Submit Job": "succeeded",
    "Wait X Seconds": "succeeded",
    "Get Job Status": "succeeded",
    "Job Complete?": "succeeded",
    "Job Failed": "not-reached",
    "Get Final Job Status": "succeeded",
  });
  assert.equal(await page.$("#stop-button"), null);

  const { events } = await sfn("GetExecutionHistory", { executionArn, maxResults: 1000 });
  await page.waitForFunction((n) => document.querySelectorAll("#event-table tr[data-event-type]").length === n, {}, events.length);
  const types = await page.$$eval("#event-table tr[data-event-type]", (rows) => rows.map((r) => r.getAttribute("data-event-type")));
  assert.deepEqual(types, events.map((e) => e.type));
  assert.equal(types.at(-1), "ExecutionSucceeded");

  const described = await sfn("DescribeExecution", { executionArn });
  assert.deepEqual(JSON.parse(await page.$eval("#execution-output", (o) => o.textContent)), JSON.parse(described.output));
  assert.deepEqual(JSON.parse(await page.$eval("#execution-input", (o) => o.textContent)), EXAMPLE_INPUT);

  // An event row opens to its details.
  await page.click('#event-table tr[data-event-type="ExecutionSucceeded"]');
  const detailsText = await page.$eval('#event-table tr[data-event-type="ExecutionSucceeded"] + tr.event-details', (r) => r.textContent);
  assert.match(detailsText, /executionSucceededEventDetails/);

  // A node shows its input and output, one visit at a time: Get Job Status ran 10 times.
  await page.click('#execution-graph-svg g.node[data-state-name="Get Job Status"]');
  await page.waitForSelector('#state-details [data-state-name="Get Job Status"] #state-visit-select');
  assert.equal(await page.$$eval("#state-visit-select option", (o) => o.length), 10);
  const lastOutput = JSON.parse(await page.$eval("#state-details pre.state-output", (p) => p.textContent));
  assert.equal(lastOutput.status, "SUCCEEDED");
  const firstVisit = await page.$eval("#state-visit-select option", (o) => o.value);
  await page.select("#state-visit-select", firstVisit);
  assert.equal(JSON.parse(await page.$eval("#state-details pre.state-output", (p) => p.textContent)).status, "RUNNING");
  await page.select("#state-visit-select", await page.$eval("#state-visit-select option:last-child", (o) => o.value));
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot("console-execution.png");

  // Timeline: a lane per state (10 waits), per function, and the Batch job's status segments.
  assert.equal(await page.$$eval('#timeline g.tl-lane[data-lane="Wait X Seconds"] rect.tl-visit', (r) => r.length), 10);
  assert.equal(await page.$$eval('#timeline g.tl-lane[data-lane="CheckJob"] rect.tl-invocation', (r) => r.length), 11);
  const segments = await page.$$eval('#timeline g.tl-lane[data-lane="my-job"] rect.tl-job', (r) => r.map((x) => x.getAttribute("data-job-status")));
  assert.equal(segments.at(-1), "SUCCEEDED");
  assert.ok(segments.includes("RUNNING"));
  if (SHOTS) {
    await page.evaluate(() => document.getElementById("timeline-card").scrollIntoView());
    await shot("console-timeline.png");
  }
});

test("an execution's address opens its page directly, raw or percent-encoded", { skip }, async () => {
  for (const path of [executionArn, encodeURIComponent(executionArn)]) {
    await page.goto(`${server.url}/_stepsim/ui/executions/${path}`);
    await ready("execution");
    await page.waitForSelector("#execution-graph-svg g.node[data-status]");
    assert.equal(await page.$eval("#execution-status", (b) => b.getAttribute("data-status")), "SUCCEEDED");
    assert.equal((await graphStatuses("execution-graph-svg"))["Get Final Job Status"], "succeeded");
  }
  // Back to the machine through the breadcrumb: its executions list has this one.
  await page.click(".crumbs a:nth-of-type(2)");
  await ready("state-machine");
  await page.waitForSelector(`#executions-table tr[data-execution-arn="${executionArn}"][data-status="SUCCEEDED"]`);
  // The browser's Back button returns to the execution (popstate, no reload).
  await page.goBack();
  await ready("execution");
  assert.equal(await page.$eval("#execution-status", (b) => b.getAttribute("data-status")), "SUCCEEDED");
});

test("an execution started through an alias shows the alias and the version it ran", { skip }, async () => {
  const pass = (result) => JSON.stringify({ StartAt: "P", States: { P: { Type: "Pass", Result: result, End: true } } });
  const { stateMachineArn, stateMachineVersionArn } = await sfn("CreateStateMachine", {
    name: "Versioned", definition: pass("one"), roleArn: "arn:aws:iam::123456789012:role/sfn", publish: true,
  });
  const { stateMachineAliasArn } = await sfn("CreateStateMachineAlias", {
    name: "live", routingConfiguration: [{ stateMachineVersionArn, weight: 100 }],
  });
  const started = await sfn("StartExecution", { stateMachineArn: stateMachineAliasArn, input: "{}" });
  await page.goto(`${server.url}/_stepsim/ui/executions/${started.executionArn}`);
  await ready("execution");
  assert.equal(await page.$eval("#execution-version", (e) => e.textContent), "1");
  assert.equal(await page.$eval("#execution-alias", (e) => e.textContent), "live");
  // The machine link leads to the machine itself, not the version.
  assert.ok((await page.$eval(".crumbs", (e) => e.textContent)).includes("Versioned"));
  assert.ok(stateMachineArn.endsWith(":Versioned"));
});

test("the Batch jobs and Lambda functions pages show the job and the invocations", { skip }, async () => {
  await page.click('a.nav-link[data-nav="jobs"]');
  await ready("jobs");
  const job = await page.$eval("#jobs-table tr[data-job-id]", (r) => ({ status: r.getAttribute("data-status"), text: r.textContent }));
  assert.equal(job.status, "SUCCEEDED");
  assert.match(job.text, /my-job/);
  assert.match(job.text, /RUNNABLE.*STARTING.*RUNNING.*SUCCEEDED/);
  await shot("console-jobs.png");

  await page.click('a.nav-link[data-nav="functions"]');
  await ready("functions");
  await page.waitForSelector('#functions-table tr[data-function-name="CheckJob"]');
  await page.click('#functions-table tr[data-function-name="CheckJob"] a');
  await ready("function");
  assert.equal(await page.$$eval("#invocations-table tr.invocation-row", (r) => r.length), 11);
  await page.click("#invocations-table tr.invocation-row");
  await page.waitForSelector("#invocations-table tr.invocation-lines");
  assert.match(await page.$eval("#log-lines", (p) => p.textContent), /START RequestId: .*END RequestId: .*REPORT RequestId:/s);
  await shot("console-functions.png");
});

test("the CloudFormation page shows a stack with its outputs, resources and events", { skip }, async () => {
  const body = new URLSearchParams({
    Action: "CreateStack", Version: "2010-05-15", StackName: "console-stack",
    TemplateBody: JSON.stringify({
      Resources: {
        Logs: { Type: "AWS::Logs::LogGroup", Properties: { LogGroupName: "/console/demo" } },
        Broken: { Type: "AWS::SQS::Queue", DependsOn: "Logs" },
      },
    }),
  });
  const created = await fetch(server.url + "/", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded",
      Authorization: "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cloudformation/aws4_request, SignedHeaders=host, Signature=0" },
    body,
  });
  assert.equal(created.status, 200, await created.text());
  // The manual clock: the stack is under way until time moves.
  await page.goto(server.url + "/_stepsim/ui/stacks");
  await ready("stacks");
  assert.equal(await page.$eval('#stacks .stack[data-stack-name="console-stack"]', (c) => c.getAttribute("data-status")),
    "CREATE_IN_PROGRESS");
  // Each resource takes a virtual second to make and another to delete in the rollback.
  assert.equal((await server.control("POST", "/_stepsim/clock", { advanceSeconds: 10 })).status, 200);
  await page.waitForSelector('#stacks .stack[data-stack-name="console-stack"][data-status="ROLLBACK_COMPLETE"]', { timeout: 10_000 });
  const resources = await page.$$eval('#stacks .stack[data-stack-name="console-stack"] .stack-resources tr[data-logical-id]',
    (rows) => rows.map((r) => [r.getAttribute("data-logical-id"), r.getAttribute("data-status")]));
  assert.deepEqual(resources, [["Broken", "DELETE_COMPLETE"], ["Logs", "DELETE_COMPLETE"]]);
  const reasons = await page.$eval('#stacks .stack[data-stack-name="console-stack"] .stack-events', (t) => t.textContent);
  assert.match(reasons, /Resource type AWS::SQS::Queue is not supported by stepsim/);
  assert.match(reasons, /The following resource\(s\) failed to create: \[Broken\]/);
  await shot("console-stacks.png");
});

// The report writer's contract: index.html's script and stylesheet lines replaced by their
// contents, window.STEPSIM_REPORT set before the first script. Built here from the live server,
// opened as a file: no server, hash routes, no clock buttons.
test("a report snapshot opened as a file shows the same execution view", { skip }, async () => {
  const get = async (path) => (await fetch(server.url + path)).text();
  const html = await get("/_stepsim/ui/");
  const described = await sfn("DescribeExecution", { executionArn });
  const { events } = await sfn("GetExecutionHistory", { executionArn, maxResults: 1000, includeExecutionData: true });
  const machine = await sfn("DescribeStateMachine", { stateMachineArn: SM });
  const jobs = JSON.parse(await get("/_stepsim/batch/jobs")).jobs;
  const clock = JSON.parse(await get("/_stepsim/clock"));
  const scenario = (name, passed, unmet) => ({
    name, file: `scenarios/job_poller/${name}.json`, description: `${name} description`, passed, error: "",
    unmet, actionErrors: [], virtualSeconds: 600, clock, stateMachines: [machine],
    executions: [{ describe: described, events }], jobs, functions: [], logGroups: {},
  });
  const report = {
    title: "console test report",
    scenarios: [
      scenario("passing", true, []),
      scenario("failing", false, [{ what: "execution console-run duration", expected: "500s", actual: "600s", diff: [] }]),
    ],
  };
  let inlined = "";
  let first = true;
  for (const line of html.split("\n")) {
    const script = /^\s*<script src="\/_stepsim\/ui\/assets\/([^"]+)"><\/script>\s*$/.exec(line);
    const style = /^\s*<link rel="stylesheet" href="\/_stepsim\/ui\/assets\/([^"]+)">\s*$/.exec(line);
    if (script) {
      if (first) inlined += `<script>window.STEPSIM_REPORT = ${JSON.stringify(report).replace(/</g, "\\u003c")};</script>\n`;
      first = false;
      inlined += `<script>${await get("/_stepsim/ui/assets/" + script[1])}</script>\n`;
    } else if (style) {
      inlined += `<style>${await get("/_stepsim/ui/assets/" + style[1])}</style>\n`;
    } else {
      inlined += line + "\n";
    }
  }
  assert.ok(!first, "index.html loads its scripts from /_stepsim/ui/assets/");
  const dir = mkdtempSync(join(tmpdir(), "stepsim-report-"));
  try {
    const file = join(dir, "report.html");
    writeFileSync(file, inlined);
    await page.goto("about:blank"); // the live page's polls stop before counting requests
    const requests = [];
    const onRequest = (request) => { if (!request.url().startsWith("file:")) requests.push(request.url()); };
    page.on("request", onRequest);
    await page.goto(pathToFileURL(file).href);
    await ready("report-home");
    const cards = await page.$$eval("#scenarios section.scenario-card", (c) => c.map((x) => x.getAttribute("data-passed")));
    assert.deepEqual(cards, ["false", "true"], "failed scenarios first");
    assert.match(await page.$eval("#scenarios section.scenario-card", (c) => c.textContent), /execution console-run duration.*500s.*600s/s);
    assert.equal(await page.$("#clock-next-timer"), null);

    await page.click(`#scenarios section.scenario-card a[href*="/executions/"]`);
    await ready("execution");
    assert.match(new URL(page.url()).hash, /^#\/scenarios\/1\/executions\//);
    await page.waitForSelector("#execution-graph-svg g.node[data-status]");
    assert.equal((await graphStatuses("execution-graph-svg"))["Job Failed"], "not-reached");
    assert.equal(await page.$$eval("#event-table tr[data-event-type]", (r) => r.length), events.length);
    assert.equal(await page.$("#stop-button, #redrive-button, #new-execution-button"), null);
    page.off("request", onRequest);
    assert.deepEqual(requests, [], "a report makes no network requests");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("no script errors on any page", { skip }, () => {
  assert.deepEqual(pageErrors, []);
});
