"""A LibreTranslate look-alike on 127.0.0.1, so scripts/translate.py runs for real: the real
command line, deep-translator's real LibreTranslator and `requests`, a real HTTP round trip,
and no network beyond loopback.

    with fake_libre(delay=0.02) as server:
        subprocess.run(translate_command(seeds, memory), env=server.env(), ...)

Each reply is `EN<text>`; a text containing `server.huge_marker` gets `huge_size` characters
back instead (a runaway provider). `server.texts` lists every text received.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parents[1]


def english(text: str) -> str:
    return f"EN<{text}>"


@dataclass
class FakeLibre:
    url: str = ""
    delay: float = 0.0
    huge_marker: str = "\ufffd\ufffd"  # never in a real seed unless a test puts it there
    huge_size: int = 0
    texts: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The environment that points scripts/translate.py --provider libre here."""
        return {
            **(os.environ if base is None else base),
            "DUIZHAO_PROVIDER": "libre",
            "DUIZHAO_LIBRE_URL": self.url,
            "LIBRE_API_KEY": "test-key",
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
        }

    def reply(self, text: str) -> str:
        with self.lock:
            self.texts.append(text)
        if self.delay:
            time.sleep(self.delay)
        if self.huge_size and self.huge_marker in text:
            return "x" * self.huge_size
        return english(text)


@contextlib.contextmanager
def fake_libre(**options: object) -> Iterator[FakeLibre]:
    fake = FakeLibre(**options)  # type: ignore[arg-type]

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # deep-translator sends the text in the query string
            query = parse_qs(urlsplit(self.path).query)
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            body = json.dumps({"translatedText": fake.reply(query["q"][0])}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()


def translate_command(*args: str | Path) -> list[str]:
    """scripts/translate.py as a user runs it, with no retry delays."""
    script = ROOT / "scripts" / "translate.py"
    return [sys.executable, str(script), *map(str, args), "--backoff", "0"]
