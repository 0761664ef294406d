// Organization-wide runs: the integration coverage and the access matrix of the fake Atlas's
// organization of 140 projects, every upstream answer 50 ms late, through the real proxy and
// the release dist/. Cold: a proxy of its own, its cache empty; warm: the same page again
// within the cache's time. Each against the floor three requests in flight allow: the project
// list's pages plus ⌈requests ÷ 3⌉ answers, 50 ms each. The access matrix asks 140 requests;
// the coverage 267: each project's integrations, then the alerts of the 127 that have an
// integration an alert can use (not the 12 with none, nor the one whose integrations answer
// 403). Also the longest task (PerformanceObserver) while the matrix is drawn, then while it is
// filtered, and apart from them while the page loads. Beside the warm coverage, alternated with
// it, a hand-written page making the same requests (benches/vanilla-coverage.js) with 3 and 6
// in flight: the browser's own cost of a request, which no page can go below. Prints figures;
// asserts nothing.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchBrowser, openPage, ROOT, startFake, startProxy } from "../e2e/harness.mjs";

const LAG_MS = 50;
const RUNS = Number(process.env.RUNS ?? 5);
const PROJECTS = 140;
const LIST_PAGES = 1; // 140 projects, 500 to a page
const floorMs = (requests) => (LIST_PAGES + Math.ceil(requests / 3)) * LAG_MS;

// Every long task with its start, and when the table's first row appeared: the tasks that end
// before it load the page, the rest up to the run's end draw it (the first draw among them),
// those after the run filter it.
const LONG_TASKS = `
  window.__tasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__tasks.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector("table.coverage-table tbody tr")) {
      window.__firstRow = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
`;
const longest = (tasks, from, to) =>
  Math.max(0, ...tasks.filter(([start, duration]) => start + duration >= from && start < to).map(([, duration]) => duration));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Navigation start to every project answered and drawn; the longest tasks of loading, drawing and filtering. */
async function timeRun(browser, url, filterLabel) {
  const page = await openPage(browser);
  await page.addInitScript(LONG_TASKS);
  await page.goto(url);
  await page.waitForFunction(
    (total) => document.querySelectorAll("table.coverage-table tbody tr").length === total &&
      document.querySelector("#coverage-progress")?.getAttribute("value") === String(total),
    PROJECTS,
    { timeout: 60000, polling: "raf" },
  );
  const ms = await page.evaluate(() => performance.now());
  await page.getByLabel(filterLabel).check();
  await page.locator("#coverage-filter").fill("project-1");
  await page.waitForTimeout(300);
  const { tasks, firstRow } = await page.evaluate(() => ({ tasks: window.__tasks, firstRow: window.__firstRow }));
  await page.context().close();
  return {
    ms,
    loading: Math.max(0, ...tasks.filter(([start, duration]) => start + duration < firstRow).map(([, duration]) => duration)),
    drawing: longest(tasks, firstRow, ms),
    filtering: longest(tasks, ms, Infinity),
  };
}

/**
 * The hand-written coverage page (benches/vanilla-coverage.*) at `lanes` in flight, through
 * `proxy`: navigation start to every project drawn. What the browser's own cost of each
 * request leaves for the panel to spend.
 */
async function timeHandWritten(browser, proxy, org, lanes) {
  const page = await openPage(browser);
  // The panel's runs carry the long-task observers: so does this one.
  await page.addInitScript(LONG_TASKS);
  await page.goto(`${proxy.url}/vanilla-coverage.html?org=${org}&lanes=${lanes}`);
  await page.waitForFunction(
    (total) => document.querySelectorAll("table.coverage-table tbody tr").length === total &&
      document.querySelector("#coverage-progress")?.value === total,
    PROJECTS,
    { timeout: 60000, polling: "raf" },
  );
  const ms = await page.evaluate(() => performance.now());
  await page.context().close();
  return ms;
}

// The release build, with the hand-written coverage page beside it.
const site = mkdtempSync(path.join(tmpdir(), "org-run-"));
cpSync(path.join(ROOT, "dist"), site, { recursive: true });
for (const file of ["vanilla-coverage.html", "vanilla-coverage.js"]) cpSync(path.join(ROOT, "benches", file), path.join(site, file));

const fake = await startFake("oauth");
await fetch(`${fake.url}/_control/lag?ms=${LAG_MS}`, { method: "POST" });
const browser = await launchBrowser();
const { ESTATE_ORG } = fake.ids;
try {
  for (const [name, route, filterLabel, requests] of [
    ["integration coverage", "coverage", "Only projects without alerting", PROJECTS + 127],
    ["access matrix", "access", "Only projects where a team is Project Owner", PROJECTS],
  ]) {
    const floor = floorMs(requests);
    const cold = [];
    const warm = [];
    const handWritten = { 3: [], 6: [] };
    const longestOf = { loading: 0, drawing: 0, filtering: 0 };
    for (let run = 0; run < RUNS; run++) {
      const proxy = await startProxy({ upstream: fake.url, auth: "oauth", release: true, staticDir: site });
      const url = `${proxy.url}/orgs/${ESTATE_ORG}/${route}`;
      const first = await timeRun(browser, url, filterLabel);
      const again = await timeRun(browser, url, filterLabel);
      cold.push(first.ms);
      warm.push(again.ms);
      if (route === "coverage") {
        // Its URLs are the panel's, which the panel's runs have put in the proxy's cache.
        for (const lanes of run % 2 ? [6, 3] : [3, 6]) handWritten[lanes].push(await timeHandWritten(browser, proxy, ESTATE_ORG, lanes));
      }
      for (const phase of Object.keys(longestOf)) longestOf[phase] = Math.max(longestOf[phase], first[phase], again[phase]);
      proxy.stop();
    }
    const c = median(cold);
    const w = median(warm);
    console.log(`${name}, ${PROJECTS} projects, answers ${LAG_MS} ms late, median of ${RUNS}:`);
    console.log(`  cold ${c.toFixed(0)} ms against a floor of ${floor} ms (${requests} requests): ${(c / floor).toFixed(2)} × (budget 1.3 ×)`);
    console.log(`  warm ${w.toFixed(0)} ms (budget 1,000 ms)`);
    if (route === "coverage") {
      for (const lanes of [3, 6]) {
        console.log(`  warm, a hand-written page with ${lanes} in flight: ${median(handWritten[lanes]).toFixed(0)} ms (benches/vanilla-coverage.js)`);
      }
    }
    // The browser reports tasks of 50 ms or more only.
    const said = (ms) => (ms ? `${ms.toFixed(0)} ms` : "none of 50 ms or more");
    console.log(`  longest task of ${RUNS * 2} runs while drawing: ${said(longestOf.drawing)}, while filtering: ${said(longestOf.filtering)} (budget 50 ms); while loading the page: ${said(longestOf.loading)}`);
  }
  await traceWarmCoverage(browser, ESTATE_ORG);
} finally {
  await browser.close();
  fake.stop();
  rmSync(site, { recursive: true, force: true });
}

/**
 * Where a warm coverage run's main-thread time goes: one warm run traced (Chromium's timeline
 * and a sampling profile through CDP), its renderer main thread's busy time split into the
 * browser's own work (style, layout, paint, GC, fetch's plumbing outside script) and script,
 * and script by where its samples fall: the wasm, its JavaScript glue, the rest.
 */
async function traceWarmCoverage(browser, org) {
  const proxy = await startProxy({ upstream: fake.url, auth: "oauth", release: true });
  const url = `${proxy.url}/orgs/${org}/coverage`;
  await timeRun(browser, url, "Only projects without alerting");
  const page = await openPage(browser);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8"] });
  await cdp.send("Profiler.start");
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(
    (total) => document.querySelector("#coverage-progress")?.getAttribute("value") === String(total),
    PROJECTS,
    { timeout: 60000, polling: 20 },
  );
  const wall = Date.now() - started;
  const { profile } = await cdp.send("Profiler.stop");
  const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
  await page.context().close();
  proxy.stop();

  const events = trace.traceEvents;
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" &&
    events.some((f) => f.pid === e.pid && f.tid === e.tid && f.name === "FunctionCall"));
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur);
  const sum = (names) => onMain.filter((e) => names.includes(e.name)).reduce((total, e) => total + e.dur, 0) / 1000;
  const busy = sum(["ThreadControllerImpl::RunTask", "RunTask"]);
  const parts = [
    ["style and layout", ["UpdateLayoutTree", "Layout"]],
    ["paint and compositing", ["PrePaint", "Paint", "Layerize", "UpdateLayer", "Commit"]],
    ["garbage collection", ["MinorGC", "MajorGC", "V8.GCScavenger", "V8.GCFinalizeMC"]],
    ["script (functions, microtasks, timers, events)", ["FunctionCall", "RunMicrotasks", "TimerFire", "EventDispatch", "FireAnimationFrame", "v8.run"]],
  ];
  const answers = PROJECTS + 127;
  console.log(`where a warm coverage run's main thread goes (one traced run, ${wall} ms, ${answers} answers):`);
  console.log(`  main thread busy ${busy.toFixed(0)} ms, ${(busy / answers).toFixed(2)} ms an answer`);
  for (const [words, names] of parts) console.log(`    ${words.padEnd(48)} ${sum(names).toFixed(0).padStart(5)} ms`);

  // Samples' self time by where they fall.
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  const deltas = profile.timeDeltas;
  profile.samples.forEach((id, index) => {
    const { callFrame } = byId.get(id);
    const where = /\.wasm$/.test(callFrame.url) || callFrame.url.startsWith("wasm://") ? "the wasm"
      : /atlas-panel-[0-9a-f]+\.js$/.test(callFrame.url) ? "its JavaScript glue (DOM and fetch calls)"
      : callFrame.functionName === "(idle)" ? "idle"
      : callFrame.functionName === "(garbage collector)" ? "garbage collector"
      : callFrame.functionName === "(program)" ? "the browser outside script"
      : "other script";
    self.set(where, (self.get(where) ?? 0) + (deltas[index + 1] ?? 0) / 1000);
  });
  console.log("  sampled, by where the time falls:");
  for (const [where, ms] of [...self].sort((a, b) => b[1] - a[1])) console.log(`    ${where.padEnd(48)} ${ms.toFixed(0).padStart(5)} ms`);
}
