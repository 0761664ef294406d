// Trunk's post-build hook, run in its staging directory before dist/ is replaced.
// 1. Release builds: wasm-bindgen's JavaScript glue is minified by terser. Trunk's own
//    minifier cannot parse the glue (`export default`) and leaves it as it is; terser takes it
//    from 7.7 to 6.0 KiB of brotli (docs/performance.md). Its integrity in index.html is
//    written again, since Trunk computed it before.
// 2. 404.html, the same as index.html: a plain static host (an object store, a file server)
//    has no SPA fallback but can serve a not-found page, which then opens every deep link.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { minify } from "terser";

const staging = process.env.TRUNK_STAGING_DIR;
const indexPath = join(staging, "index.html");
let index = await readFile(indexPath, "utf8");

if (process.env.TRUNK_PROFILE === "release") {
  const integrity = (text) => "sha384-" + createHash("sha384").update(text).digest("base64");
  for (const name of await readdir(staging)) {
    if (!/^atlas-panel-[0-9a-f]+\.js$/.test(name)) continue;
    const path = join(staging, name);
    const glue = await readFile(path, "utf8");
    const { code } = await minify(glue, { module: true, compress: true, mangle: true });
    await writeFile(path, code);
    const before = integrity(glue);
    if (!index.includes(before)) throw new Error(`index.html names no integrity for ${name}`);
    index = index.replaceAll(before, integrity(code));
  }
  await writeFile(indexPath, index);
}
await writeFile(join(staging, "404.html"), index);
