import contextlib
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DETENTE_SHARED", ROOT.parent / "shared"))


def shared(*parts) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared material not found at {path} (set DETENTE_SHARED)")
    return path


@pytest.fixture(scope="session")
def coder():
    from detente import Coder
    return Coder()


@pytest.fixture(scope="session")
def sample_db_to_read(tmp_path_factory, coder):
    """The bundled sample ingested once, for the tests that only read it."""
    from detente.cli import sample_path
    from detente.ingest import ingest
    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    ingest([sample_path()], path, coder=coder, progress=False)
    return path


@pytest.fixture()
def run_cli(tmp_path):
    """Run the real ``detente`` command in a subprocess."""
    import subprocess
    import sys

    def run(*args, input=None):
        exe = Path(sys.executable).parent / "detente"
        return subprocess.run([str(exe), *map(str, args)], capture_output=True, text=True,
                              input=input, cwd=tmp_path, timeout=600)
    return run


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_server(db, *args):
    """``detente serve`` on a free loopback port (``args``: more of its options), until it
    answers; yields its URL."""
    import subprocess
    import sys
    import time

    import httpx
    port = free_port()
    exe = str(Path(sys.executable).parent / "detente")
    proc = subprocess.Popen([exe, "serve", "--db", str(db), "--port", str(port), *map(str, args)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
