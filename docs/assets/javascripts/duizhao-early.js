// duizhao: runs in <head>, before the page is drawn, so a remembered reading mode applies
// without a flash of the other one. Without JavaScript both languages show (对照).
(function applyRememberedMode() {
  var mode = null;
  try { mode = localStorage.getItem("duizhao.mode"); } catch (e) { /* storage off */ }
  if (["zh", "pair", "en"].indexOf(mode) < 0) mode = "pair";
  document.documentElement.classList.add("dz-mode-" + mode);
})();
