{#- duizhao: Material's light/dark toggle, run by us. overrides/partials/header.html writes
    this inline right after the toggle, so the scheme, the toggle's visible button and the
    page's colour-scheme and theme-color metas are right before the first paint; duizhao.js
    calls `dzPalette(index)` when a reader switches, and `dzPalette()` when the system's
    scheme changes. Material's bundle.js ran this toggle itself after the first paint: it
    added and then set a `<meta name="color-scheme">`, and Chromium restyles every element
    of the page for each such change. That was most of the main thread's blocking time in
    Lighthouse (a glossary's 175 ms of 4x-throttled TBT fell to 16 ms without it; BENCHMARKS.md).
    The palette's data stays Material's: mkdocs.yml `theme.palette`, written on the inputs
    by Material's partials/palette.html, and the reader's choice in Material's own storage
    (`__md_get("__palette")`, the format Material reads and writes).
    A Jinja comment: pages do not carry it. -#}
window.dzPalette = (function () {
  var form = document.querySelector("[data-dz-palette]");
  if (!form) return null;
  var inputs = form.getElementsByTagName("input");
  var header = form.closest("header") || document.body;
  var metas = {};
  ["color-scheme", "theme-color"].forEach(function (name) {
    var meta = document.createElement("meta");
    meta.name = name;
    document.head.appendChild(meta);
    metas[name] = meta;
  });

  function chosen() {
    var palette = null;
    try { palette = __md_get("__palette"); } catch (e) { /* storage off */ }
    return palette && typeof palette.index === "number" ? palette.index : null;
  }

  // Nothing chosen: the first option whose media query matches (Material's rule), so the
  // page follows the system's light or dark until the reader picks one.
  function systemIndex() {
    for (var i = 0; i < inputs.length; i++) {
      if (matchMedia(inputs[i].getAttribute("data-md-color-media")).matches) return i;
    }
    return 0;
  }

  // An option's colours; Material's automatic option takes the light or dark one's.
  function colours(input) {
    var media = input.getAttribute("data-md-color-media");
    var source = input;
    if (media === "(prefers-color-scheme)") {
      var light = matchMedia("(prefers-color-scheme: light)").matches;
      source = form.querySelector(
        "[data-md-color-media='(prefers-color-scheme: " + (light ? "light" : "dark") + ")']"
      ) || input;
    }
    return {
      media: media,
      scheme: source.getAttribute("data-md-color-scheme"),
      primary: source.getAttribute("data-md-color-primary"),
      accent: source.getAttribute("data-md-color-accent")
    };
  }

  // Show option `index` (a reader's choice, kept), or with no index the remembered choice or
  // the system's scheme. Returns the index shown.
  function show(index) {
    var choice = typeof index === "number";
    if (!choice) index = chosen();
    if (index === null) index = systemIndex();
    index = Math.max(0, Math.min(index, inputs.length - 1));
    var color = colours(inputs[index]);
    var root = document.documentElement;
    // No fade while colours change (Material's transitions; duizhao.site.assets).
    if (choice) {
      root.classList.add("dz-switching");
      setTimeout(function () { root.classList.remove("dz-switching"); }, 0);
    }
    for (var key in color) document.body.setAttribute("data-md-color-" + key, color[key]);
    for (var i = 0; i < inputs.length; i++) {
      inputs[i].checked = i === index;
      var label = inputs[i].nextElementSibling;
      if (label) label.hidden = i !== index;
    }
    if (choice) __md_set("__palette", {index: index, color: color});
    // What the browser draws itself (scroll bars, the phone's address bar) in the page's
    // scheme, as Material's script set it: read from the header's computed style.
    var style = getComputedStyle(header);
    metas["color-scheme"].content = style.colorScheme;
    metas["theme-color"].content = "#" + style.backgroundColor.match(/\d+/g).slice(0, 3)
      .map(function (value) { return (+value).toString(16).padStart(2, "0"); }).join("");
    return index;
  }

  show();
  return show;
})();
