// Starts the panel. A file of its own, not an inline script, so that the
// Content-Security-Policy can forbid inline scripts altogether.
const tag = document.querySelector("script[data-panel-js]");
const { default: init } = await import(tag.dataset.panelJs);
await init({ module_or_path: tag.dataset.panelWasm });
