"""Check that requirements.lock is complete and agrees with pyproject.toml and the installed environment.

scripts/setup installs the lock with ``pip install --no-deps``, so pip resolves nothing: a dependency
missing from the lock would simply be missing at run time, and one that pip once pulled in afresh broke
every new machine. This check reads each locked package's own metadata (from the environment it runs in,
which scripts/setup installed from the lock) and asks, for every requirement that applies here, extras
included, whether the lock pins a version that satisfies it.

    python scripts/check_lock.py [--lock FILE] [--pyproject FILE]

Prints one line per problem and exits 1 if there is any, 0 otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?\s*$")


@dataclass
class Pin:
    name: str
    version: Version
    marker: str | None
    hashes: int = 0


@dataclass
class Report:
    problems: list[str] = field(default_factory=list)

    def add(self, problem: str) -> None:
        self.problems.append(problem)


def read_lock(path: Path, report: Report) -> dict[str, Pin]:
    """The lock's pins by canonical name; lines that pin nothing exactly are problems."""
    pins: dict[str, Pin] = {}
    current: Pin | None = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0].isspace():
            if stripped.startswith("--hash=sha256:") and current is not None:
                current.hashes += 1
            continue
        match = PIN.match(line)
        if match is None:
            report.add(f"{path.name}:{number}: not an exact pin (name==version): {stripped}")
            current = None
            continue
        name, version, marker = match.groups()
        if marker:
            requirement = Requirement(f"{name}=={version}; {marker}")
            if requirement.marker is not None and not requirement.marker.evaluate():
                current = None  # a pin for another platform or Python; not installed here
                continue
        current = Pin(canonicalize_name(name), Version(version), marker)
        if current.name in pins:
            report.add(f"{path.name}:{number}: {name} is pinned twice")
        pins[current.name] = current
    for pin in pins.values():
        if pin.hashes == 0:
            report.add(f"{path.name}: {pin.name}=={pin.version} has no --hash")
    return pins


def project_requirements(pyproject: Path) -> list[tuple[str, Requirement]]:
    """The project's own requirements: build system, dependencies and every optional group."""
    data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    found = [("build-system", Requirement(r)) for r in data.get("build-system", {}).get("requires", [])]
    project = data["project"]
    found += [("dependencies", Requirement(r)) for r in project.get("dependencies", [])]
    for group, requirements in project.get("optional-dependencies", {}).items():
        found += [(f"optional [{group}]", Requirement(r)) for r in requirements]
    return found


def applies(requirement: Requirement, extras: set[str]) -> bool:
    """Whether a requirement is wanted here, for a package installed with these extras."""
    if requirement.marker is None:
        return True
    environment: dict[str, str] = dict(default_environment())
    return any(
        requirement.marker.evaluate({**environment, "extra": extra}) for extra in {"", *extras}
    )


def check(lock: Path, pyproject: Path) -> Report:
    report = Report()
    pins = read_lock(lock, report)
    wanted_extras: dict[str, set[str]] = {}

    def require(who: str, requirement: Requirement) -> None:
        name = canonicalize_name(requirement.name)
        pin = pins.get(name)
        if pin is None:
            report.add(f"{who} needs {requirement}, which the lock does not pin")
            return
        if not requirement.specifier.contains(pin.version, prereleases=True):
            report.add(f"{who} needs {requirement}, but the lock pins {name}=={pin.version}")
        wanted_extras.setdefault(name, set()).update(canonicalize_name(e) for e in requirement.extras)

    for who, requirement in project_requirements(pyproject):
        if applies(requirement, set()):
            require(f"pyproject.toml ({who})", requirement)

    # Walk every locked package's own requirements, again for a package whenever someone asks for a
    # new extra of it, until nothing changes.
    walked: dict[str, frozenset[str]] = {}
    while todo := [n for n in sorted(pins) if walked.get(n) != frozenset(wanted_extras.get(n, ()))]:
        for name in todo:
            pin = pins[name]
            extras = frozenset(wanted_extras.get(name, ()))
            walked[name] = extras
            try:
                distribution = metadata.distribution(name)
            except metadata.PackageNotFoundError:
                report.add(f"{name}=={pin.version} is locked but not installed (run ./scripts/setup)")
                continue
            if Version(distribution.version) != pin.version:
                report.add(f"{name}: the lock pins {pin.version}, the environment has {distribution.version}")
            for text in distribution.requires or []:
                requirement = Requirement(text)
                if applies(requirement, set(extras)):
                    require(f"{name}=={pin.version}", requirement)
    report.problems = sorted(set(report.problems))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lock", type=Path, default=ROOT / "requirements.lock")
    parser.add_argument("--pyproject", type=Path, default=ROOT / "pyproject.toml")
    args = parser.parse_args(argv)
    report = check(args.lock, args.pyproject)
    for problem in report.problems:
        print(problem)
    if report.problems:
        print(f"{args.lock}: {len(report.problems)} problem(s); regenerate it with ./scripts/lock")
        return 1
    print(f"{args.lock}: complete and consistent with {args.pyproject.name} and the environment")
    return 0


if __name__ == "__main__":
    sys.exit(main())
