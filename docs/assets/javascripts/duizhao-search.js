// duizhao: the search box (overrides/partials/search.html), with Pagefind's JavaScript API.
//
// Pagefind's index holds what each page of the reader's variant says. Before searching, the
// query is read against the variant's query dictionary (duizhao/site/search_terms.py): a
// glossary term typed in any script, region, pinyin or English becomes the forms this
// variant writes (普京 → 普丁 on zh-TW, "xi jinping" → 习近平), the rest of the query
// follows the page's script character by character (视频峰会 → 視像峰會 on zh-HK), and each
// Chinese run is searched as an exact phrase (unquoted, Pagefind matches each character
// anywhere). Each part of the query is searched in every form it may take (union); the
// parts together narrow the results (intersection). A result says which glossary term
// matched, and opening it marks the matched words on the page (`?dz-hl=`).
// Everything comes from the site itself: no request leaves it, and it works offline.
(() => {
  "use strict";

  const HAN = /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
  const TOKEN = /(\p{Script=Han})|([^\s\p{P}\p{S}\p{Script=Han}]+)/gu;
  const NAME_DOTS = /^[\u00b7\u30fb\u2027\u2022]+$/u;
  const HIGHLIGHT = "dz-hl";
  const PAGE_SIZE = 10;
  const LONGEST_KEY = 12; // tokens: the longest name a reader types

  // The dictionary's key rule: duizhao.site.search_terms.key, the same steps.
  function key(text) {
    let folded = text.normalize("NFKC").toLowerCase().normalize("NFD");
    folded = folded.replace(/[\u0300-\u036f]/g, "").normalize("NFC");
    if (!HAN.test(folded)) folded = folded.replace(/[0-9]/g, "");
    return folded.replace(/[^\p{L}\p{N}]/gu, "");
  }

  function unique(items) {
    return [...new Set(items.filter(Boolean))];
  }

  // --- highlighting the words a result matched, on the page it opens -------------------

  function highlightFromUrl() {
    const words = unique(new URLSearchParams(location.search).getAll(HIGHLIGHT))
      .sort((a, b) => b.length - a.length);
    const root = document.querySelector("[data-pagefind-body]");
    if (!words.length || !root) return;
    const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    const pattern = new RegExp(escaped.join("|"), "giu");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        const parent = node.parentElement;
        if (!parent || parent.closest("[data-pagefind-ignore], script, style, mark, .headerlink")) {
          return NodeFilter.FILTER_REJECT;
        }
        pattern.lastIndex = 0;
        return pattern.test(node.data) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      },
    });
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    let first = null;
    for (const node of nodes) {
      const parts = document.createDocumentFragment();
      let last = 0;
      pattern.lastIndex = 0;
      for (const match of node.data.matchAll(pattern)) {
        parts.append(node.data.slice(last, match.index));
        const mark = document.createElement("mark");
        mark.className = "dz-search-hit";
        mark.textContent = match[0];
        parts.append(mark);
        first = first || mark;
        last = match.index + match[0].length;
      }
      parts.append(node.data.slice(last));
      node.replaceWith(parts);
    }
    if (first && !location.hash) first.scrollIntoView({ block: "center" });
  }

  // --- the search box ----------------------------------------------------------------------

  function start(box) {
    const toggle = document.getElementById("__search");
    const input = box.querySelector(".md-search__input");
    const form = box.querySelector(".md-search__form");
    const status = box.querySelector(".md-search-result__meta");
    const list = box.querySelector(".md-search-result__list");
    const more = box.querySelector(".dz-search__more");
    const everywhere = box.querySelector(".dz-search__everywhere");
    const filterBox = box.querySelector(".dz-search__filters");
    const selects = [...box.querySelectorAll("[data-dz-filter]")];
    const html = document.documentElement;
    // The box speaks the page's script variant, or English in the English reading mode
    // (a class on <html>, which duizhao.js changes when the reader switches).
    const strings = { zh: JSON.parse(box.dataset.dzStrings), en: JSON.parse(box.dataset.dzStringsEn) };
    const english = () => html.classList.contains("dz-mode-en");
    const say = (name) => strings[english() ? "en" : "zh"][name];
    // The page's own language: the English mode sets <html lang="en"> and keeps it here.
    const pageLanguage = () => html.dataset.dzLang || html.lang;
    const root = new URL(box.dataset.dzRoot, location.href);
    const termsUrl = new URL(box.dataset.dzTerms, root);
    const bundleUrl = new URL(box.dataset.dzBundle, root);
    const bundlesUrl = new URL(box.dataset.dzBundles, root);
    const shards = Number(box.dataset.dzShards) || 1;
    const shardCache = new Map();
    let pagefindReady = null;
    let bundles = { merge: [], pages: [] }; // the first bundle's list of the others
    let searched = 1; // bundles merged into the search so far
    let widening = Promise.resolve();
    let mergeOptions = {};
    let filtersShown = false;
    let latest = 0;
    let shown = [];
    let timer = 0;

    // A large variant's index comes in bundles (duizhao.site.search), the newest articles
    // in the first, which names the others. Each bundle searched costs a query its
    // metadata and index chunks, so a query searches the first alone and `widen`s (merges
    // the next into it) only while its results do not fill the list, or when the reader
    // asks for more or for every article.
    function pagefind() {
      pagefindReady = pagefindReady || (async () => {
        const options = { baseUrl: root.pathname, excerptLength: 24 };
        const [api, listed] = await Promise.all([
          import(new URL("pagefind.js", bundleUrl).href),
          fetch(bundlesUrl).then((response) => {
            if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
            return response.json();
          }),
        ]);
        await api.options(options);
        // Pagefind takes the index's language from <html lang>, which the English mode sets
        // to "en" (duizhao.js keeps the page's own in data-dz-lang): with "en" it would cut
        // a Chinese query as English. Its init reads the attribute at once, so the page's
        // language is put back only for that call.
        const shownLanguage = html.lang;
        const language = pageLanguage().toLowerCase();
        html.lang = language;
        const started = api.init();
        html.lang = shownLanguage;
        await started;
        bundles = { merge: listed.merge || [], pages: listed.pages || [] };
        mergeOptions = { ...options, language };
        return api;
      })();
      return pagefindReady;
    }

    function complete() {
      return searched > bundles.merge.length;
    }

    // Merge the next bundle (one at a time, however many searches ask at once).
    function widen(api) {
      widening = widening.then(async () => {
        if (complete()) return;
        await api.mergeIndex(new URL(bundles.merge[searched - 1], bundleUrl).pathname, mergeOptions);
        searched += 1;
      });
      return widening;
    }

    // The number of articles in the bundles searched, and in all of them.
    function articlesIn(count) {
      return bundles.pages.slice(0, count).reduce((sum, n) => sum + n, 0);
    }

    function shard(number) {
      if (!shardCache.has(number)) shardCache.set(number, fetchShard(number));
      return shardCache.get(number);
    }

    async function fetchShard(number) {
      const response = await fetch(new URL(`terms-${number}.dzterms`, termsUrl));
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      let bytes = new Uint8Array(await response.arrayBuffer());
      if (bytes[0] === 0x1f && bytes[1] === 0x8b) { // gzip, unless the host unpacked it
        const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
        bytes = new Uint8Array(await new Response(stream).arrayBuffer());
      }
      return JSON.parse(new TextDecoder().decode(bytes));
    }

    // duizhao.site.search_terms.shard_of: FNV-1a over the first two code points (three
    // for a key of letters).
    function shardOf(text) {
      let value = 2166136261;
      for (const char of [...text].slice(0, HAN.test(text[0]) ? 2 : 3)) value = Math.imul(value ^ char.codePointAt(0), 16777619) >>> 0;
      return value % shards;
    }

    function tokens(query) {
      const found = [];
      let last = 0;
      const normalized = query.normalize("NFKC");
      for (const match of normalized.matchAll(TOKEN)) {
        const text = match[0];
        const between = normalized.slice(last, match.index);
        found.push({
          text, han: Boolean(match[1]), key: key(text),
          // A name dot (弗拉基米尔·普京) joins; a space or other punctuation separates.
          gap: found.length > 0 && between !== "" && !NAME_DOTS.test(between),
          start: match.index, end: match.index + text.length,
        });
        last = match.index + text.length;
      }
      return found.filter((token) => token.key);
    }

    // The query as units, each searched in all its forms: a glossary term, a run of other
    // Chinese characters (converted to this variant, and as typed), or another word.
    async function plan(query) {
      const text = query.normalize("NFKC");
      const found = tokens(query);
      const spanKeys = (i) => {
        const keys = [];
        for (let j = i + 1; j <= Math.min(found.length, i + LONGEST_KEY); j++) {
          keys.push(found.slice(i, j).map((t) => t.key).join(""));
        }
        return keys;
      };
      // Every shard a key starting at any token may be in (keys of one start share at most
      // two different first-two-character prefixes).
      const numbers = unique(found.flatMap((_, i) => spanKeys(i).map((k) => String(shardOf(k)))));
      const loaded = new Map();
      await Promise.all(numbers.map(async (n) => loaded.set(Number(n), await shard(Number(n)))));
      const lookup = (k) => {
        const part = loaded.get(shardOf(k));
        const refs = part && Object.prototype.hasOwnProperty.call(part.k, k) ? part.k[k] : null;
        return refs ? refs.map((i) => part.e[i]) : null;
      };
      const units = [];
      let run = null;
      const flush = () => {
        if (run) units.push({ kind: "phrase", typed: run.typed, forms: unique([run.converted, run.typed]) });
        run = null;
      };
      for (let i = 0; i < found.length;) {
        const first = found[i];
        let best = null;
        for (let j = Math.min(found.length, i + LONGEST_KEY); j > i && !best; j--) {
          const span = found.slice(i, j);
          if (span.some((t) => t.han !== first.han) || (first.han && span.slice(1).some((t) => t.gap))) continue;
          const entries = lookup(span.map((t) => t.key).join(""));
          if (entries) best = { j, entries, typed: text.slice(first.start, found[j - 1].end) };
        }
        const terms = best ? best.entries.filter((entry) => entry[0]) : [];
        if (terms.length) {
          flush();
          // Searched: each term's token (every article that uses it), its usual form here
          // (the excerpt marks it) and what was typed. Pages do not say pinyin, so typed
          // pinyin is not searched as it is; typed English is (the English beside the
          // Chinese may say Putin where 普京 is not). Other spellings (aliases) cost index
          // chunks and add no article the token does not find.
          const forms = terms.map((entry) => entry[4][0]);
          const termTokens = terms.map((entry) => entry[5]);
          const pinyin = terms.some((entry) => key(entry[2]) === key(best.typed));
          units.push({ kind: "term", typed: best.typed, terms, tokens: termTokens,
                       forms: unique([...forms, pinyin ? "" : best.typed, ...termTokens]) });
          i = best.j;
        } else if (first.han) {
          if (!run || first.gap) { flush(); run = { typed: "", converted: "" }; }
          run.typed += best ? best.typed : first.text;
          run.converted += best ? best.entries[0][4][0] : first.text;
          i = best ? best.j : i + 1;
        } else {
          flush();
          units.push({ kind: "word", typed: first.text, forms: [first.text] });
          i += 1;
        }
      }
      flush();
      return units;
    }

    // The English mode's lists offer the English names, a filter of their own (`tag_en`);
    // a site built before it had them keeps the Chinese one (`dzKey`: the one listed).
    function filterKey(select) {
      return select.dataset.dzKey || select.dataset.dzFilter;
    }

    function chosenFilters() {
      const chosen = {};
      for (const select of selects) if (select.value) chosen[filterKey(select)] = select.value;
      return chosen;
    }

    async function searchUnit(api, unit, filters) {
      const hits = new Map();
      const lists = await Promise.all(unit.forms.map(async (form) => {
        // Exact phrases (unquoted, Pagefind matches each character anywhere); a word the
        // dictionary does not know stays a plain search, which also finds words it begins.
        const query = unit.kind === "word" || (unit.tokens || []).includes(form) ? form : `"${form}"`;
        const found = await api.search(query, { filters });
        return found ? found.results.map((result) => ({ result, form })) : [];
      }));
      // A page found by its words shows them in its excerpt; one found by a term's token
      // alone (its text cut the term apart) shows Pagefind's default excerpt.
      const tokens = unit.tokens || [];
      for (const { result, form } of lists.flat()) {
        const hit = hits.get(result.id);
        const byWords = !tokens.includes(form);
        if (!hit) hits.set(result.id, { result, score: result.score, forms: [form], byWords });
        else {
          hit.forms.push(form);
          if ((byWords && !hit.byWords) || (byWords === hit.byWords && result.score > hit.score)) {
            Object.assign(hit, { result, byWords });
          }
          hit.score = Math.max(hit.score, result.score);
        }
      }
      return hits;
    }

    // The results for `query`, from as many bundles (newest first) as it takes to find
    // `wanted` of them, or from all.
    async function search(query, wanted = Infinity) {
      const api = await pagefind();
      for (;;) {
        const entries = await searchSearched(api, query);
        if (entries === null || entries.length >= wanted || complete()) return entries;
        await widen(api);
      }
    }

    async function searchSearched(api, query) {
      const filters = chosenFilters();
      const units = query.trim() ? await plan(query) : [];
      if (!units.length) {
        if (!Object.keys(filters).length) return null;
        const found = await api.search(null, { filters });
        return found.results.map((result) => ({ result, score: 0, hits: [] }));
      }
      let merged = null;
      for (const unit of units) {
        const hits = await searchUnit(api, unit, filters);
        if (merged === null) {
          merged = new Map([...hits].map(([id, hit]) => [id, { result: hit.result, score: hit.score, hits: [{ unit, ...hit }] }]));
          continue;
        }
        for (const [id, entry] of merged) {
          const hit = hits.get(id);
          if (!hit) merged.delete(id);
          else { entry.score += hit.score; entry.hits.push({ unit, ...hit }); }
        }
      }
      return [...merged.values()].sort((a, b) => b.score - a.score);
    }

    function formatDate(iso) {
      const parts = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
      if (!parts) return "";
      const month = new Date(Date.UTC(2000, Number(parts[2]) - 1, 1))
        .toLocaleString("en", { month: "long", timeZone: "UTC" });
      return say("date").replace("{y}", parts[1]).replace("{m}", Number(parts[2]))
        .replace("{month}", month).replace("{d}", Number(parts[3]));
    }

    function excerptInto(element, excerpt) {
      // Pagefind's excerpt is HTML with <mark>s: only its text and marks are kept, and
      // the marks of one word's characters (<mark>普</mark><mark>丁</mark>) become one.
      const parsed = new DOMParser().parseFromString(`<body>${excerpt}</body>`, "text/html");
      for (const node of parsed.body.childNodes) {
        const text = node.textContent.replace(/\u200b/g, "");
        if (node.nodeName !== "MARK") {
          if (text) element.append(text);
        } else if (element.lastChild && element.lastChild.nodeName === "MARK") {
          element.lastChild.textContent += text;
        } else {
          const mark = document.createElement("mark");
          mark.textContent = text;
          element.append(mark);
        }
      }
    }

    // The glossary terms a result matched: [the term as this variant writes it, its pinyin
    // and English].
    function matchedTerms(entry) {
      const terms = new Map();
      for (const hit of entry.hits) {
        if (hit.unit.kind !== "term") continue;
        for (const term of hit.unit.terms) {
          if ([...term[4], term[5], hit.unit.typed].some((form) => hit.forms.includes(form))) {
            terms.set(term[0], [term[1], unique([term[2], term[3]]).join(" · ")]);
          }
        }
      }
      return [...terms.values()];
    }

    // The line as text (for duizhaoSearch), punctuated for the mode's language.
    function matchedLine(entry) {
      const terms = matchedTerms(entry);
      if (!terms.length) return "";
      if (english()) return `${say("matched")}: ${terms.map(([term, gloss]) => `${term} (${gloss})`).join("; ")}`;
      return `${say("matched")}：${terms.map(([term, gloss]) => `${term}（${gloss}）`).join("；")}`;
    }

    // Text into an element; in the English mode, Chinese in it is marked as the page's
    // language (a title without English, a publisher's Chinese name, an excerpt, a term).
    function chinese(text) {
      const span = document.createElement("span");
      span.textContent = text;
      if (english() && HAN.test(text)) span.lang = pageLanguage();
      return span;
    }

    // The words a hit found on the page: its forms, and a term's forms for its token.
    function wordsOf(hit) {
      return hit.forms.flatMap((form) => {
        const term = (hit.unit.terms || []).find((entry) => entry[5] === form);
        return term ? term[4] : [form];
      });
    }

    function link(url, entry) {
      const target = new URL(url, location.href);
      const words = unique(entry.hits.flatMap(wordsOf));
      for (const word of words) target.searchParams.append(HIGHLIGHT, word);
      return target.href;
    }

    // Results a page of the list shows (`data-dz-page-size` may ask for fewer: the tests).
    function pageSize() {
      return Number(box.dataset.dzPageSize) || PAGE_SIZE;
    }

    async function render(entries, from) {
      const page = entries.slice(from, from + pageSize());
      const datas = await Promise.all(page.map((entry) => {
        const excerptHit = entry.hits.find((hit) => hit.unit.kind !== "word") || entry.hits[0];
        return (excerptHit ? excerptHit.result : entry.result).data();
      }));
      const items = page.map((entry, n) => {
        const data = datas[n];
        const item = document.createElement("li");
        item.className = "md-search-result__item";
        const anchor = document.createElement("a");
        anchor.className = "md-search-result__link";
        anchor.href = link(data.url, entry);
        const article = document.createElement("article");
        article.className = "md-search-result__article md-typeset";
        const inEnglish = english();
        const title = document.createElement("h1");
        title.append(chinese((inEnglish && data.meta.title_en) || data.meta.title || data.url));
        const details = document.createElement("p");
        details.className = "dz-search__details";
        const source = (inEnglish && data.meta.source_en) || data.meta.source;
        const date = formatDate(data.meta.date);
        if (source) details.append(chinese(source));
        if (source && date) details.append(" · ");
        if (date) details.append(date);
        const excerpt = document.createElement("p");
        excerpt.className = "dz-search__excerpt";
        if (inEnglish) excerpt.lang = pageLanguage();
        excerptInto(excerpt, data.excerpt || "");
        article.append(title, details, excerpt);
        const terms = matchedTerms(entry);
        if (terms.length) {
          const line = document.createElement("p");
          line.className = "dz-search__matched";
          if (!inEnglish) line.textContent = matchedLine(entry);
          else {
            line.append(`${say("matched")}: `);
            terms.forEach(([term, gloss], n) => {
              line.append(...(n ? ["; "] : []), chinese(term), ` (${gloss})`);
            });
          }
          article.append(line);
        }
        anchor.append(article);
        item.append(anchor);
        return item;
      });
      list.append(...items);
      more.hidden = entries.length <= from + pageSize() && complete();
    }

    // How many were found, and where: in every article, or in the newest ones only (with
    // the way to search them all).
    function tell(entries) {
      const count = entries.length.toLocaleString("en");
      status.textContent = !entries.length ? say("none")
        : !complete() ? say("partial").replace("{n}", count).replace("{m}", articlesIn(searched).toLocaleString("en"))
        : entries.length === 1 ? say("one") : say("many").replace("{n}", count);
      everywhere.hidden = complete();
      everywhere.textContent = say("everywhere").replace("{total}", articlesIn(bundles.pages.length).toLocaleString("en"));
    }

    async function showFilters() {
      if (filtersShown) return;
      filtersShown = true;
      const api = await pagefind();
      while (!complete()) await widen(api); // the lists count every article
      const all = await api.filters();
      for (const select of selects) {
        const name = select.dataset.dzFilter;
        const key = english() && Object.keys(all[`${name}_en`] || {}).length ? `${name}_en` : name;
        select.dataset.dzKey = key;
        const counts = all[key] || {};
        const names = Object.keys(counts).sort((a, b) => counts[b] - counts[a] || a.localeCompare(b));
        for (const name of names) select.append(new Option(`${name} (${counts[name]})`, name));
      }
    }

    async function update(wanted = 0) {
      const mine = ++latest;
      const query = input.value;
      const began = performance.now();
      try {
        if (!pagefindReady) status.textContent = say("loading");
        const entries = await search(query, wanted || pageSize());
        if (mine !== latest) return;
        list.replaceChildren();
        shown = entries || [];
        if (entries === null) {
          status.textContent = say("start");
          more.hidden = everywhere.hidden = true;
          box.dataset.dzSearched = query;
          return;
        }
        tell(entries);
        await render(entries, 0);
        box.dataset.dzSearchMs = Math.round(performance.now() - began);
        box.dataset.dzSearched = query; // done: for scripts (and tests) waiting on results
      } catch (error) {
        if (mine === latest) {
          status.textContent = say("failed").replace("{reason}", error.message || error);
          box.dataset.dzSearched = query;
        }
      }
    }

    function open() {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
      input.focus();
      input.select();
    }

    function close() {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
      input.blur();
    }

    // The box's own words, in the mode's language; results shown are made again in it, and
    // the filters' lists, which name other things in each (a chosen filter is let go).
    function relabel() {
      box.setAttribute("aria-label", say("search"));
      box.querySelector(".md-search__options").setAttribute("aria-label", say("search"));
      input.placeholder = say("placeholder");
      input.setAttribute("aria-label", say("search"));
      const reset = box.querySelector("button[type=reset]");
      reset.title = say("clear");
      reset.setAttribute("aria-label", say("clear"));
      filterBox.querySelector("summary").textContent = say("filters");
      for (const select of selects) {
        select.parentElement.firstChild.textContent = `${say(select.dataset.dzFilter)} `;
        select.replaceChildren(new Option(say("all"), ""));
        delete select.dataset.dzKey;
      }
      filtersShown = false;
      if (filterBox.open) showFilters().catch(() => {});
      more.textContent = say("more");
      if (box.dataset.dzSearched === undefined) status.textContent = say("start");
      else update();
    }

    let wasEnglish = english();
    if (wasEnglish) relabel();
    new MutationObserver(() => {
      if (english() === wasEnglish) return;
      wasEnglish = english();
      relabel();
    }).observe(html, { attributes: true, attributeFilter: ["class"] });

    input.addEventListener("focus", () => {
      if (!toggle.checked) { toggle.checked = true; toggle.dispatchEvent(new Event("change")); }
    });
    // The filters' lists cost a download: made when the reader opens them.
    filterBox.addEventListener("toggle", () => { if (filterBox.open) showFilters().catch(() => {}); });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => update(), 120);
    });
    for (const select of selects) select.addEventListener("change", () => update());
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const first = list.querySelector("a");
      if (first) location.href = first.href;
    });
    form.addEventListener("reset", () => setTimeout(() => { input.focus(); update(); }));
    // More results: those found, then (when they run out) the next bundles', after them.
    more.addEventListener("click", async () => {
      const from = list.children.length;
      const mine = latest;
      if (shown.length < from + pageSize() && !complete()) {
        const entries = (await search(input.value, from + pageSize())) || [];
        if (mine !== latest) return;
        const had = new Set(shown.map((entry) => entry.result.id));
        shown = [...shown, ...entries.filter((entry) => !had.has(entry.result.id))];
        tell(shown);
      }
      await render(shown, from);
    });
    // Every article searched; the button goes, so the focus goes to the first result.
    everywhere.addEventListener("click", async () => {
      await update(Infinity);
      (list.querySelector("a") || input).focus();
    });

    // The same search for other scripts (and the tests): URLs and matched terms, best first.
    window.duizhaoSearch = async (query, filters = {}) => {
      for (const select of selects) select.value = filters[select.dataset.dzFilter] || "";
      const entries = (await search(query, Infinity)) || [];
      const datas = await Promise.all(entries.map((entry) => entry.result.data()));
      return entries.map((entry, n) => ({ url: datas[n].url, matched: matchedLine(entry) }));
    };

    document.addEventListener("keydown", (event) => {
      if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
      const target = event.target;
      const typing = target.isContentEditable
        || (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) && !/^(checkbox|radio)$/.test(target.type));
      if (!typing && ["/", "s", "S", "f", "F"].includes(event.key)) {
        event.preventDefault();
        open();
      } else if (toggle.checked && event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (toggle.checked && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
        const links = [input, ...list.querySelectorAll("a")];
        const now = links.indexOf(document.activeElement);
        if (now < 0 && target !== input) return;
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        links[Math.max(0, Math.min(links.length - 1, now + step))].focus();
      }
    });
  }

  function ready() {
    highlightFromUrl();
    const box = document.querySelector("[data-dz-search]");
    if (box) start(box);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
