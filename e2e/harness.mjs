// Starts what an operator runs: the fake Atlas, atlas-panel-proxy in front of it (serving
// the release dist/), and Debian's headless Chromium, driven by playwright-core.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(ROOT, "target", "debug");
export const SCREENSHOTS = path.join(ROOT, "target", "e2e-screenshots");

export const PUBLIC_KEY = "fakepublic";
export const PRIVATE_KEY = "fake-private-key-0f1e2d3c";
export const CLIENT_ID = "mdb_sa_id_fake";
export const CLIENT_SECRET = "mdb_sa_sk_fake-client-secret";

const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// Ports for child processes come from below the kernel's ephemeral range (32768 and up), each
// handed out once per process: a port from listen(0), once released, can be given again to the
// next listen(0) or to an outgoing connection before the child binds it.
let nextPort = 20000 + ((process.pid * 7919) % 12000);

export async function freePort() {
  for (let tries = 0; tries < 12000; tries++) {
    const port = nextPort;
    nextPort = nextPort + 1 < 32000 ? nextPort + 1 : 20000;
    if (await canListen(port)) return port;
  }
  throw new Error("no free loopback port between 20000 and 32000");
}

function canListen(port) {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

function startProcess(command, args, env = {}) {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.output = "";
  child.stdout.on("data", (chunk) => (child.output += chunk));
  child.stderr.on("data", (chunk) => (child.output += chunk));
  return child;
}

async function waitFor(check, what, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The fake Atlas: `auth` is "digest" or "oauth". */
export async function startFake(auth = "digest") {
  const port = await freePort();
  const child = startProcess(path.join(BIN, "fake-upstream"), ["--listen", `127.0.0.1:${port}`, "--auth", auth]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(() => child.output.includes("listening on"), "the fake upstream");
  const control = async (what, init) => {
    const response = await fetch(`${url}/_control/${what}`, init);
    return response.status === 200 ? response.json() : response.status;
  };
  return {
    url,
    child,
    ids: await control("ids"),
    received: async () => (await control("received")).requests,
    tokenFetches: async () => (await control("received")).tokenFetches,
    reset: () => control("reset", { method: "POST" }),
    fail: (id, status, times) => control(`fail?id=${id}&status=${status}&times=${times}`, { method: "POST" }),
    delay: (ms) => control(`delay?ms=${ms}`, { method: "POST" }),
    stop: () => child.kill(),
  };
}

/**
 * atlas-panel-proxy serving dist/ in front of `upstream` (or `--demo` when upstream is null);
 * the debug build, or with `release` the release build (benchmarks).
 */
export async function startProxy({ upstream, auth = "digest", args = [], port, staticDir, release = false } = {}) {
  port = port ?? (await freePort());
  const env =
    auth === "oauth"
      ? { MONGODB_ATLAS_CLIENT_ID: CLIENT_ID, MONGODB_ATLAS_CLIENT_SECRET: CLIENT_SECRET }
      : { MONGODB_ATLAS_PUBLIC_API_KEY: PUBLIC_KEY, MONGODB_ATLAS_PRIVATE_API_KEY: PRIVATE_KEY };
  const mode = upstream ? ["--upstream", upstream] : ["--demo"];
  const child = startProcess(
    path.join(release ? path.join(ROOT, "target", "release") : BIN, "atlas-panel-proxy"),
    ["--listen", `127.0.0.1:${port}`, "--static", staticDir ?? path.join(ROOT, "dist"), ...mode, ...args],
    upstream ? env : {},
  );
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/healthz`)).ok, "the proxy");
  return { url, port, child, stop: () => child.kill() };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
}

/**
 * A fresh page that records what a person could not see: uncaught errors, console errors,
 * every request the browser sent and every response body it received. `contextOptions` go to
 * Playwright's newContext, e.g. `{ locale: "zh-CN" }` or another viewport.
 */
export async function openPage(browser, { cookieFor, contextOptions = {} } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  if (cookieFor) {
    await context.addCookies([{ name: "session", value: "browser-cookie-value", url: cookieFor }]);
  }
  const page = await context.newPage();
  page.problems = [];
  page.requests = [];
  page.bodies = [];
  page.on("pageerror", (error) => page.problems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    // Chromium reports every non-2xx answer as a console error; those are expected here.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) {
      page.problems.push(`console: ${message.text()}`);
    }
  });
  page.on("request", (request) => page.requests.push(request.url()));
  page.on("response", async (response) => {
    try {
      page.bodies.push(await response.text());
    } catch {
      // redirects and aborted requests have no body
    }
  });
  return page;
}

export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The range text of the pager, e.g. "101–200 of 1,234". */
export async function rangeText(page) {
  return (await page.locator(".pager .range").textContent()).trim();
}

/** Fake Atlas + proxy + browser, stopped together. */
export async function startStack({ auth = "digest", proxyArgs = [] } = {}) {
  const fake = await startFake(auth);
  // The suite is one address asking a whole team's reads within seconds, organization runs
  // over 140 projects one after another: each person's budget (proxy/tests/budget.rs) is off
  // here unless a test sets it.
  const budget = proxyArgs.includes("--user-upstream-per-minute") ? [] : ["--user-upstream-per-minute", "0"];
  const proxy = await startProxy({ upstream: fake.url, auth, args: [...budget, ...proxyArgs] });
  const browser = await launchBrowser();
  return {
    fake,
    proxy,
    browser,
    async stop() {
      await browser.close();
      proxy.stop();
      fake.stop();
    },
  };
}

/**
 * Reads `read()` until it gives `expected` (or the time is up) and returns the last value, so
 * that an `assert.deepEqual(await settle(...), expected)` waits for the page yet shows a diff.
 */
export async function settle(read, expected, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDeepStrictEqual(value, expected) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Clicks `button` and returns the download it starts: its file name and its text. */
export async function downloadFrom(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), button.click()]);
  return readDownload(download);
}

/** A finished download's suggested file name and contents. */
export async function readDownload(download) {
  const file = await download.path();
  return { name: download.suggestedFilename(), text: readFileSync(file, "utf8") };
}

let axeSource;

/**
 * axe-core's violations on the page as it is now, each as { id, impact, help, targets }.
 * axe is evaluated through the DevTools protocol, which the page's Content-Security-Policy
 * does not govern: the page keeps the CSP it was served with (no bypassCSP, no script tag).
 */
export async function runAxe(page) {
  axeSource ??= readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
  if (!(await page.evaluate(() => typeof window.axe?.run === "function"))) {
    await page.evaluate(`${axeSource}\n;void 0`);
  }
  return page.evaluate(async () => {
    const results = await window.axe.run(document, { resultTypes: ["violations"] });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
    }));
  });
}

/** One line per axe violation: id, impact, what it asks, and its first nodes. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}; at ${v.targets.join(" | ")}`)
    .join("\n");
}

/** Switches the panel to `lang` ("en" or "zh-CN") with the header's switch, which reloads the page. */
export async function chooseLanguage(page, lang) {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current === lang) return;
  const button = page.locator("#language");
  if ((await button.getAttribute("lang")) !== lang) throw new Error(`the language switch does not offer ${lang}`);
  await Promise.all([page.waitForEvent("load"), button.click()]);
  await page.waitForFunction((tag) => document.documentElement.lang === tag && document.querySelector("#language"), lang);
}

/**
 * An organization's run (`coverage` or `access`) on a fake Atlas whose answers take 300 ms,
 * through a proxy of its own without a cache, so that nothing earlier answers for Atlas:
 * stopped once 9 projects are read, then resumed. After Stop nothing more leaves the browser or
 * reaches Atlas, and what was read stays; Resume asks only for the projects not yet read.
 * `reads` matches the path and query of the run's request for a project; `then` checks the
 * finished page further; `rows`, where the page has one row per project, selects them.
 */
export async function stopAndResume(browser, run, reads, then = async () => {}, { rows = "table.coverage-table tbody tr" } = {}) {
  const fake = await startFake("oauth");
  const proxy = await startProxy({ upstream: fake.url, auth: "oauth", args: ["--cache-ttl", "0"] });
  try {
    await fetch(`${fake.url}/_control/lag?ms=300`, { method: "POST" });
    const page = await openPage(browser);
    await page.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/${run}`);
    await page.waitForFunction(() => Number(document.querySelector("#coverage-progress")?.getAttribute("value")) >= 9, null, { timeout: 20000 });
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    await page.getByRole("button", { name: "Resume", exact: true }).waitFor();
    const browserReads = () => page.requests.filter((url) => reads.test(url)).length;
    // OAuth: every request the fake received for a project was signed and answered.
    const fakeReads = async () => (await fake.received()).filter((request) => reads.test(request.pathAndQuery)).length;
    const atStop = { browser: browserReads() };
    // Requests the browser sent before Stop may still be on their way to Atlas.
    await page.waitForTimeout(300);
    atStop.fake = await fakeReads();
    const readAtStop = Number(await page.locator("#coverage-progress").getAttribute("value"));
    assert.ok(readAtStop < 140, `stopped before the end, at ${readAtStop}`);
    await page.waitForTimeout(1500);
    assert.equal(browserReads(), atStop.browser, "no request leaves the browser after Stop");
    assert.equal(await fakeReads(), atStop.fake, "nothing more reaches Atlas");
    assert.equal(Number(await page.locator("#coverage-progress").getAttribute("value")), readAtStop, "what was read stays");
    if (rows) assert.equal(await page.locator(rows).count(), 140, "every project keeps its row");

    await fetch(`${fake.url}/_control/lag?ms=0`, { method: "POST" });
    await page.getByRole("button", { name: "Resume", exact: true }).click();
    await page.waitForFunction(() => document.querySelector("#coverage-progress-text")?.textContent === "140 of 140 projects", null, { timeout: 30000 });
    // Counted by project, as a feed stopped midway goes on from its next page.
    const askedAfter = page.requests.filter((url) => reads.test(url)).slice(atStop.browser);
    const projectsAsked = new Set(askedAfter.map((url) => url.match(/\/groups\/([0-9a-f]{24})\//)?.[1]));
    assert.equal(projectsAsked.size, 140 - readAtStop, "Resume asks only for the projects not yet read");
    assert.equal(new Set(askedAfter).size, askedAfter.length, "Resume asks nothing twice");
    await then(page);
    assert.deepEqual(page.problems, []);
  } finally {
    proxy.stop();
    fake.stop();
  }
}
