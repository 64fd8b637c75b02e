// duizhao: small progressive enhancements. Every page works without this file.

var DZ_VARIANT_KEY = "duizhao.variant";
// Blocks of an article carry content-derived ids (p-1a2b3c4d, h-…, f-…), the same in every
// variant: they are what "keep my place" aims at.
var DZ_BLOCK_ID = /^[phlqf]-[0-9a-f]{8}(-\d+)?$/;

function dzRemember(path) {
  try { localStorage.setItem(DZ_VARIANT_KEY, path); } catch (e) { /* storage off: no memory */ }
}

function dzRemembered() {
  try { return localStorage.getItem(DZ_VARIANT_KEY); } catch (e) { return null; }
}

// The site root lists the variants as plain links; with JavaScript it opens the variant the
// reader chose last, or the default one.
(function openRememberedVariant() {
  var landing = document.querySelector("[data-dz-landing]");
  if (!landing) return;
  // The variants are the links the page lists (the build writes them from the variant list).
  var chosen = dzRemembered();
  var offered = Array.prototype.map.call(document.querySelectorAll("a[hreflang]"), function (a) {
    return a.getAttribute("href").split("/")[0];
  });
  var target = offered.indexOf(chosen) >= 0 ? chosen : landing.dataset.dzLanding;
  location.replace(target + "/");
})();

// What the reader is reading: the first block showing at least a line of itself below the
// fixed header (a block whose last few pixels peek out under the header does not count).
var DZ_VISIBLE_LINE = 24;
function dzBlockAtTop() {
  var header = document.querySelector(".md-header");
  var top = (header ? header.getBoundingClientRect().bottom : 0) + DZ_VISIBLE_LINE;
  var blocks = document.querySelectorAll(".md-content [id]");
  for (var i = 0; i < blocks.length; i++) {
    // Article blocks, and glossary entries (their ids are the terms' ids, the same in
    // every variant too).
    if (!DZ_BLOCK_ID.test(blocks[i].id) && !blocks[i].classList.contains("dz-entry")) continue;
    if (blocks[i].getBoundingClientRect().bottom > top) return blocks[i].id;
  }
  return null;
}

// On a phone the toggle shows the current variant only: tapping it opens the others.
// (The `dz-js` class that turns off the no-script menu is set in <head>, by the early script:
// set here, after the page was styled, it restyled every element of the page.)
var DZ_PHONE = window.matchMedia("(max-width: 44.984375em)");
document.addEventListener("click", function (event) {
  var open = document.querySelector(".dz-variants.dz-open");
  var current = event.target.closest && event.target.closest(".dz-variants [aria-current]");
  if (current && DZ_PHONE.matches) {
    event.preventDefault();
    event.stopImmediatePropagation();
    var nav = current.closest(".dz-variants");
    nav.classList.toggle("dz-open");
    current.setAttribute("aria-expanded", String(nav.classList.contains("dz-open")));
    return;
  }
  if (open && !(event.target.closest && event.target.closest(".dz-variants"))) {
    open.classList.remove("dz-open");
    open.querySelector("[aria-current]").setAttribute("aria-expanded", "false");
  }
}, true);
document.addEventListener("keydown", function (event) {
  var open = document.querySelector(".dz-variants.dz-open");
  if (event.key !== "Escape" || !open) return;
  open.classList.remove("dz-open");
  var current = open.querySelector("[aria-current]");
  current.setAttribute("aria-expanded", "false");
  current.focus();
});

// Light and dark: the toggle is Material's, run by overrides/partials/duizhao-palette.js
// (window.dzPalette) instead of Material's bundle. A reader's switch is kept; with none, the
// page follows the system's scheme, also when it changes while the page is open.
if (window.dzPalette) {
  var dzPaletteForm = document.querySelector("[data-dz-palette]");
  var dzPaletteInputs = dzPaletteForm.getElementsByTagName("input");
  dzPaletteForm.addEventListener("change", function (event) {
    window.dzPalette(Array.prototype.indexOf.call(dzPaletteInputs, event.target));
  });
  // Enter on the focused option moves to the next one, as in Material.
  dzPaletteForm.addEventListener("keydown", function (event) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    var current = Array.prototype.indexOf.call(dzPaletteInputs, event.target);
    var next = dzPaletteInputs[(Math.max(current, 0) + 1) % dzPaletteInputs.length];
    next.click();
    next.focus();
  });
  matchMedia("(prefers-color-scheme: light)").addEventListener("change", function () {
    window.dzPalette();
  });
}

// Switching variant: remember the choice, and land on the block that was at the top.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-dz-variant]");
  if (!link || link.hasAttribute("aria-current")) return;
  dzRemember(link.dataset.dzVariant);
  var block = window.scrollY > 0 ? dzBlockAtTop() : null;
  if (!block) return;
  event.preventDefault();
  location.assign(link.href.split("#")[0] + "#" + block);
});

// Reading modes: 中文 · 对照 · English. Instant (a class on <html>), remembered across pages
// and visits, and the block the reader was reading stays at the top of the screen.
var DZ_MODES = ["zh", "pair", "en"];

function dzCurrentMode() {
  for (var i = 0; i < DZ_MODES.length; i++) {
    if (document.documentElement.classList.contains("dz-mode-" + DZ_MODES[i])) return DZ_MODES[i];
  }
  return "pair";
}

function dzShowMode(mode) {
  DZ_MODES.forEach(function (each) {
    document.documentElement.classList.toggle("dz-mode-" + each, each === mode);
  });
  document.querySelectorAll("[data-dz-mode]").forEach(function (button) {
    button.setAttribute("aria-pressed", String(button.dataset.dzMode === mode));
  });
  dzEnglishInterface(mode === "en");
}

(function readingModes() {
  var controls = document.querySelectorAll(".dz-modes");
  if (!controls.length) {
    dzEnglishInterface(dzCurrentMode() === "en");  // home, tags, glossary follow the mode too
    return;
  }
  document.body.classList.add("dz-reading");
  controls.forEach(function (control) { control.hidden = false; });
  dzShowMode(dzCurrentMode());
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-dz-mode]");
    if (!button) return;
    var block = window.scrollY > 0 ? dzBlockAtTop() : null;
    dzShowMode(button.dataset.dzMode);
    try { localStorage.setItem("duizhao.mode", button.dataset.dzMode); } catch (e) { /* off */ }
    if (block) document.getElementById(block).scrollIntoView({ block: "start" });
  });
})();

// Glossary terms open the learner's word card (duizhao-learner.js), with a link to the entry.

// Publishers' photos load only when the reader asks (a tap), or at once for a reader who
// chose "always": opening a page tells no third party who reads what. The box keeps its
// size, so the text does not move when a photo arrives.
var DZ_PHOTOS_KEY = "duizhao.photos";
function dzLoadPhoto(box) {
  if (box.querySelector("img")) return;
  var img = document.createElement("img");
  img.referrerPolicy = "no-referrer";
  img.decoding = "async";
  img.loading = "lazy";
  img.alt = box.dataset.dzAlt || "";
  img.src = box.dataset.dzSrc;
  box.classList.add("dz-photo--loaded");
  box.replaceChildren(img);
}
(function photosOnRequest() {
  var boxes = document.querySelectorAll(".dz-photo[data-dz-src]");
  if (!boxes.length) return;
  var always = false;
  try { always = localStorage.getItem(DZ_PHOTOS_KEY) === "always"; } catch (e) { /* off */ }
  boxes.forEach(function (box) {
    if (always) { dzLoadPhoto(box); return; }
    var button = box.querySelector(".dz-photo__always");
    if (button) button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var load = event.target.closest && event.target.closest(".dz-photo__load");
    var all = event.target.closest && event.target.closest(".dz-photo__always");
    if (load) {
      event.preventDefault();
      dzLoadPhoto(load.closest(".dz-photo"));
    } else if (all) {
      try { localStorage.setItem(DZ_PHOTOS_KEY, "always"); } catch (e) { /* off */ }
      document.querySelectorAll(".dz-photo[data-dz-src]").forEach(dzLoadPhoto);
    }
  });
})();

// Which navigation page (index, tags, glossary) a path is, or undefined: the last part of
// the path, or the variant's folder itself for its home.
function dzNavPage(pathname, names) {
  var parts = pathname.replace(/(index)?(\.html)?$/, "").replace(/\/$/, "").split("/");
  var last = parts.pop();
  if (Object.prototype.hasOwnProperty.call(names, last)) return last;
  var variants = Array.prototype.map.call(
    document.querySelectorAll(".dz-variants [data-dz-variant]"),
    function (link) { return link.dataset.dzVariant; }
  );
  return variants.indexOf(last) >= 0 ? "index" : undefined;
}

// The English reading mode speaks English all round: <html lang>, the site's name, the
// navigation, the table of contents (each entry the English of its heading) and Material's
// own words; the search box follows the mode itself (duizhao-search.js). The Chinese is kept
// and put back when the reader leaves the mode.
function dzEnglishInterface(on) {
  var meta = document.querySelector('meta[name="dz-english"]');
  if (!meta) return;
  var root = document.documentElement;
  // Chinese and never switched: the page is as the build wrote it, and nothing is to be put
  // back: writing every label anyway is work at load for nothing (issue 14).
  if (!on && !root.dataset.dzLang) return;
  var words = JSON.parse(meta.content);
  if (!root.dataset.dzLang) root.dataset.dzLang = root.lang;
  root.lang = on ? words.lang : root.dataset.dzLang;
  // `node` is an element, or a text node (a label's text beside its icon).
  function swap(node, english) {
    if (!node || !english) return;
    var holder = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    if (holder.dataset.dzZh === undefined) holder.dataset.dzZh = node.textContent;
    node.textContent = on ? english : holder.dataset.dzZh;
  }
  var topics = document.querySelectorAll(".md-header__topic .md-ellipsis");
  var englishTitle = document.querySelector(".dz-en-title:not(.dz-missing)");
  swap(topics[0], words.site_name);
  var here = dzNavPage(location.pathname, words.nav);
  var topicEnglish = englishTitle ? englishTitle.textContent.trim() : words.nav[here];
  swap(topics[1], topicEnglish);
  // An article with no English yet keeps its Chinese title there: marked as Chinese.
  if (topics[1] && !topicEnglish) {
    if (on) topics[1].lang = root.dataset.dzLang; else topics[1].removeAttribute("lang");
  }
  document.querySelectorAll(".md-nav__title").forEach(function (title) {
    if (title.closest(".md-nav--secondary")) swap(title.lastChild, words.toc);
    else if (title.closest(".md-nav--primary")) swap(title.lastChild, words.site_name);
  });
  document.querySelectorAll(".md-nav--primary a.md-nav__link").forEach(function (link) {
    var key = dzNavPage(new URL(link.href).pathname, words.nav);
    var english = words.nav[key];
    if (!key && englishTitle && new URL(link.href).pathname === location.pathname) {
      english = englishTitle.textContent.trim();  // the article being read
    }
    swap(link.querySelector(".md-ellipsis") || link, english);
  });
  document.querySelectorAll(".md-nav--secondary a.md-nav__link").forEach(function (link) {
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    var english = target && target.nextElementSibling;
    if (english && english.classList.contains("dz-en-heading")) {
      swap(link.querySelector(".md-ellipsis") || link, english.textContent.trim());
    }
  });
  swap(document.querySelector(".md-skip"), words.skip);
  // Names a screen reader speaks and tooltips (aria-label, title): Material's by selector,
  // in its English words.
  var names = [
    [".md-header__inner", "aria-label", words.header],
    [".md-logo", "title", words.site_name],
    [".md-logo", "aria-label", words.site_name],
    [".md-nav--primary", "aria-label", words.navigation],
    [".md-nav--secondary", "aria-label", words.toc],
    ['label[for="__search"]', "title", words.search],
    [".dz-modes", "aria-label", words.modes],
    [".dz-credits", "aria-label", words.credits]
  ];
  names.forEach(function (each) {
    document.querySelectorAll(each[0]).forEach(function (node) {
      dzSwapAttribute(node, each[1], each[2], on);
    });
  });
  // Material gives a label cut short (…) its whole text as a tooltip, once, at load: the
  // text shown now, in either language.
  document.querySelectorAll(".md-ellipsis").forEach(function (label) {
    var holder = label.closest("a") || label;
    if (holder.hasAttribute("title")) holder.title = label.textContent.trim();
  });
  // Ours, written with their English beside them (data-dz-en-title, data-dz-en-aria-label).
  ["title", "aria-label"].forEach(function (name) {
    document.querySelectorAll("[data-dz-en-" + name + "]").forEach(function (node) {
      dzSwapAttribute(node, name, node.getAttribute("data-dz-en-" + name), on);
    });
  });
}

// An attribute in English (`on`) or back in Chinese, which is kept beside it the first time
// (data-dz-zh-<name>); nothing without an English.
function dzSwapAttribute(node, name, english, on) {
  if (!english || !node.hasAttribute(name)) return;
  var kept = "data-dz-zh-" + name;
  if (!node.hasAttribute(kept)) node.setAttribute(kept, node.getAttribute(name));
  node.setAttribute(name, on ? english : node.getAttribute(kept));
}
