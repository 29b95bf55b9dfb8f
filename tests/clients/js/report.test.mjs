// `stepsim run --html` opened from disk in headless Chromium: a scenario that expected the Job
// Poller to succeed while its job failed. The report must lead with that scenario, say what it
// missed, and show where the execution failed: "Job Failed" red on the graph, the states it never
// reached grey, ExecutionFailed in the events. Skipped when /usr/bin/chromium (or $CHROMIUM_BIN)
// is absent. Element hooks: see console.test.mjs.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { after, before, test } from "node:test";
import puppeteer from "puppeteer-core";
import { STEPSIM_BIN } from "./server.mjs";

const CHROMIUM = process.env.CHROMIUM_BIN ?? "/usr/bin/chromium";
const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed`;
const JOB_POLLER = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "scenarios", "job_poller");

let dir;
let browser;
let page;

// The library's job_failed scenario, renamed and expecting the wrong outcome, beside a passing one.
function writeScenarios() {
  dir = mkdtempSync(join(tmpdir(), "stepsim-report-"));
  copyFileSync(join(JOB_POLLER, "classic.asl.json"), join(dir, "classic.asl.json"));
  const failing = JSON.parse(readFileSync(join(JOB_POLLER, "job_failed.json"), "utf8"));
  failing.name = "expects-success-but-job-fails";
  failing.expect = { executions: { "poll-my-job": { status: "SUCCEEDED" } } };
  const passing = JSON.parse(readFileSync(join(JOB_POLLER, "classic_happy_path.json"), "utf8"));
  writeFileSync(join(dir, "a_passing.json"), JSON.stringify(passing));
  writeFileSync(join(dir, "b_failing.json"), JSON.stringify(failing));
}

async function nodeStatuses() {
  return page.$$eval("#execution-graph-svg g.node[data-state-name]", (nodes) =>
    Object.fromEntries(nodes.map((n) => [n.dataset.stateName, n.dataset.status])));
}

before(async () => {
  if (skip) return;
  writeScenarios();
  const run = spawnSync(STEPSIM_BIN, ["run", "--html", join(dir, "report.html"), dir], { encoding: "utf8" });
  assert.equal(run.status, 1, run.stderr + run.stdout);  // one scenario failed
  browser = await puppeteer.launch({
    executablePath: CHROMIUM, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  // A report needs nothing but the file: any request leaving it would be a bug.
  await page.setRequestInterception(true);
  page.on("request", (request) => (request.url().startsWith("file:") ? request.continue() : request.abort()));
});

after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the failed scenario comes first, with what it missed", { skip }, async () => {
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(pathToFileURL(join(dir, "report.html")).href);
  await page.waitForSelector("#page[data-page=report-home][data-ready]");
  const cards = await page.$$eval("#scenarios section.scenario-card", (sections) =>
    sections.map((s) => ({ passed: s.dataset.passed, text: s.textContent })));
  assert.equal(cards.length, 2);
  assert.equal(cards[0].passed, "false");
  assert.match(cards[0].text, /expects-success-but-job-fails/);
  assert.match(cards[0].text, /execution poll-my-job status/);
  assert.match(cards[0].text, /"SUCCEEDED"/);
  assert.equal(cards[1].passed, "true");
  assert.deepEqual(errors, []);
});

test("its execution shows where it failed", { skip }, async () => {
  await page.click("#scenarios section.scenario-card[data-passed=false] tr[data-status=FAILED] a");
  await page.waitForSelector("#page[data-page=execution][data-ready]");
  await page.waitForSelector("#execution-graph-svg g.node[data-status]");
  const statuses = await nodeStatuses();
  assert.equal(statuses["Job Failed"], "failed");
  assert.equal(statuses["Get Final Job Status"], "not-reached");
  assert.equal(statuses["Submit Job"], "succeeded");
  assert.equal(statuses["Job Complete?"], "succeeded");
  const status = await page.$eval("#execution-status", (e) => e.dataset.status);
  assert.equal(status, "FAILED");
  const error = await page.$eval("#execution-error", (e) => e.textContent);
  assert.match(error, /DescribeJob returned FAILED/);
  const types = await page.$$eval("#event-table tr[data-event-type]", (rows) => rows.map((r) => r.dataset.eventType));
  assert.equal(types.at(-1), "ExecutionFailed");
  assert.ok(types.includes("FailStateEntered"));
});
