// duizhao: the learner's layer. Tap (or click) any Chinese word of an article for its card:
// the word in every script, pinyin in context, English, HSK level, its glossary entry; a
// star saves it to the reader's own list (localStorage: nothing leaves the browser). Pinyin
// over the text (<ruby>) from the header. Filters by level on the home and tags pages.
//
// Why no element around every word: an article has a thousand words, and the page would
// carry them all for readers who never tap. The words' boundaries come in a small JSON file
// per article, fetched on the first tap; a tap's position is turned into a character offset
// (caretPositionFromPoint) and looked up there. Elements are made only on demand: for pinyin
// over the text, and for keyboard users, whose "words" mode makes each word focusable.
(function () {
  "use strict";

  var meta = document.querySelector('meta[name="dz-learner"]');
  var LABELS = {};
  try { LABELS = JSON.parse(meta ? meta.dataset.labels : "{}"); } catch (e) { LABELS = {}; }
  var VARIANT = meta ? meta.dataset.variant : "";
  var WORDS_KEY = "duizhao.words";
  var RUBY_KEY = "duizhao.ruby"; // "marks", "numbers" or absent (off)
  var SKIP = '.headerlink, rt, .dz-credit, script, style, .dz-pop';
  var SENTENCE_END = /[。！？!?；;…]/;

  // In the English reading mode the script speaks English (render.py's BROWSER_EN).
  function label(key) {
    var english = document.documentElement.classList.contains("dz-mode-en") && LABELS.en;
    return (english && english[key]) || LABELS[key] || key;
  }
  // A name (title, aria-label) in the current reading mode, with its Chinese and English
  // kept beside it for duizhao.js to swap when the reader changes mode.
  function setName(node, attribute, prefix, key) {
    var english = LABELS.en && LABELS.en[key];
    node.setAttribute("data-dz-zh-" + attribute, prefix + (LABELS[key] || key));
    if (english) node.setAttribute("data-dz-en-" + attribute, prefix + english);
    node.setAttribute(attribute, prefix + label(key));
  }
  function storageGet(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function storageSet(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value);
    } catch (e) { /* storage off: nothing is remembered */ }
  }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- pinyin --------------------------------------------------------------------------

  var TONES = { "\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4" };

  function joinSyllables(parts) {
    var out = "";
    parts.forEach(function (syllable) {
      if (!syllable) return;
      var first = syllable.normalize("NFD").charAt(0).toLowerCase();
      if (out && "aoe".indexOf(first) >= 0 && /[a-zü\u0300-\u030c]$/i.test(out.normalize("NFD"))) out += "'";
      out += syllable;
    });
    return out;
  }

  function withNumber(syllable) {
    if (!syllable) return "";
    var tone = "5";
    var letters = "";
    Array.from(syllable.normalize("NFD")).forEach(function (ch) {
      if (TONES[ch]) tone = TONES[ch]; else letters += ch;
    });
    return letters.normalize("NFC") + tone;
  }

  function rubyStyle() {
    var style = storageGet(RUBY_KEY);
    return style === "marks" || style === "numbers" ? style : null;
  }

  // --- the article's data --------------------------------------------------------------

  var data = null;
  var loading = null;
  var blocks = [];

  function hasData() { return !!(meta && meta.content); }

  function load() {
    if (!hasData()) return Promise.reject(new Error("no word data on this page"));
    if (!loading) {
      loading = fetch(new URL(meta.content, location.href).href)
        .then(function (response) {
          if (!response.ok) throw new Error("word data: HTTP " + response.status);
          return response.json();
        })
        .then(prepare);
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function entry(index) {
    var row = data.w[index];
    var forms = {};
    var previous = row[0];
    var packed = row[1] ? row[1].split("|") : [];
    data.tags.forEach(function (tag, i) {
      var form = packed[i] || previous;
      forms[tag] = form;
      previous = form;
    });
    var syllables = row[2].split(" ");
    return {
      index: index, simplified: row[0], forms: forms, syllables: syllables,
      pinyin: row[3] || joinSyllables(syllables), english: row[4], level: row[5],
      term: row[6], name: row[7].indexOf("n") >= 0
    };
  }

  function blockElement(key) {
    if (key === "dek") return document.querySelector(".md-content .dz-dek");
    var found = document.getElementById(key);
    if (!found) return null;
    return found.querySelector(".dz-zh") || found;
  }

  function skipped(node, root) {
    for (var at = node.parentElement; at && at !== root.parentElement; at = at.parentElement) {
      if (at.matches(SKIP)) return true;
      var lang = at.getAttribute("lang");
      if (lang !== null) return lang.toLowerCase().indexOf("zh") !== 0;
    }
    return false;
  }

  function textNodes(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return skipped(node, root) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  }

  function prepare(json) {
    data = json;
    blocks = [];
    Object.keys(json.b).forEach(function (key) {
      var root = blockElement(key);
      if (!root) return;
      var text = textNodes(root).map(function (n) { return n.data; }).join("");
      blocks.push({ key: key, root: root, text: text, tokens: align(text, json.b[key]) });
    });
    return data;
  }

  // The words of a block at their offsets in the block's text as the page shows it: the data's
  // offsets, checked against the text, else the word searched for a little further on.
  function align(text, flat) {
    var tokens = [];
    var cursor = 0;
    for (var i = 0; i < flat.length; i += 2) {
      var index = flat[i + 1];
      var form = entry(index).forms[data.tags.indexOf(VARIANT) >= 0 ? VARIANT : data.tags[0]];
      var at = cursor + flat[i];
      if (text.substr(at, form.length) !== form) {
        at = text.indexOf(form, cursor);
        if (at < 0 || at - cursor > flat[i] + 40) continue;
      }
      tokens.push({ start: at, end: at + form.length, index: index });
      cursor = at + form.length;
    }
    return tokens;
  }

  function blockOf(node) {
    for (var i = 0; i < blocks.length; i++) if (blocks[i].root.contains(node)) return blocks[i];
    return null;
  }

  function offsetIn(block, node, offset) {
    var base = 0;
    var nodes = textNodes(block.root);
    for (var i = 0; i < nodes.length; i++) {
      if (nodes[i] === node) return base + offset;
      base += nodes[i].data.length;
    }
    return -1;
  }

  function tokenAtOffset(block, offset) {
    for (var i = 0; i < block.tokens.length; i++) {
      var token = block.tokens[i];
      if (token.start <= offset && offset < token.end) return token;
    }
    return null;
  }

  // A text range of the block: [start, end) of its text as DOM positions.
  function rangeOf(block, start, end) {
    var range = document.createRange();
    var base = 0;
    var begun = false;
    var nodes = textNodes(block.root);
    for (var i = 0; i < nodes.length; i++) {
      var length = nodes[i].data.length;
      if (!begun && start < base + length) { range.setStart(nodes[i], start - base); begun = true; }
      if (begun && end <= base + length) { range.setEnd(nodes[i], end - base); return range; }
      base += length;
    }
    return begun ? range : null;
  }

  // --- where a tap lands ---------------------------------------------------------------

  function caretAt(x, y) {
    if (document.caretPositionFromPoint) {
      var position = document.caretPositionFromPoint(x, y);
      return position ? { node: position.offsetNode, offset: position.offset } : null;
    }
    if (document.caretRangeFromPoint) {
      var range = document.caretRangeFromPoint(x, y);
      return range ? { node: range.startContainer, offset: range.startOffset } : null;
    }
    return null;
  }

  function under(rects, x, y) {
    for (var i = 0; i < rects.length; i++) {
      var r = rects[i];
      if (x >= r.left - 1 && x <= r.right + 1 && y >= r.top - 1 && y <= r.bottom + 1) return true;
    }
    return false;
  }

  // The word under a point: the character whose box holds the point (the caret is between
  // two characters: either may be the one tapped), then the word holding that character.
  function hitAt(x, y) {
    var caret = caretAt(x, y);
    if (!caret || !caret.node || caret.node.nodeType !== 3) return null;
    var block = blockOf(caret.node);
    if (!block || skipped(caret.node, block.root)) return null;
    var candidates = [caret.offset, caret.offset - 1];
    for (var i = 0; i < candidates.length; i++) {
      var at = candidates[i];
      if (at < 0 || at >= caret.node.data.length) continue;
      var range = document.createRange();
      range.setStart(caret.node, at);
      range.setEnd(caret.node, at + 1);
      if (!under(range.getClientRects(), x, y)) continue;
      var token = tokenAtOffset(block, offsetIn(block, caret.node, at));
      return token ? { block: block, token: token } : null;
    }
    return null;
  }

  function hitInElement(element) {
    var block = blockOf(element);
    if (!block) return null;
    var first = textNodes(block.root).filter(function (n) { return element.contains(n); })[0];
    if (!first) return null;
    var token = tokenAtOffset(block, offsetIn(block, first, 0));
    return token ? { block: block, token: token } : null;
  }

  // --- the card ------------------------------------------------------------------------

  var card = null;
  var shown = null; // { hit, pinned, returnTo }

  function variantShorts() {
    var shorts = {};
    document.querySelectorAll(".dz-variants__link[hreflang]").forEach(function (link) {
      var short = link.querySelector("[aria-hidden]");
      shorts[link.getAttribute("hreflang")] = short ? short.textContent.trim() : link.hreflang;
    });
    return shorts;
  }

  function levelText(level) {
    if (!level) return label("not_listed");
    return level >= 7 ? "HSK 7–9" : "HSK " + level;
  }

  function makeCard() {
    card = el("div", "dz-pop");
    card.setAttribute("role", "dialog");
    card.setAttribute("aria-label", label("card"));
    card.tabIndex = -1;
    card.hidden = true;
    card.addEventListener("mouseleave", function () { if (shown && !shown.pinned) scheduleHide(); });
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    document.body.appendChild(card);
  }

  function glossaryHref(hit, word) {
    var link = null;
    var range = rangeOf(hit.block, hit.token.start, hit.token.start + 1);
    if (range) {
      var node = range.startContainer.parentElement;
      link = node && node.closest("a.dz-term");
    }
    if (link) return link.getAttribute("href");
    if (word.term && meta.dataset.glossary) return meta.dataset.glossary + "#" + word.term;
    return "";
  }

  function renderCard(hit) {
    var word = entry(hit.token.index);
    var form = hit.block.text.slice(hit.token.start, hit.token.end);
    card.textContent = "";
    card.setAttribute("lang", VARIANT);
    var head = el("div", "dz-pop__head");
    head.appendChild(el("span", "dz-pop__word", form));
    var star = el("button", "dz-pop__star");
    star.type = "button";
    var saved = isSaved(word.simplified);
    star.setAttribute("aria-pressed", String(saved));
    star.setAttribute("aria-label", label(saved ? "saved" : "save"));
    star.title = label(saved ? "saved" : "save");
    star.textContent = saved ? "★" : "☆";
    star.addEventListener("click", function () {
      var now = toggleSaved(word, hit);
      star.setAttribute("aria-pressed", String(now));
      star.setAttribute("aria-label", label(now ? "saved" : "save"));
      star.title = label(now ? "saved" : "save");
      star.textContent = now ? "★" : "☆";
    });
    head.appendChild(star);
    var close = el("button", "dz-pop__close", "×");
    close.type = "button";
    close.setAttribute("aria-label", label("close"));
    close.addEventListener("click", function () { hideCard(true); });
    head.appendChild(close);
    card.appendChild(head);

    var shorts = variantShorts();
    var others = [];
    data.tags.forEach(function (tag) {
      if (tag === VARIANT || word.forms[tag] === form) return;
      if (others.some(function (o) { return o.form === word.forms[tag]; })) return;
      others.push({ tag: tag, form: word.forms[tag] });
    });
    if (others.length) {
      var forms = el("p", "dz-pop__forms");
      others.forEach(function (other) {
        var item = el("span", "dz-pop__form");
        item.appendChild(el("span", "dz-pop__script", shorts[other.tag] || other.tag));
        var text = el("span", "", other.form);
        text.setAttribute("lang", other.tag);
        item.appendChild(text);
        forms.appendChild(item);
      });
      card.appendChild(forms);
    }
    var pinyin = el("p", "dz-pop__pinyin", word.pinyin);
    pinyin.setAttribute("lang", "zh-Latn-pinyin");
    card.appendChild(pinyin);
    if (word.english) {
      var english = el("p", "dz-pop__en", word.english);
      english.setAttribute("lang", "en");
      card.appendChild(english);
    }
    var footer = el("p", "dz-pop__meta");
    footer.appendChild(el("span", "dz-level" + (word.level ? " dz-level--" + word.level : ""),
      levelText(word.level)));
    if (word.name) footer.appendChild(el("span", "dz-pop__name", label("name")));
    var href = glossaryHref(hit, word);
    if (href) {
      var entryLink = el("a", "dz-pop__glossary", label("glossary") + " →");
      entryLink.href = href;
      footer.appendChild(entryLink);
    }
    if (meta.dataset.words) {
      var list = el("a", "dz-pop__list", label("my_words"));
      list.href = meta.dataset.words;
      footer.appendChild(list);
    }
    card.appendChild(footer);
    card.appendChild(el("p", "dz-pop__credit", label("cedict")));
  }

  // Below the word's line when there is room, else above it: never over the line being read.
  function place(hit) {
    var range = rangeOf(hit.block, hit.token.start, hit.token.end);
    var rects = range ? range.getClientRects() : [];
    var box = rects.length ? rects[0] : hit.block.root.getBoundingClientRect();
    var gap = 8;
    card.style.left = "0px";
    card.style.top = "0px";
    var width = card.offsetWidth;
    var height = card.offsetHeight;
    var header = document.querySelector(".md-header");
    var topLimit = header ? header.getBoundingClientRect().bottom : 0;
    var below = box.bottom + gap;
    var top = below + height <= window.innerHeight - gap || box.top - gap - height < topLimit
      ? below : box.top - gap - height;
    var left = Math.min(Math.max(gap, box.left), document.documentElement.clientWidth - width - gap);
    card.style.left = Math.round(left + window.scrollX) + "px";
    card.style.top = Math.round(top + window.scrollY) + "px";
    card.dataset.side = top >= box.bottom ? "below" : "above";
  }

  // The stylesheet paints the highlight inside `.dz-lit` only: the block holding the word
  // gets the class, so that the rule is not tried on every element of every page.
  var lit = null;
  function highlight(hit) {
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
    var range = hit ? rangeOf(hit.block, hit.token.start, hit.token.end) : null;
    var root = range ? hit.block.root : null;
    if (lit && lit !== root) lit.classList.remove("dz-lit");
    if (root) root.classList.add("dz-lit");
    lit = root;
    if (range) CSS.highlights.set("dz-word", new Highlight(range));
    else CSS.highlights.delete("dz-word");
  }

  function showCard(hit, options) {
    if (!card) makeCard();
    clearTimeout(hideTimer);
    var same = shown && shown.hit.block === hit.block && shown.hit.token === hit.token;
    if (!same) renderCard(hit);
    card.hidden = false;
    place(hit);
    highlight(hit);
    shown = {
      hit: hit,
      pinned: options.pinned || (same && shown.pinned),
      returnTo: options.returnTo || (same && shown.returnTo) || null
    };
    if (options.focus) card.focus();
  }

  var hideTimer = null;
  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { if (shown && !shown.pinned) hideCard(false); }, 400);
  }

  function hideCard(returnFocus) {
    if (!card || card.hidden) return;
    card.hidden = true;
    highlight(null);
    var back = shown && shown.returnTo;
    shown = null;
    if (returnFocus && back && document.contains(back)) back.focus();
  }

  // --- taps, clicks, hovering, keys ----------------------------------------------------

  function inArticle(target) {
    return hasData() && target.closest && target.closest(".md-content") && !target.closest(".dz-pop");
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (card && card.contains(target)) return;
    if (!inArticle(target) || event.button !== 0) { hideCard(false); return; }
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    var term = target.closest("a.dz-term");
    var wordElement = target.closest(".dz-w");
    if (!term && target.closest("a, button, input, select, textarea, label, summary")) return;
    var selection = window.getSelection();
    if (!term && selection && !selection.isCollapsed) return; // the reader is selecting text
    if (term) event.preventDefault(); // the card says where the entry is
    var keyboard = event.detail === 0;
    var x = event.clientX;
    var y = event.clientY;
    load().then(function () {
      var hit = null;
      if (keyboard && (term || wordElement)) hit = hitInElement(wordElement || term);
      else hit = hitAt(x, y) || (term ? hitInElement(term) : null);
      if (hit) showCard(hit, { pinned: true, focus: keyboard, returnTo: keyboard ? (wordElement || term) : null });
      else hideCard(false);
    }).catch(function () {
      if (term) location.assign(term.href); // no data: the term's entry, as without us
    });
  });

  // A mouse resting on a word shows its card once the data is here (after a first tap, or
  // with pinyin on): moving the mouse over a page must not download anything.
  var hoverTimer = null;
  document.addEventListener("pointermove", function (event) {
    if (event.pointerType !== "mouse" || !data) return;
    clearTimeout(hoverTimer);
    if (card && card.contains(event.target)) return;
    var x = event.clientX;
    var y = event.clientY;
    hoverTimer = setTimeout(function () {
      if (shown && shown.pinned) return;
      var hit = inArticle(document.elementFromPoint(x, y) || document.body) ? hitAt(x, y) : null;
      if (hit) showCard(hit, { pinned: false });
      else if (shown) scheduleHide();
    }, 350);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && card && !card.hidden) {
      hideCard(true);
      return;
    }
    var word = event.target.closest && event.target.closest(".dz-w[tabindex]");
    if (word && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      word.click();
    }
  });

  window.addEventListener("resize", function () { if (shown) place(shown.hit); });

  // Without JavaScript a term's title shows pinyin · English; with the card it would only
  // cover the card.
  document.querySelectorAll("a.dz-term[title]").forEach(function (term) {
    term.dataset.dzTitle = term.title;
    term.removeAttribute("title");
  });

  // --- words as elements, on demand: pinyin over the text, keyboard "words" mode ---------

  var wrapped = false;

  function wrapWords() {
    if (wrapped) return;
    wrapped = true;
    var style = rubyStyle() || "marks";
    blocks.forEach(function (block) {
      var pieces = [];
      var nodes = textNodes(block.root);
      var base = 0;
      var t = 0;
      nodes.forEach(function (node) {
        var end = base + node.data.length;
        while (t < block.tokens.length && block.tokens[t].end <= base) t++;
        for (var k = t; k < block.tokens.length && block.tokens[k].start < end; k++) {
          var token = block.tokens[k];
          var from = Math.max(token.start, base);
          var to = Math.min(token.end, end);
          if (from < to) {
            pieces.push({
              node: node, from: from - base, to: to - base, token: token,
              before: block.text.slice(token.start, from) // the word's part in earlier nodes
            });
          }
        }
        base = end;
      });
      for (var i = pieces.length - 1; i >= 0; i--) wrapPiece(pieces[i], style);
      block.root.classList.add("dz-worded");
    });
  }

  function wrapPiece(piece, style) {
    var word = entry(piece.token.index);
    var text = piece.node.data.slice(piece.from, piece.to);
    var tail = piece.node.splitText(piece.from);
    tail.splitText(piece.to - piece.from);
    var ruby = el("ruby", "dz-w");
    ruby.dataset.i = String(piece.token.index);
    var position = Array.from(piece.before).length; // syllables are per code point
    Array.from(text).forEach(function (ch, n) {
      ruby.appendChild(document.createTextNode(ch));
      var syllable = word.syllables[position + n] || "";
      if (syllable) {
        var rt = el("rt", "", style === "numbers" ? withNumber(syllable) : syllable);
        rt.dataset.s = syllable;
        ruby.appendChild(rt);
      }
    });
    tail.parentNode.replaceChild(ruby, tail);
  }

  function setRubyText(style) {
    document.querySelectorAll(".dz-w rt").forEach(function (rt) {
      rt.textContent = style === "numbers" ? withNumber(rt.dataset.s) : rt.dataset.s;
    });
  }

  function setWordsMode(on) {
    document.documentElement.classList.toggle("dz-words-on", on);
    document.querySelectorAll(".dz-w").forEach(function (word) {
      if (on) {
        word.tabIndex = 0;
        word.setAttribute("role", "button");
        word.setAttribute("aria-haspopup", "dialog");
      } else {
        word.removeAttribute("tabindex");
        word.removeAttribute("role");
        word.removeAttribute("aria-haspopup");
      }
    });
  }

  // --- the header's pinyin control -----------------------------------------------------

  function showRuby(style) {
    var control = document.querySelector(".dz-ruby");
    document.documentElement.classList.toggle("dz-ruby-on", !!style);
    if (control) {
      control.querySelector("[data-dz-ruby]").setAttribute("aria-pressed", String(!!style));
      var numbers = control.querySelector("[data-dz-ruby-numbers]");
      numbers.setAttribute("aria-pressed", String(style === "numbers"));
      numbers.hidden = !style;
    }
    if (!style) return Promise.resolve();
    return load().then(function () { wrapWords(); setRubyText(style); });
  }

  (function rubyControl() {
    var control = document.querySelector(".dz-ruby");
    if (!control || !hasData()) return;
    control.hidden = false;
    var toggle = control.querySelector("[data-dz-ruby]");
    var numbers = control.querySelector("[data-dz-ruby-numbers]");
    setName(toggle, "title", "", "ruby");
    // The name starts with the text shown (WCAG 2.5.3, label in name): "pīn · 拼音".
    setName(toggle, "aria-label", toggle.textContent + " · ", "ruby");
    setName(numbers, "title", "", "ruby_numbers");
    setName(numbers, "aria-label", numbers.textContent + " · ", "ruby_numbers");
    toggle.addEventListener("click", function () {
      var style = rubyStyle() ? null : "marks";
      storageSet(RUBY_KEY, style);
      showRuby(style);
    });
    numbers.addEventListener("click", function () {
      var style = rubyStyle() === "numbers" ? "marks" : "numbers";
      storageSet(RUBY_KEY, style);
      showRuby(style);
    });
    showRuby(rubyStyle());
  })();

  (function wordsModeControl() {
    var content = document.querySelector(".md-content__inner");
    if (!content || !hasData()) return;
    var button = el("button", "dz-words-mode", label("words_mode"));
    button.type = "button";
    button.setAttribute("aria-pressed", "false");
    content.insertBefore(button, content.firstChild);
    button.addEventListener("click", function () {
      var on = button.getAttribute("aria-pressed") !== "true";
      button.setAttribute("aria-pressed", String(on));
      load().then(function () {
        wrapWords();
        setWordsMode(on);
        if (on) {
          var first = document.querySelector(".dz-w");
          if (first) first.focus();
        }
      });
    });
  })();

  // --- my words --------------------------------------------------------------------------

  function savedWords() {
    try {
      var list = JSON.parse(storageGet(WORDS_KEY) || "[]");
      return Array.isArray(list) ? list : [];
    } catch (e) { return []; }
  }

  function isSaved(simplified) {
    return savedWords().some(function (item) { return item.w === simplified; });
  }

  // The block's text in every script: each word in that script's form, the rest as it is.
  function inEveryScript(block, start, end) {
    var out = {};
    data.tags.forEach(function (tag) {
      var text = "";
      var at = start;
      block.tokens.forEach(function (token) {
        if (token.start < start || token.end > end) return;
        text += block.text.slice(at, token.start) + entry(token.index).forms[tag];
        at = token.end;
      });
      out[tag] = text + block.text.slice(at, end);
    });
    out[VARIANT] = block.text.slice(start, end).trim();
    Object.keys(out).forEach(function (tag) { out[tag] = out[tag].trim(); });
    return out;
  }

  function sentenceAround(block, token) {
    var text = block.text;
    var start = token.start;
    while (start > 0 && !SENTENCE_END.test(text.charAt(start - 1))) start--;
    var end = token.end;
    while (end < text.length && !SENTENCE_END.test(text.charAt(end))) end++;
    if (end < text.length) end++;
    while (end < text.length && /[”’」』）)]/.test(text.charAt(end))) end++;
    return inEveryScript(block, start, end);
  }

  function toggleSaved(word, hit) {
    var list = savedWords();
    var at = -1;
    list.forEach(function (item, i) { if (item.w === word.simplified) at = i; });
    if (at >= 0) {
      list.splice(at, 1);
    } else {
      var titleBlock = blocks.filter(function (b) { return b.key === "title"; })[0];
      list.push({
        w: word.simplified, f: word.forms, y: word.syllables.join(" "), p: word.pinyin,
        e: word.english, h: word.level, a: meta.dataset.slug,
        b: hit.block.key === "dek" ? "title" : hit.block.key,
        s: sentenceAround(hit.block, hit.token),
        t: titleBlock ? inEveryScript(titleBlock, 0, titleBlock.text.length) : {},
        v: VARIANT, d: Date.now()
      });
    }
    storageSet(WORDS_KEY, JSON.stringify(list));
    return at < 0;
  }

  function field(text) { return String(text || "").split(/\s+/).filter(Boolean).join(" "); }

  // The same columns as the glossary's downloads (duizhao/glossary/exports.py): Anki TSV is
  // Simplified, Traditional, pinyin, English (and the sentence, a fifth field); Pleco's
  // format is 简体[繁體]<TAB>pinyin<TAB>English.
  function exportText(list, dialect, tag) {
    return list.map(function (item) {
      var traditional = (item.f && item.f["zh-Hant"]) || item.w;
      if (dialect === "pleco") {
        var head = field(item.w) + (traditional !== item.w ? "[" + field(traditional) + "]" : "");
        return head + "\t" + field(item.p) + "\t" + field(item.e) + "\n";
      }
      var sentence = (item.s && (item.s[tag] || item.s[item.v])) || "";
      return [item.w, traditional, item.p, item.e, sentence].map(field).join("\t") + "\n";
    }).join("");
  }

  function download(name, text) {
    var blob = new Blob([text], { type: "text/plain;charset=utf-8" });
    var link = el("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  (function wordListPage() {
    var root = document.querySelector(".dz-mywords");
    if (!root) return;
    var tag = VARIANT;
    function render() {
      var list = savedWords();
      root.textContent = "";
      var bar = el("p", "dz-mywords__bar");
      bar.appendChild(el("span", "dz-mywords__count", label("count").replace("{n}", list.length)));
      if (list.length) {
        bar.appendChild(el("span", "dz-mywords__export-label", label("export") + ":"));
        [["anki", "tsv", "duizhao-words.tsv"], ["pleco", "pleco", "duizhao-words-pleco.txt"]]
          .forEach(function (choice) {
            var button = el("button", "dz-mywords__export", label(choice[0]));
            button.type = "button";
            button.dataset.dzExport = choice[1];
            button.addEventListener("click", function () {
              download(choice[2], exportText(savedWords(), choice[1], tag));
            });
            bar.appendChild(button);
          });
        var clear = el("button", "dz-mywords__clear", label("clear"));
        clear.type = "button";
        clear.addEventListener("click", function () {
          if (window.confirm(label("clear_confirm"))) { storageSet(WORDS_KEY, null); render(); }
        });
        bar.appendChild(clear);
      }
      root.appendChild(bar);
      if (!list.length) { root.appendChild(el("p", "dz-mywords__empty", label("empty"))); return; }
      var ul = el("ul", "dz-mywords__list");
      list.slice().reverse().forEach(function (item) {
        var li = el("li", "dz-mywords__item");
        var form = (item.f && item.f[tag]) || item.w;
        var head = el("p", "dz-mywords__head");
        head.appendChild(el("span", "dz-mywords__word", form));
        var others = [];
        Object.keys(item.f || {}).forEach(function (other) {
          var f = item.f[other];
          if (f !== form && others.indexOf(f) < 0) others.push(f);
        });
        if (others.length) head.appendChild(el("span", "dz-mywords__forms", others.join(" · ")));
        var pinyin = el("span", "dz-mywords__pinyin", item.p);
        pinyin.setAttribute("lang", "zh-Latn-pinyin");
        head.appendChild(pinyin);
        head.appendChild(el("span", "dz-level" + (item.h ? " dz-level--" + item.h : ""), levelText(item.h)));
        var remove = el("button", "dz-mywords__remove", "×");
        remove.type = "button";
        remove.setAttribute("aria-label", label("remove") + " " + form);
        remove.addEventListener("click", function () {
          storageSet(WORDS_KEY, JSON.stringify(savedWords().filter(function (s) { return s.w !== item.w; })));
          render();
        });
        head.appendChild(remove);
        li.appendChild(head);
        if (item.e) {
          var english = el("p", "dz-mywords__en", item.e);
          english.setAttribute("lang", "en");
          li.appendChild(english);
        }
        var sentence = item.s && (item.s[tag] || item.s[item.v]);
        if (sentence) {
          var quote = el("blockquote", "dz-mywords__sentence", sentence);
          quote.setAttribute("lang", item.s[tag] ? tag : item.v);
          li.appendChild(quote);
        }
        var link = el("a", "dz-mywords__source",
          (item.t && (item.t[tag] || item.t[item.v])) || label("in_context"));
        link.href = "../articles/" + encodeURIComponent(item.a) + "/#" + encodeURIComponent(item.b);
        li.appendChild(link);
        ul.appendChild(li);
      });
      root.appendChild(ul);
    }
    render();
    window.addEventListener("storage", function (event) { if (event.key === WORDS_KEY) render(); });
  })();

  // --- levels ----------------------------------------------------------------------------

  // An article's bar of shares: each segment as wide as its share (set through the CSSOM:
  // the Content-Security-Policy allows no style attribute in the page).
  document.querySelectorAll(".dz-levels__bar [data-share]").forEach(function (segment) {
    segment.style.flexGrow = segment.dataset.share;
  });


  // Filter and sort a list of articles (home, tags) by level: made here, since without this
  // script they would do nothing.
  (function levelControls() {
    var slot = document.querySelector(".dz-level-controls-slot");
    if (!slot || !document.querySelector(".md-content [data-dz-level]")) return;
    var form = el("form", "dz-level-controls");
    function select(name, text, options) {
      var wrapper = el("label", "", text + " ");
      var choice = el("select");
      choice.name = name;
      options.forEach(function (option) {
        var item = el("option", "", option[1]);
        item.value = option[0];
        choice.appendChild(item);
      });
      wrapper.appendChild(choice);
      form.appendChild(wrapper);
    }
    select("dz-level-filter", label("filter"), [["", label("all_levels")]].concat(
      [1, 2, 3, 4, 5, 6, 7].map(function (level) {
        return [String(level), label("up_to").replace("{label}", levelText(level))];
      })));
    select("dz-level-sort", label("sort"), ["newest", "easiest", "hardest"].map(function (key) {
      return [key, label(key)];
    }));
    slot.appendChild(form);
    var items = [];
    document.querySelectorAll(".md-content .dz-card, .md-content li").forEach(function (item, n) {
      var badge = item.querySelector("[data-dz-level]");
      var level = badge ? Number(badge.dataset.dzLevel) : 99;
      items.push({ node: item, parent: item.parentNode, level: level, order: n });
    });
    function apply() {
      var max = Number(form.elements["dz-level-filter"].value || 99);
      var sort = form.elements["dz-level-sort"].value;
      items.forEach(function (item) { item.node.hidden = item.level > max; });
      var ordered = items.slice().sort(function (a, b) {
        if (sort === "easiest" && a.level !== b.level) return a.level - b.level;
        if (sort === "hardest" && a.level !== b.level) return b.level - a.level;
        return a.order - b.order;
      });
      ordered.forEach(function (item) { item.parent.appendChild(item.node); });
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
})();
})();
