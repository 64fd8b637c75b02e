"""Our stylesheets as one file: see `duizhao.site.assets`.

A thin adapter: the files come from MkDocs' list (docs/ and the theme's), the text from the
core.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # the core package sits beside hooks/, not installed

from duizhao import settings  # noqa: E402
from duizhao.site import assets, context  # noqa: E402
from duizhao.variants import variant  # noqa: E402


def on_files(files: Files, config: MkDocsConfig) -> Files:
    parts = []
    for name in assets.STYLESHEET_PARTS:
        part = files.get_file_from_path(name)
        if part is None:
            raise PluginError(f"duizhao: the stylesheet {name} is missing from docs/")
        parts.append((name, part.content_string))
        files.remove(part)  # published inside the one file only
    published = [variant(tag) for tag in settings.published()]
    content = assets.site_stylesheet(context.variant_stylesheet(published), parts)
    files.append(File.generated(config, assets.SITE_STYLESHEET, content=content))
    return files
