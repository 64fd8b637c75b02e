"""Where the project's own files are: the curated data beside the package, not inside it.

duizhao is run from its checkout (installed in editable mode by scripts/dev), and the data a
Chinese reader edits lives in data/ at the top of that checkout.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = ROOT / "data"
