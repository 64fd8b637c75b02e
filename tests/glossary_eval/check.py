"""Check the glossary evaluation set: articles/ and labels.yaml.

Run with /work/main/.venv/bin/python check.py (needs PyYAML).  Prints the counts and exits 1
with one line per problem if anything is wrong.
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "articles"
KINDS = {"person", "place", "organisation", "term"}
SOURCES = {"hans", "tw", "hk"}
HAN = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
NAME = re.compile(r"^\d{2}_[a-z0-9-]+\.txt$")
TONE = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
OLYMPIC_REFERENTS = {"2022 Beijing Winter Olympics", "2026 Milan–Cortina Winter Olympics"}

# Words that recur but must never be labelled (any script).
NOT_TERMS = {
    "高水平": ["高水平"],
    "美国政府": ["美国政府", "美國政府"],
    "中文": ["中文"],
    "记者": ["记者", "記者"],
    "表示": ["表示"],
    "今年": ["今年"],
}
# Hard cases the set must contain: hans -> spellings of which each must be labelled somewhere.
MUST_HAVE = {
    "李家超": ["李家超"],
    "国台办": ["国台办", "國台辦"],
    "一国两制": ["一国两制", "一國兩制"],
    "天文台": ["天文台"],
    "行政会议": ["行政會議"],
    "两岸": ["两岸", "兩岸"],
    "商务部": ["商务部"],
    "黎智英": ["黎智英"],
    "台湾": ["台湾", "臺灣", "台灣"],
    "普京": ["普京", "普丁", "普亭"],
    "横澜岛": ["横澜岛", "橫瀾島"],
    "液化天然气": ["液化天然气", "液化天然氣"],
    "冬奥": ["冬奥", "冬奧"],
    "伊力哈木·土赫提": ["伊力哈木·土赫提"],
    "努尔·白克力": ["努尔·白克力"],
}
PAIRS = ["北约（NATO）", "国际货币基金组织（IMF）", "乔·拜登（Joe Biden）"]

problems: list[str] = []


def problem(msg: str) -> None:
    problems.append(msg)


def parse_article(path: Path) -> tuple[str, date | None, str]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        problem(f"{path.name}: not UTF-8 ({e})")
        return "", None, ""
    if "\t" in text:
        problem(f"{path.name}: contains a tab")
    lines = [ln.strip() for ln in text.splitlines()]
    nonempty = [ln for ln in lines if ln]
    if not nonempty:
        problem(f"{path.name}: empty")
        return "", None, text
    title = nonempty[0]
    if len(title) > 60:
        problem(f"{path.name}: title is {len(title)} characters (> 60)")
    if DATE_LINE.match(title) or len(nonempty) < 3:
        problem(f"{path.name}: no title followed by paragraphs")
    dates = [DATE_LINE.match(ln) for ln in nonempty[1:4]]
    dates = [m for m in dates if m]
    when = None
    if not dates:
        problem(f"{path.name}: no date line (YYYY年M月D日) after the title")
    else:
        m = dates[0]
        try:
            when = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            problem(f"{path.name}: {m[0]} is not a real date")
        if when and not date(2020, 1, 1) <= when <= date(2026, 12, 31):
            problem(f"{path.name}: date {when} outside 2020–2026")
    body = "\n".join(nonempty[1:])
    n_han = len(HAN.findall(body))
    if not 350 <= n_han <= 900:
        problem(f"{path.name}: {n_han} Chinese characters in the body (want 350–900)")
    return title, when, text


def main() -> int:
    files = sorted(p for p in ARTICLES.glob("*") if p.is_file())
    texts: dict[str, str] = {}
    dates: dict[str, date | None] = {}
    for p in files:
        if not NAME.match(p.name):
            problem(f"{p.name}: file name is not NN_short-name.txt")
        _title, when, text = parse_article(p)
        texts[p.name], dates[p.name] = text, when

    labels = yaml.safe_load((HERE / "labels.yaml").read_text(encoding="utf-8"))
    arts = labels.get("articles") or {}
    for name in sorted(set(texts) - set(arts)):
        problem(f"{name}: no labels")
    for name in sorted(set(arts) - set(texts)):
        problem(f"labels.yaml: {name} has no article file")

    per_source: Counter = Counter()
    articles_of: dict[str, set[str]] = defaultdict(set)
    labelled_zh: dict[str, set[str]] = defaultdict(set)
    refers: dict[str, set[str]] = defaultdict(set)
    for name, a in arts.items():
        text = texts.get(name, "")
        src = a.get("source")
        if src not in SOURCES:
            problem(f"{name}: source {src!r} not one of {sorted(SOURCES)}")
        per_source[src] += 1
        d = a.get("date")
        if not isinstance(d, date):
            problem(f"{name}: date {d!r} is not a YYYY-MM-DD date")
        elif dates.get(name) and d != dates[name]:
            problem(f"{name}: labels say {d}, the article says {dates[name]}")
        terms = a.get("terms") or []
        if len(terms) < 5:
            problem(f"{name}: only {len(terms)} terms (want ≥ 5)")
        seen = set()
        for t in terms:
            zh = t.get("zh")
            for field in ("zh", "hans", "en", "kind", "pinyin"):
                if not t.get(field):
                    problem(f"{name}: term {zh!r} has no {field}")
            if t.get("kind") not in KINDS:
                problem(f"{name}: {zh}: kind {t.get('kind')!r} not one of {sorted(KINDS)}")
            if zh and zh not in text:
                problem(f"{name}: {zh} does not occur in the article")
            if zh in seen:
                problem(f"{name}: {zh} listed twice")
            seen.add(zh)
            if t.get("pinyin") and not TONE.search(t["pinyin"]):
                problem(f"{name}: {zh}: pinyin {t['pinyin']!r} has no tone mark")
            hans = t.get("hans")
            if hans:
                articles_of[hans].add(name)
                labelled_zh[hans].add(zh)
            if hans in ("冬奥", "冬奥会"):
                if t.get("refers_to") not in OLYMPIC_REFERENTS:
                    problem(f"{name}: {zh} needs refers_to (one of {sorted(OLYMPIC_REFERENTS)})")
                else:
                    refers[hans].add(t["refers_to"])
            for bad, spellings in NOT_TERMS.items():
                if zh in spellings or hans == bad:
                    problem(f"{name}: {zh} is labelled but must not be a term")

    # The set must exercise the hard cases.
    for hans, spellings in MUST_HAVE.items():
        for zh in spellings:
            if zh not in labelled_zh.get(hans, set()):
                problem(f"hard case {hans}: spelling {zh} is never labelled")
    if refers.get("冬奥", set()) | refers.get("冬奥会", set()) != OLYMPIC_REFERENTS:
        problem("冬奥 must be labelled referring to both the 2022 and the 2026 Games")
    for bad, spellings in NOT_TERMS.items():
        n = sum(any(s in t for s in spellings) for t in texts.values())
        if n < 2:
            problem(f"non-term {bad} occurs in {n} article(s); it should recur")
    every_text = "\n".join(texts.values())
    for pair in PAIRS:
        if pair not in every_text:
            problem(f"no article writes the pair {pair}")

    distinct = len(articles_of)
    recurring = sorted(
        (h for h, s in articles_of.items() if len(s) >= 2), key=lambda h: (-len(articles_of[h]), h)
    )
    print(f"articles: {len(texts)} files, {len(arts)} labelled")
    for src in ("hans", "tw", "hk"):
        print(f"  {src}: {per_source[src]}")
    print(f"labels: {sum(len(a.get('terms') or []) for a in arts.values())}")
    print(f"distinct terms (by hans): {distinct}")
    print(f"terms in 2+ articles: {len(recurring)}")
    kinds = Counter()
    for a in arts.values():
        for t in a.get("terms") or []:
            kinds[t.get("kind")] += 1
    print("labels by kind: " + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))
    print("most shared: " + ", ".join(f"{h} {len(articles_of[h])}" for h in recurring[:25]))
    if len(recurring) < 60:
        problem(f"only {len(recurring)} terms occur in 2+ articles (aim ≥ 60)")
    if len(texts) < 44:
        problem(f"only {len(texts)} articles (want ≥ 44)")

    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
