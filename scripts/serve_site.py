"""Serve a built site/ the way a production static host does, on 127.0.0.1 only.

    .venv/bin/python scripts/serve_site.py [--dir site] [--port 8000] [--compress gzip|none]

* ``--compress gzip`` (the default): a precompressed ``X.gz`` next to ``X`` is sent with
  ``Content-Encoding: gzip`` when the browser accepts it (nginx ``gzip_static``), other text
  types are compressed on the fly; ``none`` sends every file as it is.
* Caching like a typical host: ``Cache-Control: max-age=600``; Material's file names that carry a
  content hash get a year and ``immutable``; the service worker ``sw.js`` is always revalidated.
* The security headers of the built ``_headers`` file (the same ones ``deploy/nginx.conf`` sets),
  so the CSP also covers the worker scripts, as on a host that allows headers.

Used by ``bash scripts/dev.sh preview`` and by ``scripts/bench_explain.py`` (which reads the
byte counter ``Handler.bytes_sent``).
"""

from __future__ import annotations

import argparse
import email.utils
import gzip
import http.server
import os
import re
import socketserver
import sys
import threading
from pathlib import Path

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".wasm": "application/wasm",
    ".zip": "application/zip",
    ".gz": "application/gzip",
    ".py": "text/x-python; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
    ".webmanifest": "application/manifest+json",
}
COMPRESSIBLE = (".html", ".css", ".js", ".mjs", ".json", ".py", ".svg", ".xml", ".txt", ".wasm", ".map")
# Material's bundles carry a content hash in their names (main.6f8fc17f.min.css).
HASHED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:js|css)$")


def read_headers_file(site: Path) -> dict[str, str]:
    """The headers for every path (``/*``) of the site's generated ``_headers``."""
    headers: dict[str, str] = {}
    path = site / "_headers"
    if not path.is_file():
        return headers
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line[0].isspace():
            current = line.strip()
        elif line.strip() and current == "/*" and ":" in line:
            name, value = line.strip().split(":", 1)
            headers[name.strip()] = value.strip()
    return headers


class Handler(http.server.BaseHTTPRequestHandler):
    site: Path = Path("site")
    compress: str = "gzip"
    max_age: int = 600
    extra_headers: dict[str, str] = {}
    bytes_sent = 0
    requests: list[str] = []
    lock = threading.Lock()
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _count(self, n: int) -> None:
        with Handler.lock:
            type(self).bytes_sent += n

    def _resolve(self) -> Path | None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        from urllib.parse import unquote

        path = unquote(path)
        target = (self.site / path.lstrip("/")).resolve()
        root = self.site.resolve()
        if target != root and root not in target.parents:
            return None
        if target.is_dir():
            if not path.endswith("/"):
                return target  # redirect below
            target = target / "index.html"
        return target if target.is_file() else None

    def do_HEAD(self):
        self._serve(head=True)

    def do_GET(self):
        self._serve(head=False)

    def _serve(self, head: bool) -> None:
        with Handler.lock:
            type(self).requests.append(self.path)
        target = self._resolve()
        if target is not None and target.is_dir():
            self.send_response(301)
            self.send_header("Location", self.path.split("?", 1)[0] + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if target is None:
            body = b"<!doctype html><title>404</title><p>Not found</p>"
            page = self.site / "404.html"
            if page.is_file():
                body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if not head:
                self.wfile.write(body)
                self._count(len(body))
            return
        suffix = target.suffix.lower()
        ctype = TYPES.get(suffix, "application/octet-stream")
        stat = target.stat()
        etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        encoding = None
        if self.compress == "gzip" and accepts_gzip and suffix in COMPRESSIBLE:
            encoding = "gzip"
        if self.headers.get("If-None-Match") == etag + (encoding or ""):
            self.send_response(304)
            self._common_headers(target)
            self.send_header("ETag", etag + (encoding or ""))
            self.end_headers()
            return
        if encoding:
            pre = target.with_name(target.name + ".gz")
            body = pre.read_bytes() if pre.is_file() else gzip.compress(target.read_bytes(), 6)
        else:
            body = target.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("ETag", etag + (encoding or ""))
        self.send_header("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True))
        self._common_headers(target)
        self.end_headers()
        if not head:
            self.wfile.write(body)
            self._count(len(body))

    def _common_headers(self, target: Path) -> None:
        name = target.name
        if name == "sw.js":
            self.send_header("Cache-Control", "no-cache")
        elif HASHED.search(name):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", f"public, max-age={self.max_age}")
        for key, value in self.extra_headers.items():
            self.send_header(key, value)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A browser that closes a connection it no longer needs is no error of the server's.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def make_server(site: Path, port: int = 0, compress: str = "gzip", headers: bool = True) -> Server:
    handler = type("SiteHandler", (Handler,), {
        "site": Path(site),
        "compress": compress,
        "extra_headers": read_headers_file(Path(site)) if headers else {},
        "bytes_sent": 0,
        "requests": [],
    })
    return Server(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", default="site", help="the built site (default: %(default)s)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    parser.add_argument("--compress", choices=("gzip", "none"), default="gzip")
    args = parser.parse_args(argv)
    site = Path(args.dir)
    if not (site / "index.html").is_file():
        print(f"serve_site.py: {site}/index.html not found: build the site first", file=sys.stderr)
        return 2
    try:
        server = make_server(site, args.port, args.compress)
    except OSError as exc:
        print(f"serve_site.py: cannot listen on 127.0.0.1:{args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"serving {site}/ on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C to stop)", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
