import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPage, screenshot, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack.stop());

const READABLE_NAMES = [
  "PagerDuty", "Slack", "Datadog", "New Relic", "Opsgenie", "VictorOps",
  "Flowdock", "Webhook", "Microsoft Teams", "Prometheus",
];

test("every integration type appears with its readable name", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.ALL_TYPES}/integrations`);
  await page.locator("table.results tbody tr").first().waitFor();
  assert.equal(await page.locator("table.results tbody tr").count(), 10);
  const badges = await page.locator("table.results tbody th .badge").allTextContents();
  assert.deepEqual([...badges].sort(), [...READABLE_NAMES].sort());
  assert.match(await page.locator("h1").textContent(), new RegExp(stack.fake.ids.ALL_TYPES));
  assert.equal(await page.locator("table.results caption").count(), 1);
  // config.json is preloaded by index.html, and the panel reads the preload: asked once.
  assert.equal(page.requests.filter((url) => new URL(url).pathname === "/config.json").length, 1);
  await screenshot(page, "integrations");
  assert.deepEqual(page.problems, []);
});

test("clear-text secrets from upstream reach neither the page nor the browser", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.CLEAR_SECRETS}/integrations`);
  await page.locator("table.results tbody tr").first().waitFor();
  const html = await page.content();
  assert.ok(!html.includes("CLEARTEXT"), "a clear secret is in the page's HTML");
  assert.ok(html.includes("********7890"), "the masked PagerDuty key shows its last four");
  for (const body of page.bodies) assert.ok(!body.includes("CLEARTEXT"), "a clear secret reached the browser");
  assert.ok(page.requests.every((url) => !url.includes("CLEARTEXT")));
  assert.deepEqual(page.problems, []);
});

test("markup from upstream is shown as text and never runs", async () => {
  const page = await openPage(stack.browser);
  for (const path of [`/groups/${stack.fake.ids.MARKUP}/integrations`, `/orgs/${stack.fake.ids.MARKUP}/teams`]) {
    await page.goto(`${stack.proxy.url}${path}`);
    await page.locator("table.results tbody tr").first().waitFor();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined, `${path}: upstream markup ran`);
    assert.equal(await page.locator("table.results img").count(), 0);
    assert.equal(await page.locator("table.results script").count(), 0);
    assert.match(await page.locator("table.results tbody").textContent(), /<img src=x onerror=/);
  }
  await screenshot(page, "markup-as-text");
  assert.deepEqual(page.problems, []);
});

test("an empty project says so", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.EMPTY}/integrations`);
  await page.getByText("No integrations in this project").waitFor();
  assert.equal(await page.locator("[role=alert]").count(), 0);
  assert.deepEqual(page.problems, []);
});
