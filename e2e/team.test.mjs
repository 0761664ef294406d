import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPage, screenshot, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack.stop());

const upstreamCalls = async (id) => (await stack.fake.received()).filter((r) => r.pathAndQuery.includes(id) && r.headers.some(([n]) => n === "authorization")).length;

test("the quota left and the time of the answer are shown; Refresh asks past the cache", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.LARGE}/teams?itemsPerPage=25`);
  await page.locator("table.results tbody tr").first().waitFor();
  const freshness = (await page.locator(".freshness").textContent()).replace(/\s+/g, " ");
  assert.match(freshness, /as of \d{1,2}:\d\d:\d\d/);
  assert.match(freshness, /API quota: 99 of 100/);
  const before = await upstreamCalls(stack.fake.ids.LARGE);

  await page.reload();
  await page.locator("table.results tbody tr").first().waitFor();
  assert.equal(await upstreamCalls(stack.fake.ids.LARGE), before, "a reload within the TTL is served by the proxy's cache");

  await page.getByRole("button", { name: "Refresh" }).click();
  await page.waitForFunction(() => document.querySelector(".list-region")?.getAttribute("aria-busy") === "false");
  await page.waitForTimeout(200);
  assert.equal(await upstreamCalls(stack.fake.ids.LARGE), before + 1, "Refresh reached Atlas");
  await screenshot(page, "freshness-and-quota");
  assert.deepEqual(page.problems, []);
});

test("a 429 counts down from Retry-After and recovers by itself", async () => {
  const page = await openPage(stack.browser);
  await stack.fake.fail(stack.fake.ids.LARGE, 429, 1);
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.LARGE}/teams?pageNum=7`);
  const timer = page.locator("[role=alert] [role=timer]");
  await timer.waitFor();
  assert.match(await timer.textContent(), /retrying by itself in [12] s/);
  assert.match(await page.locator("[role=alert]").textContent(), /RATE_LIMITED|429/);
  await screenshot(page, "rate-limit-countdown");
  await page.locator("table.results tbody tr").first().waitFor({ timeout: 8000 });
  assert.equal(await page.locator("[role=alert]").count(), 0);
});

test("the countdown can be cancelled, and Retry still works", async () => {
  const page = await openPage(stack.browser);
  await stack.fake.fail(stack.fake.ids.LARGE, 429, 1);
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.LARGE}/teams?pageNum=8`);
  await page.getByRole("button", { name: "Cancel" }).click();
  assert.equal(await page.locator("[role=timer]").textContent(), "Automatic retry cancelled.");
  await page.waitForTimeout(3000);
  assert.equal(await page.locator("table.results").count(), 0, "it did not retry by itself");
  await page.getByRole("button", { name: "Retry" }).click();
  await page.locator("table.results tbody tr").first().waitFor();
});
