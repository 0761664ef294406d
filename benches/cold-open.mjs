// Cold open of a deep link: a fresh browser context (empty cache) opens the demo's
// /groups/{id}/integrations through the proxy, from navigation start to the first row in the
// DOM; the same for a hand-written page that does what a hand-written panel would
// (benches/vanilla-integrations.html: the panel's stylesheet, config.json, then the list, then
// the same table), served by the same proxy from the same directory. The panel asks for more
// beside the list (the project's alert configurations, its name, the organizations) and draws
// more (its header, the Alerts column's words): that is its own cost, and counted. Alternated, 21 runs each; medians and
// their ratio. Then the panel's timeline, phase by phase, so that the next cut is obvious.
// Three conditions: the demo, answering at once, on loopback; the real proxy (cache off) in
// front of the fake Atlas answering every request after 300 ms, as Atlas does, on loopback;
// and the same on an emulated link of 40 ms latency and 20 Mbit/s (Chromium's network
// emulation through CDP). Prints figures; asserts nothing.
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launchBrowser, ROOT, startFake, startProxy } from "../e2e/harness.mjs";

const RUNS = Number(process.env.RUNS ?? 21);
const TIMELINE_RUNS = Number(process.env.TIMELINE_RUNS ?? 11);
const PROJECT = "6500000000000000000000a1";
const UPSTREAM_LAG_MS = 300;
/** An emulated link: 40 ms each way's latency, 20 Mbit/s. */
const LINK = { offline: false, latency: 40, downloadThroughput: 20e6 / 8, uploadThroughput: 20e6 / 8 };

const FIRST_ROW = `
  window.__bench = {};
  new MutationObserver(() => {
    if (!window.__bench.rows && document.querySelector("table.results tbody tr")) window.__bench.rows = performance.now();
  }).observe(document, { subtree: true, childList: true });
`;

// For the timeline only: instantiateStreaming split into its two steps, each timed. It
// compiles while the bytes arrive either way; the split costs a little, so the headline runs
// go without it.
const SPLIT_INSTANTIATE = `
  WebAssembly.instantiateStreaming = async (source, imports) => {
    window.__bench.wasmStart = performance.now();
    const module = await WebAssembly.compileStreaming(source);
    window.__bench.compiled = performance.now();
    const instance = await WebAssembly.instantiate(module, imports);
    window.__bench.instantiated = performance.now();
    return { module, instance };
  };
`;

// Stamps the wasm's instantiation and the first row into Chromium's timeline.
const STAMPS = `
  window.__bench = new Proxy(window.__bench, {
    set(target, key, value) {
      target[key] = value;
      if (key === "instantiated" || key === "rows") console.timeStamp(key);
      return true;
    },
  });
`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Opens `url` in a fresh context (on `link`, when given); the first row's time and the
 * page's resource timings. */
async function open(browser, url, initScripts, link) {
  const context = await browser.newContext();
  for (const script of initScripts) await context.addInitScript(script);
  const page = await context.newPage();
  if (link) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", link);
  }
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.rows, null, { timeout: 20000 });
  const measured = await page.evaluate(() => {
    const ends = {};
    const [navigation] = performance.getEntriesByType("navigation");
    ends.html = navigation.responseEnd;
    for (const entry of performance.getEntriesByType("resource")) {
      const name = new URL(entry.name).pathname;
      const kind = /_bg\.wasm$/.test(name) ? "wasm" : /atlas-panel-[0-9a-f]+\.js$/.test(name) ? "js" : /config\.json$/.test(name) ? "config" : /\/integrations$/.test(name) ? "list" : null;
      if (kind) ends[kind] = entry.responseEnd;
    }
    return { ...window.__bench, ...ends };
  });
  await context.close();
  return measured;
}

const site = mkdtempSync(path.join(tmpdir(), "cold-open-"));
cpSync(path.join(ROOT, "dist"), site, { recursive: true });
cpSync(path.join(ROOT, "benches", "vanilla-integrations.js"), path.join(site, "vanilla-integrations.js"));
const stylesheet = readdirSync(site).find((name) => /^main-[0-9a-f]+\.css$/.test(name));
writeFileSync(
  path.join(site, "vanilla-integrations.html"),
  readFileSync(path.join(ROOT, "benches", "vanilla-integrations.html"), "utf8").replace("PANEL-STYLESHEET", stylesheet),
);
/** The panel and the hand-written page on one proxy: their medians, their ratio, and the
 * panel's timeline. */
async function measure(browser, condition, proxyUrl, project, link) {
  const panelUrl = `${proxyUrl}/groups/${project}/integrations`;
  const vanillaUrl = `${proxyUrl}/vanilla-integrations.html?project=${project}`;
  const panel = [];
  const vanilla = [];
  for (let run = 0; run < RUNS; run++) {
    panel.push((await open(browser, panelUrl, [FIRST_ROW], link)).rows);
    vanilla.push((await open(browser, vanillaUrl, [FIRST_ROW], link)).rows);
  }
  const [p, v] = [median(panel), median(vanilla)];
  console.log(`cold open of /groups/{id}/integrations, ${condition}: fresh context each run, navigation start to the first row, median of ${RUNS} alternated:`);
  console.log(`  panel ${p.toFixed(0)} ms, hand-written page ${v.toFixed(0)} ms: ${(p / v).toFixed(2)} ×`);

  const timeline = [];
  for (let run = 0; run < TIMELINE_RUNS; run++) timeline.push(await open(browser, panelUrl, [FIRST_ROW, SPLIT_INSTANTIATE], link));
  const phases = [
    ["html", "HTML received"],
    ["js", "JS glue received"],
    ["wasm", "wasm received"],
    ["compiled", "wasm compiled"],
    ["instantiated", "wasm instantiated"],
    ["config", "config.json received"],
    ["list", "list answer received"],
    ["rows", "rows in the DOM"],
  ];
  console.log(`  the panel's timeline, ms from navigation start, median of ${TIMELINE_RUNS} (compile and instantiate timed apart):`);
  for (const [key, words] of phases) {
    const values = timeline.map((t) => t[key]).filter((value) => value !== undefined);
    console.log(`    ${words.padEnd(22)} ${values.length ? median(values).toFixed(0).padStart(5) : "    –"}`);
  }
}

/**
 * Where the panel's own start goes, once its answer is in (the demo answers at once): one cold
 * open with a sampled profile through CDP (every 100 µs), the samples from the wasm's
 * instantiation to the first row split by where they fall, and the main thread's style,
 * layout and paint in that span from Chromium's timeline.
 */
async function traceStart(browser, url) {
  const spans = [];
  const where = new Map();
  const rendering = new Map();
  const RUNS_TRACED = 5;
  for (let run = 0; run < RUNS_TRACED; run++) {
    const context = await browser.newContext();
    for (const script of [FIRST_ROW, SPLIT_INSTANTIATE, STAMPS]) await context.addInitScript(script);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    await browser.startTracing(page, { categories: ["devtools.timeline"] });
    await cdp.send("Profiler.start");
    await page.goto(url);
    await page.waitForFunction(() => window.__bench?.rows, null, { timeout: 20000 });
    const { profile } = await cdp.send("Profiler.stop");
    const trace = JSON.parse((await browser.stopTracing()).toString("utf8"));
    const { instantiated, rows } = await page.evaluate(() => window.__bench);
    await context.close();
    spans.push(rows - instantiated);
    // The page stamped both moments into the timeline (console.timeStamp); the profile's
    // times are on the same clock.
    const stamp = (message) => trace.traceEvents.find((e) => e.name === "TimeStamp" && e.args?.data?.message === message)?.ts;
    const [from, to] = [stamp("instantiated"), stamp("rows")];
    if (from === undefined || to === undefined) continue;
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    let at = profile.startTime;
    profile.samples.forEach((id, index) => {
      at += profile.timeDeltas[index];
      if (at < from || at > to) return;
      const { callFrame } = byId.get(id);
      const kind = callFrame.url.startsWith("wasm://") || /\.wasm$/.test(callFrame.url) ? "the wasm (Rust: JSON, reading rows, signals, building the page)"
        : /atlas-panel-[0-9a-f]+\.js$/.test(callFrame.url) ? "its JavaScript glue (DOM calls, strings across)"
        : callFrame.functionName === "(idle)" ? "idle"
        : callFrame.functionName === "(garbage collector)" ? "garbage collector"
        : callFrame.functionName === "(program)" ? "the browser outside script (style, layout, paint, tasks)"
        : "other script (builtins, promises)";
      where.set(kind, (where.get(kind) ?? 0) + profile.timeDeltas[index] / 1000);
    });
    for (const e of trace.traceEvents) {
      if (e.ph !== "X" || !e.dur || e.ts < from || e.ts > to) continue;
      const name = { UpdateLayoutTree: "style", Layout: "layout", Paint: "paint", PrePaint: "paint", ParseHTML: "parse HTML", EvaluateScript: "evaluate script" }[e.name];
      if (name) rendering.set(name, (rendering.get(name) ?? 0) + e.dur / 1000);
    }
  }
  console.log(`the panel's own start, the demo's answer already in: wasm instantiated to the first row, median ${median(spans).toFixed(0)} ms of ${RUNS_TRACED} traced runs; summed over the runs, by where the samples fall:`);
  for (const [kind, ms] of [...where].sort((a, b) => b[1] - a[1])) console.log(`    ${kind.padEnd(62)} ${(ms / RUNS_TRACED).toFixed(1).padStart(6)} ms a run`);
  console.log(`  of which the main thread's (timeline): ${[...rendering].map(([name, ms]) => `${name} ${(ms / RUNS_TRACED).toFixed(1)} ms`).join(", ")}`);
}

const demo = await startProxy({ staticDir: site, release: true });
const fake = await startFake();
await fetch(`${fake.url}/_control/lag?ms=${UPSTREAM_LAG_MS}`, { method: "POST" });
const atlas = await startProxy({
  upstream: fake.url,
  staticDir: site,
  release: true,
  args: ["--cache-ttl", "0", "--user-upstream-per-minute", "0"],
});
const browser = await launchBrowser();
try {
  await measure(browser, "the demo on loopback (budget 1.5 ×)", demo.url, PROJECT);
  await measure(browser, `Atlas answering after ${UPSTREAM_LAG_MS} ms, on loopback (budget 1.1 ×)`, atlas.url, fake.ids.ALL_TYPES);
  await measure(browser, `Atlas answering after ${UPSTREAM_LAG_MS} ms, on a 40 ms, 20 Mbit/s link (budget 1.1 ×)`, atlas.url, fake.ids.ALL_TYPES, LINK);
  await traceStart(browser, `${demo.url}/groups/${PROJECT}/integrations`);
} finally {
  await browser.close();
  demo.stop();
  atlas.stop();
  fake.stop();
  rmSync(site, { recursive: true, force: true });
}
