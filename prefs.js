// Applies this browser's remembered theme and language before the first paint. A classic
// script in <head>, so it runs before anything is drawn; boot.js, a module, runs later.
try {
  const root = document.documentElement;
  const theme = localStorage.getItem("atlas-panel.theme");
  if (theme === "light" || theme === "dark") root.dataset.theme = theme;
  const lang = localStorage.getItem("atlas-panel.lang");
  if (lang === "en" || lang === "zh-CN") root.lang = lang;
} catch {
  // no storage (a private window, say): the system's theme and the page's language
}
