"""The progress line of a coding run on a terminal."""

from __future__ import annotations

import sys
from typing import Any


class Progress:
    """One self-rewriting line on a terminal's stderr: documents/s, sentences/s, events, rejects."""

    def __init__(self, enabled: bool) -> None:
        import time

        self.enabled, self.clock = enabled, time.monotonic
        self.start = self.last = self.clock()
        self.docs = self.sentences = self.events = self.rejects = 0

    def update(self, coded: Any) -> None:
        self.docs += 1
        self.sentences += len(coded.sentences)
        self.events += len(coded.events)
        now = self.clock()
        if self.enabled and now - self.last >= 0.5:
            self.last = now
            spent = max(now - self.start, 1e-9)
            sys.stderr.write(f"\r{self.docs} documents ({self.docs / spent:.1f}/s), {self.sentences} sentences "
                             f"({self.sentences / spent:.0f}/s), {self.events} events, {self.rejects} rejected ")
            sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 100 + "\r")
            sys.stderr.flush()
