import assert from "node:assert/strict";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { freePort, openPage, ROOT, screenshot, startFake, startProxy, launchBrowser } from "./harness.mjs";

// Two proxies in front of one fake Atlas: the panel is served by the first, and Settings
// can point it at the second.
let fake, first, second, browser;
before(async () => {
  fake = await startFake("digest");
  const [firstPort, secondPort] = [await freePort(), await freePort()];
  first = await startProxy({ upstream: fake.url, port: firstPort, args: ["--connect-src", `http://127.0.0.1:${secondPort}`] });
  second = await startProxy({ upstream: fake.url, port: secondPort, args: ["--allow-origin", `http://127.0.0.1:${firstPort}`] });
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  first.stop();
  second.stop();
  fake.stop();
});

test("the home page refuses a malformed ID in place and sends nothing", async () => {
  const page = await openPage(browser);
  await page.goto(`${first.url}/`);
  // The home page's own request, the organizations, is answered before counting.
  await page.locator(".org-list li").first().waitFor();
  const before = (await fake.received()).length;
  for (const [bad, why] of [
    ["5F1A2B3C4D5E6F7A8B9C0D1E", /lowercase/],
    ["12345", /exactly 24 characters/],
    ["../../orgs/x", /only the digits/],
    ["", /Enter an ID/],
  ]) {
    await page.getByLabel("Project ID").fill(bad);
    await page.getByLabel("Project ID").press("Enter");
    await page.locator("#project-id-problem", { hasText: why }).waitFor();
    assert.equal(await page.getByLabel("Project ID").getAttribute("aria-invalid"), "true");
    assert.equal(new URL(page.url()).pathname, "/");
  }
  await screenshot(page, "home-refusal");
  assert.equal((await fake.received()).length, before, "a refused ID reached upstream");
  assert.ok(page.requests.every((url) => !url.includes("/groups")), "a refused ID was sent");
  assert.deepEqual(page.problems, []);
});

test("a valid ID opens its page, and is offered again as recent", async () => {
  const page = await openPage(browser);
  await page.goto(`${first.url}/`);
  await screenshot(page, "home");
  await page.getByLabel("Organization ID").fill(fake.ids.LARGE);
  await page.getByRole("button", { name: "Open" }).nth(1).click();
  await page.waitForURL(`**/orgs/${fake.ids.LARGE}/teams`);
  await page.locator("table.results tbody tr").first().waitFor();
  // Links inside the panel change the page without loading the document again.
  await page.evaluate(() => { window.stillTheSameDocument = true; });
  await page.getByRole("link", { name: "Home" }).click();
  await page.getByRole("heading", { name: "Look at an Atlas estate" }).waitFor();
  assert.equal(await page.getByRole("link", { name: "Home" }).getAttribute("aria-current"), "page");
  assert.equal(await page.getByRole("link", { name: "Settings" }).getAttribute("aria-current"), null);
  await page.getByRole("link", { name: new RegExp(fake.ids.LARGE) }).click();
  await page.waitForURL(`**/orgs/${fake.ids.LARGE}/teams`);
  await page.locator("table.results tbody tr").first().waitFor();
  assert.equal(await page.getByRole("link", { name: "Home" }).getAttribute("aria-current"), null);
  await page.goBack();
  await page.getByRole("heading", { name: "Look at an Atlas estate" }).waitFor();
  await page.goForward();
  await page.locator("table.results tbody tr").first().waitFor();
  assert.equal(await page.evaluate(() => window.stillTheSameDocument), true, "a link reloaded the page");
  assert.deepEqual(page.problems, []);
});

test("a malformed ID in the URL is refused with no request", async () => {
  const page = await openPage(browser);
  const before = (await fake.received()).length;
  // A valid ID with a space in front (%20) is not an ID either.
  for (const path of ["/groups/not-an-id/integrations", `/orgs/%20${fake.ids.LARGE}/teams`]) {
    await page.goto(`${first.url}${path}`);
    await page.locator("[role=alert]", { hasText: "nothing was asked of Atlas" }).waitFor();
  }
  assert.equal((await fake.received()).length, before);
  assert.ok(page.requests.every((url) => !url.includes("/api/")));
});

test("a deep link with a trailing slash opens its page", async () => {
  const page = await openPage(browser);
  await page.goto(`${first.url}/orgs/${fake.ids.LARGE}/teams/`);
  await page.locator("table.results tbody tr").first().waitFor();
  assert.deepEqual(page.problems, []);
});

test("Settings: a second proxy's apiBase takes the next request there", async () => {
  const page = await openPage(browser);
  await page.goto(`${first.url}/settings`);
  assert.equal(await page.locator(".api-base-in-force").textContent(), "/api");
  await page.getByLabel("API base").fill(`${second.url}/api`);
  await page.getByRole("button", { name: "Save" }).click();
  await page.getByText("Saved for this browser.").waitFor();
  assert.equal(await page.locator(".api-base-in-force").textContent(), `${second.url}/api`);
  await screenshot(page, "settings");

  await page.goto(`${first.url}/orgs/${fake.ids.LARGE}/teams`);
  await page.locator("table.results tbody tr").first().waitFor();
  const apiRequests = page.requests.filter((url) => url.includes("/api/"));
  assert.ok(apiRequests.length > 0 && apiRequests.every((url) => url.startsWith(`${second.url}/api/`)), apiRequests.join());
  assert.deepEqual(page.problems, []);

  await page.goto(`${first.url}/settings`);
  await page.getByRole("button", { name: "Reset" }).click();
  assert.equal(await page.locator(".api-base-in-force").textContent(), "/api");
});

test("a broken config.json falls back to /api with a visible notice", async () => {
  const site = mkdtempSync(path.join(tmpdir(), "atlas-panel-dist-"));
  cpSync(path.join(ROOT, "dist"), site, { recursive: true });
  writeFileSync(path.join(site, "config.json"), "<html>not json</html>");
  const broken = await startProxy({ upstream: fake.url, staticDir: site });
  try {
    const page = await openPage(browser);
    await page.goto(`${broken.url}/orgs/${fake.ids.LARGE}/teams`);
    await page.locator("[role=status]", { hasText: "config.json is not valid; using /api as the proxy." }).waitFor();
    await page.locator("table.results tbody tr").first().waitFor();
    await screenshot(page, "config-fallback");
    assert.deepEqual(page.problems, []);
  } finally {
    broken.stop();
  }
});
