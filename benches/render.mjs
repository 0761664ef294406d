// Render benchmark: the panel against hand-written JavaScript (benches/vanilla.html), in the
// same headless Chromium run, on the same 500-row JSON. Measured in the page, from the moment
// the answer's body has been read: to the moment 500 rows are in the DOM (script time), and to
// the next paint after that (a requestAnimationFrame, then a task: as js-framework-benchmark
// measures it, style, layout and paint included). The hand-written page twice: unstyled, as
// first measured, and with the panel's stylesheet, as js-framework-benchmark gives every entry
// the same one; the budget is against the second. Also: navigation to the first table, cold,
// through the proxy in demo mode. Prints figures; asserts nothing.
import { createServer } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { freePort, launchBrowser, ROOT, startProxy } from "../e2e/harness.mjs";

const RUNS = Number(process.env.RUNS ?? 21);
const ORG = "6500000000000000000000b1";
const teams = {
  links: [],
  totalCount: 1234,
  results: Array.from({ length: 500 }, (_, n) => ({ id: `65000000${(n + 1).toString(16).padStart(16, "0")}`, name: `Team ${String(n + 1).padStart(4, "0")}` })),
};
const teamsJson = JSON.stringify(teams);

const INSTRUMENT = `
  window.__bench = {};
  // The answer counts as received when its body has been read, as text or as bytes.
  for (const method of ["text", "arrayBuffer"]) {
    const read = Response.prototype[method];
    Response.prototype[method] = function () {
      const body = read.call(this);
      if (this.url.includes("teams")) body.then(() => { window.__bench.received = performance.now(); });
      return body;
    };
  }
  new MutationObserver(() => {
    if (!window.__bench.rendered && document.querySelectorAll("table.results tbody tr").length === 500) {
      window.__bench.rendered = performance.now();
      requestAnimationFrame(() => setTimeout(() => { window.__bench.painted = performance.now(); }, 0));
    }
  }).observe(document, { subtree: true, childList: true });
`;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function timeRender(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.__bench?.painted, null, { timeout: 20000 });
  const { received, rendered, painted } = await page.evaluate(() => window.__bench);
  await page.close();
  return { script: rendered - received, paint: painted - received };
}

const vanillaPort = await freePort();
const stylesheet = readdirSync(path.join(ROOT, "dist")).find((name) => /^main-[0-9a-f]+\.css$/.test(name));
if (!stylesheet) throw new Error("dist/ has no main-*.css: run scripts/build first");
const vanilla = createServer((request, response) => {
  const [type, body] = request.url.startsWith("/teams.json")
    ? ["application/json", teamsJson]
    : request.url === "/panel.css"
      ? ["text/css", readFileSync(path.join(ROOT, "dist", stylesheet))]
      : ["text/html", readFileSync(path.join(ROOT, "benches", "vanilla.html"), "utf8").replace(
        "<!-- STYLESHEET",
        request.url === "/styled" ? '<link rel="stylesheet" href="/panel.css" /><!--' : "<!--",
      )];
  response.writeHead(200, { "content-type": type });
  response.end(body);
}).listen(vanillaPort, "127.0.0.1");

const proxy = await startProxy();
const browser = await launchBrowser();
try {
  const context = await browser.newContext();
  await context.addInitScript(INSTRUMENT);
  await context.route("**/api/public/v1.0/orgs/*/teams*", (route) => route.fulfill({ contentType: "application/json", body: teamsJson }));
  const panel = [];
  const reference = [];
  const styled = [];
  for (let run = 0; run < RUNS; run++) {
    panel.push(await timeRender(context, `${proxy.url}/orgs/${ORG}/teams?itemsPerPage=500`));
    reference.push(await timeRender(context, `http://127.0.0.1:${vanillaPort}/`));
    styled.push(await timeRender(context, `http://127.0.0.1:${vanillaPort}/styled`));
  }
  const at = (runs, measure) => median(runs.map((t) => t[measure]));
  for (const [measure, words, budget] of [
    ["script", "answer read to rows in the DOM (script time)", "none"],
    ["paint", "answer read to the next paint", "1.3 × the styled page"],
  ]) {
    const [p, r, s] = [at(panel, measure), at(reference, measure), at(styled, measure)];
    console.log(`render of 500 rows, ${words}, median of ${RUNS}: panel ${p.toFixed(1)} ms; hand-written JS with the panel's stylesheet ${s.toFixed(1)} ms, ratio ${(p / s).toFixed(2)}; unstyled ${r.toFixed(1)} ms, ratio ${(p / r).toFixed(2)} (budget ${budget})`);
  }

  const cold = [];
  for (let run = 0; run < 11; run++) {
    const fresh = await browser.newContext();
    await fresh.addInitScript(`new MutationObserver(() => {
      if (!window.__first && document.querySelector("table.results tbody tr")) window.__first = performance.now();
    }).observe(document, { subtree: true, childList: true });`);
    const page = await fresh.newPage();
    await page.goto(`${proxy.url}/orgs/${ORG}/teams`);
    await page.waitForFunction(() => window.__first);
    cold.push(await page.evaluate(() => window.__first));
    await fresh.close();
  }
  console.log(`navigation to the first table, cold, demo proxy, median of 11: ${median(cold).toFixed(0)} ms`);
} finally {
  await browser.close();
  proxy.stop();
  vanilla.close();
}
