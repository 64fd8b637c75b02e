"""A Content-Security-Policy for a built page: the site's own scripts and styles only.

Article text is sanitised and escaped long before it reaches a page; the policy is the second
wall, for the day something slips through. Scripts run only from the site itself or when they
are one of the theme's own inline scripts, allowed by hash; WebAssembly (search) may compile. Those are found outside the
article (Material writes them in <head> and after <main>); an inline script inside the
article is never hashed, so the browser refuses it. Images may come from the web (articles
show their photos, lazily and without a referrer). No inline style, no plugin, no frame.

Under `mkdocs serve` the live-reload script MkDocs injects changes with every reload and
cannot be hashed: `local=True` allows inline scripts instead (the local preview only).
"""

from __future__ import annotations

import base64
import hashlib
import html
import re

# Where the article begins; it ends at the last </article> of the page (anything between
# stays unhashed, whatever it is).
CONTENT_START = '<article class="md-content__inner'
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)
EXECUTABLE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})

POLICY = {
    "default-src": ["'none'"],
    # 'wasm-unsafe-eval': Pagefind's search runs in WebAssembly (duizhao.site.search); it
    # allows compiling WebAssembly only, not eval() of JavaScript.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    # data: only because Material's own stylesheet draws its icons as data: SVG images;
    # a seed's data: image never reaches a page (duizhao.inline.safe_url drops it).
    "img-src": ["'self'", "data:", "https:", "http:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # Pagefind's index files and the query dictionary
    "worker-src": ["'self'"],  # Pagefind's worker, from the site itself
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
}


def with_policy(page_html: str, local: bool = False) -> str:
    """The page with the policy as the first element of its <head>."""
    meta = (
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{html.escape(policy_for(page_html, local), quote=False)}">'
    )
    head = _HEAD.search(page_html)
    if head is None:
        return meta + page_html
    return page_html[: head.end()] + meta + page_html[head.end() :]


def policy_for(page_html: str, local: bool = False) -> str:
    scripts = list(POLICY["script-src"])
    if local:
        scripts.append("'unsafe-inline'")
    else:
        scripts += [f"'sha256-{digest}'" for digest in theme_script_hashes(page_html)]
    policy = {**POLICY, "script-src": scripts}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


def theme_script_hashes(page_html: str) -> list[str]:
    """Base64 SHA-256 of each executable inline script outside the article, in page order."""
    start = page_html.find(CONTENT_START)
    end = page_html.rfind("</article>")
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(page_html):
        if start >= 0 and start <= match.start() < max(end, start):
            continue  # inside the article: never allowed
        kind = _TYPE.search(match.group(1))
        if (kind.group(1).lower() if kind else "") not in EXECUTABLE_TYPES:
            continue  # data blocks such as Material's JSON config do not run
        digest = hashlib.sha256(match.group(2).encode("utf-8")).digest()
        value = base64.b64encode(digest).decode("ascii")
        if value not in hashes:
            hashes.append(value)
    return hashes
