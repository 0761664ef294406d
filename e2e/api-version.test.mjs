import assert from "node:assert/strict";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { openPage, ROOT, screenshot, startProxy, startStack } from "./harness.mjs";

// The proxy keeps answers for 30 s by default; with the cache off, every page the browser
// opens is one request the fake upstream sees.
const NO_CACHE = ["--cache-ttl", "0"];
// What the proxy sends Atlas for each version (proxy/src/allowlist.rs, ApiVersion::accept).
const V1_ACCEPT = "application/json";
const V2_ACCEPT = "application/vnd.atlas.2023-01-01+json";

let stack;
before(async () => (stack = await startStack({ proxyArgs: NO_CACHE })));
after(() => stack.stop());

const radio = (page, version) => page.locator(`input[name="api-version"][value="${version}"]`);
const accept = (request) => request.headers.find(([name]) => name.toLowerCase() === "accept")?.[1];

/** Opens the integrations and the teams page, and returns what the fake received meanwhile. */
async function openBothLists(page, proxyUrl = stack.proxy.url) {
  const before = (await stack.fake.received()).length;
  const { ALL_TYPES, LARGE } = stack.fake.ids;
  for (const list of [`/groups/${ALL_TYPES}/integrations`, `/orgs/${LARGE}/teams`]) {
    await page.goto(`${proxyUrl}${list}`);
    await page.locator("table.results tbody tr").first().waitFor();
  }
  return (await stack.fake.received()).slice(before).filter((r) => r.pathAndQuery.startsWith("/api/atlas/") || r.pathAndQuery.startsWith("/api/public/"));
}

function assertV2(received, what) {
  const { ALL_TYPES, LARGE } = stack.fake.ids;
  const paths = received.map((r) => r.pathAndQuery);
  assert.ok(paths.some((p) => p.startsWith(`/api/atlas/v2/groups/${ALL_TYPES}/integrations`)), `${what}: no v2 integrations request in ${paths}`);
  assert.ok(paths.some((p) => p.startsWith(`/api/atlas/v2/orgs/${LARGE}/teams`)), `${what}: no v2 teams request in ${paths}`);
  assert.deepEqual(paths.filter((p) => p.includes("/v1.0/")), [], `${what}: v1.0 requests after choosing v2`);
  for (const request of received) assert.equal(accept(request), V2_ACCEPT, `${what}: Accept of ${request.pathAndQuery}`);
}

function assertV1(received, what) {
  const { ALL_TYPES, LARGE } = stack.fake.ids;
  const paths = received.map((r) => r.pathAndQuery);
  assert.ok(paths.some((p) => p.startsWith(`/api/atlas/v1.0/groups/${ALL_TYPES}/integrations`)), `${what}: no v1.0 integrations request in ${paths}`);
  assert.ok(paths.some((p) => new RegExp(`^/api/(public|atlas)/v1\\.0/orgs/${LARGE}/teams`).test(p)), `${what}: no v1.0 teams request in ${paths}`);
  assert.deepEqual(paths.filter((p) => p.includes("/v2/")), [], `${what}: v2 requests after choosing v1`);
  for (const request of received) assert.equal(accept(request), V1_ACCEPT, `${what}: Accept of ${request.pathAndQuery}`);
}

test("v2 chosen on Settings: the lists come from the versioned endpoints, with the dated Accept", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/settings`);
  await page.getByRole("group", { name: "API version" }).waitFor();
  assert.ok(await radio(page, "v1").isChecked(), "v1 is the default");
  assert.ok(!(await radio(page, "v2").isChecked()));
  assertV1(await openBothLists(page), "by default");

  await page.goto(`${stack.proxy.url}/settings`);
  await radio(page, "v2").check();
  assert.ok(await radio(page, "v2").isChecked());
  assert.ok(!(await radio(page, "v1").isChecked()));
  assert.equal(await page.evaluate(() => localStorage.getItem("atlas-panel.apiVersion")), "v2");
  await screenshot(page, "settings-api-version");

  const browserBefore = page.requests.length;
  assertV2(await openBothLists(page), "after choosing v2");
  const fromBrowser = page.requests.slice(browserBefore).filter((url) => url.includes("/api/"));
  assert.ok(fromBrowser.some((url) => url.includes(`/api/atlas/v2/groups/${stack.fake.ids.ALL_TYPES}/integrations`)), fromBrowser.join());
  assert.ok(fromBrowser.some((url) => url.includes(`/api/atlas/v2/orgs/${stack.fake.ids.LARGE}/teams`)), fromBrowser.join());
  assert.equal(await page.locator("table.results tbody tr").count(), 100, "v2 teams are shown like v1 teams");

  await page.goto(`${stack.proxy.url}/settings`);
  await radio(page, "v1").check();
  assert.equal(await page.evaluate(() => localStorage.getItem("atlas-panel.apiVersion")), "v1");
  assertV1(await openBothLists(page), "after switching back to v1");
  assert.deepEqual(page.problems, []);
});

test("the chosen version survives a reload", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/settings`);
  await radio(page, "v2").check();
  await page.reload();
  await page.getByRole("group", { name: "API version" }).waitFor();
  assert.ok(await radio(page, "v2").isChecked(), "v2 forgotten after a reload");
  assertV2(await openBothLists(page), "after a reload");
  assert.deepEqual(page.problems, []);
});

test("a site whose config.json says apiVersion v2 uses v2 in a fresh browser", async () => {
  const site = mkdtempSync(path.join(tmpdir(), "atlas-panel-dist-"));
  cpSync(path.join(ROOT, "dist"), site, { recursive: true });
  writeFileSync(path.join(site, "config.json"), JSON.stringify({ apiBase: "api", apiVersion: "v2" }));
  const v2Site = await startProxy({ upstream: stack.fake.url, staticDir: site, args: NO_CACHE });
  try {
    const page = await openPage(stack.browser);
    assertV2(await openBothLists(page, v2Site.url), "from config.json");

    await page.goto(`${v2Site.url}/settings`);
    await page.getByRole("group", { name: "API version" }).waitFor();
    assert.ok(await radio(page, "v2").isChecked(), "Settings does not show the site's v2");
    // This browser's own choice outranks the site's.
    await radio(page, "v1").check();
    assertV1(await openBothLists(page, v2Site.url), "v1 chosen over the site's v2");
    assert.deepEqual(page.problems, []);
  } finally {
    v2Site.stop();
  }
});
