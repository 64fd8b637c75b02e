"""A synthetic corpus of N seeds made from the real ones, for benchmarks: deterministic by seed.

    python scripts/synthetic.py OUT_DIR N [--seed 1]

Each article takes 6 to 20 paragraphs drawn from the five real seeds' paragraphs (shuffled,
with the article's number in its first one so no two articles are the same text), a varied
title, date and source, in one of the three seed shapes (plain text, Markdown-ish text with
tags and links, the HTML page shape). One in five is written in Taiwan or Hong Kong
Traditional, as a Taiwanese or Hong Kong outlet's seed would be.
"""

from __future__ import annotations

import argparse
import html
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
    for number in range(count):
        paragraphs = rng.sample(pool, k=min(len(pool), rng.randint(6, 20)))
        paragraphs[0] = f"（第{number}篇）{paragraphs[0]}"
        title = _title(paragraphs, number, rng)
        shape = number % 3
        if shape == 0:
            text = _plain(title, paragraphs, rng)
        elif shape == 1:
            text = _markdown(title, paragraphs, rng)
        else:
            text = _html(title, paragraphs, number, rng)
        region = rng.random()
        if region < 0.1:
            text = variants.convert(text, "zh-TW")
        elif region < 0.2:
            text = variants.convert(text, "zh-HK")
        path = out / f"{number:05d}.txt"
        path.write_text(text, encoding="utf-8")
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
