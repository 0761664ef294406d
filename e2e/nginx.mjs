// A real nginx (Debian's), started on free loopback ports from deploy/nginx.conf (HTTPS with a
// self-signed certificate, and its port-80 redirect) or from a bare "static host" configuration.
import { execFileSync, spawn } from "node:child_process";
import http from "node:http";
import https from "node:https";
import { readFileSync, writeFileSync, mkdtempSync, cpSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import zlib from "node:zlib";
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

/** nginx with `server` in `prefix`, once `get(url)` has an answer. */
async function start(prefix, server, url, get = fetch) {
  writeFileSync(path.join(prefix, "nginx.conf"), wrap(prefix, server));
  const child = spawn("/usr/sbin/nginx", ["-p", prefix, "-c", path.join(prefix, "nginx.conf")], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  for (let i = 0; ; i++) {
    try {
      await get(url);
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

/**
 * A self-signed certificate for 127.0.0.1 (its subjectAltName, as browsers and node check) and
 * its key, in a directory of their own: not under the site's root, which nginx serves.
 */
export function selfSignedCertificate() {
  const dir = mkdtempSync(path.join(tmpdir(), "atlas-panel-tls-"));
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  execFileSync(
    "openssl",
    ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", cert],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  return { cert, key, pem: readFileSync(cert, "utf8") };
}

const NULL_BODY = new Set([204, 205, 304]);

/**
 * A `fetch(url, { method, headers, body })` over HTTPS that trusts `ca` alone (the certificate is
 * checked, against that CA and 127.0.0.1) and gives a Response as fetch does, its body decoded as
 * fetch decodes it (gzip, deflate, br) and its headers as received. It never follows a redirect:
 * a 3xx is the answer, as with fetch's `redirect: "manual"`.
 */
export function fetchTrusting(ca) {
  return (url, { method = "GET", headers = {}, body } = {}) =>
    new Promise((resolve, reject) => {
      const request = https.request(url, { method, headers, ca }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          try {
            let bytes = Buffer.concat(chunks);
            const encoding = (response.headers["content-encoding"] ?? "").trim().toLowerCase();
            if (encoding === "gzip" || encoding === "x-gzip") bytes = zlib.gunzipSync(bytes);
            else if (encoding === "deflate") bytes = zlib.inflateSync(bytes);
            else if (encoding === "br") bytes = zlib.brotliDecompressSync(bytes);
            const received = new Headers();
            for (let i = 0; i < response.rawHeaders.length; i += 2) received.append(response.rawHeaders[i], response.rawHeaders[i + 1]);
            const status = response.statusCode;
            resolve(new Response(NULL_BODY.has(status) || method === "HEAD" ? null : bytes, { status, statusText: response.statusMessage, headers: received }));
          } catch (error) {
            reject(error);
          }
        });
      });
      request.on("error", reject);
      request.end(body);
    });
}

/** Replaces the one `from` in `text` (or `times` of them) with `to`, or says the file changed. */
function substitute(text, from, to, times = 1) {
  if (text.split(from).length - 1 !== times) {
    throw new Error(`deploy/nginx.conf no longer has ${times === 1 ? "the line" : `${times} lines`} this test substitutes: ${from}`);
  }
  return text.replaceAll(from, to);
}

/**
 * deploy/nginx.conf as shipped, with its ports, certificate, root, proxy and gateway addresses
 * substituted: `url` is its HTTPS server (a self-signed certificate for 127.0.0.1, `certificate`
 * in PEM; `fetch` trusts it), `httpUrl` its port-80 server.
 */
export async function startDeployNginx({ dist, proxyPort, gatewayPort }) {
  const root = siteWith(dist);
  const port = await freePort();
  const httpPort = await freePort();
  const tls = selfSignedCertificate();
  let server = readFileSync(path.join(ROOT, "deploy", "nginx.conf"), "utf8");
  server = substitute(server, "listen 80;", `listen 127.0.0.1:${httpPort};`);
  server = substitute(server, "listen 443 ssl;", `listen 127.0.0.1:${port} ssl;`);
  server = substitute(server, "ssl_certificate /etc/nginx/tls/atlas-panel.crt;", `ssl_certificate ${tls.cert};`);
  server = substitute(server, "ssl_certificate_key /etc/nginx/tls/atlas-panel.key;", `ssl_certificate_key ${tls.key};`);
  server = substitute(server, "root /srv/atlas-panel;", `root ${root};`);
  server = substitute(server, "proxy_pass http://127.0.0.1:8080/api/;", `proxy_pass http://127.0.0.1:${proxyPort}/api/;`);
  server = substitute(server, "proxy_pass http://127.0.0.1:8080;", `proxy_pass http://127.0.0.1:${proxyPort};`);
  server = substitute(server, "proxy_pass http://127.0.0.1:8080/config.json;", `proxy_pass http://127.0.0.1:${proxyPort}/config.json;`);
  server = substitute(server, "proxy_pass http://127.0.0.1:4180;", `proxy_pass http://127.0.0.1:${gatewayPort};`, 2);
  const get = fetchTrusting(tls.pem);
  const nginx = await start(root, server, `https://127.0.0.1:${port}`, get);
  return { ...nginx, port, httpUrl: `http://127.0.0.1:${httpPort}`, fetch: get, certificate: tls.pem };
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
  return start(root, server, `http://127.0.0.1:${port}`);
}
