// Starts the panel. A file of its own, not an inline script, so that the
// Content-Security-Policy can forbid inline scripts altogether.
try {
  // The remembered theme, before the first paint, so a dark page never flashes light.
  const theme = localStorage.getItem("atlas-panel.theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // no storage (a private window, say): the system's theme it is
}
const tag = document.querySelector("script[data-panel-js]");
const { default: init } = await import(tag.dataset.panelJs);
await init({ module_or_path: tag.dataset.panelWasm });
