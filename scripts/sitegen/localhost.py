"""Debian's nginx on loopback, serving a built site with the nginx snippet the build wrote:
the real static host the tests and the benchmark load pages from."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def nginx(site: Path, snippet: Path, workdir: Path, base_path: str) -> Iterator[str]:
    """Serve `site` at http://127.0.0.1:<port><base_path> with `snippet` included; yields that URL."""
    workdir.mkdir(parents=True, exist_ok=True)
    root = workdir / "www"
    root.mkdir()
    folder = base_path.strip("/")
    if folder:
        (root / folder).parent.mkdir(parents=True, exist_ok=True)
        (root / folder).symlink_to(site)
    else:
        root.rmdir()
        root.symlink_to(site)
    port = _free_port()
    # As root, nginx's workers would drop to "nobody", who cannot read pytest's private folders.
    user = "user root;" if os.geteuid() == 0 else ""
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = " ".join(f"{kind}_temp_path {workdir}/{kind};" for kind in kinds)
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""{user}
worker_processes 1;
daemon off;
pid {workdir}/nginx.pid;
error_log {workdir}/error.log warn;
events {{ worker_connections 128; }}
http {{
    # Logs on, as on a typical server: the site's snippet must turn them off for its pages.
    access_log {workdir}/access.log;
    default_type application/octet-stream;
    {temp}
    server {{
        listen 127.0.0.1:{port};
        server_name localhost;
        root {root};
        include {snippet};
    }}
}}
""",
        encoding="utf-8",
    )
    check = subprocess.run([NGINX, "-t", "-p", str(workdir), "-c", str(conf)], capture_output=True, text=True)
    if check.returncode:
        raise RuntimeError(f"nginx rejected the configuration:\n{check.stderr}")
    proc = subprocess.Popen([NGINX, "-p", str(workdir), "-c", str(conf)], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {proc.stderr.read().decode() if proc.stderr else ''}")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}{base_path}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
