"""A rejected or skipped input, with where it was and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reject:
    """An input that was not coded: `location` (file, file:line, file#record) and `reason`."""

    location: str
    reason: str
    kind: str = "error"  # error (bad input) | language (not English) | duplicate

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"
