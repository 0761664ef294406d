// Trunk's post-build hook, run in its staging directory before dist/ is replaced.
// 1. Release builds: wasm-bindgen's JavaScript glue is minified by terser. Trunk's own
//    minifier cannot parse the glue (`export default`) and leaves it as it is; terser takes it
//    from 7.7 to 6.0 KiB of brotli (docs/performance.md). Its integrity in index.html is
//    written again, since Trunk computed it before. Trunk names the glue after the wasm, so a
//    new terser or new options with the same wasm would serve new bytes under a name that
//    hosts cache as immutable: upgrade terser together with a change to the panel.
// 2. 404.html, the same as index.html: a plain static host (an object store, a file server)
//    has no SPA fallback but can serve a not-found page, which then opens every deep link.
// 3. Release builds: each script, style and wasm file also compressed beside it, brotli at its
//    highest level (`.br`) and gzip at its (`.gz`), written once here and served as they are by
//    the proxy and by nginx's `gzip_static`, instead of compressed at a lower level per request
//    (docs/performance.md). index.html is left out: the proxy rewrites it per request.
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const staging = process.env.TRUNK_STAGING_DIR;
const indexPath = join(staging, "index.html");
let index = await readFile(indexPath, "utf8");

if (process.env.TRUNK_PROFILE === "release") {
  const { minify } = await import("terser");
  const integrity = (text) => "sha384-" + createHash("sha384").update(text).digest("base64");
  const glues = (await readdir(staging)).filter((name) => /^atlas-panel(-[0-9a-f]+)?\.js$/.test(name));
  if (glues.length === 0) throw new Error("no wasm-bindgen glue to minify in the staging directory");
  for (const name of glues) {
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

if (process.env.TRUNK_PROFILE === "release") {
  for (const name of await readdir(staging)) {
    if (!/\.(js|css|wasm)$/.test(name)) continue;
    const path = join(staging, name);
    const bytes = await readFile(path);
    const brotli = brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    });
    await writeFile(`${path}.br`, brotli);
    await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  }
}
