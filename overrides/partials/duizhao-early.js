{#- duizhao: runs in <head>, before the page is drawn, so a remembered reading mode applies
    without a flash of the other one. Without JavaScript both languages show (对照). `dz-js`
    says scripts run (duizhao.js's menus replace the no-script ones): set here, before the
    page is styled, it costs nothing; set later, it restyled every element of the page.
    overrides/main.html writes this inline (a Jinja comment: pages do not carry it). -#}
(function () {
  var mode = null;
  try { mode = localStorage.getItem("duizhao.mode"); } catch (e) { /* storage off */ }
  if (["zh", "pair", "en"].indexOf(mode) < 0) mode = "pair";
  document.documentElement.classList.add("dz-mode-" + mode, "dz-js");
})();
