import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { freePort, launchBrowser, openPage, rangeText, ROOT, screenshot, settle, startFake, startProxy } from "./harness.mjs";
import { startDeployNginx, startPlainStaticHost, startSsoGateway } from "./nginx.mjs";

// A build made for /atlas/ (ATLAS_PANEL_BASE=/atlas/ DIST=target/dist-atlas scripts/build).
const DIST = path.join(ROOT, "target", "dist-atlas");

let fake, proxy, gateway, browser;
before(async () => {
  fake = await startFake("digest");
  // As deploy/atlas-panel-proxy.service runs it: it believes only nginx's user header.
  proxy = await startProxy({ upstream: fake.url, args: ["--auth-header", "X-Forwarded-Email", "--trusted-proxy", "127.0.0.1/32"] });
  gateway = await startSsoGateway();
  browser = await launchBrowser();
});
after(async () => {
  await browser.close();
  proxy.stop();
  gateway.stop();
  fake.stop();
});

test("deploy/nginx.conf as shipped asks who you are, and never believes a client's own user header", async () => {
  const nginx = await startDeployNginx({ dist: DIST, proxyPort: proxy.port, gatewayPort: gateway.port });
  try {
    await fake.reset();
    const api = `${nginx.url}/atlas/api/atlas/v1.0/groups/${fake.ids.ALL_TYPES}/integrations`;
    // A hashed asset: refused.
    const asset = readdirSync(DIST).find((name) => name.endsWith("_bg.wasm"));
    const refusedAsset = await fetch(`${nginx.url}/atlas/${asset}`);
    assert.equal(refusedAsset.status, 401);
    assert.ok((await refusedAsset.arrayBuffer()).byteLength < 1000);
    // A page or a file: the gateway's sign-in page, at the address asked for.
    for (const path of [`/atlas/groups/${fake.ids.ALL_TYPES}/integrations?pageNum=2&itemsPerPage=10`, "/atlas/", "/atlas/config.json", "/atlas/boot.js"]) {
      const response = await fetch(`${nginx.url}${path}`, { redirect: "manual" });
      assert.equal(response.status, 403, path);
      const body = await response.text();
      assert.match(body, /Sign in/, path);
      assert.doesNotMatch(body, /apiBase|atlas-panel/, path);
    }
    assert.ok(gateway.asked.includes("/oauth2/sign_in"));
    // The gateway's check is nginx's alone.
    assert.equal((await fetch(`${nginx.url}/oauth2/auth`, { headers: { Cookie: "_oauth2_proxy=alice%40example.com" } })).status, 404);
    // The API refuses with 401, a client's own user header or not.
    assert.equal((await fetch(api)).status, 401);
    assert.equal((await fetch(api, { headers: { "X-Forwarded-Email": "mallory@example.com" } })).status, 401);
    assert.deepEqual(await fake.received(), [], "nothing reached Atlas before sign-in");
    // Signed in as alice, a request that claims to be mallory is alice's.
    const signedIn = { Cookie: "_oauth2_proxy=alice%40example.com" };
    const claimed = await fetch(api, { headers: { ...signedIn, "X-Forwarded-Email": "mallory@example.com" } });
    assert.equal(claimed.status, 200);
    assert.equal(await settle(() => proxy.child.output.includes("alice@example.com"), true), true);
    assert.doesNotMatch(proxy.child.output, /mallory/);
    // The proxy itself refuses whoever goes round nginx without the header.
    assert.equal((await fetch(`${proxy.url}/api/atlas/v1.0/groups/${fake.ids.ALL_TYPES}/integrations`)).status, 401);
  } finally {
    nginx.stop();
  }
});

test("behind deploy/nginx.conf under /atlas/: pages, deep links, reload, headers, nothing outside /atlas/", async () => {
  const nginx = await startDeployNginx({ dist: DIST, proxyPort: proxy.port, gatewayPort: gateway.port });
  try {
    const page = await openPage(browser);
    await page.context().addCookies([{ name: "_oauth2_proxy", value: "alice%40example.com", url: nginx.url }]);
    const documents = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "document") documents.push(response);
    });
    await page.goto(`${nginx.url}/atlas/`);
    await page.getByLabel("Project ID").fill(fake.ids.ALL_TYPES);
    await page.getByLabel("Project ID").press("Enter");
    await page.waitForURL(`${nginx.url}/atlas/groups/${fake.ids.ALL_TYPES}/integrations`);
    await page.locator("table.results tbody tr").first().waitFor();
    assert.equal(await page.locator("table.results tbody tr").count(), 10);
    await screenshot(page, "atlas-subpath-integrations");

    await page.getByRole("link", { name: "Home" }).click();
    await page.waitForURL(`${nginx.url}/atlas/`);
    await page.getByLabel("Organization ID").fill(fake.ids.LARGE);
    await page.getByLabel("Organization ID").press("Enter");
    await page.waitForURL(`${nginx.url}/atlas/orgs/${fake.ids.LARGE}/teams`);
    await page.locator("table.results tbody tr").first().waitFor();
    await page.getByRole("button", { name: "Next page", exact: true }).click();
    await page.waitForURL(`${nginx.url}/atlas/orgs/${fake.ids.LARGE}/teams?pageNum=2&itemsPerPage=100`);
    await page.goBack();
    await page.waitForURL(`${nginx.url}/atlas/orgs/${fake.ids.LARGE}/teams`);

    const deepLink = `${nginx.url}/atlas/orgs/${fake.ids.LARGE}/teams?pageNum=2`;
    await page.goto(deepLink);
    await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.includes("101–200"));
    await page.reload();
    await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.includes("101–200"));
    assert.equal(await rangeText(page), "101–200 of 1,234");
    await screenshot(page, "atlas-subpath-teams");

    await page.getByRole("link", { name: "Settings" }).click();
    await page.waitForURL(`${nginx.url}/atlas/settings`);
    assert.equal(await page.locator(".api-base-in-force").textContent(), "/atlas/api");

    assert.ok(documents.length >= 3);
    for (const response of documents) {
      assert.equal(response.status(), 200, response.url());
      const csp = response.headers()["content-security-policy"] ?? "";
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers()["x-content-type-options"], "nosniff");
      assert.equal(response.headers()["referrer-policy"], "no-referrer");
    }
    const outside = page.requests.filter((url) => !url.startsWith(`${nginx.url}/atlas/`));
    assert.deepEqual(outside, [], "requests outside /atlas/");
    // The wasm as the build compressed it (gzip_static): the .gz file's bytes, not compressed
    // again per request.
    const wasm = readdirSync(DIST).find((name) => name.endsWith("_bg.wasm"));
    const compressed = await fetch(`${nginx.url}/atlas/${wasm}`, {
      headers: { Cookie: "_oauth2_proxy=alice%40example.com", "Accept-Encoding": "gzip" },
    });
    assert.equal(compressed.status, 200);
    assert.equal(compressed.headers.get("content-encoding"), "gzip");
    assert.equal(Number(compressed.headers.get("content-length")), statSync(path.join(DIST, `${wasm}.gz`)).size);
    assert.equal((await compressed.arrayBuffer()).byteLength, statSync(path.join(DIST, wasm)).size);
    assert.deepEqual(page.problems, []);
  } finally {
    nginx.stop();
  }
});

test("on a plain static host with 404.html and the proxy on another origin", async () => {
  const hostPort = await freePort();
  const api = await startProxy({ upstream: fake.url, args: ["--allow-origin", `http://127.0.0.1:${hostPort}`] });
  const host = await startPlainStaticHost({ dist: DIST, port: hostPort, config: { apiBase: `${api.url}/api` }, connectSrc: [api.url] });
  try {
    const page = await openPage(browser);
    const deepLink = await page.goto(`${host.url}/atlas/orgs/${fake.ids.LARGE}/teams?pageNum=3`);
    assert.equal(deepLink.status(), 404, "the host has no fallback: the page comes from 404.html");
    await page.waitForFunction(() => document.querySelector(".pager .range")?.textContent.includes("201–300"));
    await page.goto(`${host.url}/atlas/groups/${fake.ids.ALL_TYPES}/integrations`);
    await page.locator("table.results tbody tr").first().waitFor();
    assert.equal(await page.locator("table.results tbody tr").count(), 10);
    await screenshot(page, "plain-static-host");
    const apiCalls = page.requests.filter((url) => url.includes("/api/"));
    assert.ok(apiCalls.length >= 2 && apiCalls.every((url) => url.startsWith(`${api.url}/api/`)), apiCalls.join());
    assert.deepEqual(page.problems, []);
    // The host sends no CSP; the page's own <meta> still allows only the site and its proxy.
    assert.equal(deepLink.headers()["content-security-policy"], undefined);
    const blocked = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener("securitypolicyviolation", (event) => resolve(event.effectiveDirective));
          fetch("http://127.0.0.1:9/elsewhere").catch(() => {});
          setTimeout(() => resolve("not blocked"), 3000);
        }),
    );
    assert.equal(blocked, "connect-src");
  } finally {
    host.stop();
    api.stop();
  }
});
