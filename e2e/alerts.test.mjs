// Who gets paged: each integration's alerts on its project's page, the alert list, and no
// secret or full phone number anywhere the browser can reach, also when nothing masks the
// answers before the panel does. Real Chromium, the real proxy, the fake Atlas.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { downloadFrom, openPage, screenshot, startProxy, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack?.stop());

// What must never reach a page, a response or a file: the fake's clear secrets and the SMS
// number in full.
const CLEAR = ["CLEARTEXT", "alert-secret", "202-555-0147", "2025550147"];

const alertsCell = (page, name) =>
  page.locator("table.results tbody tr", { has: page.locator(".badge", { hasText: new RegExp(`^${name}$`) }) }).locator("td.alerts");

function assertNothingClear(text, where) {
  for (const clear of CLEAR) assert.ok(!text.includes(clear), `${clear} is in ${where}`);
}

test("each integration says how many enabled alerts use it, and which none does, in words", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.CLEAR_SECRETS}/integrations`);
  await page.getByText("2 integrations are not used by any alert.").waitFor();
  assert.equal(await alertsCell(page, "PagerDuty").textContent(), "1 alert");
  assert.equal(await alertsCell(page, "Datadog").textContent(), "1 alert");
  // By its type alone: a legacy notification names no integration.
  assert.equal(await alertsCell(page, "VictorOps").textContent(), "1 alert");
  // Only a disabled configuration names them.
  assert.equal(await alertsCell(page, "Webhook").textContent(), "0 alerts !Not used by any alert");
  assert.equal(await alertsCell(page, "Microsoft Teams").textContent(), "0 alerts !Not used by any alert");
  // No alert can notify through these.
  for (const name of ["Prometheus", "New Relic", "Flowdock"]) assert.equal(await alertsCell(page, name).textContent(), "—");
  assert.equal(await page.locator("[role=alert]").count(), 0);
  assertNothingClear(await page.content(), "the integrations page");
  for (const body of page.bodies) assertNothingClear(body, "a response");
  await screenshot(page, "integrations-alerts");
  assert.deepEqual(page.problems, []);
});

test("an alert count opens the alerts it counts; the whole list filters, sorts and exports", async () => {
  const page = await openPage(stack.browser);
  const project = stack.fake.ids.CLEAR_SECRETS;
  await page.goto(`${stack.proxy.url}/groups/${project}/integrations`);
  await alertsCell(page, "PagerDuty").getByRole("link", { name: "1 alert" }).click();
  await page.waitForURL(`**/groups/${project}/alerts-config?itemsPerPage=500&integration=fc0000000000000000000001&type=PAGER_DUTY`);
  await page.getByText("Only alert configurations that notify through PagerDuty fc0000000000000000000001, enabled or not.").waitFor();
  const events = () => page.locator("table.results tbody th").allTextContents();
  assert.deepEqual(await events(), ["Host is down"]);
  const notifications = await page.locator("table.results .notifications li").allTextContents();
  assert.deepEqual(notifications, [
    "PagerDuty, after 0 min, every 15 min, integration fc0000000000000000000001",
    "Email, dba@estate.example, after 5 min, every 60 min",
    "SMS, ********0147, after 10 min, every 60 min",
  ]);

  // An integration only disabled alerts name: the list shows them, the words say disabled.
  await page.goto(`${stack.proxy.url}/groups/${project}/alerts-config?integration=fc0000000000000000000009&type=MICROSOFT_TEAMS`);
  await page.locator("table.results tbody th").first().waitFor();
  assert.deepEqual(await events(), ["Too many elections"]);
  assert.equal(await page.locator("table.results tbody .status").textContent(), "!Disabled");

  // Paging keeps the narrowing.
  await page.getByLabel("Rows per page").selectOption("10");
  await page.waitForURL(/pageNum=1&itemsPerPage=10&integration=fc0000000000000000000009&type=MICROSOFT_TEAMS$/);
  assert.deepEqual(await events(), ["Too many elections"]);
  await page.getByRole("link", { name: "Show every alert configuration" }).click();
  await page.waitForURL(`**/groups/${project}/alerts-config`);
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 5);
  assert.deepEqual(await events(), [
    "Host is down",
    "Metric outside its threshold: CONNECTIONS_PERCENT",
    "Replication oplog window is running out",
    "Too many elections",
    // A type newer than the panel keeps its API name.
    "FUTURE_EVENT_TYPE",
  ]);
  await page.getByLabel("Filter this page").fill("opsgenie");
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 1);
  assert.deepEqual(await events(), ["Metric outside its threshold: CONNECTIONS_PERCENT"]);
  await page.getByLabel("Filter this page").fill("");
  await page.getByRole("button", { name: "Enabled" }).click();
  await page.waitForFunction(() => document.querySelector("table.results tbody th")?.textContent === "Too many elections");
  const csv = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  assert.match(csv.name, new RegExp(`^atlas-alert_configs-${project}-page-1-\\d{8}T\\d{6}Z\\.csv$`));
  const lines = csv.text.trim().split("\r\n");
  assert.equal(lines.length, 6);
  assert.match(lines[0], /eventTypeName,metricName,enabled,notifications,updated,id$/);
  assert.ok(lines[1].startsWith("TOO_MANY_ELECTIONS,,false,"), lines[1]);
  const json = await downloadFrom(page, page.getByRole("button", { name: "Download JSON" }));
  const document = JSON.parse(json.text);
  assert.equal(document.results.length, 5);
  assert.deepEqual(document.results.find((r) => r.eventTypeName === "HOST_DOWN").notifications, [
    { typeName: "PAGER_DUTY", integrationId: "fc0000000000000000000001", delayMin: 0, intervalMin: 15, recipient: null, roles: [] },
    { typeName: "EMAIL", integrationId: null, delayMin: 5, intervalMin: 60, recipient: "dba@estate.example", roles: [] },
    { typeName: "SMS", integrationId: null, delayMin: 10, intervalMin: 60, recipient: "********0147", roles: [] },
  ]);
  for (const file of [csv.text, json.text]) assertNothingClear(file, "an export");
  assertNothingClear(await page.content(), "the alert list");
  for (const body of page.bodies) assertNothingClear(body, "a response");
  await screenshot(page, "alert-list");
  assert.deepEqual(page.problems, []);
});

test("through a pass-through that masks nothing, the panel masks by itself", async () => {
  const page = await openPage(stack.browser);
  // The proxy's answers for alert configurations are replaced with the fake's own, unmasked.
  const passed = [];
  await page.route(/\/api\/.*\/alertConfigs/, async (route) => {
    const url = new URL(route.request().url());
    const raw = await fetch(`${stack.fake.url}/_control/unmasked${url.pathname}${url.search}`);
    const body = await raw.text();
    passed.push(body);
    await route.fulfill({ status: raw.status, contentType: "application/json", body });
  });
  const project = stack.fake.ids.CLEAR_SECRETS;
  await page.goto(`${stack.proxy.url}/groups/${project}/alerts-config`);
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 5);
  assert.ok(passed.length >= 1 && passed.every((body) => body.includes("CLEARTEXT") && body.includes("+1 202-555-0147")), "the test's pass-through really passes secrets");
  const html = await page.content();
  assertNothingClear(html, "the page's HTML");
  assert.ok(html.includes("SMS, ********0147"), "the phone number's last four digits, and no more");
  await page.getByLabel("Filter this page").fill("alert-secret");
  await page.getByText("No row on this page matches the filter.").waitFor();
  await page.getByLabel("Filter this page").fill("");
  for (const format of ["CSV", "JSON"]) {
    const file = await downloadFrom(page, page.getByRole("button", { name: `Download ${format}` }));
    assertNothingClear(file.text, `the ${format} export`);
  }
  await page.goto(`${stack.proxy.url}/groups/${project}/integrations`);
  await page.getByText("2 integrations are not used by any alert.").waitFor();
  assertNothingClear(await page.content(), "the integrations page");
  assert.deepEqual(page.problems, []);
});

test("alert configurations that cannot be read leave the integrations listed, and say why", async () => {
  const page = await openPage(stack.browser);
  await page.route(/\/api\/.*\/alertConfigs/, (route) =>
    route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: 500, reason: "<b>Broken</b>", errorCode: "UNEXPECTED_ERROR", detail: "<b>broken</b>" }) }),
  );
  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.ALL_TYPES}/integrations`);
  await page.getByText(/^Which alerts use each integration is unknown: /).waitFor();
  assert.equal(await page.locator("table.results tbody tr").count(), 10);
  assert.equal(await alertsCell(page, "PagerDuty").textContent(), "unknown");
  assert.equal(await page.locator("text=Not used by any alert").count(), 0, "unknown is never unused");
  assert.match(await page.locator(".list-note").textContent(), /<b>Broken<\/b>/, "Atlas's words, as text");
  assert.equal(await page.locator(".list-note b").count(), 0);
  assert.deepEqual(page.problems, []);
});

test("across the organization, a failed alert read leaves the integrations read, and a 429 on one waits its pause", async () => {
  const { fake, proxy } = stack;
  const projectId = (n) => `${fake.ids.ESTATE_PROJECT_PREFIX}${n.toString(16).padStart(4, "0")}`;
  const page = await openPage(stack.browser);
  let limited = 0;
  await page.route(/\/api\/.*\/alertConfigs/, async (route) => {
    const url = route.request().url();
    if (url.includes(projectId(2))) {
      return route.fulfill({ status: 500, contentType: "application/json", body: JSON.stringify({ error: 500, reason: "Internal Server Error" }) });
    }
    if (url.includes(projectId(9)) && limited++ === 0) {
      return route.fulfill({ status: 429, headers: { "Retry-After": "1" }, contentType: "application/json", body: JSON.stringify({ error: 429, reason: "Too Many Requests" }) });
    }
    return route.continue();
  });
  await page.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/coverage`);
  await page.waitForFunction(() => document.querySelector("#coverage-progress-text")?.textContent === "140 of 140 projects", null, { timeout: 30000 });
  // Project 2's PagerDuty serves no enabled alert, but its alerts could not be read: no claim.
  const second = await page.locator(`tr[data-project-id="${projectId(2)}"]`).textContent();
  assert.match(second, /PagerDuty: EU/);
  assert.doesNotMatch(second, /no alert uses it|failed/);
  // Project 9 was asked again after the pause, and its PagerDuty is used.
  assert.equal(limited, 2);
  assert.match(await page.locator(`tr[data-project-id="${projectId(9)}"]`).textContent(), /PagerDuty: US(?! !)/);
  assert.match(await page.locator(".coverage-summary").textContent(), /^12 of 140 projects have no alerting integration\. \d+ projects have an integration no alert uses\. 1 project could not be read\.$/);
  assert.deepEqual(page.problems, []);
});

test("markup in an alert configuration stays text", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/groups/${stack.fake.ids.MARKUP}/alerts-config`);
  await page.locator("table.results tbody tr").first().waitFor();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.equal(await page.locator("table.results img, table.results b").count(), 0);
  assert.match(await page.locator("table.results tbody").textContent(), /<img src=x onerror=/);
  assert.deepEqual(page.problems, []);
});

test("the demo: its first project shows which integrations no alert uses", async () => {
  const proxy = await startProxy();
  try {
    const page = await openPage(stack.browser);
    // The demo's first project, Contoso's payments-prod.
    await page.goto(`${proxy.url}/groups/6500000000000000000000a1/integrations`);
    await page.getByText("2 integrations are not used by any alert.").waitFor();
    const unused = page.locator("table.results tbody tr", { has: page.locator(".status-unused") }).locator(".badge");
    assert.deepEqual(await unused.allTextContents(), ["Datadog", "Webhook"]);
    await alertsCell(page, "VictorOps").getByRole("link").click();
    await page.getByText("Only alert configurations that notify through VictorOps").waitFor();
    assert.deepEqual(await page.locator("table.results tbody th").allTextContents(), ["Too many elections"]);
    assert.deepEqual(page.problems, []);
  } finally {
    proxy.stop();
  }
});
