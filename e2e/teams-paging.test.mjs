import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openPage, rangeText, screenshot, startStack } from "./harness.mjs";

let stack;
before(async () => (stack = await startStack()));
after(() => stack.stop());

const button = (page, name) => page.getByRole("button", { name, exact: true });

async function waitForRange(page, text) {
  await page.waitForFunction(
    (expected) => document.querySelector(".pager .range")?.textContent.trim() === expected,
    text,
  );
}

test("a thousand teams page by 100, forward, back, to the ends and by 500", async () => {
  const page = await openPage(stack.browser);
  const teamsUrl = `${stack.proxy.url}/orgs/${stack.fake.ids.LARGE}/teams`;
  await page.goto(teamsUrl);
  await waitForRange(page, "1–100 of 1,234");
  assert.equal(await page.locator("table.results tbody tr").count(), 100);
  assert.ok(await button(page, "First page").isDisabled());
  assert.ok(await button(page, "Previous page").isDisabled());
  assert.ok(await button(page, "Next page").isEnabled());
  await screenshot(page, "teams");

  await button(page, "Next page").click();
  await waitForRange(page, "101–200 of 1,234");
  assert.match(page.url(), /pageNum=2&itemsPerPage=100/);
  assert.equal(await page.locator("table.results tbody tr th").first().textContent(), "Team 0101");

  await button(page, "Last page").click();
  await waitForRange(page, "1,201–1,234 of 1,234");
  assert.equal(await page.locator("table.results tbody tr").count(), 34);
  assert.ok(await button(page, "Next page").isDisabled());
  assert.ok(await button(page, "Last page").isDisabled());
  assert.match(await page.locator("[aria-live=polite]", { hasText: "Page 13 of 13" }).textContent(), /Page 13 of 13/);

  await button(page, "Previous page").click();
  await waitForRange(page, "1,101–1,200 of 1,234");

  await page.goBack();
  await waitForRange(page, "1,201–1,234 of 1,234");
  await page.goBack();
  await waitForRange(page, "101–200 of 1,234");
  await page.goForward();
  await waitForRange(page, "1,201–1,234 of 1,234");

  await button(page, "First page").click();
  await waitForRange(page, "1–100 of 1,234");

  await page.getByLabel("Rows per page").selectOption("500");
  await waitForRange(page, "1–500 of 1,234");
  assert.equal(await page.locator("table.results tbody tr").count(), 500);
  assert.match(page.url(), /pageNum=1&itemsPerPage=500/);
  assert.deepEqual(page.problems, []);
});

test("a deep link with pageNum and itemsPerPage opens cold, and survives a reload", async () => {
  const page = await openPage(stack.browser);
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.LARGE}/teams?pageNum=3&itemsPerPage=50`);
  await waitForRange(page, "101–150 of 1,234");
  assert.equal(await page.getByLabel("Rows per page").inputValue(), "50");
  await page.reload();
  await waitForRange(page, "101–150 of 1,234");
  const asked = (await stack.fake.received()).map((r) => r.pathAndQuery);
  assert.ok(asked.some((p) => p.includes("pageNum=3&itemsPerPage=50")));
  assert.deepEqual(page.problems, []);
});

test("the team ID can be copied with one click", async () => {
  const page = await openPage(stack.browser);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack.proxy.url });
  await page.goto(`${stack.proxy.url}/orgs/${stack.fake.ids.LARGE}/teams?itemsPerPage=10`);
  const firstId = (await page.locator("table.results tbody tr td code").first().textContent()).trim();
  await page.getByRole("button", { name: `Copy ID ${firstId}` }).click();
  await page.getByRole("status").getByText(`Copied ID ${firstId}`).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), firstId);
});
