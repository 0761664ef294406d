// Who can act: a team's members and the teams of a project, through the real proxy in front
// of the fake Atlas, read in v2 (the members' 2025-02-19 form) unless a test says otherwise.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { downloadFrom, openPage, screenshot, startStack, stopAndResume } from "./harness.mjs";

const MEMBERS_ACCEPT = "application/vnd.atlas.2025-02-19+json";
const V2_ACCEPT = "application/vnd.atlas.2023-01-01+json";

let stack;
before(async () => (stack = await startStack({ proxyArgs: ["--cache-ttl", "0"] })));
after(() => stack?.stop());

const projectId = (n) => `${stack.fake.ids.ESTATE_PROJECT_PREFIX}${n.toString(16).padStart(4, "0")}`;
const accept = (request) => request.headers.find(([name]) => name.toLowerCase() === "accept")?.[1];
const range = (page) => page.locator(".pager .range").textContent();

/** A page of the panel with the API version chosen as Settings would. */
async function openIn(version) {
  const page = await openPage(stack.browser);
  await page.goto(stack.proxy.url);
  await page.evaluate((v) => localStorage.setItem("atlas-panel.apiVersion", v), version);
  return page;
}

/** What the fake received since `before` for paths holding `part`. */
async function receivedFor(part, before) {
  return (await stack.fake.received()).slice(before).filter((r) => r.pathAndQuery.includes(part));
}

test("a team's members page through, each status named and marked, and the Status filter narrows", async () => {
  const { ESTATE_ORG, TEAM_LARGE } = stack.fake.ids;
  const page = await openIn("v2");
  const before = (await stack.fake.received()).length;
  await page.goto(`${stack.proxy.url}/orgs/${ESTATE_ORG}/teams`);
  await page.getByRole("link", { name: "Platform", exact: true }).click();
  await page.waitForURL(`**/orgs/${ESTATE_ORG}/teams/${TEAM_LARGE}`);
  await page.getByRole("heading", { level: 1, name: /^Members of Platform/ }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 100);
  assert.match(await range(page), /^1–100/);
  assert.equal(await page.getByRole("link", { name: "Estate-Org" }).count(), 1, "a link up to the organization");

  // Person 3 is pending, 6 expired, 9 rejected; every seventh never signed in.
  const row = (n) => page.locator("table.results tbody tr", { hasText: `user-${String(n).padStart(4, "0")}@` });
  const cell = async (n, column) => (await row(n).locator(`td:nth-child(${column})`).textContent()).trim();
  assert.equal(await cell(1, 2), "Active");
  assert.equal(await cell(3, 2), "!Invitation pending");
  assert.equal(await cell(6, 2), "!Invitation expired");
  assert.equal(await cell(9, 2), "!Invitation rejected");
  assert.equal(await row(9).locator(".status-mark").textContent(), "!", "a visible mark, not colour alone");
  assert.equal(await row(1).locator(".status-mark").textContent(), "");
  assert.equal(await cell(7, 3), "never");
  assert.match(await cell(1, 3), /2026/);
  assert.equal(await row(1).locator("time").getAttribute("datetime"), "2026-10-02T08:30:00Z");
  assert.equal(await cell(1, 4), "Organization Member");
  assert.equal(await page.locator("table.results a[href^='mailto:']").count(), 0);

  await page.getByRole("button", { name: "Next page", exact: true }).click();
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 30);
  assert.match(await range(page), /^101–130/);

  // v2 is asked for every status in the 2025-02-19 form; the team's name in the 2023 form.
  const members = await receivedFor(`/teams/${TEAM_LARGE}/users`, before);
  assert.ok(members.length >= 2, "both pages reached Atlas");
  for (const request of members) {
    assert.equal(accept(request), MEMBERS_ACCEPT, request.pathAndQuery);
    assert.match(request.pathAndQuery, /orgMembershipStatuses=ACTIVE&orgMembershipStatuses=PENDING&orgMembershipStatuses=INVITATION_EXPIRED&orgMembershipStatuses=INVITATION_REJECTED/);
    assert.doesNotMatch(request.pathAndQuery, /includeCount/);
  }
  const teams = await receivedFor(`/orgs/${ESTATE_ORG}/teams?`, before);
  assert.ok(teams.length > 0);
  for (const request of teams) assert.equal(accept(request), V2_ACCEPT, request.pathAndQuery);

  await page.getByLabel("Status", { exact: true }).selectOption("pending");
  await page.waitForURL(/status=pending/);
  assert.match(page.url(), /pageNum=1&itemsPerPage=100&status=pending$/);
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 13);
  const statuses = await page.locator("table.results tbody td:nth-child(2)").allTextContents();
  assert.deepEqual([...new Set(statuses)], ["!Invitation pending"]);
  const pending = await receivedFor(`/teams/${TEAM_LARGE}/users`, before);
  assert.match(pending.at(-1).pathAndQuery, /orgMembershipStatuses=PENDING$/);

  await page.getByLabel("Status", { exact: true }).selectOption("expired-or-rejected");
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 26);
  await page.goBack();
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 13);
  assert.equal(await page.getByLabel("Status", { exact: true }).inputValue(), "pending");

  // The export holds what is shown; the address holds IDs and the filter, no person.
  const { name, text } = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  assert.match(name, new RegExp(`^atlas-team_members-${TEAM_LARGE}-page-1-`));
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines[0], "username,id,orgMembershipStatus,lastAuth,orgRoles");
  assert.equal(lines.length, 14);
  assert.ok(lines.slice(1).every((line) => line.includes(",PENDING,")), lines.join("\n"));
  await screenshot(page, "team-members");

  // Leaving a filtered page asks Atlas for nothing more of it.
  const beforeLeaving = (await receivedFor(`/teams/${TEAM_LARGE}/users`, before)).length;
  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Teams" }).click();
  await page.waitForURL(`**/orgs/${ESTATE_ORG}/teams`);
  await page.locator("table.results tbody tr").first().waitFor();
  await page.waitForTimeout(300);
  assert.equal((await receivedFor(`/teams/${TEAM_LARGE}/users`, before)).length, beforeLeaving);
  assert.deepEqual(page.problems, []);
});

test("a deep link to a status opens with it chosen; the organization is remembered, not the team", async () => {
  const { ESTATE_ORG, TEAM_LARGE, TEAM_IN_NO_PROJECT } = stack.fake.ids;
  const page = await openIn("v2");
  await page.goto(`${stack.proxy.url}/orgs/${ESTATE_ORG}/teams/${TEAM_LARGE}?status=expired-or-rejected`);
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 26);
  assert.equal(await page.getByLabel("Status", { exact: true }).inputValue(), "expired-or-rejected");
  // A team with no one in a status says so, rather than that it has no members.
  await page.goto(`${stack.proxy.url}/orgs/${ESTATE_ORG}/teams/${TEAM_IN_NO_PROJECT}?status=pending`);
  await page.locator("tr.empty", { hasText: "No member of this team has this status." }).waitFor();
  // The home page offers recent organizations by what this key holds.
  const remembered = await page.evaluate(() => localStorage.getItem("atlas-panel.recent.orgs") ?? "");
  assert.ok(remembered.includes(ESTATE_ORG), `the organization is remembered: ${remembered}`);
  assert.ok(!remembered.includes(TEAM_LARGE) && !remembered.includes(TEAM_IN_NO_PROJECT), "a team's ID is no organization");
  assert.deepEqual(page.problems, []);
});

test("v1.0 lists active members only, with no status asked", async () => {
  const { ESTATE_ORG, TEAM_LARGE } = stack.fake.ids;
  const page = await openIn("v1");
  const before = (await stack.fake.received()).length;
  await page.goto(`${stack.proxy.url}/orgs/${ESTATE_ORG}/teams/${TEAM_LARGE}`);
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody tr").length === 91);
  const statuses = await page.locator("table.results tbody td:nth-child(2)").allTextContents();
  assert.deepEqual([...new Set(statuses)], ["Active"]);
  for (const request of await receivedFor(`/teams/${TEAM_LARGE}/users`, before)) {
    assert.match(request.pathAndQuery, /^\/api\/public\/v1\.0\//);
    assert.doesNotMatch(request.pathAndQuery, /orgMembershipStatuses/);
    assert.equal(accept(request), "application/json");
  }
  await page.getByLabel("Status", { exact: true }).selectOption("pending");
  await page.locator("tr.empty", { hasText: "No row on this page matches the filter." }).waitFor();
  assert.deepEqual(page.problems, []);
});

test("markup in a team's name and a user name stays text", async () => {
  const { ESTATE_ORG, TEAM_MARKUP, TEAM_MARKUP_NAME, MEMBER_MARKUP_USERNAME } = stack.fake.ids;
  const page = await openIn("v2");
  await page.goto(`${stack.proxy.url}/orgs/${ESTATE_ORG}/teams/${TEAM_MARKUP}`);
  await page.locator("table.results tbody tr").first().waitFor();
  await page.waitForFunction((name) => document.querySelector("h1").textContent.includes(name), TEAM_MARKUP_NAME);
  assert.equal(await page.locator("table.results tbody th").first().textContent(), MEMBER_MARKUP_USERNAME);
  assert.equal(await page.locator("main img, main b").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.problems, []);
});

test("a project's teams show their names and readable roles, from the integrations page", async () => {
  const { ESTATE_ORG, TEAM_LARGE, TEAM_MARKUP_NAME } = stack.fake.ids;
  const page = await openIn("v1");
  const before = (await stack.fake.received()).length;
  await page.goto(`${stack.proxy.url}/groups/${projectId(3)}/integrations`);
  await page.getByRole("link", { name: "Teams with access" }).click();
  await page.waitForURL(`**/groups/${projectId(3)}/teams`);
  await page.getByRole("heading", { level: 1, name: /^Teams with access of project-003/ }).waitFor();
  await page.waitForFunction(() => document.querySelectorAll("table.results tbody th a").length === 2);
  const rows = page.locator("table.results tbody tr");
  await page.waitForFunction(() => document.querySelector("table.results tbody th a")?.textContent === "Platform");
  assert.deepEqual(await rows.locator("th").allTextContents(), ["Platform", TEAM_MARKUP_NAME]);
  assert.deepEqual(await rows.locator("td:nth-child(3)").allTextContents(), [
    "Project Read Only",
    "Project Cluster Manager, GROUP_FUTURE_ROLE",
  ]);
  assert.equal(await rows.locator("th a").first().getAttribute("href"), `/orgs/${ESTATE_ORG}/teams/${TEAM_LARGE}`);
  assert.equal(await page.locator("main img, main b").count(), 0);
  // The names come from one request for up to 500 of the organization's teams.
  const names = await receivedFor(`/orgs/${ESTATE_ORG}/teams?`, before);
  assert.ok(names.length >= 1);
  assert.ok(names.every((r) => /itemsPerPage=500/.test(r.pathAndQuery)), names.map((r) => r.pathAndQuery).join("\n"));
  await screenshot(page, "project-teams");

  await page.getByRole("link", { name: "Integrations", exact: true }).click();
  await page.waitForURL(`**/groups/${projectId(3)}/integrations`);

  await page.goto(`${stack.proxy.url}/groups/${projectId(1)}/teams`);
  await page.locator("table.results tbody td", { hasText: "Project Owner" }).waitFor();
  await page.goto(`${stack.proxy.url}/groups/${projectId(140)}/teams`);
  await page.locator("tr.empty", { hasText: "No team has access to this project" }).waitFor();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.problems, []);
});

test("home to who holds Project Owner in three clicks: the access matrix over 140 projects, three at a time, through a 403 and a 429", async () => {
  const { fake, proxy } = stack;
  const { ESTATE_ORG, TEAM_LARGE, TEAM_MARKUP, TEAM_MARKUP_NAME, FORBIDDEN_PROJECT } = fake.ids;
  await fake.reset();
  await fetch(`${fake.url}/_control/lag?ms=40`, { method: "POST" });
  await fake.fail(projectId(70), 429, 1);
  const page = await openIn("v1");
  await page.goto(proxy.url);
  await page.getByRole("link", { name: "Estate-Org" }).click();
  await page.getByRole("link", { name: "Access", exact: true }).click();
  await page.waitForURL(`**/orgs/${ESTATE_ORG}/access`);
  await page.getByRole("heading", { level: 1, name: /^Access of Estate-Org/ }).waitFor();
  await page.locator(".countdown", { hasText: /going on by itself in \d+ s/ }).waitFor({ timeout: 20000 });
  await page.waitForFunction(() => document.querySelector("#coverage-progress-text")?.textContent === "140 of 140 projects", null, { timeout: 40000 });
  assert.equal(await page.getByLabel("Projects read").getAttribute("value"), "140");
  assert.equal(
    await page.locator(".coverage-summary").textContent(),
    "14 of 140 projects have a team that is Project Owner. 1 project could not be read.",
  );
  // Platform and the markup team hold roles; Bench holds none anywhere and has no column.
  await page.waitForFunction(() => document.querySelectorAll("table.coverage-table thead th").length === 5);
  assert.deepEqual(await page.locator("table.coverage-table thead th").allTextContents(), ["Project", "ID", "Teams", "Platform", TEAM_MARKUP_NAME]);
  const row = (n) => page.locator(`tr[data-project-id="${projectId(n)}"]`);
  assert.deepEqual(await row(3).locator("td:not(.id-cell)").allTextContents(), [
    "2 teams",
    "Platform: Project Read Only",
    `${TEAM_MARKUP_NAME}: Project Cluster Manager, GROUP_FUTURE_ROLE`,
  ]);
  assert.match(await row(11).textContent(), /Platform: Project Owner/);
  assert.match(await row(140).textContent(), /No team/);
  assert.match(await page.locator(`tr[data-project-id="${FORBIDDEN_PROJECT}"]`).textContent(), /403/);
  assert.equal(await page.locator("main img, main b").count(), 0);

  const received = await (await fetch(`${fake.url}/_control/received`)).json();
  // The run's bound: the page's own organization-level reads (its teams' names) are apart.
  assert.ok(received.maxProjectsInFlight <= 3, `at most 3 project requests upstream at once, saw ${received.maxProjectsInFlight}`);
  assert.ok(received.maxProjectsInFlight >= 2, `the fake counts them, saw ${received.maxProjectsInFlight}`);
  // Counted as the browser asked (Digest may sign a request to Atlas twice when a nonce ages).
  const reads = new Map();
  for (const url of page.requests) {
    const match = url.match(/\/groups\/([0-9a-f]{24})\/teams\?/);
    if (match) reads.set(match[1], (reads.get(match[1]) ?? 0) + 1);
  }
  assert.equal(reads.size, 140);
  for (const [id, count] of reads) assert.equal(count, id === projectId(70) ? 2 : 1, `${id}: read once, the 429'd one twice`);

  // The third click: who holds Project Owner anywhere in the organization.
  // The coverage's alert filter has no meaning here, and is not shown.
  assert.equal(await page.locator("#only-unused").isVisible(), false);
  await page.getByLabel("Only projects where a team is Project Owner").check();
  await page.waitForFunction(() => document.querySelectorAll("table.coverage-table tbody tr").length === 14);
  const owners = await page.locator("table.coverage-table tbody td:nth-child(4)").allTextContents();
  assert.ok(owners.every((text) => text === "Platform: Project Owner"), owners.join("\n"));
  await screenshot(page, "access-matrix");

  // One team picked: its column alone, and the filter asks whether that team is Project Owner.
  await page.getByLabel("Team", { exact: true }).selectOption(TEAM_LARGE);
  await page.waitForFunction(() => document.querySelectorAll("table.coverage-table thead th").length === 4);
  assert.equal(await page.locator("table.coverage-table tbody tr").count(), 14);
  const { name, text } = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  assert.match(name, new RegExp(`^atlas-access-${ESTATE_ORG}-\\d{8}T\\d{6}Z\\.csv$`));
  const lines = text.replace(/^\uFEFF/, "").trim().split("\r\n");
  assert.equal(lines.length, 15, "a header and the 14 rows shown");
  assert.equal(lines[0], "project,projectId,status,Platform");
  assert.equal(lines[1], `project-001,${projectId(1)},read,GROUP_OWNER`);
  await page.getByLabel("Team", { exact: true }).selectOption(TEAM_MARKUP);
  await page.locator("table.coverage-table tr.empty", { hasText: "No project matches." }).waitFor();
  assert.equal(await page.locator("table.coverage-table thead th").nth(3).textContent(), TEAM_MARKUP_NAME);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.problems, []);
  await fetch(`${fake.url}/_control/lag?ms=0`, { method: "POST" });
});

test("the access matrix's Stop sends nothing more, and Resume reads only the projects not yet read", async () => {
  await stopAndResume(stack.browser, "access", /\/groups\/[0-9a-f]{24}\/teams\?/, async (page) => {
    assert.match(await page.locator(".coverage-summary").textContent(), /^14 of 140 projects have a team that is Project Owner\./);
  });
});
