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

// Switching variant: remember the choice, and land on the block that was at the top.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-dz-variant]");
  if (!link) return;
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
}

(function readingModes() {
  var controls = document.querySelectorAll(".dz-modes");
  if (!controls.length) return;
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
