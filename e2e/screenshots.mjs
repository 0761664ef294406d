// The README's screenshots: an integrations page of the demo estate, light and dark, 1280x800.
// Not a test (node --test does not pick this name up); run it through scripts/screenshots.
import path from "node:path";
import { launchBrowser, ROOT, startProxy } from "./harness.mjs";

// proxy/src/demo.rs: PROJECT_ALL_TYPES, one integration of every type.
const DEMO_PROJECT = "6500000000000000000000a1";

const proxy = await startProxy({ upstream: null });
const browser = await launchBrowser();
try {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: "en-US",
    colorScheme: "light",
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  await page.goto(`${proxy.url}/groups/${DEMO_PROJECT}/integrations`);
  await page.locator("table.results tbody tr").first().waitFor();
  for (const theme of ["light", "dark"]) {
    await page.locator("#theme").selectOption(theme);
    await page.waitForFunction((theme) => document.documentElement.dataset.theme === theme, theme);
    // No focus ring on the select in the picture, and no colour transition half way.
    await page.locator("#theme").evaluate((select) => select.blur());
    await page.mouse.move(0, 0);
    await page
      .waitForFunction(() => document.getAnimations().every((a) => a.playState !== "running"), null, { timeout: 3000 })
      .catch(() => {});
    const file = path.join(ROOT, "docs", `screenshot-${theme}.png`);
    await page.screenshot({ path: file });
    console.log(`wrote ${path.relative(ROOT, file)}`);
  }
} finally {
  await browser.close();
  proxy.stop();
}
