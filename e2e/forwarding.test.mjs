import assert from "node:assert/strict";
import { test } from "node:test";
import { openPage, PUBLIC_KEY, screenshot, startStack } from "./harness.mjs";

for (const auth of ["digest", "oauth"]) {
  let stack;

  test(`${auth}: every page renders cleanly and upstream sees only what the proxy may send`, async () => {
    stack = await startStack({ auth });
    try {
      const page = await openPage(stack.browser, { cookieFor: stack.proxy.url });
      const { ids } = stack.fake;
      for (const [path, name] of [
        ["/", "home"],
        [`/groups/${ids.ALL_TYPES}/integrations`, "integrations"],
        [`/orgs/${ids.LARGE}/teams`, "teams"],
        ["/settings", "settings"],
        ["/no/such/page", "not-found"],
      ]) {
        await page.goto(`${stack.proxy.url}${path}`);
        await page.locator("main h1").waitFor();
        if (path.includes("/groups/") || path.includes("/orgs/")) {
          await page.locator("table.results tbody tr").first().waitFor();
        }
        await screenshot(page, `${auth}-${name}`);
      }
      assert.deepEqual(page.problems, [], "uncaught errors or console errors");

      const received = await stack.fake.received();
      const api = received.filter((r) => r.pathAndQuery.startsWith("/api/") && r.pathAndQuery !== "/api/oauth/token");
      assert.ok(api.length >= 2);
      for (const request of api) {
        assert.equal(request.method, "GET");
        const headers = Object.fromEntries(request.headers.map(([n, v]) => [n.toLowerCase(), v]));
        assert.equal(headers.cookie, undefined, "the browser's cookie reached upstream");
        assert.ok(headers["user-agent"].startsWith("atlas-panel-proxy/"));
        if (headers.authorization) {
          if (auth === "digest") assert.match(headers.authorization, new RegExp(`^Digest username="${PUBLIC_KEY}"`));
          else assert.match(headers.authorization, /^Bearer fake-token-/);
        }
      }
      if (auth === "oauth") assert.equal(await stack.fake.tokenFetches(), 1);
    } finally {
      await stack.stop();
    }
  });
}
