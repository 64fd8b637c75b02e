"""A synthetic corpus of N seeds made from the real ones, for benchmarks: deterministic by seed.

    python scripts/synthetic.py OUT_DIR N [--seed 1]

Each article takes 6 to 20 paragraphs drawn from the five real seeds' paragraphs (shuffled,
with the article's number in its first one so no two articles are the same text), a varied
title, date and source, in one of the five seed shapes (plain text, Markdown-ish text with
tags and links, the HTML-body shape, a whole saved page with its site around the article,
a JSON export: every other one a `.json` file, the rest lines of `exports.jsonl`). One in
five is written in Taiwan or Hong Kong Traditional, as a Taiwanese or Hong Kong outlet's
seed would be.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from duizhao import variants  # noqa: E402
from duizhao.ingest.seeds import parse_seed  # noqa: E402

# (site, path prefix) pairs named in data/publishers.yaml, so sources vary like real ones.
SITES = (
    "https://www.bbc.com/zhongwen/simp/world-",
    "https://www.voachinese.com/a/china-russia-",
    "https://www.rfa.org/mandarin/yataibaodao/",
    "https://theinitium.com/article/",
    "https://www.dw.com/zh/",
    "https://www.zaobao.com.sg/news/china/story",
)
AUTHORS = ("李明", "王芳", "张伟", "陈静", "刘洋", "杨帆")
TAGS = ("中俄关系", "乌克兰", "外交", "国际", "能源", "北约")
EPOCH_2020 = 1_577_836_800_000  # 2020-01-01 in milliseconds


def paragraph_pool() -> list[str]:
    """Every paragraph of the real seeds, in Simplified (Traditional sources converted)."""
    pool = []
    for path in sorted((ROOT / "seeds").iterdir()):
        article = parse_seed(path)
        for block in article.blocks:
            if block.kind == "paragraph" and len(block.plain) > 20:
                text = block.plain
                if article.script != "hans":
                    text = variants.convert(text, "zh-Hans", article.script)
                pool.append(text)
    return pool


def write_corpus(out: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    pool = paragraph_pool()
    out.mkdir(parents=True, exist_ok=True)
    written = []
    lines: list[str] = []  # the JSON Lines export
    for number in range(count):
        paragraphs = rng.sample(pool, k=min(len(pool), rng.randint(6, 20)))
        paragraphs[0] = f"（第{number}篇）{paragraphs[0]}"
        title = _title(paragraphs, number, rng)
        shape = number % 5
        suffix = ".txt"
        if shape == 0:
            text = _plain(title, paragraphs, rng)
        elif shape == 1:
            text = _markdown(title, paragraphs, rng)
        elif shape == 2:
            text = _html(title, paragraphs, number, rng)
        elif shape == 3:
            text, suffix = _page(title, paragraphs, number, rng), ".html"
        else:
            text, suffix = _export(title, paragraphs, number, rng), ".json"
        region = rng.random()
        if region < 0.1:
            text = variants.convert(text, "zh-TW")
        elif region < 0.2:
            text = variants.convert(text, "zh-HK")
        if suffix == ".json" and number % 10 == 9:
            lines.append(text)
            continue
        path = out / f"{number:05d}{suffix}"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    if lines:
        path = out / "exports.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _title(paragraphs: list[str], number: int, rng: random.Random) -> str:
    words = paragraphs[1][: rng.randint(8, 18)].rstrip("，。、；：")
    return f"{words}（{number}）"


def _plain(title: str, paragraphs: list[str], rng: random.Random) -> str:
    return f"{title}\n\n作者 | {rng.choice(AUTHORS)}\n\n" + "\n\n".join(paragraphs) + "\n"


def _markdown(title: str, paragraphs: list[str], rng: random.Random) -> str:
    body = list(paragraphs)
    link = f"[延伸阅读：{body[0][:10]}](https://example.org/{rng.randint(1, 9999)})"
    body.insert(len(body) // 2, link)
    tags = " ".join(f"[#{tag}](#)" for tag in rng.sample(TAGS, 2))
    return f"{title}\n\n" + "\n\n".join(body) + f"\n\n{tags}\n"


def _html(title: str, paragraphs: list[str], number: int, rng: random.Random) -> str:
    epoch = EPOCH_2020 + rng.randint(0, 5 * 365) * 86_400_000
    url = f"{rng.choice(SITES)}{number}"
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return f"<!--{epoch}-->\n[{title}]({url})\n------\n\n<main><article>{body}</article></main>\n"


def _page(title: str, paragraphs: list[str], number: int, rng: random.Random) -> str:
    """A whole saved page: head metadata, navigation, share bar, related rail, comments."""
    url = f"{rng.choice(SITES)}{number}"
    day = 1 + number % 28
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    rail = "".join(
        f'<li><a href="{rng.choice(SITES)}{number + n}">{html.escape(p[:16])}</a></li>'
        for n, p in enumerate(rng.sample(paragraphs, 3), 1)
    )
    return (
        '<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)} - 新闻网</title>"
        f'<meta property="og:title" content="{html.escape(title)}">'
        f'<meta property="article:published_time" content="2024-03-{day:02d}T08:00:00+08:00">'
        f'<link rel="canonical" href="{url}"><script>var tracking = 1;</script></head><body>'
        '<nav><a href="/">首页</a> | <a href="/world">国际</a></nav><main><article>'
        f"<h1>{html.escape(title)}</h1>"
        f'<div class="byline">记者 | {rng.choice(AUTHORS)}</div>'
        '<div class="share">分享到 微信 微博</div>'
        f"{body}</article>"
        f'<section class="related"><h2>相关文章</h2><ul>{rail}</ul></section>'
        '<section class="comments"><p>网友：写得好。</p></section></main>'
        "<footer>版权所有</footer></body></html>\n"
    )


def _export(title: str, paragraphs: list[str], number: int, rng: random.Random) -> str:
    """One article as a scraper's JSON export (one line: also a line of a .jsonl file)."""
    day = 1 + number % 28
    record = {
        "title": title,
        "url": f"{rng.choice(SITES)}{number}",
        "published": f"2024-04-{day:02d}T10:00:00+08:00",
        "author": rng.choice(AUTHORS),
        "html": "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs),
    }
    return json.dumps(record, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.count, args.seed)
    print(f"{len(paths)} seeds in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
