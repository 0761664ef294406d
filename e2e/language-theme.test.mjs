import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chooseLanguage, openPage, rangeText, screenshot, settle, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack.stop());

const ZH = { contextOptions: { locale: "zh-CN" } };
const link = (page, name) => page.getByRole("link", { name, exact: true });
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
const stored = (page, key) => page.evaluate((key) => localStorage.getItem(key), key);
const dataTheme = (page) => page.evaluate(() => document.documentElement.getAttribute("data-theme"));

// Words that stay in Latin letters in the Chinese interface, and why:
// - atlas-panel, atlas-panel-proxy, config.json: the names of the program and of its file;
// - Atlas, MongoDB: the product the panel reads;
// - API, ID, CSV, JSON, URL, public v1.0, v1.0, v2: technical names Chinese interfaces keep as they are;
// - the integration types' brand names, as Atlas itself shows them;
// - the fake Atlas's organization and project names, where a page shows them outside a table's
//   data cells (headings, the organizations list, breadcrumbs), and its team "Platform" (the
//   heading of its members) and project "project-003" (the heading of its teams);
// - GROUP_FUTURE_ROLE: a role newer than the panel, shown as Atlas names it.
// Atlas IDs (24 hex digits), URLs, paths such as /api and media types are data, not words,
// and are removed before the check.
const ALLOWED = [
  "atlas-panel-proxy", "atlas-panel", "config.json", "MongoDB", "Atlas",
  "API", "ID", "CSV", "JSON", "URL", "public v1.0", "v1.0", "v2",
  "PagerDuty", "Slack", "Datadog", "New Relic", "Opsgenie", "VictorOps", "Flowdock", "Webhook",
  "Microsoft Teams", "Prometheus", "HipChat",
  "Cloud Manager", "Ops Manager",
  "Estate-Org", "Hidden-Org-Name", "Platform", "project-003", "GROUP_FUTURE_ROLE",
];

/**
 * The interface's own text on the page: every rendered text node and the aria-label,
 * placeholder, title and alt of every rendered element, leaving out data: code, a row's
 * heading (a team's name), regions, setting values, type badges, anything marked as in
 * another language (the switch that offers English), and the facts of an error banner or of
 * a project that failed in the coverage (Atlas's words), and the teams' names that head the access
 * matrix's columns, name its cells for screen readers and fill its team picker, and an alert's
 * notifications (whom they reach; their channel and timing words are checked by the component tests). Field labels, empty-table text and the rows' buttons are checked.
 */
function interfaceText(page) {
  return page.evaluate(() => {
    const data =
      'code, tbody th[scope="row"], tbody td.region, .settings dd, .badge, script, style, .banner-facts dd, tr.failed td.coverage-status, [lang]:not([lang="zh-CN"]), ' +
      '.coverage-table thead th:nth-child(n+4), .coverage-table td > .visually-hidden, #access-team option:not([value=""]), .notifications li';
    const texts = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && !parent.closest(data) && parent.checkVisibility()) texts.push(node.data);
    }
    for (const element of document.body.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
      if (element.closest(data) || !element.checkVisibility()) continue;
      for (const name of ["aria-label", "placeholder", "title", "alt"]) {
        if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
      }
    }
    return texts.join("\n");
  });
}

/** Runs of three or more Latin letters left once data and allowed words are taken out. */
function englishWords(text) {
  let rest = text
    .replace(/\b[0-9a-f]{24}\b/g, " ")
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[\w.~%+\-/?=&:#]*/gi, " ")
    .replace(/\b[a-z]+\/[a-z0-9.+-]+/g, " ")
    .replace(/(?<![\w.])\/[\w.~%+\-/]*/g, " ");
  for (const word of ALLOWED) rest = rest.replaceAll(word, " ");
  return rest.match(/[A-Za-z]{3,}/g) ?? [];
}

async function assertAllChinese(page, what) {
  assert.equal(await htmlLang(page), "zh-CN", what);
  const text = await interfaceText(page);
  assert.ok(/[\u4e00-\u9fff]/.test(text), `${what}: no Chinese at all`);
  assert.deepEqual(englishWords(text), [], `${what}: English left in the Chinese interface:\n${text}`);
}

async function openList(page, path) {
  await page.goto(`${stack.proxy.url}${path}`);
  await page.locator("table.results tbody tr").first().waitFor();
}

test("the browser's language chooses Chinese; the switch reloads in English at the same address, and is remembered", async () => {
  const page = await openPage(stack.browser, ZH);
  await page.goto(`${stack.proxy.url}/`);
  await link(page, "首页").waitFor();
  assert.ok(await link(page, "设置").isVisible());
  assert.equal(await htmlLang(page), "zh-CN");
  // The switch names the other language, in that language.
  assert.equal(await page.locator("#language").getAttribute("lang"), "en");
  assert.equal((await page.locator("#language").textContent()).trim(), "English");
  assert.equal((await page.locator(".choice", { has: page.locator("#language") }).textContent()).replace("English", "").trim(), "语言");
  assert.equal((await page.locator("label[for=theme]").textContent()).trim(), "主题");
  assert.equal((await page.locator("a.skip-link").textContent()).trim(), "跳到正文");
  await screenshot(page, "home-zh-CN");

  // Switching reloads the page in the new language, at the same address.
  const url = page.url();
  await page.locator("#language").focus();
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("Enter")]);
  await link(page, "Home").waitFor();
  // A keyboard user starts again on the switch, which now offers Chinese.
  await page.waitForFunction(() => document.activeElement?.id === "language");
  assert.equal(await page.locator("#language").getAttribute("lang"), "zh-CN");
  assert.ok(await link(page, "Settings").isVisible());
  assert.equal(await link(page, "首页").count(), 0);
  assert.equal(await htmlLang(page), "en");
  assert.equal(page.url(), url);
  assert.equal(await stored(page, "atlas-panel.lang"), "en");

  // Remembered over the browser's own language.
  await page.reload();
  await link(page, "Home").waitFor();
  assert.equal(await htmlLang(page), "en");
  assert.equal((await page.locator("#language").textContent()).trim(), "简体中文");
  assert.notEqual(await page.evaluate(() => document.activeElement?.id), "language", "focus returned after a plain reload");
  assert.deepEqual(page.problems, []);
});

test("an English browser switches a list page to Chinese, numbers grouped, and keeps it", async () => {
  const page = await openPage(stack.browser);
  await openList(page, `/orgs/${stack.fake.ids.LARGE}/teams`);
  assert.equal(await htmlLang(page), "en");
  assert.equal(await rangeText(page), "1–100 of 1,234");

  await chooseLanguage(page, "zh-CN");
  await link(page, "首页").waitFor();
  assert.equal(await htmlLang(page), "zh-CN");
  assert.equal(await stored(page, "atlas-panel.lang"), "zh-CN");
  // The pager's range, re-rendered in Chinese, still groups the total with commas.
  const deadline = Date.now() + 5000;
  let range = await rangeText(page);
  while (range === "1–100 of 1,234" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    range = await rangeText(page);
  }
  assert.match(range, /[\u4e00-\u9fff]/, `the range is not in Chinese: ${range}`);
  assert.match(range, /1,234/, "the total is grouped with commas in Chinese too");
  assert.doesNotMatch(range, /1234/);
  await page.locator("[aria-live]", { hasText: /^\s*第 1 页，共 13 页\s*$/ }).first().waitFor({ timeout: 5000 });
  assert.equal((await page.locator("label[for=filter]").textContent()).trim(), "筛选本页");
  assert.equal((await page.locator("button.export-csv").textContent()).trim(), "下载 CSV");
  assert.equal((await page.locator("button.export-json").textContent()).trim(), "下载 JSON");
  assert.equal((await page.locator("button.copy-owner").textContent()).trim(), "复制 ID");
  // The "as of" time is in the Chinese format: no AM or PM.
  assert.doesNotMatch(await interfaceText(page), /\b(AM|PM)\b/, "an English time format in Chinese");

  await page.getByRole("searchbox", { name: "筛选本页" }).fill("team 004");
  assert.equal(await settle(async () => (await page.locator("p.filter-status").textContent()).trim(), "100 行中有 10 行匹配"), "100 行中有 10 行匹配");
  await page.getByRole("searchbox", { name: "筛选本页" }).fill("no such team");
  assert.equal(
    await settle(async () => (await page.locator("tbody tr.empty").textContent()).trim(), "本页没有符合筛选条件的行。"),
    "本页没有符合筛选条件的行。",
  );
  await screenshot(page, "teams-zh-CN");

  await page.reload();
  await page.locator("table.results tbody tr").first().waitFor();
  assert.equal(await htmlLang(page), "zh-CN");
  assert.equal((await page.locator("#language").textContent()).trim(), "English");
  assert.ok(await link(page, "首页").isVisible());
  assert.deepEqual(page.problems, []);
});

test("in Chinese, no English is left on any page", async () => {
  const page = await openPage(stack.browser, ZH);
  // Open a list first, so that the home page also shows a recently opened ID.
  await openList(page, `/groups/${stack.fake.ids.ALL_TYPES}/integrations`);
  await page.getByText("2 个集成未被任何告警使用。").waitFor();
  await assertAllChinese(page, "integrations");
  await openList(page, `/groups/${stack.fake.ids.ALL_TYPES}/alerts-config?integration=fc0000000000000000000001&type=PAGER_DUTY`);
  await page.locator(".list-note").waitFor();
  await assertAllChinese(page, "alert configurations, narrowed to one integration");

  await openList(page, `/orgs/${stack.fake.ids.LARGE}/teams`);
  await assertAllChinese(page, "teams");
  await page.locator("#filter").fill("team 004");
  await page.locator("p.filter-status").filter({ hasText: /\S/ }).waitFor();
  await assertAllChinese(page, "teams, filtered");

  await page.goto(`${stack.proxy.url}/`);
  await page.locator("#project-id").waitFor();
  await assertAllChinese(page, "home");
  await page.locator("#project-id").press("Enter");
  await page.locator("#project-id-problem").filter({ hasText: /\S/ }).waitFor();
  await assertAllChinese(page, "home, refusing an empty ID");

  await page.goto(`${stack.proxy.url}/settings`);
  await page.locator('input[name="api-version"]').first().waitFor();
  await assertAllChinese(page, "settings");

  const org = stack.fake.ids.ESTATE_ORG;
  await page.goto(`${stack.proxy.url}/orgs/${org}`);
  await page.getByRole("heading", { level: 1, name: /Estate-Org/ }).waitFor();
  await assertAllChinese(page, "organization");
  await openList(page, `/orgs/${org}/groups`);
  await assertAllChinese(page, "projects");
  await page.goto(`${stack.proxy.url}/orgs/${org}/coverage`);
  await page.waitForFunction(() => document.querySelector("#coverage-progress")?.getAttribute("value") === "140", null, { timeout: 30000 });
  await assertAllChinese(page, "integration coverage");
  await page.goto(`${stack.proxy.url}/orgs/${org}/access`);
  await page.waitForFunction(() => document.querySelector("#coverage-progress")?.getAttribute("value") === "140", null, { timeout: 30000 });
  await assertAllChinese(page, "access matrix");
  await openList(page, `/orgs/${org}/teams/${stack.fake.ids.TEAM_LARGE}`);
  await assertAllChinese(page, "a team's members");
  await openList(page, `/groups/${stack.fake.ids.ESTATE_PROJECT_PREFIX}0003/teams`);
  await page.locator("table.results tbody th a", { hasText: "Platform" }).waitFor();
  await assertAllChinese(page, "a project's teams");

  await page.goto(`${stack.proxy.url}/no-such-page`);
  await page.locator("main h1").waitFor();
  await assertAllChinese(page, "not found");
  assert.deepEqual(page.problems, []);
});

/** Relative luminance of the page's background: body's, or the root's if body has none. */
function background(page) {
  return page.evaluate(() => {
    const colours = [document.body, document.documentElement].map((e) => getComputedStyle(e).backgroundColor);
    const colour = colours.find((c) => !/^rgba\(.*,\s*0\)$|^transparent$/.test(c)) ?? colours[0];
    const [r, g, b] = colour.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return { colour, luminance: 0.2126 * r + 0.7152 * g + 0.0722 * b };
  });
}

/** Waits until the background is dark or light (transitions may run), then asserts it. */
async function assertBackground(page, shade, what) {
  const isShade = (bg) => (shade === "dark" ? bg.luminance < 0.2 : bg.luminance > 0.5);
  const deadline = Date.now() + 3000;
  let bg = await background(page);
  while (!isShade(bg) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    bg = await background(page);
  }
  assert.ok(isShade(bg), `${what}: the background ${bg.colour} is not ${shade}`);
  return bg.colour;
}

test("the theme: light and dark by choice, remembered; system follows prefers-color-scheme", async () => {
  const page = await openPage(stack.browser, { contextOptions: { colorScheme: "light" } });
  await openList(page, `/groups/${stack.fake.ids.ALL_TYPES}/integrations`);
  assert.equal(await page.locator("#theme").inputValue(), "system");
  assert.equal(await dataTheme(page), null);
  const light = await assertBackground(page, "light", "system, light scheme");

  await page.locator("#theme").selectOption("dark");
  assert.equal(await settle(() => dataTheme(page), "dark"), "dark");
  assert.equal(await stored(page, "atlas-panel.theme"), "dark");
  const dark = await assertBackground(page, "dark", "theme dark");
  await screenshot(page, "theme-dark");

  await page.reload();
  await page.locator("table.results tbody tr").first().waitFor();
  assert.equal(await dataTheme(page), "dark");
  assert.equal(await page.locator("#theme").inputValue(), "dark");
  await assertBackground(page, "dark", "theme dark after a reload");

  await page.locator("#theme").selectOption("light");
  assert.equal(await settle(() => dataTheme(page), "light"), "light");
  await page.emulateMedia({ colorScheme: "dark" });
  assert.equal(await assertBackground(page, "light", "theme light in a dark system"), light);

  await page.locator("#theme").selectOption("system");
  assert.equal(await settle(() => dataTheme(page), null), null, "system leaves the choice to CSS");
  assert.ok([null, "system"].includes(await stored(page, "atlas-panel.theme")), "a stored light or dark outlives system");
  assert.equal(await assertBackground(page, "dark", "system, dark scheme"), dark);
  await page.emulateMedia({ colorScheme: "light" });
  assert.equal(await assertBackground(page, "light", "system, light scheme again"), light);
  assert.deepEqual(page.problems, []);
});
