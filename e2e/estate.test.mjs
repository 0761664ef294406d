// The estate: organizations and projects by name, and integration coverage across an
// organization, through the real proxy in front of the fake Atlas (and once the demo).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { downloadFrom, openPage, screenshot, startFake, startProxy, startStack, stopAndResume } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack({ auth: "oauth" })));
after(() => stack?.stop());

const progressText = (page) => page.locator("#coverage-progress-text").textContent();

/** Requests for a project's `list` (integrations, alertConfigs) the fake answered, by project ID. */
async function integrationReads(fake, list = "integrations") {
  const counts = new Map();
  for (const request of await fake.received()) {
    const match = request.pathAndQuery.match(new RegExp(`/groups/([0-9a-f]{24})/${list}\\b`));
    // OAuth: every signed request is answered (no Digest challenge repeats one).
    const signed = request.headers.some(([name]) => name === "authorization");
    if (match && signed) counts.set(match[1], (counts.get(match[1]) ?? 0) + 1);
  }
  return counts;
}

/** The most project requests (`/groups/{id}/…`) the fake answered at once: the run's bound. */
async function maxInFlight(fake) {
  const response = await fetch(`${fake.url}/_control/received`);
  return (await response.json()).maxProjectsInFlight;
}

const projectId = (n) => `${stack.fake.ids.ESTATE_PROJECT_PREFIX}${n.toString(16).padStart(4, "0")}`;

test("home lists organizations by name, Find by name narrows them, and one opens by name", async () => {
  const page = await openPage(stack.browser);
  await page.goto(stack.proxy.url);
  const orgs = page.locator(".org-list li a");
  await orgs.first().waitFor();
  assert.deepEqual(await orgs.allTextContents(), ["Estate-Org", stack.fake.ids.OTHER_ORG_NAME]);
  assert.equal(await page.locator(".org-list li code").first().textContent(), stack.fake.ids.ESTATE_ORG);
  await page.getByLabel("Find by name").fill("estate");
  await page.waitForFunction(() => document.querySelectorAll(".org-list li").length === 1);
  assert.match(await page.locator("#org-count").textContent(), /1 of 2 organizations match/);
  await page.getByRole("link", { name: "Estate-Org" }).click();
  await page.waitForURL(`**/orgs/${stack.fake.ids.ESTATE_ORG}`);
  await page.getByRole("heading", { level: 1, name: /Estate-Org/ }).waitFor();
  for (const name of ["Projects", "Teams", "Integration coverage"]) {
    assert.ok(await page.getByRole("link", { name, exact: true }).isVisible(), name);
  }
  assert.deepEqual(page.problems, []);
});

test("an organization's projects page through, named, and a name with markup stays text", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.ESTATE_ORG}/groups`);
  await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.trim() === "1–100 of 140");
  assert.equal(await page.locator("table.results tbody tr").count(), 100);
  const markup = page.locator("table.results tbody tr", { hasText: "<img src=x" });
  assert.equal(await markup.count(), 1, "the markup name shows as its text");
  assert.equal(await page.locator("table.results img, table.results b").count(), 0);
  await page.getByRole("button", { name: "Next page", exact: true }).click();
  await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.trim() === "101–140 of 140");
  const first = page.locator("table.results tbody tr th a").first();
  assert.equal(await first.textContent(), "project-101");
  await first.click();
  await page.waitForURL(`**/groups/${projectId(101)}/integrations`);
  await page.getByRole("heading", { level: 1, name: /project-101/ }).waitFor();
  assert.ok(await page.getByRole("link", { name: "Estate-Org" }).first().isVisible(), "a link up to the organization");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.problems, []);
});

test("coverage reads 140 projects' integrations and alerts three at a time, once each, through a 403 and a 429", async () => {
  const { fake, proxy } = stack;
  await fake.reset();
  await fetch(`${fake.url}/_control/lag?ms=60`, { method: "POST" });
  // The 70th project is refused once with 429 (Retry-After: 2) midway through the run.
  await fake.fail(projectId(70), 429, 1);
  const page = await openPage(stack.browser);
  await page.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/coverage`);
  await page.getByRole("heading", { level: 1, name: /Integration coverage of Estate-Org/ }).waitFor();
  await page.locator(".countdown", { hasText: /going on by itself in \d+ s/ }).waitFor({ timeout: 20000 });
  await page.waitForFunction(() => document.querySelector("#coverage-progress-text")?.textContent === "140 of 140 projects", null, { timeout: 30000 });
  assert.equal(await page.locator("#coverage-progress").getAttribute("value"), "140");
  assert.equal(
    await page.locator(".coverage-summary").textContent(),
    `12 of 140 projects have no alerting integration. ${fake.ids.PROJECTS_WITH_UNUSED_INTEGRATION} projects have an integration no alert uses. 1 project could not be read.`,
  );
  const forbidden = page.locator(`tr[data-project-id="${fake.ids.FORBIDDEN_PROJECT}"]`);
  assert.match(await forbidden.textContent(), /403/);
  const seventh = page.locator(`tr[data-project-id="${projectId(7)}"]`);
  assert.match(await seventh.textContent(), /No alerting integration/);
  assert.match(await seventh.textContent(), /PagerDuty: none/);
  const second = page.locator(`tr[data-project-id="${projectId(2)}"]`);
  // Its PagerDuty serves only a disabled alert: said in words, beside the region.
  assert.match(await second.textContent(), /PagerDuty: EU !no alert uses it/);
  assert.match(await page.locator(`tr[data-project-id="${projectId(1)}"]`).textContent(), /PagerDuty: US(?!!)/);
  assert.equal(await page.locator("table.coverage-table img, table.coverage-table b").count(), 0);
  await screenshot(page, "coverage");

  assert.ok((await maxInFlight(fake)) <= 3, `at most 3 upstream requests at once, saw ${await maxInFlight(fake)}`);
  const reads = await integrationReads(fake);
  assert.equal(reads.size, 140);
  for (const [id, count] of reads) {
    assert.equal(count, id === projectId(70) ? 2 : 1, `${id}: the 429'd project is asked again once, every other once`);
  }
  // Alerts are read once each where there is an integration an alert could use; after the
  // integrations, never beside them (the bound on requests in flight holds).
  const alertReads = await integrationReads(fake, "alertConfigs");
  // Never asked: the 12 projects with no integration and the one whose integrations answer
  // 403. Every other is asked, but for one whose page an earlier test opened, whose alerts
  // the proxy may already hold.
  const notAsked = [fake.ids.FORBIDDEN_PROJECT];
  for (let n = 7; n <= 140; n += 12) notAsked.push(projectId(n));
  assert.ok(notAsked.every((id) => !alertReads.has(id)));
  assert.ok(alertReads.size >= 140 - notAsked.length - 1, `${alertReads.size} projects' alerts asked`);
  assert.ok([...alertReads.values()].every((count) => count === 1), "each project's alerts asked once");

  await page.getByLabel("Only projects without alerting").check();
  await page.waitForFunction(() => document.querySelectorAll("table.coverage-table tbody tr").length === 12);
  const csv = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  assert.equal(csv.text.trim().split("\n").length, 13, "a header and the 12 rows shown");
  await page.getByLabel("Only projects without alerting").uncheck();

  // The projects with an integration that pages nobody.
  assert.ok(await page.getByLabel("Only integrations no alert uses").isVisible());
  await page.getByLabel("Only integrations no alert uses").check();
  const unused = fake.ids.PROJECTS_WITH_UNUSED_INTEGRATION;
  await page.waitForFunction((n) => document.querySelectorAll("table.coverage-table tbody tr").length === n, unused);
  assert.equal(await page.locator("#coverage-filter-status").textContent(), `${unused} of 140 projects shown`);
  assert.equal(await page.locator("table.coverage-table tbody tr", { hasNot: page.locator(".status-unused") }).count(), 0);
  const unusedCsv = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  const lines = unusedCsv.text.trim().split("\r\n");
  assert.equal(lines.length, unused + 1);
  assert.equal(lines[0], "project,projectId,alerting,status,unusedByAlerts,PAGER_DUTY,DATADOG");
  assert.ok(lines.includes(`project-002,${projectId(2)},yes,read,PAGER_DUTY,EU,no`), lines.slice(0, 3).join("\n"));
  assert.ok(lines.includes(`project-003,${projectId(3)},yes,read,DATADOG,US,US`), lines.slice(0, 4).join("\n"));

  // Opened again within the proxy's cache time, the page costs Atlas nothing.
  const again = await openPage(stack.browser);
  await again.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/coverage`);
  await again.waitForFunction(() => document.querySelector("#coverage-progress-text")?.textContent === "140 of 140 projects", null, { timeout: 30000 });
  assert.deepEqual(again.problems, []);
  assert.equal(await again.evaluate(() => window.__pwned), undefined);
  await again.context().close();
  // Only the project that failed is asked again: the proxy keeps answers, not failures.
  const readsAgain = await integrationReads(fake);
  for (const [id, count] of readsAgain) {
    assert.equal(count, reads.get(id) + (id === fake.ids.FORBIDDEN_PROJECT ? 1 : 0), id);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.problems, []);
  await fetch(`${fake.url}/_control/lag?ms=0`, { method: "POST" });
});

test("Stop sends nothing more, and Resume reads only what is missing", async () => {
  await stopAndResume(stack.browser, "coverage", /\/groups\/[0-9a-f]{24}\/integrations\?/);
});

test("scoped to one organization, the other's name never reaches the browser; Ops Manager's paths only", async () => {
  const fake = await startFake("oauth");
  const proxy = await startProxy({
    upstream: fake.url,
    auth: "oauth",
    args: ["--allow-org", fake.ids.ESTATE_ORG, "--api-version", "public"],
  });
  try {
    const page = await openPage(stack.browser);
    await page.goto(proxy.url);
    await page.locator(".org-list li a").first().waitFor();
    assert.deepEqual(await page.locator(".org-list li a").allTextContents(), ["Estate-Org"]);
    await page.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/groups`);
    await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.includes("140"));
    await page.goto(`${proxy.url}/groups/${projectId(3)}/integrations`);
    await page.getByRole("heading", { level: 1, name: /project-003/ }).waitFor();
    const html = await page.content();
    for (const hidden of [fake.ids.OTHER_ORG_NAME, "Hidden-Project", fake.ids.OTHER_ORG]) {
      assert.ok(!html.includes(hidden), `${hidden} in the page`);
      assert.ok(!page.bodies.some((body) => body.includes(hidden)), `${hidden} in an answer the browser received`);
    }
    const api = (await fake.received()).filter((r) => r.pathAndQuery.startsWith("/api/") && !r.pathAndQuery.startsWith("/api/oauth/"));
    assert.ok(api.length > 0);
    for (const request of api) assert.match(request.pathAndQuery, /^\/api\/public\/v1\.0\//);
    assert.deepEqual(page.problems, []);
  } finally {
    proxy.stop();
    fake.stop();
  }
});

test("the demo: its organizations by name, and the large one's coverage completes", async () => {
  const proxy = await startProxy();
  try {
    const page = await openPage(stack.browser);
    await page.goto(proxy.url);
    await page.locator(".org-list li a").first().waitFor();
    assert.deepEqual(await page.locator(".org-list li a").allTextContents(), ["Northwind", "Contoso", "Tailspin-Toys", "Fabrikam"]);
    await page.getByRole("link", { name: "Northwind" }).click();
    await page.getByRole("link", { name: "Integration coverage" }).click();
    await page.waitForFunction(() => document.querySelector("#coverage-progress-text")?.textContent === "140 of 140 projects", null, { timeout: 30000 });
    assert.equal(
      await page.locator(".coverage-summary").textContent(),
      "12 of 140 projects have no alerting integration. 37 projects have an integration no alert uses. 1 project could not be read.",
    );
    await page.getByLabel("Only integrations no alert uses").check();
    await page.waitForFunction(() => document.querySelectorAll("table.coverage-table tbody tr").length === 37);
    assert.deepEqual(page.problems, []);
  } finally {
    proxy.stop();
  }
});
