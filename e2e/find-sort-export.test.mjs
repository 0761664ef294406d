import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { downloadFrom, openPage, screenshot, settle, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack.stop());

const rows = (page) => page.locator("table.results tbody tr");
const filterBox = (page) => page.getByRole("searchbox", { name: "Filter this page" });
const filterStatus = async (page) => (await page.locator("p.filter-status").textContent()).trim();
const badges = (page) => page.locator("table.results tbody th .badge").allTextContents();
const teamNames = (page) => page.locator("table.results tbody tr th").allTextContents();
const teamIds = (page) => page.locator("table.results tbody tr td code").allTextContents();
/** The header of a sortable column, found by the start of its text ("Type", "ID"). */
const sortable = (page, label) =>
  page.locator("table.results thead th", { has: page.locator("button.sort"), hasText: new RegExp(`^\\s*${label}`) });

/** The fake's team IDs: "fb" and the team's number in 22 hex digits. */
const teamId = (n) => `fb${n.toString(16).padStart(22, "0")}`;
const teamName = (n) => `Team ${String(n).padStart(4, "0")}`;
const range = (from, to) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

const SORTED_NAMES = [
  "Datadog", "Flowdock", "Microsoft Teams", "New Relic", "Opsgenie",
  "PagerDuty", "Prometheus", "Slack", "VictorOps", "Webhook",
];

// What the CSV of the fake's CLEAR_SECRETS project holds, by type: secrets masked as the panel
// shows them (the last four characters of a long secret), every other field as Atlas gave it.
const CLEAR_SECRETS_EXPORT = {
  PAGER_DUTY: { id: "fc0000000000000000000001", region: "US", serviceKey: "********7890", enabledAlerts: "1" },
  SLACK: { id: "fc0000000000000000000002", apiToken: "********abcd", channelName: "alerts", teamName: "Ops", enabledAlerts: "1" },
  DATADOG: { id: "fc0000000000000000000003", region: "US3", apiKey: "********1a2b", sendDatabaseMetrics: "true", enabledAlerts: "1" },
  NEW_RELIC: {
    id: "fc0000000000000000000004",
    accountId: "bcc3c81b344a6030a3935c2527e2216535af7718",
    licenseKey: "********7718",
    readToken: "********0a69",
    writeToken: "********c218",
  },
  OPS_GENIE: { id: "fc0000000000000000000005", region: "EU", apiKey: "********3c4d", enabledAlerts: "1" },
  VICTOR_OPS: { id: "fc0000000000000000000006", apiKey: "********5e6f", routingKey: "********7a8b", enabledAlerts: "1" },
  FLOWDOCK: { id: "fc0000000000000000000007", flowName: "ops", orgName: "example", apiToken: "********9c0d" },
  WEBHOOK: { id: "fc0000000000000000000008", url: "********path", secret: "********eeee", enabledAlerts: "0" },
  MICROSOFT_TEAMS: { id: "fc0000000000000000000009", microsoftTeamsWebhookUrl: "********ffff", enabledAlerts: "0" },
  PROMETHEUS: {
    id: "fc000000000000000000000a",
    username: "prom_user",
    password: "********1111",
    serviceDiscovery: "http",
    scheme: "https",
    enabled: "true",
  },
};
const READABLE = {
  PAGER_DUTY: "PagerDuty", SLACK: "Slack", DATADOG: "Datadog", NEW_RELIC: "New Relic", OPS_GENIE: "Opsgenie",
  VICTOR_OPS: "VictorOps", FLOWDOCK: "Flowdock", WEBHOOK: "Webhook", MICROSOFT_TEAMS: "Microsoft Teams",
  PROMETHEUS: "Prometheus",
};
const SECRET_FIELDS = [
  "serviceKey", "apiToken", "apiKey", "licenseKey", "readToken", "writeToken", "routingKey",
  "url", "secret", "microsoftTeamsWebhookUrl", "password",
];
const ALL_FIELDS = [
  "type", "region", "id", ...new Set(Object.values(CLEAR_SECRETS_EXPORT).flatMap((fields) => Object.keys(fields))),
].filter((name, index, names) => names.indexOf(name) === index);

async function openList(page, path) {
  await page.goto(`${stack.proxy.url}${path}`);
  await rows(page).first().waitFor();
}

async function typeFilter(page, text, expectedRows) {
  await filterBox(page).fill(text);
  return settle(async () => rows(page).count(), expectedRows);
}

/** RFC 4180, strictly: CRLF only, quotes only around a whole field, "" for a quote inside. */
function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = "";
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') (cell += '"'), i++;
      else quoted = false;
    } else if (ch === '"') {
      if (cell !== "" || wasQuoted) throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = wasQuoted = true;
    } else if (ch === ",") {
      record.push(cell);
      cell = "";
      wasQuoted = false;
    } else if (ch === "\r" && text[i + 1] === "\n") {
      record.push(cell);
      records.push(record);
      record = [];
      cell = "";
      wasQuoted = false;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      throw new Error(`a bare ${ch === "\r" ? "CR" : "LF"} outside quotes at ${i}`);
    } else {
      if (wasQuoted) throw new Error(`text after a closing quote at ${i}`);
      cell += ch;
    }
  }
  assert.ok(!quoted, "a quoted field is never closed");
  if (cell !== "" || record.length > 0) record.push(cell), records.push(record);
  return records;
}

/** The CSV as { header, records }, each record an object by column name. */
function readCsv(text) {
  const [header, ...lines] = parseCsv(text.replace(/^\uFEFF/, ""));
  for (const line of lines) assert.equal(line.length, header.length, `a record with ${line.length} fields: ${line}`);
  return { header, records: lines.map((line) => Object.fromEntries(header.map((name, i) => [name, line[i]]))) };
}

/** `atlas-{kind}-{owner}-page-{n}-{YYYYMMDD}T{HHMMSS}Z.{ext}`, stamped between `t0` and `t1`. */
function assertFileName(name, { kind, owner, pageNum, ext, t0, t1 }) {
  const match = name.match(new RegExp(`^atlas-${kind}-${owner}-page-${pageNum}-(\\d{4})(\\d\\d)(\\d\\d)T(\\d\\d)(\\d\\d)(\\d\\d)Z\\.${ext}$`));
  assert.ok(match, `file name ${name}`);
  const [, y, mo, d, h, mi, s] = match.map(Number);
  const stamp = Date.UTC(y, mo - 1, d, h, mi, s);
  assert.ok(stamp >= Math.floor(t0 / 1000) * 1000 && stamp <= t1, `${name}: not stamped with the time of the download, in UTC`);
}

function assertExportedAt(value, t0, t1) {
  assert.match(value, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const at = Date.parse(value);
  assert.ok(at >= Math.floor(t0 / 1000) * 1000 && at <= t1, `exportedAt ${value} is not the time of the download`);
}

async function download(page, which) {
  const t0 = Date.now();
  const file = await downloadFrom(page, page.locator(`button.export-${which}`));
  return { ...file, t0, t1: Date.now() };
}

test("the filter narrows the integrations as you type: type, region, values and ID, never a reload", async () => {
  const page = await openPage(stack.browser);
  const id = stack.fake.ids.ALL_TYPES;
  await openList(page, `/groups/${id}/integrations`);
  assert.equal(await rows(page).count(), 10);
  assert.equal(await filterStatus(page), "", "the status speaks only while a filter is set");
  const requestsBefore = page.requests.length;

  // Typed key by key, with no Enter: the rows follow the keys.
  await filterBox(page).pressSequentially("new relic", { delay: 30 });
  assert.deepEqual(await settle(() => badges(page), ["New Relic"]), ["New Relic"]);
  assert.equal(await filterStatus(page), "1 of 10 rows match");

  const cases = [
    ["ops_genie", ["Opsgenie"]], // the type's API name
    ["SLACK", ["Slack"]], // case does not matter
    ["us3", ["Datadog"]], // a region
    ["eu", ["Opsgenie", "Prometheus"]], // region EU, and "eu" inside Prometheus
    ["alerts", ["Slack"]], // a setting that is not secret (channelName)
    ["prom_user", ["Prometheus"]],
    ["fc0000000000000000000007", ["Flowdock"]], // the integration's ID
  ];
  for (const [text, expected] of cases) {
    await typeFilter(page, text, expected.length);
    assert.deepEqual([...(await badges(page))].sort(), expected, `filter "${text}"`);
    assert.equal(await filterStatus(page), `${expected.length} of 10 rows match`, `filter "${text}"`);
  }

  await typeFilter(page, "zzzz-nothing-like-this", 1);
  assert.equal(await page.locator("table.results tbody tr.empty").count(), 1);
  assert.equal((await page.locator("table.results tbody tr.empty").textContent()).trim(), "No row on this page matches the filter.");
  assert.equal(await filterStatus(page), "0 of 10 rows match");
  await screenshot(page, "filter-no-match");

  await typeFilter(page, "", 10);
  assert.equal(await page.locator("table.results tbody tr.empty").count(), 0);
  assert.equal(await filterStatus(page), "");
  // The count shows at once; a live region announces it once typing pauses.
  await typeFilter(page, "slack", 1);
  await page.locator('[aria-live="polite"]', { hasText: /^\s*1 of 10 rows match\s*$/ }).waitFor({ timeout: 5000 });
  assert.equal(await page.locator("p.filter-status").getAttribute("aria-live"), null, "every keystroke would be announced");
  const asked = page.requests.slice(requestsBefore).filter((url) => url.includes("/api/"));
  assert.deepEqual(asked, [], "filtering asked the proxy for something: it works on the loaded page only");
  assert.deepEqual(page.problems, []);
});

test("the filter finds teams by name and ID on the loaded page", async () => {
  const page = await openPage(stack.browser);
  await openList(page, `/orgs/${stack.fake.ids.LARGE}/teams`);
  assert.equal(await rows(page).count(), 100);

  await typeFilter(page, "team 004", 10);
  assert.deepEqual(await teamNames(page), range(40, 49).map(teamName));
  assert.equal(await filterStatus(page), "10 of 100 rows match");

  await typeFilter(page, "TEAM 0042", 1);
  assert.deepEqual(await teamNames(page), [teamName(42)]);

  await typeFilter(page, teamId(42), 1);
  assert.deepEqual(await teamIds(page), [teamId(42)]);
  assert.equal(await filterStatus(page), "1 of 100 rows match");

  // Only the loaded page is searched: Team 0142 lives on page 2.
  await typeFilter(page, teamName(142), 1);
  assert.equal(await page.locator("table.results tbody tr.empty").count(), 1);
  assert.equal(await filterStatus(page), "0 of 100 rows match");
  assert.deepEqual(page.problems, []);
});

test("a secret is never searched: neither its clear text nor its masked text finds a row", async () => {
  const page = await openPage(stack.browser);
  await openList(page, `/groups/${stack.fake.ids.CLEAR_SECRETS}/integrations`);
  assert.equal(await rows(page).count(), 10);
  await typeFilter(page, "alerts", 1);
  assert.deepEqual(await badges(page), ["Slack"], "the filter works on this project");

  for (const text of [
    "CLEARTEXT-pd-secret-value-7890", // PagerDuty's serviceKey as upstream sent it
    "CLEARTEXT",
    "secret-value",
    "********7890", // the same key as the panel shows it
    "7890",
    "********",
    "abcd", // the tail of Slack's apiToken
    "hooks.example.com", // inside the webhook's url, a secret field
    "c218", // the tail of New Relic's writeToken
  ]) {
    // Back to every row first, so that the no-match row below is this filter's doing.
    await typeFilter(page, "", 10);
    await typeFilter(page, text, 1);
    assert.equal(await page.locator("table.results tbody tr.empty").count(), 1, `"${text}" found a row through a secret`);
    assert.equal(await filterStatus(page), "0 of 10 rows match", `filter "${text}"`);
  }
  assert.ok(!(await page.content()).includes("CLEARTEXT"), "a clear secret is in the page");
  assert.deepEqual(page.problems, []);
});

test("integrations sort by type and region, each header saying so in aria-sort", async () => {
  const page = await openPage(stack.browser);
  await openList(page, `/groups/${stack.fake.ids.ALL_TYPES}/integrations`);
  const type = sortable(page, "Type");
  const region = sortable(page, "Region");
  assert.equal(await type.getAttribute("aria-sort"), "none");
  assert.equal(await region.getAttribute("aria-sort"), "none");
  const settingsHeader = page.locator("table.results thead th", { hasText: /^\s*Settings/ });
  assert.equal(await settingsHeader.getAttribute("aria-sort"), null, "Settings is not sortable");
  assert.equal(await settingsHeader.locator("button.sort").count(), 0);

  await type.locator("button.sort").click();
  assert.deepEqual(await settle(() => badges(page), SORTED_NAMES), SORTED_NAMES);
  assert.equal(await type.getAttribute("aria-sort"), "ascending");
  assert.equal(await region.getAttribute("aria-sort"), "none");

  await type.locator("button.sort").click();
  const descending = [...SORTED_NAMES].reverse();
  assert.deepEqual(await settle(() => badges(page), descending), descending);
  assert.equal(await type.getAttribute("aria-sort"), "descending");

  // Regions: rows without one ("—") may go first or last; those with one are in order.
  const regions = () =>
    page.evaluate(() => {
      const headers = [...document.querySelectorAll("table.results thead th")];
      const column = headers.findIndex((th) => th.textContent.trim().startsWith("Region"));
      return [...document.querySelectorAll("table.results tbody tr")]
        .map((tr) => tr.querySelectorAll(":scope > th, :scope > td")[column].textContent.trim())
        .filter((text) => /\w/.test(text));
    });
  await region.locator("button.sort").click();
  assert.deepEqual(await settle(regions, ["EU", "US", "US3"]), ["EU", "US", "US3"]);
  assert.equal(await region.getAttribute("aria-sort"), "ascending");
  assert.equal(await type.getAttribute("aria-sort"), "none");
  await region.locator("button.sort").click();
  assert.deepEqual(await settle(regions, ["US3", "US", "EU"]), ["US3", "US", "EU"]);
  assert.equal(await region.getAttribute("aria-sort"), "descending");
  await screenshot(page, "sorted-by-region");
  assert.deepEqual(page.problems, []);
});

test("teams sort by name and, from the keyboard, by ID", async () => {
  const page = await openPage(stack.browser);
  await openList(page, `/orgs/${stack.fake.ids.LARGE}/teams`);
  const name = sortable(page, "Name");
  const id = sortable(page, "ID");
  assert.equal(await name.getAttribute("aria-sort"), "none");
  assert.equal(await id.getAttribute("aria-sort"), "none");

  await name.locator("button.sort").click();
  assert.equal(await name.getAttribute("aria-sort"), "ascending");
  assert.deepEqual(await settle(() => teamNames(page), range(1, 100).map(teamName)), range(1, 100).map(teamName));
  await name.locator("button.sort").click();
  assert.equal(await name.getAttribute("aria-sort"), "descending");
  const down = range(1, 100).reverse().map(teamName);
  assert.deepEqual(await settle(() => teamNames(page), down), down);

  await id.locator("button.sort").focus();
  await page.keyboard.press("Enter");
  const idsUp = range(1, 100).map(teamId);
  assert.deepEqual(await settle(() => teamIds(page), idsUp), idsUp);
  assert.equal(await id.getAttribute("aria-sort"), "ascending");
  assert.equal(await name.getAttribute("aria-sort"), "none");
  assert.ok(await id.locator("button.sort").evaluate((button) => button === document.activeElement), "focus left the sort button");
  await page.keyboard.press("Enter");
  const idsDown = [...idsUp].reverse();
  assert.deepEqual(await settle(() => teamIds(page), idsDown), idsDown);
  assert.equal(await id.getAttribute("aria-sort"), "descending");
  assert.deepEqual(page.problems, []);
});

test("CSV and JSON of a page: named by what and when, masked exactly as shown, no clear secret", async () => {
  const page = await openPage(stack.browser);
  const owner = stack.fake.ids.CLEAR_SECRETS;
  await openList(page, `/groups/${owner}/integrations`);
  // Each integration's alerts, once the project's alert configurations are read.
  await page.getByText("2 integrations are not used by any alert.").waitFor();

  const csv = await download(page, "csv");
  assertFileName(csv.name, { kind: "integrations", owner, pageNum: 1, ext: "csv", ...csv });
  assert.ok(csv.text.includes("\r\n"), "CSV lines end in CRLF");
  const { header, records } = readCsv(csv.text);
  assert.deepEqual(header.slice(0, 3), ["type", "region", "id"]);
  assert.deepEqual([...header].sort(), [...ALL_FIELDS].sort(), "one column per field name, each once");
  // Columns after type and region come in the order their fields first appear in the rows.
  const firstRow = header.slice(2).map((column) => records.findIndex((record) => record[column] !== ""));
  assert.deepEqual(firstRow, [...firstRow].sort((a, b) => a - b), `columns out of order of appearance: ${header}`);
  assert.deepEqual(records.map((r) => r.type), Object.keys(CLEAR_SECRETS_EXPORT), "the rows as on screen, in the same order");
  for (const record of records) {
    const expected = { type: record.type, region: "", ...CLEAR_SECRETS_EXPORT[record.type] };
    assert.deepEqual(record, Object.fromEntries(header.map((column) => [column, expected[column] ?? ""])));
  }
  // Masked exactly as on screen: every secret in the file is the text of its row.
  for (const record of records) {
    const row = rows(page).filter({ has: page.locator(".badge", { hasText: new RegExp(`^${READABLE[record.type]}$`) }) });
    const shown = await row.textContent();
    for (const field of SECRET_FIELDS) {
      if (record[field]) assert.ok(shown.includes(record[field]), `${record.type}.${field} ${record[field]} is not what the row shows`);
    }
  }

  const json = await download(page, "json");
  assertFileName(json.name, { kind: "integrations", owner, pageNum: 1, ext: "json", ...json });
  const document = JSON.parse(json.text);
  assert.equal(document.kind, "integrations");
  assert.equal(document.ownerId, owner);
  assert.equal(document.pageNum, 1);
  assert.equal(document.itemsPerPage, 100);
  assert.equal(document.totalCount, 10);
  assertExportedAt(document.exportedAt, json.t0, json.t1);
  assert.equal(document.results.length, 10);
  document.results.forEach((result, i) => {
    for (const column of header) {
      // Booleans may stay JSON booleans; a missing field may be absent or null.
      assert.equal(String(result[column] ?? ""), records[i][column], `JSON result ${i} ${column}`);
    }
    assert.ok(Object.keys(result).every((key) => header.includes(key)), `JSON result ${i} has a field the CSV lacks`);
  });

  for (const file of [csv.text, json.text]) {
    for (const clear of ["CLEARTEXT", "secret-value", "hook-path"]) assert.ok(!file.includes(clear), `${clear} is in an export`);
  }
  assert.deepEqual(page.problems, []);
});

test("an export follows the filter and the sort, for integrations and teams", async () => {
  const page = await openPage(stack.browser);
  const project = stack.fake.ids.ALL_TYPES;
  await openList(page, `/groups/${project}/integrations`);
  await typeFilter(page, "eu", 2);
  const type = sortable(page, "Type");
  await type.locator("button.sort").click();
  await type.locator("button.sort").click();
  assert.deepEqual(await settle(() => badges(page), ["Prometheus", "Opsgenie"]), ["Prometheus", "Opsgenie"]);

  const csv = readCsv((await download(page, "csv")).text);
  assert.deepEqual(csv.records.map((r) => r.type), ["PROMETHEUS", "OPS_GENIE"]);
  assert.equal(csv.records[1].region, "EU");
  assert.ok(!csv.header.includes("serviceKey"), "a column for a field of a row filtered out");
  const json = JSON.parse((await download(page, "json")).text);
  assert.deepEqual(json.results.map((r) => r.type), ["PROMETHEUS", "OPS_GENIE"]);

  const org = stack.fake.ids.LARGE;
  await openList(page, `/orgs/${org}/teams?pageNum=2&itemsPerPage=50`);
  await typeFilter(page, "team 007", 10);
  const name = sortable(page, "Name");
  await name.locator("button.sort").click();
  await name.locator("button.sort").click();
  const expected = range(70, 79).reverse();
  assert.deepEqual(await settle(() => teamNames(page), expected.map(teamName)), expected.map(teamName));

  const teamsCsv = await download(page, "csv");
  assertFileName(teamsCsv.name, { kind: "teams", owner: org, pageNum: 2, ext: "csv", ...teamsCsv });
  const { header, records } = readCsv(teamsCsv.text);
  assert.deepEqual(header, ["name", "id"]);
  assert.deepEqual(records, expected.map((n) => ({ name: teamName(n), id: teamId(n) })));

  const teamsJson = await download(page, "json");
  assertFileName(teamsJson.name, { kind: "teams", owner: org, pageNum: 2, ext: "json", ...teamsJson });
  const document = JSON.parse(teamsJson.text);
  assert.equal(document.kind, "teams");
  assert.equal(document.ownerId, org);
  assert.equal(document.pageNum, 2);
  assert.equal(document.itemsPerPage, 50);
  assert.equal(document.totalCount, 1234);
  assertExportedAt(document.exportedAt, teamsJson.t0, teamsJson.t1);
  assert.deepEqual(document.results, expected.map((n) => ({ id: teamId(n), name: teamName(n) })));
  assert.deepEqual(page.problems, []);
});

test("CSV quotes what needs quoting, and upstream markup stays text", async () => {
  // The fake's MARKUP values hold double quotes: they must be quoted and doubled. No value in
  // the fake starts with = + - @ TAB or CR, so the formula-injection prefix (a leading ') has
  // no row to show it here; src/export.rs's unit tests cover it.
  const markup = (n) => `<img src=x onerror="window.__pwned='img${n}'"><script>window.__pwned='script${n}'</script>`;
  const page = await openPage(stack.browser);
  await openList(page, `/groups/${stack.fake.ids.MARKUP}/integrations`);
  const csv = await download(page, "csv");
  assert.ok(csv.text.includes(`"<img src=x onerror=""window.__pwned='img4'""><script>`), "a quote inside a field is not doubled");
  const { records } = readCsv(csv.text);
  assert.equal(records.length, 1);
  assert.equal(records[0].type, markup(2));
  assert.equal(records[0].region, markup(3));
  assert.equal(records[0].channelName, markup(4));
  assert.match(records[0].apiToken, /^\*{8}.{0,4}$/);
  assert.ok(!csv.text.includes("script5"), "the secret apiToken is in the CSV");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(page.problems, []);
});

test("one click copies the owner's ID or a team's ID, with visible and announced feedback", async () => {
  const page = await openPage(stack.browser);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.proxy.url });
  const project = stack.fake.ids.ALL_TYPES;
  await openList(page, `/groups/${project}/integrations`);
  const status = page.locator("p.copy-status");
  assert.equal(await status.getAttribute("role"), "status");
  assert.equal((await page.locator("button.copy-owner").textContent()).trim(), "Copy ID");
  await page.locator("button.copy-owner").click();
  await status.getByText(`Copied ID ${project}`).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), project);

  const org = stack.fake.ids.LARGE;
  await openList(page, `/orgs/${org}/teams?itemsPerPage=10`);
  await page.locator("button.copy-owner").click();
  await status.getByText(`Copied ID ${org}`).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), org);

  const third = rows(page).nth(2).locator(".id-cell > button");
  assert.equal(await third.getAttribute("aria-label"), `Copy ID ${teamId(3)}`);
  await third.click();
  await status.getByText(`Copied ID ${teamId(3)}`).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), teamId(3));
  assert.equal(await page.locator("p.copy-status").count(), 1, "one feedback element for the page");
  assert.deepEqual(page.problems, []);
});
