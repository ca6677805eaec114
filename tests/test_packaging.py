"""The set-up's guarantees: the lock is complete (scripts/setup installs it with --no-deps, so anything
missing from it would be missing at run time), and a built wheel is a working bilateral on its own."""

from __future__ import annotations

import re
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

CHECK_LOCK = ROOT / "scripts" / "check_lock.py"


def _check_lock(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECK_LOCK), *args], capture_output=True, text=True,
                          timeout=120)


def test_lock_is_complete_and_matches_pyproject_and_environment():
    result = _check_lock()
    assert result.returncode == 0, result.stdout + result.stderr


def test_lock_check_finds_a_missing_dependency_and_a_loose_pin(tmp_path):
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    # lxml-html-clean is what justext's lxml[html_clean] extra needs: the case that broke fresh machines.
    without, removed = re.subn(r"(?ms)^lxml-html-clean==.*?(?=^\S)", "", lock)
    assert removed == 1
    loose, loosened = re.subn(r"(?m)^tqdm==", "tqdm>=", without)
    assert loosened == 1
    bad = tmp_path / "requirements.lock"
    bad.write_text(loose, encoding="utf-8")
    result = _check_lock("--lock", str(bad))
    assert result.returncode == 1
    assert "lxml_html_clean; extra == \"html-clean\", which the lock does not pin" in result.stdout
    assert "not an exact pin (name==version): tqdm>=" in result.stdout


def test_lock_check_finds_a_pin_that_breaks_a_requirement(tmp_path):
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    bad = tmp_path / "requirements.lock"
    bad.write_text(re.sub(r"(?m)^thinc==8\.3\.2", "thinc==7.4.0", lock), encoding="utf-8")
    result = _check_lock("--lock", str(bad))
    assert result.returncode == 1
    assert "spacy==3.8.2 needs thinc" in result.stdout and "the lock pins thinc==7.4.0" in result.stdout


def test_setup_installs_the_lock_without_resolving():
    setup = (ROOT / "scripts" / "setup").read_text(encoding="utf-8")
    install = next(line for line in setup.splitlines() if "-r requirements.lock" in line)
    assert "--no-deps" in install and "--require-hashes" in install
    assert "pip check" in setup


@pytest.mark.slow
def test_built_wheel_codes_the_example_from_another_directory(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--disable-pip-version-check", "-w", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    wheel = next(dist.glob("bilateral-*.whl"))

    # Every data file of the package is in the wheel.
    shipped = set(zipfile.ZipFile(wheel).namelist())
    package = ROOT / "src" / "bilateral"
    missing = [p for folder in ("data", "web/templates", "web/static") for p in (package / folder).rglob("*")
               if p.is_file() and str(p.relative_to(ROOT / "src")) not in shipped]
    assert not missing, f"not in the wheel: {missing}"

    # A fresh virtual environment outside the repository. Its dependencies come from this one's
    # site-packages (through a .pth file, which does not run this environment's editable hook, so the
    # repository's src/ stays out of sys.path); bilateral itself only from the wheel.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    fresh_site = Path(subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True).stdout.strip())
    (fresh_site / "locked_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index",
                    "--disable-pip-version-check", str(wheel)], check=True, timeout=300)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(args), cwd=elsewhere, capture_output=True, text=True, timeout=600)

    where = run(str(python), "-c", "import bilateral; print(bilateral.__file__)")
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr

    assert "Usage: bilateral" in run(str(python), "-m", "bilateral", "--help").stdout
    version = run(str(venv / "bin" / "bilateral"), "--version")
    assert re.fullmatch(r"bilateral \d+\.\d+\.\d+ \(database schema version \d+\)\n", version.stdout)

    coded = run(str(venv / "bin" / "bilateral"), "code", str(EXAMPLES / "china-belarus-2022.html"),
                "--db", "out.duckdb")
    assert coded.returncode == 0, coded.stderr
    assert (elsewhere / "out.duckdb").exists()
    listed = run(str(venv / "bin" / "bilateral"), "events", "--db", "out.duckdb", "--dyad", "CHN", "BLR",
                 "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    assert any(",CONSULT," in line for line in listed.stdout.splitlines())
    # The web app's templates and static files come from the wheel too.
    served = run(str(python), "-c", "from fastapi.testclient import TestClient; from bilateral.web.app import "
                 "create_app; c = TestClient(create_app('out.duckdb')); r = c.get('/dyads/CHN/BLR'); "
                 "print(r.status_code, c.get('/static/charts.js').status_code, 'all-weather' in r.text)")
    assert served.stdout.split() == ["200", "200", "True"], served.stdout + served.stderr
