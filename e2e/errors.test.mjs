import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPage, rangeText, screenshot, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack.stop());

async function bannerFor(page, path) {
  await page.goto(`${stack.proxy.url}${path}`);
  const banner = page.locator("[role=alert]");
  await banner.waitFor();
  return (await banner.textContent()).replace(/\s+/g, " ");
}

test("each kind of error shows a banner with its status and errorCode", async () => {
  const page = await openPage(stack.browser);
  const { ids } = stack.fake;
  for (const [id, status, code] of [
    [ids.STATUS_400, "400", "INVALID_GROUP_ID"],
    [ids.STATUS_401, "401", "USER_UNAUTHORIZED"],
    [ids.STATUS_403, "403", "IP_ADDRESS_NOT_ON_ACCESS_LIST"],
    [ids.STATUS_404, "404", "RESOURCE_NOT_FOUND"],
    [ids.STATUS_500, "500", "UNEXPECTED_ERROR"],
    [ids.GATEWAY_HTML, "502", "UPSTREAM_NOT_JSON"],
    [ids.TRUNCATED, "502", "UPSTREAM_NOT_JSON"],
    [ids.DROP, "502", "UPSTREAM_UNREACHABLE"],
  ]) {
    const text = await bannerFor(page, `/orgs/${id}/teams`);
    assert.ok(text.includes(status), `${id}: no status ${status} in ${text}`);
    assert.ok(text.includes(code), `${id}: no ${code} in ${text}`);
    assert.ok(!text.includes("<h1>") && !text.includes("<script>"), "a raw body was shown");
    assert.equal(await page.getByRole("button", { name: "Retry" }).count(), 1);
    assert.ok(await page.getByRole("link", { name: "Settings" }).isVisible(), "the page around stays usable");
    await screenshot(page, `banner-${status}-${code}`);
  }
  assert.equal(await page.evaluate(() => document.title), "atlas-panel", "upstream markup ran");
  assert.deepEqual(page.problems, []);
});

test("Retry works once upstream recovers", async () => {
  const page = await openPage(stack.browser);
  await stack.fake.fail(stack.fake.ids.LARGE, 500, 1);
  const text = await bannerFor(page, `/orgs/${stack.fake.ids.LARGE}/teams`);
  assert.match(text, /500/);
  await page.getByRole("button", { name: "Retry" }).click();
  await page.locator("table.results tbody tr").first().waitFor();
  assert.equal(await rangeText(page), "1–100 of 1,234");
  assert.equal(await page.locator("[role=alert]").count(), 0);
});

test("a 429 is retried after Retry-After and recovers", async () => {
  const page = await openPage(stack.browser);
  const before = (await stack.fake.received()).length;
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.STATUS_429}/teams`);
  await page.locator("table.results tbody tr").first().waitFor({ timeout: 5000 });
  assert.equal(await page.locator("table.results tbody tr").count(), 5);
  const asked = (await stack.fake.received()).slice(before).filter((r) => r.pathAndQuery.includes(stack.fake.ids.STATUS_429));
  assert.equal(asked.length, 2, "one 429, one retry");
});

test("an unreachable proxy is named in the banner", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/settings`);
  await page.getByLabel("API base").fill("/no-proxy-here");
  await page.getByRole("button", { name: "Save" }).click();
  // A path on this origin that is no proxy answers index.html: not an Atlas answer.
  const text = await bannerFor(page, `/orgs/${stack.fake.ids.LARGE}/teams`);
  assert.match(text, /could not be read|not from Atlas/);
  await page.goto(`${stack.proxy.url}/settings`);
  await page.getByLabel("API base").fill("http://127.0.0.1:9/api");
  await page.getByRole("button", { name: "Save" }).click();
  const unreachable = await bannerFor(page, `/orgs/${stack.fake.ids.LARGE}/teams`);
  assert.match(unreachable, /The proxy at http:\/\/127\.0\.0\.1:9\/api could not be reached/);
});

test("a slow answer shows the busy state, and a superseded one never overwrites the newer page", async () => {
  const page = await openPage(stack.browser);
  await stack.fake.delay(2500);
  // Page 2 answers at once; page 1 of this organization is slow.
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.SLOW}/teams?pageNum=2`);
  await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.includes("101–200"));
  await page.getByRole("button", { name: "First page", exact: true }).click();
  await page.locator(".list-region[aria-busy=true]").waitFor();
  assert.equal(await page.locator("table.results tbody tr").count(), 100, "the previous rows stay while loading");
  await screenshot(page, "busy");
  // Move on before page 1 arrives: from page 2 (still shown), Next leads to page 3.
  await page.getByRole("button", { name: "Next page", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.includes("201–300"));
  await page.waitForTimeout(3000);
  assert.equal(await rangeText(page), "201–300 of 1,234");
  assert.match(page.url(), /pageNum=3/);
  assert.equal(await page.locator(".list-region").getAttribute("aria-busy"), "false");
  await stack.fake.delay(3000);
});
