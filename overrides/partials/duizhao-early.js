{#- duizhao: runs in <head>, before the page is drawn, so a remembered reading mode applies
    without a flash of the other one. Without JavaScript both languages show (对照). `dz-js`
    says scripts run (duizhao.js's menus replace the no-script ones): set here, before the
    page is styled, it costs nothing; set later, it restyled every element of the page.
    overrides/main.html writes this inline (a Jinja comment: pages do not carry it). -#}
(function () {
  var mode = null;
  try { mode = localStorage.getItem("duizhao.mode"); } catch (e) { /* storage off */ }
  if (["zh", "pair", "en"].indexOf(mode) < 0) mode = "pair";
  var root = document.documentElement;
  root.classList.add("dz-mode-" + mode, "dz-js");
  // What Material's bundle.js sets on <html> when it starts (its `no-js` to `js` switch and its
  // focus-visible polyfill's marks), set before the page is styled: set by the bundle, after
  // the first paint, each change restyled the whole page once more.
  root.classList.remove("no-js");
  root.classList.add("js", "js-focus-visible");
  root.setAttribute("data-js-focus-visible", "");
})();
