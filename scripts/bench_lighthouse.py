"""Lighthouse (mobile) on an article and on the glossary, for BENCHMARKS.md (issue 14).

    python scripts/bench_lighthouse.py [--site DIR] [--runs 3] [--write] [--keep DIR]

Builds the site from seeds/ (a strict build in a throwaway project, as the tests build it)
unless --site names a built one, serves it on 127.0.0.1 with each page's own
Content-Security-Policy sent as a header (the tests' server, tests/test_search_browser.py),
and runs Lighthouse (tools/lighthouse, `npm ci --ignore-scripts` there once) with its default
mobile preset: simulated slow 4G and a 4x slower CPU, headless Chromium. Each page is measured
`--runs` times, runs of different pages interleaved so that a change in the machine's load
falls on all of them; a figure is the median of its runs.

Each page is served twice: "plain", Python's http.server as it is (no compression), and
"gzip", the same with HTML, CSS, JavaScript, JSON, SVG and XML gzipped, as a static host
(GitHub Pages) sends them. Lighthouse's simulated network is slow enough that compression
alone moves the performance score; the two rows separate the site from the server.

Prints a Markdown section: the table (scores, FCP, LCP, TBT, CLS, and the first paint the
unthrottled load showed, from which Lighthouse simulates FCP and LCP), every audit that failed in
accessibility, best practices or SEO, the top performance opportunities and diagnostics by
estimated savings, and the load average. `--write` puts it in BENCHMARKS.md between
`<!-- lighthouse:start -->` and `<!-- lighthouse:end -->` (at the end of the file the first
time: below scripts/bench.py's hand-written marker, so its reruns keep it). The analysis
written by people goes below the end marker and is kept.

Lighthouse's figures depend on the machine (its CPU benchmark index is in the section):
compare runs of one machine only. Not part of the tests.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

# The tests' server: each page's own policy (the <meta> the build writes) as a header too.
from test_search_browser import (  # type: ignore[import-not-found]  # noqa: E402
    _PolicyHeaderHandler,
    serve_with_policy,
)

RESULTS = ROOT / "BENCHMARKS.md"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
DEFAULT_SLOWDOWN = 4.0  # Lighthouse's mobile preset
# Lighthouse's docs/throttling.md ("Calibrating the CPU slowdown"): the 4x default takes a
# high-end desktop (benchmark index 1,500-2,000) to a mid-tier phone; from a low-end desktop
# (1,000-1,500) its table gives 2x (1-5), and from the low end of that bracket a lower one.
CALIBRATION = (
    "calibrated for this host as Lighthouse's docs/throttling.md advises: 4× is meant for a "
    "high-end desktop (benchmark index 1,500–2,000); a host between the table's high-end phone "
    "(800–1,200) and low-end desktop (1,000–1,500), as this one is (below), is taken to a "
    "mid-tier phone by 2× (1–5) from either"
)
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
# A BBC article (zh-Hans, and zh-TW converted from it) and the glossary, the largest page.
PAGES = (
    "zh-hans/articles/002-432d27decd9e6001/",
    "zh-tw/articles/002-432d27decd9e6001/",
    "zh-hans/glossary/",
)
SERVERS = ("plain", "gzip")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = {  # Lighthouse audit -> column, unit
    "first-contentful-paint": ("FCP", "s"),
    "largest-contentful-paint": ("LCP", "s"),
    "total-blocking-time": ("TBT", "ms"),
    "cumulative-layout-shift": ("CLS", ""),
    "speed-index": ("SI", "s"),
}
TIMED = ("FCP", "LCP", "TBT", "INP")  # metric savings in milliseconds (CLS is not)
COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"})
TOP = 3

Run = dict[str, Any]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build seeds/ now)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page and server (3)")
    parser.add_argument("--page", action="append", help="a page below the site (repeatable)")
    parser.add_argument("--server", choices=(*SERVERS, "both"), default="both")
    parser.add_argument("--lighthouse", type=Path, default=LIGHTHOUSE)
    parser.add_argument("--chrome", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--keep", type=Path, help="keep every Lighthouse JSON report here")
    parser.add_argument("--write", action="store_true", help="write the section to BENCHMARKS.md")
    parser.add_argument(
        "--cpu-slowdown",
        type=float,
        default=DEFAULT_SLOWDOWN,
        help="Lighthouse's CPU multiplier (4, its default; see CALIBRATION for another one); "
        "a run with another one is written to a section of its own",
    )
    args = parser.parse_args(argv)
    if not args.lighthouse.exists():
        print(
            f"no Lighthouse at {args.lighthouse}: cd tools/lighthouse && npm ci --ignore-scripts",
            file=sys.stderr,
        )
        return 2
    pages = tuple(args.page or PAGES)
    servers = SERVERS if args.server == "both" else (args.server,)
    load_start = os.getloadavg()
    cpu_start = cpu_times()
    with tempfile.TemporaryDirectory(prefix="duizhao-lighthouse-") as work:
        site = args.site or build(Path(work))
        for page in pages:
            if not (site / page / "index.html").is_file():
                print(f"no page {page} in {site}", file=sys.stderr)
                return 2
        keep = args.keep or Path(work) / "reports"
        keep.mkdir(parents=True, exist_ok=True)
        runs = measure(
            site, pages, servers, args.runs, args.lighthouse, args.chrome, keep, args.cpu_slowdown
        )
    section = render(
        runs,
        pages,
        servers,
        load_start,
        os.getloadavg(),
        args.chrome,
        args.cpu_slowdown,
        stolen(cpu_start, cpu_times()),
    )
    print(section)
    if args.write:
        write(section, RESULTS, args.cpu_slowdown)
    return 0 if all("error" not in run for run in runs) else 1


# --- building and serving --------------------------------------------------------------------


def build(work: Path) -> Path:
    """seeds/ converted and built strictly, in a throwaway project as the tests make it."""
    from conftest import SEEDS, make_project, strict_build  # type: ignore[import-not-found]

    project = make_project(work / "project")
    print("building the site from seeds/ …", file=sys.stderr, flush=True)
    result = strict_build(project, SEEDS)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout}\n{result.stderr}")
    return Path(project / "site")


class _Gzipped(_PolicyHeaderHandler):  # type: ignore[misc]
    """The tests' handler, sending text gzipped when the browser asks, as a static host does."""

    def send_head(self) -> Any:
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # the redirect to the folder
            path = path / "index.html"
        if path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        data = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()  # the policy header, from the tests' handler
        return io.BytesIO(data)


def serve_gzipped(folder: Path) -> contextlib.AbstractContextManager[str]:
    return serve_with_policy(folder, _Gzipped)  # type: ignore[no-any-return]


# --- Lighthouse ----------------------------------------------------------------------------


def measure(
    site: Path,
    pages: tuple[str, ...],
    servers: tuple[str, ...],
    count: int,
    lighthouse: Path,
    chrome: str,
    keep: Path,
    slowdown: float = DEFAULT_SLOWDOWN,
) -> list[Run]:
    runs: list[Run] = []
    with contextlib.ExitStack() as stack:
        bases = {
            "plain": stack.enter_context(serve_with_policy(site)),
            "gzip": stack.enter_context(serve_gzipped(site)),
        }
        for number in range(1, count + 1):
            for page in pages:
                for server in servers:
                    out = keep / f"{page.strip('/').replace('/', '_')}-{server}-{number}.json"
                    print(f"run {number}/{count}: {page} ({server})", file=sys.stderr, flush=True)
                    load = round(os.getloadavg()[0], 2)
                    run = lighthouse_run(bases[server] + page, out, lighthouse, chrome, slowdown)
                    runs.append(
                        {"page": page, "server": server, "run": number, "load": load, **run}
                    )
    return runs


def lighthouse_run(
    url: str, out: Path, lighthouse: Path, chrome: str, slowdown: float = DEFAULT_SLOWDOWN
) -> Run:
    command = [
        str(lighthouse),
        url,
        f"--throttling.cpuSlowdownMultiplier={slowdown:g}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
        "--output=json",
        f"--output-path={out}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chrome}
    started = time.monotonic()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    except subprocess.TimeoutExpired:
        return {"error": "Lighthouse ran over 600 s"}
    if done.returncode != 0 or not out.is_file():
        return {"error": (done.stderr.strip().splitlines() or ["no report"])[-1]}
    return summarise(json.loads(out.read_text(encoding="utf-8")), time.monotonic() - started)


def summarise(report: dict[str, Any], seconds: float) -> Run:
    """What the section needs from one Lighthouse report."""
    audits: dict[str, Any] = report["audits"]
    run: Run = {"seconds": round(seconds, 1)}
    if report.get("runtimeError"):
        run["error"] = report["runtimeError"].get("message", "runtime error")
        return run
    run["scores"] = {
        name: None if cat["score"] is None else round(cat["score"] * 100)
        for name, cat in report["categories"].items()
    }
    run["metrics"] = {
        column: audits[audit].get("numericValue")
        for audit, (column, _) in METRICS.items()
        if audits.get(audit, {}).get("numericValue") is not None
    }
    # What the unthrottled load showed: Lantern simulates FCP and LCP from the requests and
    # the work that came before the first paint it observed, so a late paint costs twice.
    observed = ((audits.get("metrics") or {}).get("details") or {}).get("items") or [{}]
    for column, key in (
        ("seen FCP", "observedFirstContentfulPaint"),
        ("seen load", "observedLoad"),
    ):
        if key in observed[0]:
            run["metrics"][column] = observed[0][key]
    run["failed"] = {}
    run["errored"] = {}
    for name, cat in report["categories"].items():
        for ref in cat["auditRefs"]:
            audit = audits[ref["id"]]
            if audit["scoreDisplayMode"] == "error":
                message = audit.get("errorMessage", "")
                run["errored"][ref["id"]] = message.rsplit("exception: ", 1)[-1][:200]
            elif name != "performance" and _failed(audit):
                run["failed"][ref["id"]] = {
                    "category": name,
                    "title": audit["title"],
                    "weight": ref.get("weight", 0),
                }
    run["savings"] = _savings(report)
    run["benchmark_index"] = report.get("environment", {}).get("benchmarkIndex")
    run["warnings"] = report.get("runWarnings", [])
    run["versions"] = {
        "lighthouse": report.get("lighthouseVersion"),
        "axe-core": report.get("environment", {}).get("credits", {}).get("axe-core"),
        "chrome": report.get("environment", {}).get("hostUserAgent", ""),
    }
    return run


def _failed(audit: dict[str, Any]) -> bool:
    mode = audit["scoreDisplayMode"]
    return mode in ("binary", "numeric", "metricSavings") and (audit["score"] or 0) < 1


def _savings(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Performance audits with an estimated saving in milliseconds, the largest first."""
    audits = report["audits"]
    found = []
    for ref in report["categories"]["performance"]["auditRefs"]:
        if ref.get("group") == "metrics":
            continue
        audit = audits[ref["id"]]
        details = audit.get("details") or {}
        savings = audit.get("metricSavings") or {}
        timed = {k: v for k, v in savings.items() if k in TIMED and v}
        best = max([*timed.values(), details.get("overallSavingsMs") or 0])
        if best <= 0:
            continue
        found.append(
            {
                "id": ref["id"],
                "title": audit["title"],
                "ms": best,
                "metrics": timed,
                "bytes": details.get("overallSavingsBytes"),
                "shown": audit.get("displayValue", ""),
            }
        )
    return sorted(found, key=lambda item: (-item["ms"], -(item["bytes"] or 0)))


# --- the section -----------------------------------------------------------------------------


def render(
    runs: list[Run],
    pages: tuple[str, ...],
    servers: tuple[str, ...],
    load_start: tuple[float, float, float],
    load_end: tuple[float, float, float],
    chrome: str,
    slowdown: float = DEFAULT_SLOWDOWN,
    steal: float | None = None,
) -> str:
    start_marker, end_marker = markers(slowdown)
    calibrated = slowdown != DEFAULT_SLOWDOWN
    good = [run for run in runs if "error" not in run]
    versions = good[0]["versions"] if good else {}
    counts = {run["run"] for run in runs}
    index = [run["benchmark_index"] for run in good if run.get("benchmark_index")]
    lines = [
        start_marker,
        "## Lighthouse, mobile (`scripts/bench_lighthouse.py`, issue 14)"
        + (f", the CPU slowed {slowdown:g}× (`--cpu-slowdown {slowdown:g}`)" if calibrated else ""),
        "",
        f"Lighthouse {versions.get('lighthouse', '?')} (axe-core {versions.get('axe-core', '?')}"
        f"), {_chrome_version(chrome)}, headless; the default mobile preset (a Moto G Power: "
        "simulated slow 4G, 150 ms round trips, 1.6 Mbit/s, and the CPU slowed "
        + (f"{slowdown:g}×, {CALIBRATION}). " if calibrated else "4×). ")
        + f"{_runs(len(counts))} per page and server, interleaved; each figure is the median of "
        "its runs (performance: median, lowest–highest). Served from 127.0.0.1 with each page's "
        "Content-Security-Policy as a header: **plain** is Python's http.server (nothing "
        "compressed), **gzip** the same with text gzipped as a static host such as GitHub "
        f"Pages sends it. {time.strftime('%Y-%m-%d')}; {os.cpu_count()} cores, load average "
        f"{_load(load_start)} at the start and {_load(load_end)} at the end (1, 5, 15 minutes), "
        + _steal(steal)
        + "Lighthouse's CPU benchmark index: "
        f"{_span(index)} (it warns below 1,000 that the device is slower than it expects). "
        "Targets: performance ≥ 95, the rest 100; a figure below target is in bold. Compare "
        "runs of one machine only.",
        "",
        "| page | server | performance | accessibility | best practices | SEO "
        "| FCP | LCP | TBT | CLS | first paint seen |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in pages:
        for server in servers:
            mine = [run for run in good if run["page"] == page and run["server"] == server]
            if not mine:
                lines.append(f"| `{page}` | {server} | failed | | | | | | | | |")
                continue
            cells = []
            for name in CATEGORIES:
                values = [
                    run["scores"][name] for run in mine if run["scores"].get(name) is not None
                ]
                median = statistics.median(values)
                cell = f"{median:.0f}"
                if name == "performance" and len(values) > 1:
                    cell += f" ({min(values)}–{max(values)})"
                cells.append(f"**{cell}**" if median < TARGETS[name] else cell)
            for column, unit in [*list(METRICS.values())[:4], ("seen FCP", "s")]:
                values = [run["metrics"][column] for run in mine if column in run["metrics"]]
                cells.append(_metric(statistics.median(values), unit) if values else "n/a")
            lines.append(f"| `{page}` | {server} | " + " | ".join(cells) + " |")
    lines += ["", "### Failed audits: accessibility, best practices, SEO", ""]
    for page in pages:
        mine = [run for run in good if run["page"] == page]
        failed: dict[str, tuple[dict[str, Any], int]] = {}
        for run in mine:
            for audit, about in run["failed"].items():
                failed[audit] = (about, failed.get(audit, (about, 0))[1] + 1)
        if not failed:
            lines.append(f"- `{page}`: none")
            continue
        lines.append(f"- `{page}`:")
        for audit, (about, times) in sorted(failed.items()):
            weight = "" if about["weight"] else ", weight 0: not scored"
            lines.append(
                f"  - `{audit}` ({about['category']}{weight}): {about['title']}, "
                f"in {times} of {len(mine)} runs"
            )
    lines += [
        "",
        f"### Performance: the top {TOP} opportunities and diagnostics (median run, by "
        "estimated savings)",
        "",
    ]
    for page in pages:
        for server in servers:
            mine = [run for run in good if run["page"] == page and run["server"] == server]
            if not mine:
                continue
            middle = sorted(mine, key=lambda run: run["scores"]["performance"])[len(mine) // 2]
            items = [_saving(item) for item in middle["savings"][:TOP]]
            lines.append(f"- `{page}` ({server}): " + ("; ".join(items) or "none"))
    errored = sorted({audit for run in good for audit in run["errored"]})
    if errored:
        message = next(m for run in good for a, m in run["errored"].items() if a == errored[0])
        lines += [
            "",
            "Audits that could not run in this Lighthouse with this Chromium (no score, and "
            f"no effect on the category's): {', '.join(f'`{a}`' for a in errored)}; the first "
            f"says: {message}",
        ]
    warnings = sorted({w.split(" Learn more")[0] for run in good for w in run["warnings"]})
    if warnings:
        lines += ["", "Lighthouse warned: " + " ".join(warnings)]
    broken = [run for run in runs if "error" in run]
    for run in broken:
        lines.append(f"- run {run['run']} of `{run['page']}` ({run['server']}): {run['error']}")
    lines += [
        "",
        "<details><summary>Raw figures (one run a line; ms; savings: the top five)</summary>",
        "",
        "```json",
        *(json.dumps(_raw(run), ensure_ascii=False) for run in runs),
        "```",
        "</details>",
        end_marker,
        "",
    ]
    return "\n".join(lines)


def _raw(run: Run) -> Run:
    """One run's figures for the record, short enough for one line."""
    short: Run = {k: run[k] for k in ("page", "server", "run", "load", "seconds") if k in run}
    if "error" in run:
        return {**short, "error": run["error"]}
    metrics = {k: round(v, 3 if k == "CLS" else None) for k, v in run["metrics"].items()}
    return {
        **short,
        "benchmark_index": run["benchmark_index"],
        "scores": run["scores"],
        "metrics": metrics,
        "failed": sorted(run["failed"]),
        "savings": {item["id"]: round(item["ms"]) for item in run["savings"][:5]},
    }


def _saving(item: dict[str, Any]) -> str:
    metrics = ", ".join(f"{k} {v:,.0f} ms" for k, v in item["metrics"].items())
    metrics = metrics or f"{item['ms']:,.0f} ms"
    shown = f"; {item['shown']}" if item["shown"] else ""
    return f"`{item['id']}` {item['title']} ({metrics}{shown})"


def _runs(count: int) -> str:
    return "1 run" if count == 1 else f"{count} runs"


def _metric(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value / 1000:.1f} s"
    if unit == "ms":
        return f"{value:,.0f} ms"
    return f"{value:.3f}"


def _load(load: tuple[float, float, float]) -> str:
    return ", ".join(f"{value:.2f}" for value in load)


def _span(values: list[float]) -> str:
    if not values:
        return "n/a"
    return f"{statistics.median(values):,.0f} (median; {min(values):,.0f}–{max(values):,.0f})"


def cpu_times() -> list[int] | None:
    """The machine's CPU time counters (/proc/stat's `cpu` line), or None off Linux."""
    try:
        first = Path("/proc/stat").read_text(encoding="ascii").splitlines()[0]
    except (OSError, IndexError):
        return None
    return [int(field) for field in first.split()[1:]]


def stolen(before: list[int] | None, after: list[int] | None) -> float | None:
    """The share of CPU time the hypervisor gave to other machines between two readings:
    a virtual machine's runs are slower by it, whatever the load average says."""
    if not before or not after or len(before) < 8 or len(after) < 8:
        return None
    total = sum(after) - sum(before)
    return (after[7] - before[7]) / total if total > 0 else None


def _steal(steal: float | None) -> str:
    if steal is None:
        return ""
    return f"CPU time stolen by the host (a virtual machine's neighbours): {steal:.0%}. "


def _chrome_version(chrome: str) -> str:
    try:
        done = subprocess.run([chrome, "--version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "Chromium (version unknown)"
    return done.stdout.strip().split(" built on")[0] or "Chromium (version unknown)"


def markers(slowdown: float) -> tuple[str, str]:
    """The section's markers: Lighthouse's default multiplier and each other one apart."""
    if slowdown == DEFAULT_SLOWDOWN:
        return START, END
    name = f"lighthouse-cpu{slowdown:g}"
    return f"<!-- {name}:start -->", f"<!-- {name}:end -->"


def write(section: str, results: Path, slowdown: float = DEFAULT_SLOWDOWN) -> None:
    """The section between its markers, or at the end of the file the first time."""
    start_marker, end_marker = markers(slowdown)
    text = results.read_text(encoding="utf-8") if results.exists() else ""
    start, end = text.find(start_marker), text.find(end_marker)
    if start >= 0 and end > start:
        text = text[:start] + section.rstrip("\n") + text[end + len(end_marker) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    results.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
