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
