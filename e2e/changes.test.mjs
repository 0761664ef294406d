// A project's changes (its activity feed) as a list on the kit: from the project's pages, who
// changed which integration, team or alert setting, and when.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { downloadFrom, launchBrowser, openPage, screenshot, startProxy, startStack } from "./harness.mjs";

// Northwind's third project: a burst of changes by one API key two hours ago.
const BURST_PROJECT = "6500000000000000000d0003";
const NORTHWIND = "6500000000000000000000c1";
const SHOWN_KINDS = [
  "INTEGRATION_CONFIGURED",
  "INTEGRATION_REMOVED",
  "TEAM_ADDED_TO_GROUP",
  "TEAM_REMOVED_FROM_GROUP",
  "TEAM_ROLES_MODIFIED",
  "ALERT_CONFIG_ADDED_AUDIT",
  "ALERT_CONFIG_CHANGED_AUDIT",
  "ALERT_CONFIG_DELETED_AUDIT",
  "ALERT_CONFIG_ENABLED_AUDIT",
  "ALERT_CONFIG_DISABLED_AUDIT",
];

let demo;
let browser;
let stack;
before(async () => {
  demo = await startProxy();
  browser = await launchBrowser();
  stack = await startStack();
});
after(async () => {
  await browser.close();
  demo.stop();
  await stack.stop();
});

const rows = (page) => page.locator("table.results tbody tr");
const cells = (page, n) => page.locator(`table.results tbody tr > :nth-child(${n})`).allTextContents();

test("a project's changes from its integrations page: when, who, what and to what, newest first, asked for the kinds shown only", async () => {
  const page = await openPage(browser);
  await page.goto(`${demo.url}/groups/${BURST_PROJECT}/integrations`);
  await page.getByRole("link", { name: "Changes" }).click();
  await rows(page).first().waitFor();
  assert.equal(new URL(page.url()).pathname, `/groups/${BURST_PROJECT}/changes`);
  assert.match(await page.locator("main h1").textContent(), /Changes of/);
  assert.deepEqual(await page.locator("thead th").allTextContents(), ["When", "Who", "What", "Details"]);

  // Newest first: the burst by one API key, its time in the reader's zone with Atlas's own.
  const when = await page.locator("table.results tbody th time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")));
  assert.ok(when.every((iso) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(iso)), when.join());
  assert.deepEqual([...when].sort().reverse(), when, "newest first");
  const who = await cells(page, 2);
  assert.ok(who.slice(0, 12).every((text) => text === "API key qpwnzcvd"), who.slice(0, 12).join());
  const what = await cells(page, 3);
  assert.ok(what.includes("Integration removed") && what.includes("Alert setting disabled"), what.join());
  assert.ok(!what.some((text) => /[A-Z]+_[A-Z_]+/.test(text)), `an API name shown for a kind the panel knows: ${what.join()}`);

  // Details: the team by its organization's name, linked to its members; the alert setting
  // linked to the project's alert list.
  const teamLink = page.locator("table.results tbody td a", { hasText: "Payments" }).first();
  assert.equal(await teamLink.getAttribute("href"), `/orgs/${NORTHWIND}/teams/6500000000000000000c0003`);
  const alertLink = page.locator("table.results tbody td a", { hasText: /alert setting/ }).first();
  assert.equal(await alertLink.getAttribute("href"), `/groups/${BURST_PROJECT}/alerts-config`);

  // The feed was asked for the ten kinds shown and nothing else: never a bucket, never raw.
  const asked = page.requests.filter((url) => url.includes(`/groups/${BURST_PROJECT}/events`));
  assert.equal(asked.length, 1, asked.join("\n"));
  const params = new URL(asked[0]).searchParams;
  assert.deepEqual(params.getAll("eventType").sort(), [...SHOWN_KINDS].sort());
  assert.ok(!params.has("includeRaw"));
  assert.ok(!(await page.locator("main").textContent()).includes("BUCKET"));
  await screenshot(page, "project-changes");
  assert.deepEqual(page.problems, []);
});

test("the changes are found by who and what, sorted, and exported as shown", async () => {
  const page = await openPage(browser);
  await page.goto(`${demo.url}/groups/${BURST_PROJECT}/changes?itemsPerPage=50`);
  await rows(page).first().waitFor();
  const all = await rows(page).count();
  await page.locator("#filter").fill("qpwnzcvd");
  await page.waitForFunction((all) => document.querySelectorAll("table.results tbody tr").length < all, all);
  assert.equal(await rows(page).count(), 12, "the burst's twelve changes");
  await page.locator("#filter").fill("integration removed");
  const what = await cells(page, 3);
  assert.ok(what.length > 0 && what.every((text) => text === "Integration removed"), what.join());
  await page.locator("#filter").fill("");
  await page.getByRole("button", { name: "What" }).click();
  assert.equal(await page.locator("thead th", { hasText: "What" }).getAttribute("aria-sort"), "ascending");

  await page.locator("#filter").fill("qpwnzcvd");
  const csv = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  assert.match(csv.name, new RegExp(`^atlas-project_events-${BURST_PROJECT}-page-1-\\d{8}T\\d{6}Z\\.csv$`));
  const lines = csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines[0], "created,username,publicKey,eventTypeName,teamId,name,targetUsername,alertConfigId,groupId,id");
  assert.equal(lines.length, 13);
  assert.ok(lines.slice(1).every((line) => line.includes(",qpwnzcvd,")), lines.join("\n"));
  assert.deepEqual(page.problems, []);
});

test("a project's changes in Chinese", async () => {
  const page = await openPage(browser, { contextOptions: { locale: "zh-CN" } });
  await page.goto(`${demo.url}/groups/${BURST_PROJECT}/changes`);
  await rows(page).first().waitFor();
  assert.deepEqual(await page.locator("thead th").allTextContents(), ["时间", "操作者", "变更", "详情"]);
  const who = await cells(page, 2);
  assert.equal(who[0], "API 密钥 qpwnzcvd");
  const what = await cells(page, 3);
  assert.ok(what.includes("移除了集成"), what.join());
  assert.deepEqual(page.problems, []);
});

test("through the real proxy in front of Atlas: markup in a user name stays text, and a forbidden project says so", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.MARKUP_PROJECT}/changes`);
  await rows(page).first().waitFor();
  assert.equal(await page.locator("table.results img").count(), 0);
  const who = await cells(page, 2);
  assert.ok(who.every((text) => text.startsWith("<img src=x")), who.join());
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  // The team by its organization's name.
  assert.ok((await cells(page, 4)).some((text) => text.includes("Platform")));

  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.ESTATE_PROJECT_PREFIX}0061/changes`);
  await page.locator("main [role=alert]").waitFor();
  assert.match(await page.locator("main [role=alert]").textContent(), /403|NOT_IN_GROUP|permission|not allowed/i);
  const asked = (await stack.fake.received()).filter((r) => r.pathAndQuery.includes("/events"));
  assert.ok(asked.length > 0 && asked.every((r) => !r.pathAndQuery.includes("includeRaw")));
});
