// A real nginx (Debian's), started on a free loopback port from deploy/nginx.conf or from a
// bare "static host" configuration.
import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import { readFileSync, writeFileSync, mkdtempSync, cpSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, ROOT } from "./harness.mjs";

function wrap(prefix, server) {
  // Workers run as root only because the test's temporary files are private to root.
  const user = process.getuid?.() === 0 ? "user root;" : "";
  return `${user}
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  access_log ${prefix}/access.log;
  client_body_temp_path ${prefix}/client;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
${server}
}
`;
}

async function start(prefix, server, port) {
  writeFileSync(path.join(prefix, "nginx.conf"), wrap(prefix, server));
  const child = spawn("/usr/sbin/nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(url);
      break;
    } catch {
      if (i > 200 || child.exitCode !== null) throw new Error(`nginx did not start: ${output}${readLog(prefix)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { url, stop: () => child.kill("SIGQUIT") };
}

function readLog(prefix) {
  try {
    return readFileSync(path.join(prefix, "error.log"), "utf8");
  } catch {
    return "";
  }
}

/** A site directory holding `dist` as `atlas/`, optionally with another config.json. */
function siteWith(dist, config) {
  const root = mkdtempSync(path.join(tmpdir(), "atlas-panel-nginx-"));
  mkdirSync(path.join(root, "atlas"));
  cpSync(dist, path.join(root, "atlas"), { recursive: true });
  if (config) writeFileSync(path.join(root, "atlas", "config.json"), JSON.stringify(config));
  return root;
}

/**
 * A stand-in for oauth2-proxy as deploy/nginx.conf uses it: `/oauth2/auth` answers 202 with
 * `X-Auth-Request-Email` for a reader whose cookie `_oauth2_proxy` names them, else 401;
 * `/oauth2/sign_in` is its sign-in page.
 */
export async function startSsoGateway() {
  const port = await freePort();
  const asked = [];
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, "http://gateway");
    asked.push(url.pathname);
    if (url.pathname === "/oauth2/auth") {
      const email = /(?:^|;\s*)_oauth2_proxy=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
      response.writeHead(email ? 202 : 401, email ? { "X-Auth-Request-Email": decodeURIComponent(email) } : {});
      response.end();
    } else if (url.pathname === "/oauth2/sign_in") {
      response.writeHead(200, { "Content-Type": "text/html" });
      response.end("<!DOCTYPE html><title>Sign in</title><h1>Sign in</h1>");
    } else {
      response.writeHead(404);
      response.end();
    }
  });
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  return { port, asked, stop: () => server.close() };
}

/** deploy/nginx.conf as shipped, with its port, root, proxy and gateway addresses substituted. */
export async function startDeployNginx({ dist, proxyPort, gatewayPort }) {
  const root = siteWith(dist);
  const port = await freePort();
  const shipped = readFileSync(path.join(ROOT, "deploy", "nginx.conf"), "utf8");
  const server = shipped
    .replace("listen 80;", `listen 127.0.0.1:${port};`)
    .replace("root /srv/atlas-panel;", `root ${root};`)
    .replace("proxy_pass http://127.0.0.1:8080/api/;", `proxy_pass http://127.0.0.1:${proxyPort}/api/;`)
    .replaceAll("proxy_pass http://127.0.0.1:4180;", `proxy_pass http://127.0.0.1:${gatewayPort};`);
  const gatewayLines = shipped.split("proxy_pass http://127.0.0.1:4180;").length - 1;
  if (
    !server.includes(`listen 127.0.0.1:${port};`) ||
    !server.includes(`root ${root};`) ||
    !server.includes(`:${proxyPort}/api/`) ||
    gatewayLines !== 2
  ) {
    throw new Error("deploy/nginx.conf no longer has the lines this test substitutes");
  }
  return start(root, server, port);
}

/** A static host with no fallback, only a not-found page: how object stores serve a site. */
export async function startPlainStaticHost({ dist, config, port, connectSrc = [] }) {
  const root = siteWith(dist, config);
  if (connectSrc.length > 0) {
    execFileSync(path.join(ROOT, "scripts", "set-connect-src"), [path.join(root, "atlas"), ...connectSrc]);
  }
  port = port ?? (await freePort());
  const server = `server {
    listen 127.0.0.1:${port};
    root ${root};
    error_page 404 /atlas/404.html;
  }`;
  return start(root, server, port);
}
