import json
import os
import signal
import socket
import time
import urllib.error
import urllib.request

import pytest

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.mark.parametrize("env", ["development", "production"])
def test_serve_runs_gunicorn_with_static_files_and_debug_off(env, installation):
    inst = installation(env)
    inst.run("migrate", "--noinput")
    port = free_port()
    extra = {"CTIP_ENV": env}
    if env == "production":
        extra.update(
            CTIP_SECRET_KEY="x" * 10 + "sdf98sdf7sd9f8s7df98s7df98s7d9f8s7d98f7s9d8f7s9d8f",
            CTIP_ALLOWED_HOSTS="127.0.0.1",
            CTIP_SSL_REDIRECT="0",
        )
    proc = inst.popen("serve", "--bind", f"127.0.0.1:{port}", "--workers", "2", **extra)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(3000):  # production compresses every static file first
            try:
                get(base + "/health")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                # TimeoutError: the socket accepted, a worker was still booting (a loaded machine)
                assert proc.poll() is None, proc.communicate()
                time.sleep(0.1)
        inst.run(
            "migrate", "--noinput"
        )  # in case a migration landed while static files were collected
        status, _, body = get(base + "/health")
        assert status == 200 and json.loads(body) == {"status": "ok"}
        status, headers, page = get(base + "/accounts/login/")
        assert status == 200
        assert "unsafe-inline" not in headers.get("Content-Security-Policy", "")
        css = "/static/ctip/ctip.css"
        if env == "production":  # the manifest storage gives hashed names
            manifest = json.loads((inst.root / "static" / "staticfiles.json").read_text())
            css = "/static/" + manifest["paths"]["ctip/ctip.css"]
            assert css.encode() in page
        status, headers, body = get(base + css)
        assert status == 200 and len(body) > 100
        assert get(base + "/static/ctip/nonexistent.css")[0] == 404
        assert (inst.root / "static" / ".ctip-collected").exists()
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
