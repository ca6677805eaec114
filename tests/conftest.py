"""Shared fixtures: paths to ../shared (skipping when it is absent), one loaded pipeline per run."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file in ../shared; the test is skipped where shared/ is not checked out beside the repo."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared/ is only beside the repo on project machines)")
    return path


@pytest.fixture(scope="session")
def coder():
    from bilateral.pipeline import Coder

    return Coder()


@pytest.fixture()
def store(tmp_path):
    from bilateral.store import Store

    with Store(tmp_path / "test.duckdb") as s:
        yield s
