// The cold open's lever (issue 32): the proxy names a deep link's first API requests in the
// page it serves, boot.js sends them beside the wasm's download, and the panel takes their
// answers instead of asking again. Each reaches Atlas once; a browser that chose another
// proxy or API version sends none.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPage, startStack } from "./harness.mjs";

let stack;
before(async () => {
  // No cache: a request sent twice reaches the fake twice.
  stack = await startStack({ auth: "oauth", proxyArgs: ["--cache-ttl", "0"] });
  await fetch(`${stack.fake.url}/_control/lag?ms=300`, { method: "POST" });
});
after(() => stack?.stop());

/** When the panel's wasm was instantiated, ready to run: the earliest it could ask anything. */
const INSTANTIATED = `
  for (const name of ["instantiateStreaming", "instantiate"]) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...args) => {
      const result = await original.apply(WebAssembly, args);
      window.__instantiated ??= performance.now();
      return result;
    };
  }
`;

const apiRequests = (page) => page.requests.filter((url) => new URL(url).pathname.startsWith("/api/"));

/** How many times each item occurs. */
function counts(items) {
  const counted = new Map();
  for (const item of items) counted.set(item, (counted.get(item) ?? 0) + 1);
  return counted;
}

async function atlasReads(since) {
  const received = (await stack.fake.received()).slice(since);
  return received.filter((r) => r.pathAndQuery.startsWith("/api/") && r.headers.some(([name]) => name === "authorization")).map((r) => r.pathAndQuery);
}

test("each deep link's first requests leave before the wasm has started, are taken by the panel, and reach Atlas once", async () => {
  const { ALL_TYPES, LARGE, ESTATE_ORG, TEAM_LARGE, ESTATE_PROJECT_PREFIX } = stack.fake.ids;
  for (const [path, ready, named] of [
    [`/groups/${ALL_TYPES}/integrations?itemsPerPage=25`, (page) => page.locator(".list-note").waitFor(), 4],
    [`/orgs/${LARGE}/teams`, (page) => page.locator("table.results tbody tr").first().waitFor(), 2],
    [`/groups/${ESTATE_PROJECT_PREFIX}0003/changes`, (page) => page.locator("table.results tbody tr").first().waitFor(), 3],
    [`/orgs/${ESTATE_ORG}/teams/${TEAM_LARGE}`, (page) => page.locator("table.results tbody tr").first().waitFor(), 3],
  ]) {
    const since = (await stack.fake.received()).length;
    const page = await openPage(stack.browser);
    await page.addInitScript(INSTANTIATED);
    await page.goto(`${stack.proxy.url}${path}`);
    await ready(page);
    await page.waitForTimeout(700);
    const preloaded = await page.evaluate(() => document.querySelector("script[data-panel-js]").dataset.preload.split(" "));
    assert.equal(preloaded.length, named, `${path}: ${preloaded.join(" ")}`);
    assert.equal(await page.evaluate(() => window.atlasPanelPreloads.size), 0, `${path}: a preload the panel did not take`);
    for (const [url, times] of counts(apiRequests(page))) assert.equal(times, 1, `${path}: the browser asked ${url} ${times} times`);
    for (const url of preloaded) assert.ok(apiRequests(page).some((asked) => asked.endsWith(url)), `${path}: ${url} was not sent`);
    for (const [url, times] of counts(await atlasReads(since))) assert.equal(times, 1, `${path}: Atlas was asked ${url} ${times} times`);
    // The list was asked for before the panel's wasm had started: by boot.js, not the panel.
    const [listStart, started] = await page.evaluate((list) => {
      const entries = performance.getEntriesByType("resource");
      return [entries.find((entry) => entry.name.endsWith(list)).startTime, window.__instantiated];
    }, preloaded[0]);
    assert.ok(listStart < started, `${path}: the list left at ${listStart} ms, the wasm started at ${started} ms`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});

test("a browser that chose another API version or proxy sends no preload it would not use", async () => {
  const { ALL_TYPES } = stack.fake.ids;
  for (const [key, value, expect] of [
    ["atlas-panel.apiVersion", "v2", /^\/api\/atlas\/v2\//],
    ["atlas-panel.apiBase", "/api", /^\/api\/atlas\/v1\.0\//],
  ]) {
    const since = (await stack.fake.received()).length;
    const page = await openPage(stack.browser);
    await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [key, value]);
    await page.goto(`${stack.proxy.url}/groups/${ALL_TYPES}/integrations`);
    await page.locator(".list-note").waitFor();
    await page.waitForTimeout(700);
    assert.equal(await page.evaluate(() => window.atlasPanelPreloads), undefined, `${key}: nothing preloaded`);
    const reads = await atlasReads(since);
    assert.ok(reads.length >= 3, reads.join("\n"));
    for (const read of reads) assert.match(read, expect, `${key}=${value}: ${read}`);
    for (const [url, times] of counts(reads)) assert.equal(times, 1, `${key}: Atlas was asked ${url} ${times} times`);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  }
});
