"""Write ../labels.yaml from the lexicon and the articles.

Run with /work/main/.venv/bin/python (needs opencc, pypinyin, PyYAML).  Every spelling of
every lexicon entry is looked for in each article (title and body), longest match first and
left to right, so 香港国安法 is one term and not 香港 + 国安法.  `--review` prints what a
person should read before trusting the result: the pinyin of every spelling, the context of
every short match, and entries no article uses.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import opencc
import yaml
from pypinyin import Style, pinyin

sys.path.insert(0, str(Path(__file__).parent))
import lexicon

HERE = Path(__file__).resolve().parent.parent
ARTICLES = HERE / "articles"
DOTS = "·‧"
FUNCTION_WORDS = {"及", "与", "與", "暨", "驻", "駐"}
CONVERTERS = [opencc.OpenCC(c) for c in ("s2t", "s2tw", "s2hk")]
VOWEL_START = re.compile(r"^[aoeāáǎàōóǒòēéěè]")
DATE = re.compile(r"^\s*(\d{4})年(\d{1,2})月(\d{1,2})日\s*$", re.M)


LATE_ADDITIONS = {46: "tw", 47: "hk"}


def source_of(name: str) -> str:
    n = int(name[:2])
    if n in LATE_ADDITIONS:
        return LATE_ADDITIONS[n]
    return "hans" if n <= 19 else "tw" if n <= 32 else "hk"


def syllables(text: str) -> list[str]:
    """One reading per character (non-Han characters stand for themselves)."""
    out = pinyin(text, style=Style.TONE, errors=lambda s: list(s))
    items = [x[0] for x in out]
    assert len(items) == len(text), (text, items)
    return items


def words_of(spec: str, kind: str) -> list[str]:
    words = spec.split()
    if kind == "person":
        words = [w for word in words for w in re.split(f"[{DOTS}]", word) if w]
    return words


def make_pinyin(spec: str, kind: str) -> str:
    proper = kind != "term" or spec.startswith("^")
    spec = spec.lstrip("^")
    words = words_of(spec, kind)
    flat = "".join(words)
    syl = syllables(flat)
    out, i = [], 0
    for w in words:
        parts = syl[i : i + len(w)]
        i += len(w)
        word = ""
        for j, (ch, s) in enumerate(zip(w, parts)):
            han = "\u4e00" <= ch <= "\u9fff" or ch in "崐"
            if han and j > 0 and word and word[-1].isalpha() and VOWEL_START.match(s):
                word += "'"
            word += s
        if w in FUNCTION_WORDS:
            pass
        elif proper and word[:1].isalpha():
            word = word[0].upper() + word[1:]
            word = re.sub(
                r"[-—]([a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜ])",
                lambda m: m.group(0)[0] + m.group(1).upper(),
                word,
            )
        out.append(word)
    return " ".join(out).replace("_", " ")


class Form:
    def __init__(self, zh, hans, en, kind, py):
        self.zh, self.hans, self.en, self.kind, self.pinyin = zh, hans, en, kind, py


def load_forms() -> dict[str, Form]:
    forms: dict[str, Form] = {}

    def add(zh: str, f: Form):
        if zh in forms and forms[zh].hans != f.hans:
            raise SystemExit(f"spelling {zh} belongs to {forms[zh].hans} and {f.hans}")
        forms.setdefault(zh, f)

    for entry in lexicon.ENTRIES:
        spec, en, kind, *rest = entry
        opts = rest[-1] if rest and isinstance(rest[-1], dict) else {}
        extras = [r for r in rest if isinstance(r, str)]
        hans = spec.lstrip("^").replace(" ", "").replace("_", " ")
        hpy = opts.get("py") or make_pinyin(spec, kind)
        add(hans, Form(hans, hans, en, kind, hpy))
        for conv in CONVERTERS:
            zh = conv.convert(hans)
            if zh != hans and len(zh) == len(hans):
                add(zh, Form(zh, hans, en, kind, hpy))
        for ex in extras:
            if "=" in ex:
                zh, py = ex.split("=", 1)
                zh = zh.replace(" ", "")
            else:
                zh = ex.replace(" ", "")
                py = make_pinyin(("^" if spec.startswith("^") else "") + ex, kind)
            add(zh, Form(zh, hans, en, kind, py))
    return forms


def scan(text: str, forms: dict[str, Form], maxlen: int) -> list[tuple[int, Form]]:
    hits, i = [], 0
    while i < len(text):
        for n in range(min(maxlen, len(text) - i), 0, -1):
            f = forms.get(text[i : i + n])
            if f:
                hits.append((i, f))
                i += n
                break
        else:
            i += 1
    return hits


def olympic_referent(article_no: int, hans: str) -> str | None:
    if hans in lexicon.FIXED_OLYMPIC_REFERENT:
        return lexicon.OLYMPIC_REFERENTS[lexicon.FIXED_OLYMPIC_REFERENT[hans]]
    if hans in ("冬奥", "冬奥会"):
        key = lexicon.BARE_OLYMPIC_ALIAS_BY_ARTICLE[article_no]
        return lexicon.OLYMPIC_REFERENTS[key]
    return None


def main(review: bool) -> None:
    forms = load_forms()
    maxlen = max(map(len, forms))
    articles, used = {}, {}
    for path in sorted(ARTICLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        m = DATE.search(text)
        date = f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
        hits = scan(text, forms, maxlen)
        terms, seen = [], set()
        for pos, f in hits:
            used.setdefault(f.hans, set()).add(path.name)
            if review and len(f.zh) <= 2:
                print(
                    f"CTX {path.name[:2]} {f.zh}: …{text[max(0, pos - 6) : pos + len(f.zh) + 6]}…".replace(
                        "\n", " "
                    )
                )
            if f.zh in seen:
                continue
            seen.add(f.zh)
            t = {"zh": f.zh, "hans": f.hans, "en": f.en, "kind": f.kind, "pinyin": f.pinyin}
            ref = olympic_referent(int(path.name[:2]), f.hans)
            if ref:
                t["refers_to"] = ref
            terms.append(t)
        articles[path.name] = {"date": date, "source": source_of(path.name), "terms": terms}

    lines = [
        "# Labelled evaluation set for duizhao's automatic glossary (see README.md).",
        "# zh: the spelling as it appears in the article; hans: the mainland Simplified spelling;",
        "# pinyin: tone marks, for the spelling as written.  Generated by tools/build_labels.py",
        "# from tools/lexicon.py and read against the articles by hand.",
        "articles:",
    ]
    for name, a in articles.items():
        lines.append(f"  {name}:")
        lines.append(f"    date: {a['date']}")
        lines.append(f"    source: {a['source']}")
        lines.append("    terms:")
        for t in a["terms"]:
            flow = yaml.safe_dump(
                t, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000
            ).strip()
            lines.append(f"      - {flow}")
    (HERE / "labels.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    if review:
        for zh, f in sorted(forms.items(), key=lambda kv: kv[1].hans):
            print(f"PY {f.kind[:3]} {zh}\t{f.pinyin}\t{f.en}")
        hans_all = {e[0].lstrip("^").replace(" ", "").replace("_", " ") for e in lexicon.ENTRIES}
        print("UNUSED", sorted(hans_all - set(used)))
    print(
        f"wrote labels.yaml: {len(articles)} articles, "
        f"{sum(len(a['terms']) for a in articles.values())} labels"
    )


if __name__ == "__main__":
    main("--review" in sys.argv)
