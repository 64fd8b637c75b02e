"""scripts/bench_lighthouse.py writes its sections into BENCHMARKS.md without losing others:
a run with Lighthouse's default CPU multiplier and a calibrated one each keep their own."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench_lighthouse


def section(slowdown: float, body: str) -> str:
    start, end = bench_lighthouse.markers(slowdown)
    return f"{start}\n{body}\n{end}\n"


def test_each_multiplier_keeps_its_own_section(tmp_path: Path) -> None:
    results = tmp_path / "BENCHMARKS.md"
    results.write_text("# Benchmarks\n\nwritten by hand\n", encoding="utf-8")
    bench_lighthouse.write(section(4, "default, first"), results, 4)
    bench_lighthouse.write(section(2, "calibrated, first"), results, 2)
    bench_lighthouse.write(section(4, "default, second"), results, 4)
    text = results.read_text(encoding="utf-8")
    assert "written by hand" in text
    assert "default, second" in text and "default, first" not in text
    assert "calibrated, first" in text
    assert text.count("<!-- lighthouse:start -->") == 1
    assert text.count("<!-- lighthouse-cpu2:start -->") == 1
    bench_lighthouse.write(section(2, "calibrated, second"), results, 2)
    text = results.read_text(encoding="utf-8")
    assert "calibrated, second" in text and "calibrated, first" not in text
    assert "default, second" in text


def test_the_default_run_says_4x_and_a_calibrated_one_says_why() -> None:
    run = {
        "page": "p/", "server": "gzip", "run": 1, "load": 0.5, "seconds": 10.0,
        "versions": {"lighthouse": "12.2.3", "axe-core": "4"}, "benchmark_index": 1000,
        "scores": {"performance": 96, "accessibility": 100, "best-practices": 100, "seo": 100},
        "metrics": {"FCP": 1000, "LCP": 1200, "TBT": 100, "CLS": 0.0, "SI": 1000},
        "failed": {}, "errored": {}, "savings": [], "warnings": [],
    }  # fmt: skip
    args = ([run], ("p/",), ("gzip",), (0.1, 0.1, 0.1), (0.2, 0.2, 0.2), "chromium")
    default = bench_lighthouse.render(*args)
    calibrated = bench_lighthouse.render(*args, 2.0, 0.25)
    assert default.startswith("<!-- lighthouse:start -->") and "CPU slowed 4×" in default
    assert calibrated.startswith("<!-- lighthouse-cpu2:start -->")
    assert "CPU slowed 2×" in calibrated and "docs/throttling.md" in calibrated
    assert "stolen by the host" not in default and "stolen by the host" in calibrated
    assert "25%" in calibrated


def test_stolen_time_is_the_steal_column_over_all_time() -> None:
    # user nice system idle iowait irq softirq steal
    before = [100, 0, 20, 500, 0, 0, 0, 30]
    after = [200, 0, 40, 600, 0, 0, 0, 130]
    assert bench_lighthouse.stolen(before, after) == 100 / 320
    assert bench_lighthouse.stolen(None, after) is None
    assert bench_lighthouse.stolen(before, before) is None
    times = bench_lighthouse.cpu_times()
    assert times is None or len(times) >= 8
