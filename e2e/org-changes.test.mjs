// An organization's changes: its own feed and every project's, read three at a time as the
// coverage is, merged newest first with each change once, narrowed by period and kind in the
// address, found, sorted and exported.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { downloadFrom, openPage, screenshot, startFake, startProxy, startStack, stopAndResume } from "./harness.mjs";

const NORTHWIND = "6500000000000000000000c1";
const DEMO_BUSY_PROJECT = "6500000000000000000d0005";

let stack;
before(async () => (stack = await startStack({ auth: "oauth" })));
after(() => stack?.stop());

const rows = (page) => page.locator("table.results tbody tr");
const cells = (page, n) => page.locator(`table.results tbody tr > :nth-child(${n})`).allTextContents();
const finished = (page) =>
  page.waitForFunction(() => document.querySelector("#coverage-stop")?.hidden === true, null, { timeout: 30000 });
const summary = (page) => page.locator("#changes-summary").textContent();
const csvLines = (csv) => csv.text.replace(/^\uFEFF/, "").trim().split("\r\n");
const projectId = (n) => `${stack.fake.ids.ESTATE_PROJECT_PREFIX}${n.toString(16).padStart(4, "0")}`;

/** The fake's feed requests, signed and answered, by owner: `{ "org" | projectId: [pathAndQuery] }`. */
async function feedReads(fake) {
  const reads = new Map();
  for (const request of await fake.received()) {
    const match = request.pathAndQuery.match(/\/(groups|orgs)\/([0-9a-f]{24})\/events\?/);
    const signed = request.headers.some(([name]) => name === "authorization");
    if (match && signed) reads.set(match[2], [...(reads.get(match[2]) ?? []), request.pathAndQuery]);
  }
  return reads;
}

test("the demo: from the home page in two clicks, every feed merged newest first, each change once", async () => {
  const demo = await startProxy();
  try {
    const page = await openPage(stack.browser);
    await page.goto(demo.url);
    await page.getByRole("link", { name: "Northwind" }).click();
    await page.getByRole("link", { name: "Changes" }).click();
    assert.equal(new URL(page.url()).pathname, `/orgs/${NORTHWIND}/changes`);
    await page.getByRole("heading", { level: 1, name: /Changes of Northwind/ }).waitFor();
    assert.equal(await page.getByLabel("Period").inputValue(), "7d");
    assert.equal(await page.getByLabel("Kind").inputValue(), "all");
    await finished(page);
    assert.equal(await page.locator("#coverage-progress-text").textContent(), "140 of 140 projects");
    const said = await summary(page);
    const [, count] = said.match(/^(\d[\d,]*) changes in the last 7 days\. Could not be read: .+\(.+\)\.$/) ?? [];
    assert.ok(count, said);
    assert.equal(await rows(page).count(), Number(count.replace(/,/g, "")));
    assert.deepEqual(await page.locator("thead th").allTextContents(), ["When", "Who", "What", "Where", "Details"]);

    const when = await page.locator("table.results tbody th time").evaluateAll((times) => times.map((t) => t.getAttribute("datetime")));
    assert.deepEqual([...when].sort().reverse(), when, "newest first");
    const where = await cells(page, 4);
    assert.ok(where.includes("Organization"), "the organization's own changes");
    const projectLink = page.locator("table.results tbody td a", { hasText: /\S/ }).first();
    assert.match(await projectLink.getAttribute("href"), /^\/(groups\/[0-9a-f]{24}\/changes|orgs\/|groups\/)/);

    // Every change once: the organization's feed repeats some of its projects' team changes.
    const csv = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
    assert.match(csv.name, new RegExp(`^atlas-changes-${NORTHWIND}-7d-\\d{8}T\\d{6}Z\\.csv$`));
    const lines = csvLines(csv);
    assert.equal(lines[0], "created,who,kind,eventTypeName,words,groupId,groupName,team,teamId,targetUsername,alertConfigId,id");
    assert.equal(lines.length, Number(count.replace(/,/g, "")) + 1);
    const ids = lines.slice(1).map((line) => line.split(",").at(-1));
    assert.equal(new Set(ids).size, ids.length, "no change twice");
    // The busy project's 620 changes of the week are read in full, over two pages.
    assert.equal(lines.filter((line) => line.includes(`,${DEMO_BUSY_PROJECT},`)).length, 620);
    assert.ok(page.requests.some((url) => url.includes(`/groups/${DEMO_BUSY_PROJECT}/events?pageNum=2&`)));
    assert.ok(!(await page.locator("main").textContent()).includes("BUCKET"));
    await screenshot(page, "org-changes");
    assert.deepEqual(page.problems, []);
  } finally {
    demo.stop();
  }
});

test("140 projects through the real proxy: three at a time, once each, through a 403 and a 429; period and kind in the address", async () => {
  const { fake, proxy } = stack;
  await fake.reset();
  await fetch(`${fake.url}/_control/lag?ms=40`, { method: "POST" });
  await fake.fail(projectId(70), 429, 1);
  const page = await openPage(stack.browser);
  await page.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/changes`);
  await page.getByRole("heading", { level: 1, name: /Changes of Estate-Org/ }).waitFor();
  await page.locator(".countdown", { hasText: /going on by itself in \d+ s/ }).waitFor({ timeout: 20000 });
  await finished(page);
  const expected = fake.ids.ORG_CHANGES_7D;
  assert.match(
    await summary(page),
    new RegExp(`^${expected.toLocaleString("en-US")} changes in the last 7 days\\. Could not be read: .+ \\(.*403.*\\)\\.$`),
  );
  assert.equal(await rows(page).count(), expected);
  // Markup in a user's name stays text.
  assert.equal(await page.locator("table.results img, table.results b").count(), 0);
  assert.ok((await cells(page, 2)).some((text) => text.startsWith("<img src=x")));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);

  const received = await fetch(`${fake.url}/_control/received`).then((r) => r.json());
  assert.ok(received.maxProjectsInFlight <= 3, `at most 3 project requests at once, saw ${received.maxProjectsInFlight}`);
  const reads = await feedReads(fake);
  assert.equal(reads.get(fake.ids.ESTATE_ORG)?.length, 1, "the organization's own feed, once");
  for (let n = 1; n <= 140; n++) {
    const asked = reads.get(projectId(n)) ?? [];
    const expectedReads = n === 70 ? 2 : projectId(n) === fake.ids.BUSY_PROJECT ? 2 : 1;
    assert.equal(asked.length, expectedReads, `project ${n}: ${asked.join(" ")}`);
  }
  const busy = reads.get(fake.ids.BUSY_PROJECT);
  assert.ok(busy[1].includes("pageNum=2"), "a feed of more than 500 changes read in full");
  for (const [owner, asked] of [...reads].flatMap(([owner, urls]) => urls.map((url) => [owner, url]))) {
    const params = new URL(asked, "http://x").searchParams;
    assert.ok(!params.has("includeRaw"), asked);
    // A project's feed is asked for its ten kinds; the organization's for all sixteen.
    assert.equal(params.getAll("eventType").length, owner === fake.ids.ESTATE_ORG ? 16 : 10, asked);
    assert.match(params.get("minDate"), /^\d{4}-\d\d-\d\dT\d\d:\d\d:00Z$/, asked);
  }

  // A new kind narrows what was read: nothing more is asked.
  const before = (await fake.received()).length;
  await page.getByLabel("Kind").selectOption("teams");
  await page.waitForFunction(() => /changes to teams/.test(document.querySelector("#changes-summary")?.textContent));
  assert.equal(new URL(page.url()).search, "?period=7d&kind=teams");
  const what = await cells(page, 3);
  assert.ok(what.length > 0 && what.every((text) => /[Tt]eam|[Mm]ember/.test(text)), `${await summary(page)} ${await rows(page).count()}: ${what.join()}`);
  assert.equal((await fake.received()).length, before, "a new kind asks Atlas nothing");

  // The filter narrows by who; the export holds the changes shown.
  await page.getByLabel("Kind").selectOption("alerts");
  await page.locator("#filter").fill("busy@estate.example");
  await page.waitForFunction(() => document.querySelector("#filter-status")?.textContent.startsWith("520 of"));
  const csv = await downloadFrom(page, page.getByRole("button", { name: "Download CSV" }));
  const lines = csvLines(csv);
  assert.equal(lines.length, 521);
  assert.match(lines[1], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,busy@estate\.example,alerts,ALERT_CONFIG_CHANGED_AUDIT,Alert setting changed,fa00000000000000000e000b,/);
  await page.locator("#filter").fill("");

  // A new period reads the feeds again, from the address.
  await page.getByLabel("Period").selectOption("24h");
  await page.waitForFunction(() => /in the last 24 hours/.test(document.querySelector("#changes-summary")?.textContent));
  await finished(page);
  assert.equal(new URL(page.url()).search, "?period=24h&kind=alerts");
  await page.getByLabel("Kind").selectOption("all");
  await page.waitForFunction(
    (n) => document.querySelector("#changes-summary")?.textContent.startsWith(`${n.toLocaleString("en-US")} changes in the last 24 hours`),
    fake.ids.ORG_CHANGES_24H,
  );
  // Opened from its address, the same view.
  const again = await openPage(stack.browser);
  await again.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/changes?period=30d&kind=teams`);
  await finished(again);
  assert.equal(await again.getByLabel("Period").inputValue(), "30d");
  assert.equal(await again.getByLabel("Kind").inputValue(), "teams");
  assert.match(await summary(again), /changes to teams in the last 30 days/);
  assert.deepEqual(page.problems, []);
  assert.deepEqual(again.problems, []);
});

test("Stop sends nothing more, and Resume reads only the feeds not yet read", async () => {
  await stopAndResume(stack.browser, "changes", /\/groups\/[0-9a-f]{24}\/events\?/, async (page) => {
    assert.match(await summary(page), /changes in the last 7 days/);
  }, { rows: null });
});

test("a feed stopped after its first page goes on from its second: Resume asks no page twice", async () => {
  const fake = await startFake("oauth");
  const proxy = await startProxy({ upstream: fake.url, auth: "oauth", args: ["--cache-ttl", "0"] });
  try {
    await fetch(`${fake.url}/_control/lag?ms=300`, { method: "POST" });
    const page = await openPage(stack.browser);
    const busyPage = (n) => (url) => url.includes(`/groups/${fake.ids.BUSY_PROJECT}/events?pageNum=${n}&`);
    // The busy project's second page is held on its way until Stop has been clicked, however
    // slow the click; after that, it goes through.
    let clickStop;
    const stopClicked = new Promise((resolve) => (clickStop = resolve));
    let held = false;
    await page.route((url) => busyPage(2)(url.href), async (route) => {
      if (!held) {
        held = true;
        await stopClicked;
      }
      await route.continue().catch(() => {});
    });
    const secondAsked = page.waitForRequest((request) => busyPage(2)(request.url()), { timeout: 30000 });
    await page.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/changes`);
    // The busy project's first page is read and its second on its way.
    await secondAsked;
    await page.getByRole("button", { name: "Stop", exact: true }).click();
    clickStop();
    await page.getByRole("button", { name: "Resume", exact: true }).waitFor();
    await page.waitForTimeout(500);
    assert.match(await summary(page), /So far: /);
    await fetch(`${fake.url}/_control/lag?ms=0`, { method: "POST" });
    await page.getByRole("button", { name: "Resume", exact: true }).click();
    await finished(page);
    assert.equal(page.requests.filter(busyPage(1)).length, 1, "the first page, once");
    assert.equal(page.requests.filter(busyPage(2)).length, 2, "the second: stopped on its way, then asked again");
    // Every change, the busy project's 520 among them.
    assert.match(await summary(page), new RegExp(`^${fake.ids.ORG_CHANGES_7D.toLocaleString("en-US")} changes in the last 7 days\\.`));
    await page.locator("#filter").fill("busy@estate.example");
    await page.waitForFunction(() => document.querySelector("#filter-status")?.textContent.startsWith("520 of"));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    proxy.stop();
    fake.stop();
  }
});

test("while Atlas's pause lasts a feed asks for no next page, and after it goes on from that page", async () => {
  const fake = await startFake("oauth");
  const proxy = await startProxy({ upstream: fake.url, auth: "oauth", args: ["--cache-ttl", "0"] });
  try {
    const busy = fake.ids.BUSY_PROJECT;
    const next = `${fake.ids.ESTATE_PROJECT_PREFIX}${(parseInt(busy.slice(-4), 16) + 1).toString(16).padStart(4, "0")}`;
    // The project after the busy one answers 429 (Retry-After: 2) while the busy one's first
    // page is held on its way; that page then arrives during the pause.
    await fake.fail(next, 429, 1);
    const page = await openPage(stack.browser);
    const busyPage = (n) => (url) => url.includes(`/groups/${busy}/events?pageNum=${n}&`);
    let release;
    const paused = new Promise((resolve) => (release = resolve));
    await page.route((url) => busyPage(1)(url.href), async (route) => {
      await paused;
      await route.continue().catch(() => {});
    });
    await page.goto(`${proxy.url}/orgs/${fake.ids.ESTATE_ORG}/changes`);
    const countdown = page.locator(".countdown", { hasText: /going on by itself in \d+ s/ });
    await countdown.waitFor({ timeout: 20000 });
    release();
    await page.waitForTimeout(600);
    assert.ok(await countdown.isVisible(), "the pause still lasts");
    assert.equal(page.requests.filter(busyPage(2)).length, 0, "no page asked for while the pause lasts");
    await finished(page);
    assert.equal(page.requests.filter(busyPage(1)).length, 1, "the first page, once");
    assert.equal(page.requests.filter(busyPage(2)).length, 1, "the second, once, after the pause");
    assert.match(await summary(page), new RegExp(`^${fake.ids.ORG_CHANGES_7D.toLocaleString("en-US")} changes in the last 7 days\\.`));
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    proxy.stop();
    fake.stop();
  }
});

test("in Chinese", async () => {
  const page = await openPage(stack.browser, { contextOptions: { locale: "zh-CN" } });
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.ESTATE_ORG}/changes?period=24h`);
  await finished(page);
  assert.deepEqual(await page.locator("thead th").allTextContents(), ["时间", "操作者", "变更", "位置", "详情"]);
  assert.match(await summary(page), /^最近 24 小时内有 [\d,]+ 项变更。无法读取：/);
  assert.equal(await page.getByLabel("时间范围").inputValue(), "24h");
  assert.ok((await cells(page, 4)).includes("组织"));
  assert.deepEqual(page.problems, []);
});
