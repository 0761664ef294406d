// Starts the panel. A file of its own, not an inline script, so that the
// Content-Security-Policy can forbid inline scripts altogether.
const tag = document.querySelector("script[data-panel-js]");
// The deep link's first API requests, named by the proxy that served this page
// (common/src/first_requests.rs): sent now, beside the wasm's download, for the
// panel to take by URL (src/browser/http.rs). None when this browser has chosen
// another proxy or API version on the Settings page: the panel would not use them.
const { preload, preloadApiBase, preloadApiVersion } = tag.dataset;
if (preload) {
  let chosen = [null, null];
  try {
    chosen = [localStorage.getItem("atlas-panel.apiBase"), localStorage.getItem("atlas-panel.apiVersion")];
  } catch {
    // Storage refused: the panel falls back to config.json too.
  }
  const [base, version] = chosen;
  if ((base === null || base === preloadApiBase) && (version === null || version === preloadApiVersion)) {
    const answers = new Map();
    for (const url of preload.split(" ")) {
      const answer = fetch(url, { headers: { Accept: "application/json" } });
      // A failure is the panel's to report, when it takes the answer.
      answer.catch(() => {});
      answers.set(url, answer);
    }
    window.atlasPanelPreloads = answers;
  }
}
const { default: init } = await import(tag.dataset.panelJs);
await init({ module_or_path: tag.dataset.panelWasm });
