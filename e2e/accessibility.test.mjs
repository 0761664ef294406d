import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chooseLanguage, describeViolations, openPage, rangeText, runAxe, screenshot, settle, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack.stop());

const rows = (page) => page.locator("table.results tbody tr");
const focusedIs = (page, selector) =>
  page.evaluate((selector) => document.activeElement?.matches(selector) ?? false, selector);

/** Every page of the panel, and what shows it is ready. */
function everyPage() {
  const { ALL_TYPES, LARGE, EMPTY, ESTATE_ORG, TEAM_LARGE } = stack.fake.ids;
  const withRows = (page) => rows(page).first().waitFor();
  const finished = (page) =>
    page.waitForFunction(
      () => {
        const progress = document.querySelector("#coverage-progress");
        return progress?.getAttribute("max") === "140" && progress.getAttribute("value") === "140";
      },
      null,
      { timeout: 30000 },
    );
  return [
    ["home", "/", (page) => page.locator(".org-list li a").first().waitFor()],
    ["organization", `/orgs/${ESTATE_ORG}`, (page) => page.getByRole("heading", { level: 1, name: /Estate-Org/ }).waitFor()],
    ["projects", `/orgs/${ESTATE_ORG}/groups`, withRows],
    ["integration coverage, finished", `/orgs/${ESTATE_ORG}/coverage`, finished],
    ["integrations, with their alerts", `/groups/${ALL_TYPES}/integrations`, (page) => page.locator(".list-note").waitFor()],
    ["alert configurations", `/groups/${ALL_TYPES}/alerts-config`, withRows],
    ["alert configurations of one integration", `/groups/${ALL_TYPES}/alerts-config?integration=fc0000000000000000000009&type=MICROSOFT_TEAMS`, withRows],
    ["teams", `/orgs/${LARGE}/teams`, withRows],
    ["a team's members", `/orgs/${ESTATE_ORG}/teams/${TEAM_LARGE}`, withRows],
    ["a project's teams", `/groups/${stack.fake.ids.ESTATE_PROJECT_PREFIX}0003/teams`, (page) => page.locator("table.results tbody th a").first().waitFor()],
    ["a project's changes", `/groups/${stack.fake.ids.ESTATE_PROJECT_PREFIX}0003/changes`, withRows],
    ["access matrix, finished", `/orgs/${ESTATE_ORG}/access`, finished],
    ["an organization's changes, finished", `/orgs/${ESTATE_ORG}/changes`, finished],
    ["settings", "/settings", (page) => page.locator('input[name="api-version"]').first().waitFor()],
    ["not found", "/no-such-page", (page) => page.locator("main h1").waitFor()],
    // EMPTY answers 500 for the whole file (fake.fail below): a list page with its banner.
    ["error banner", `/groups/${EMPTY}/integrations`, (page) => page.locator("main [role=alert]").waitFor()],
    ["not an ID", "/groups/not-an-id/integrations", (page) => page.locator("main [role=alert]").waitFor()],
    [
      "home, refusing an ID",
      "/",
      async (page) => {
        await page.locator("#project-id").fill("XYZ");
        await page.locator("#project-id").press("Enter");
        await page.locator("#project-id-problem").filter({ hasText: /\S/ }).waitFor();
      },
    ],
    [
      "filtered to nothing, sorted",
      `/groups/${ALL_TYPES}/integrations`,
      async (page) => {
        await withRows(page);
        await page.locator("thead button.sort").first().click();
        await page.locator("#filter").fill("no such row");
        await page.locator("table.results tbody tr.empty").waitFor();
      },
    ],
  ];
}

/** Lets colour transitions end, so that axe measures contrast on the final colours. */
async function settleAnimations(page) {
  await page
    .waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), null, { timeout: 3000 })
    .catch(() => {});
}

for (const lang of ["en", "zh-CN"]) {
  for (const theme of ["light", "dark"]) {
    test(`axe finds no violation on any page: ${lang}, ${theme} theme`, async () => {
      await stack.fake.fail(stack.fake.ids.EMPTY, 500, 1000);
      const page = await openPage(stack.browser);
      await page.goto(`${stack.proxy.url}/`);
      await page.locator("#language").waitFor();
      await chooseLanguage(page, lang);
      await page.locator("#theme").selectOption(theme);
      const found = [];
      for (const [name, path, ready] of everyPage()) {
        await page.goto(`${stack.proxy.url}${path}`);
        await ready(page);
        const shown = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme]);
        assert.deepEqual(shown, [lang, theme], `${name}: the language or theme chosen with the selects did not hold`);
        await settleAnimations(page);
        const violations = await runAxe(page);
        if (violations.length > 0) {
          found.push(`${name} (${path}):\n${describeViolations(violations)}`);
          await screenshot(page, `axe-${lang}-${theme}-${name.replace(/ /g, "-")}`);
        }
      }
      assert.equal(found.join("\n\n"), "", `axe violations, ${lang}, ${theme}:\n${found.join("\n\n")}`);
      assert.deepEqual(page.problems, []);
    });
  }
}

test("paging from the keyboard: Tab to Next page, Enter; then focus is on the table and the page is announced", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.LARGE}/teams?itemsPerPage=10`);
  await rows(page).first().waitFor();
  assert.equal(await rangeText(page), "1–10 of 1,234");

  let reached = false;
  for (let stops = 0; stops < 100 && !reached; stops++) {
    await page.keyboard.press("Tab");
    reached = await page.evaluate(() => document.activeElement?.getAttribute("aria-label") === "Next page");
  }
  assert.ok(reached, "Tab never reached the Next page button");
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  assert.notEqual(ring.style, "none", "the focused button shows no focus ring");
  assert.ok(ring.width > 0, `the focus ring is ${ring.width}px wide`);
  await screenshot(page, "focus-ring-next-page");

  // A live region is announced when its text changes, not when it is drawn anew with the
  // text already in it: mark it, and expect the same node to say the new page.
  const liveRegion = page.locator("p.visually-hidden[aria-live]", { hasText: /Page 1 of 124/ });
  await liveRegion.evaluate((node) => (node.dataset.before = "paging"));
  await page.keyboard.press("Enter");
  assert.equal(await settle(() => rangeText(page), "11–20 of 1,234"), "11–20 of 1,234");
  assert.equal(await settle(() => focusedIs(page, "table.results"), true), true, "focus is not on the table after paging");
  assert.equal(await page.locator("table.results").getAttribute("tabindex"), "-1");
  await page.locator('[aria-live][data-before="paging"]', { hasText: /^\s*Page 2 of 124\s*$/ }).waitFor({ timeout: 5000 });
  assert.match(page.url(), /pageNum=2/);

  // A change of page size keeps focus on the size menu (drawn anew), where arrow keys may be
  // stepping through sizes.
  await page.getByLabel("Rows per page").selectOption("50");
  assert.equal(await settle(() => rows(page).count(), 50), 50);
  assert.equal(await settle(() => focusedIs(page, ".pager-size select"), true), true, "focus is not on the size menu after a page-size change");
  await page.locator("[aria-live]", { hasText: /^\s*Page \d+ of 25\s*$/ }).waitFor({ timeout: 5000 });
  assert.deepEqual(page.problems, []);
});

test("the skip link is the first Tab stop, visible when focused, and moves focus to main", async () => {
  const page = await openPage(stack.browser);
  for (const path of ["/", `/groups/${stack.fake.ids.ALL_TYPES}/integrations`]) {
    await page.goto(`${stack.proxy.url}${path}`);
    await page.locator("main h1").waitFor();
    await page.keyboard.press("Tab");
    assert.ok(await focusedIs(page, "a.skip-link"), `${path}: the first Tab stop is not the skip link`);
    const skip = page.locator("a.skip-link");
    assert.equal((await skip.textContent()).trim(), "Skip to content");
    assert.match(await skip.getAttribute("href"), /#main$/);
    const box = await skip.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0 && box.width > 0, `${path}: the focused skip link is off screen`);
    assert.notEqual(await skip.evaluate((e) => getComputedStyle(e).outlineStyle), "none");
    await page.keyboard.press("Enter");
    assert.equal(await settle(() => focusedIs(page, "main#main"), true), true, `${path}: focus did not move to main`);
  }
  assert.deepEqual(page.problems, []);
});

test("the tables have a caption and header scopes", async () => {
  const page = await openPage(stack.browser);
  for (const path of [`/groups/${stack.fake.ids.ALL_TYPES}/integrations`, `/orgs/${stack.fake.ids.LARGE}/teams`]) {
    await page.goto(`${stack.proxy.url}${path}`);
    await rows(page).first().waitFor();
    const table = await page.evaluate(() => {
      const table = document.querySelector("table.results");
      return {
        captions: [...table.querySelectorAll(":scope > caption")].map((c) => c.textContent.trim()),
        columnScopes: [...table.querySelectorAll("thead th")].map((th) => th.getAttribute("scope")),
        rowScopes: [...new Set([...table.querySelectorAll("tbody th")].map((th) => th.getAttribute("scope")))],
      };
    });
    assert.equal(table.captions.length, 1, `${path}: captions ${table.captions}`);
    assert.ok(table.captions[0].length > 0, `${path}: the caption is empty`);
    assert.ok(table.columnScopes.length >= 2 && table.columnScopes.every((scope) => scope === "col"), `${path}: ${table.columnScopes}`);
    assert.deepEqual(table.rowScopes, ["row"], `${path}: row headers`);
  }
  assert.deepEqual(page.problems, []);
});

test("on a 360-pixel phone: no sideways page scroll, the table scrolls, the pager fits", async () => {
  const page = await openPage(stack.browser, { contextOptions: { viewport: { width: 360, height: 740 } } });
  const { ALL_TYPES, LARGE } = stack.fake.ids;
  for (const [path, tableScrolls] of [
    ["/", false],
    ["/settings", false],
    [`/groups/${ALL_TYPES}/integrations`, true],
    [`/orgs/${LARGE}/teams`, false],
  ]) {
    await page.goto(`${stack.proxy.url}${path}`);
    if (path.includes("/groups/") || path.includes("/orgs/")) await rows(page).first().waitFor();
    else await page.locator("main h1").waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path}: the document is ${width}px wide and scrolls sideways`);
    if (tableScrolls) {
      const scroll = await page.locator("div.table-scroll").evaluate((e) => ({
        scrollWidth: e.scrollWidth,
        clientWidth: e.clientWidth,
        overflowX: getComputedStyle(e).overflowX,
      }));
      assert.ok(["auto", "scroll"].includes(scroll.overflowX), `${path}: .table-scroll overflow-x ${scroll.overflowX}`);
      assert.ok(scroll.scrollWidth > scroll.clientWidth, `${path}: the table does not scroll sideways: ${JSON.stringify(scroll)}`);
    }
    if (path.includes("/orgs/") || path.includes("/groups/")) {
      const buttons = page.locator(".pager button");
      assert.ok((await buttons.count()) >= 4, `${path}: pager buttons missing`);
      for (const box of await buttons.evaluateAll((all) => all.map((b) => b.getBoundingClientRect().toJSON()))) {
        assert.ok(box.left >= 0 && box.right <= 360, `${path}: a pager button sits at ${box.left}–${box.right}px`);
      }
    }
    await screenshot(page, `phone-${path.split("/").filter(Boolean)[0] ?? "home"}`);
  }
  assert.deepEqual(page.problems, []);
});

test("on a 360-pixel phone the estate's pages do not scroll sideways", async () => {
  const page = await openPage(stack.browser, { contextOptions: { viewport: { width: 360, height: 740 } } });
  const { ESTATE_ORG } = stack.fake.ids;
  for (const [path, ready] of [
    [`/orgs/${ESTATE_ORG}`, (page) => page.getByRole("heading", { level: 1, name: /Estate-Org/ }).waitFor()],
    [`/orgs/${ESTATE_ORG}/groups`, (page) => rows(page).first().waitFor()],
    [`/orgs/${ESTATE_ORG}/coverage`, (page) => page.locator("table.coverage-table tbody tr").first().waitFor()],
    [`/orgs/${ESTATE_ORG}/access`, (page) => page.locator("table.coverage-table tbody tr").first().waitFor()],
    [`/orgs/${ESTATE_ORG}/teams/${stack.fake.ids.TEAM_LARGE}`, (page) => rows(page).first().waitFor()],
    [`/groups/${stack.fake.ids.ESTATE_PROJECT_PREFIX}0003/teams`, (page) => rows(page).first().waitFor()],
    [`/groups/${stack.fake.ids.ALL_TYPES}/alerts-config?integration=fc0000000000000000000001&type=PAGER_DUTY`, (page) => rows(page).first().waitFor()],
    [`/groups/${stack.fake.ids.ESTATE_PROJECT_PREFIX}0003/changes`, (page) => rows(page).first().waitFor()],
    [`/orgs/${ESTATE_ORG}/changes`, (page) => rows(page).first().waitFor()],
  ]) {
    await page.goto(`${stack.proxy.url}${path}`);
    await ready(page);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `${path}: the document is ${width}px wide and scrolls sideways`);
    await screenshot(page, `phone-estate-${path.split("/").pop()}`);
  }
  assert.deepEqual(page.problems, []);
});
