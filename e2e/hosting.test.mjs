import assert from "node:assert/strict";
import { readdirSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { after, before, test } from "node:test";
import tls from "node:tls";
import { freePort, launchBrowser, openPage, rangeText, ROOT, screenshot, settle, startFake, startProxy } from "./harness.mjs";
import { startDeployNginx, startPlainStaticHost, startSsoGateway } from "./nginx.mjs";

// A build made for /atlas/ (ATLAS_PANEL_BASE=/atlas/ DIST=target/dist-atlas scripts/build).
const DIST = path.join(ROOT, "target", "dist-atlas");

// What deploy/nginx.conf says on every answer over HTTPS.
const HSTS = "max-age=63072000";
const SIGNED_IN = { Cookie: "_oauth2_proxy=alice%40example.com" };

/** A TLS handshake with `port` trusting `ca`: the protocol and cipher agreed on, or the error's code. */
function handshake(port, ca, options = {}) {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: "127.0.0.1", port, ca, ...options }, () => {
      resolve({ protocol: socket.getProtocol(), cipher: socket.getCipher().name });
      socket.end();
    });
    socket.on("error", (error) => resolve({ error: error.code ?? error.message }));
  });
}

let fake, proxy, gateway, browser;
before(async () => {
  fake = await startFake("digest");
  // As deploy/atlas-panel-proxy.service runs it: it believes only nginx's user header, serves
  // the build nginx serves, and its metrics on a port of their own.
  proxy = await startProxy({
    upstream: fake.url,
    staticDir: DIST,
    args: ["--auth-header", "X-Forwarded-Email", "--trusted-proxy", "127.0.0.1/32", "--metrics-listen", `127.0.0.1:${await freePort()}`],
  });
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
    const refusedAsset = await nginx.fetch(`${nginx.url}/atlas/${asset}`);
    assert.equal(refusedAsset.status, 401);
    assert.equal(refusedAsset.headers.get("strict-transport-security"), HSTS);
    assert.ok((await refusedAsset.arrayBuffer()).byteLength < 1000);
    // A page or a file: the gateway's sign-in page, at the address asked for.
    for (const path of [`/atlas/groups/${fake.ids.ALL_TYPES}/integrations?pageNum=2&itemsPerPage=10`, "/atlas/", "/atlas/config.json", "/atlas/boot.js"]) {
      const response = await nginx.fetch(`${nginx.url}${path}`);
      assert.equal(response.status, 403, path);
      assert.equal(response.headers.get("strict-transport-security"), HSTS, path);
      const body = await response.text();
      assert.match(body, /Sign in/, path);
      assert.doesNotMatch(body, /apiBase|atlas-panel/, path);
    }
    assert.ok(gateway.asked.includes("/oauth2/sign_in"));
    // The gateway's check is nginx's alone.
    assert.equal((await nginx.fetch(`${nginx.url}/oauth2/auth`, { headers: SIGNED_IN })).status, 404);
    // The API refuses with 401, a client's own user header or not.
    assert.equal((await nginx.fetch(api)).status, 401);
    assert.equal((await nginx.fetch(api, { headers: { "X-Forwarded-Email": "mallory@example.com" } })).status, 401);
    assert.deepEqual(await fake.received(), [], "nothing reached Atlas before sign-in");
    // Signed in as alice, a request that claims to be mallory is alice's.
    const claimed = await nginx.fetch(api, { headers: { ...SIGNED_IN, "X-Forwarded-Email": "mallory@example.com" } });
    assert.equal(claimed.status, 200);
    assert.equal(claimed.headers.get("strict-transport-security"), HSTS);
    assert.equal(await settle(() => proxy.child.output.includes("alice@example.com"), true), true);
    assert.doesNotMatch(proxy.child.output, /mallory/);
    // The proxy itself refuses whoever goes round nginx without the header.
    assert.equal((await fetch(`${proxy.url}/api/atlas/v1.0/groups/${fake.ids.ALL_TYPES}/integrations`)).status, 401);
  } finally {
    nginx.stop();
  }
  // A gateway that fails (500) lets nothing through: no page, file, config or answer, not even
  // by an error page's way round.
  const broken = http.createServer((request, response) => {
    response.writeHead(500);
    response.end();
  });
  const brokenPort = await freePort();
  await new Promise((resolve) => broken.listen(brokenPort, "127.0.0.1", resolve));
  const behindBroken = await startDeployNginx({ dist: DIST, proxyPort: proxy.port, gatewayPort: brokenPort });
  try {
    await fake.reset();
    for (const path of ["/atlas/", "/atlas/config.json", "/atlas/boot.js", `/atlas/orgs/${fake.ids.LARGE}/teams`, `/atlas/api/atlas/v1.0/groups/${fake.ids.ALL_TYPES}/integrations`]) {
      const response = await behindBroken.fetch(`${behindBroken.url}${path}`, { headers: SIGNED_IN });
      assert.equal(response.status, 500, path);
      assert.doesNotMatch(await response.text(), /apiBase|atlas-panel/, path);
    }
    assert.deepEqual(await fake.received(), [], "nothing reached Atlas");
  } finally {
    behindBroken.stop();
    broken.close();
  }
});

test("deploy/nginx.conf as shipped: port 80 only redirects to HTTPS, TLS 1.2 or 1.3 with strong ciphers only, HSTS on every answer", async () => {
  const nginx = await startDeployNginx({ dist: DIST, proxyPort: proxy.port, gatewayPort: gateway.port });
  try {
    await fake.reset();
    const api = `/atlas/api/atlas/v1.0/groups/${fake.ids.ALL_TYPES}/integrations`;
    const asset = readdirSync(DIST).find((name) => name.endsWith("_bg.wasm"));
    // Port 80: the same address over HTTPS (on its standard port, as deployed), whatever is
    // asked, signed in or not. Nothing is served, asked of the gateway or passed to the proxy.
    const askedBefore = gateway.asked.length;
    for (const path of ["/atlas/", `/atlas/orgs/${fake.ids.LARGE}/teams?pageNum=2`, `/atlas/${asset}`, api, "/atlas", "/oauth2/sign_in", "/oauth2/auth", "/"]) {
      const response = await fetch(`${nginx.httpUrl}${path}`, { headers: SIGNED_IN, redirect: "manual" });
      assert.equal(response.status, 301, path);
      assert.equal(response.headers.get("location"), `https://127.0.0.1${path}`, path);
      assert.doesNotMatch(await response.text(), /apiBase|atlas-panel|Sign in/, path);
    }
    assert.equal(gateway.asked.length, askedBefore, "port 80 asks the gateway nothing");
    assert.deepEqual(await fake.received(), [], "nothing reached Atlas through port 80");

    // Over HTTPS, every kind of answer carries HSTS: the locations with headers of their own
    // (pages, hashed assets) and those without (the API, the gateway's pages, redirects, errors).
    const answers = [
      ["a page, signed out: the gateway's sign-in", "/atlas/", {}, 403],
      ["a page", "/atlas/", SIGNED_IN, 200],
      ["a deep link", `/atlas/orgs/${fake.ids.LARGE}/teams?pageNum=2`, SIGNED_IN, 200],
      ["a hashed asset, signed out", `/atlas/${asset}`, {}, 401],
      ["a hashed asset", `/atlas/${asset}`, SIGNED_IN, 200],
      ["the API, signed out", api, {}, 401],
      ["the API", api, SIGNED_IN, 200],
      ["the site without its slash", "/atlas", SIGNED_IN, 301],
      ["the gateway's sign-in page", "/oauth2/sign_in", {}, 200],
      ["the gateway's check, asked from outside", "/oauth2/auth", SIGNED_IN, 404],
      ["outside the site", "/elsewhere", SIGNED_IN, 404],
    ];
    for (const [what, path, headers, status] of answers) {
      const response = await nginx.fetch(`${nginx.url}${path}`, { headers });
      assert.equal(response.status, status, what);
      assert.equal(response.headers.get("strict-transport-security"), HSTS, what);
      await response.arrayBuffer();
    }
    assert.equal((await nginx.fetch(`${nginx.url}/atlas`)).headers.get("location"), `${nginx.url}/atlas/`);

    // TLS 1.3, or 1.2 with a forward-secret AEAD cipher; the certificate is the one given.
    assert.equal((await handshake(nginx.port, nginx.certificate)).protocol, "TLSv1.3");
    const tls12 = await handshake(nginx.port, nginx.certificate, { maxVersion: "TLSv1.2" });
    assert.equal(tls12.protocol, "TLSv1.2", JSON.stringify(tls12));
    assert.match(tls12.cipher, /^ECDHE-(ECDSA|RSA)-(AES(128|256)-GCM-SHA(256|384)|CHACHA20-POLY1305)$/);
    // TLS 1.1 is refused by nginx (the client offers it at any security level: the alert is the
    // server's), and so are TLS 1.2's ciphers without forward secrecy or with CBC and SHA-1.
    const tls11 = await handshake(nginx.port, nginx.certificate, { minVersion: "TLSv1.1", maxVersion: "TLSv1.1", ciphers: "DEFAULT:@SECLEVEL=0" });
    assert.equal(tls11.error, "ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION", JSON.stringify(tls11));
    const weak = await handshake(nginx.port, nginx.certificate, {
      maxVersion: "TLSv1.2",
      ciphers: "AES128-SHA:AES256-SHA:AES128-GCM-SHA256:AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:ECDHE-RSA-AES128-SHA256",
    });
    assert.equal(weak.error, "ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE", JSON.stringify(weak));
  } finally {
    nginx.stop();
  }
});

test("behind deploy/nginx.conf under /atlas/: pages, deep links, reload, headers, nothing outside /atlas/", async () => {
  const nginx = await startDeployNginx({ dist: DIST, proxyPort: proxy.port, gatewayPort: gateway.port });
  try {
    // nginx's certificate is self-signed: the browser takes it as it is.
    const page = await openPage(browser, { contextOptions: { ignoreHTTPSErrors: true } });
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
      assert.equal((await response.allHeaders())["strict-transport-security"], HSTS, response.url());
    }
    const outside = page.requests.filter((url) => !url.startsWith(`${nginx.url}/atlas/`));
    assert.deepEqual(outside, [], "requests outside /atlas/");
    // The wasm as the build compressed it (gzip_static): the .gz file's bytes, not compressed
    // again per request.
    const wasm = readdirSync(DIST).find((name) => name.endsWith("_bg.wasm"));
    const compressed = await nginx.fetch(`${nginx.url}/atlas/${wasm}`, {
      headers: { ...SIGNED_IN, "Accept-Encoding": "gzip" },
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

test("behind deploy/nginx.conf a deep link's page comes from the proxy: its first requests leave with it, each once; the proxy down, nginx's own page", async () => {
  const deepLink = `/atlas/groups/${fake.ids.ALL_TYPES}/integrations?itemsPerPage=25`;
  const open = async (nginx) => {
    const page = await openPage(browser, { contextOptions: { ignoreHTTPSErrors: true } });
    await page.context().addCookies([{ name: "_oauth2_proxy", value: "alice%40example.com", url: nginx.url }]);
    const response = await page.goto(`${nginx.url}${deepLink}`);
    const preloaded = await page.evaluate(() => document.querySelector("script[data-panel-js]").dataset.preload?.split(" ") ?? []);
    return { page, response, preloaded };
  };
  const nginx = await startDeployNginx({ dist: DIST, proxyPort: proxy.port, gatewayPort: gateway.port });
  try {
    const { page, response, preloaded } = await open(nginx);
    assert.equal(response.status(), 200);
    assert.equal((await response.allHeaders())["strict-transport-security"], HSTS);
    assert.match(response.headers()["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
    await page.locator(".list-note").waitFor();
    await page.waitForTimeout(500);
    // The list, the organizations, the project and its alerts, under the site's API base.
    assert.equal(preloaded.length, 4, preloaded.join(" "));
    for (const url of preloaded) assert.ok(url.startsWith("/atlas/api/"), url);
    assert.equal(await page.evaluate(() => window.atlasPanelPreloads.size), 0, "a preload the panel did not take");
    const asked = page.requests.filter((url) => new URL(url).pathname.startsWith("/atlas/api/"));
    for (const url of preloaded) assert.equal(asked.filter((one) => one === `${nginx.url}${url}`).length, 1, `${url} in ${asked.join(" ")}`);
    assert.equal(new Set(asked).size, asked.length, `a request asked twice: ${asked.join(" ")}`);
    assert.equal(await page.locator("table.results tbody tr").count(), 10);
    assert.deepEqual(page.problems, []);
    await page.context().close();
    // The proxy's figures are on their own port, not under the site.
    const metrics = await nginx.fetch(`${nginx.url}/atlas/metrics`, { headers: SIGNED_IN });
    assert.equal(metrics.status, 200);
    assert.doesNotMatch(await metrics.text(), /requests_total|# TYPE/);
  } finally {
    nginx.stop();
  }
  // No proxy listening, or one that serves no site (started without --static): nginx's own
  // page, with no requests named, and the panel says what the API answers.
  const noSite = http.createServer((request, response) => {
    response.writeHead(404, { "Content-Type": "text/plain" });
    response.end("atlas-panel-proxy serves the panel only with --static DIR\n");
  });
  const noSitePort = await freePort();
  await new Promise((resolve) => noSite.listen(noSitePort, "127.0.0.1", resolve));
  try {
    for (const proxyPort of [await freePort(), noSitePort]) {
      const alone = await startDeployNginx({ dist: DIST, proxyPort, gatewayPort: gateway.port });
      try {
        const { page, response, preloaded } = await open(alone);
        assert.equal(response.status(), 200);
        assert.deepEqual(preloaded, []);
        assert.match(response.headers()["content-security-policy"], /frame-ancestors 'none'/);
        await page.locator("[role=alert]").first().waitFor();
        assert.deepEqual(page.problems, []);
        await page.context().close();
      } finally {
        alone.stop();
      }
    }
  } finally {
    noSite.close();
  }
});

test("behind deploy/nginx.conf config.json comes from the proxy (a scoped one's organizations on the home page), else from the build", async () => {
  const scoped = await startProxy({
    upstream: fake.url,
    staticDir: DIST,
    args: ["--auth-header", "X-Forwarded-Email", "--trusted-proxy", "127.0.0.1/32", "--allow-org", fake.ids.ESTATE_ORG],
  });
  const nginx = await startDeployNginx({ dist: DIST, proxyPort: scoped.port, gatewayPort: gateway.port });
  try {
    assert.equal((await nginx.fetch(`${nginx.url}/atlas/config.json`)).status, 403, "signed out: the sign-in page");
    const response = await nginx.fetch(`${nginx.url}/atlas/config.json`, { headers: SIGNED_IN });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("strict-transport-security"), HSTS);
    const config = await response.json();
    assert.equal(config.apiBase, "api");
    assert.deepEqual(config.orgs.map((org) => org.id), [fake.ids.ESTATE_ORG]);
    const page = await openPage(browser, { contextOptions: { ignoreHTTPSErrors: true } });
    await page.context().addCookies([{ name: "_oauth2_proxy", value: "alice%40example.com", url: nginx.url }]);
    await page.goto(`${nginx.url}/atlas/`);
    await page.locator(".org-list li a").first().waitFor();
    assert.deepEqual(await page.locator(".org-list li a").allTextContents(), ["Estate-Org"]);
    assert.deepEqual(page.problems, []);
    await page.context().close();
  } finally {
    nginx.stop();
    scoped.stop();
  }
  // No proxy listening: the build's own file, with its headers.
  const alone = await startDeployNginx({ dist: DIST, proxyPort: await freePort(), gatewayPort: gateway.port });
  try {
    const response = await alone.fetch(`${alone.url}/atlas/config.json`, { headers: SIGNED_IN });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { apiBase: "api" });
    assert.equal(response.headers.get("cache-control"), "no-cache");
    assert.equal(response.headers.get("strict-transport-security"), HSTS);
    assert.equal((await alone.fetch(`${alone.url}/atlas/config.json`)).status, 403, "signed out: the sign-in page");
  } finally {
    alone.stop();
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
