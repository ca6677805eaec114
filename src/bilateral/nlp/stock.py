"""What the components compiled from a stock spaCy component share (`CachedLemmatizer`,
`CachedAttributeRuler`): the stock component stays in the pipeline, disabled, and is saved with
its own tables, so they save nothing of their own and are rebuilt from it when the pipeline loads."""

from __future__ import annotations

from typing import Any


class CompiledFromStock:
    """A component built from `self.stock`, the stock component it stands in for."""

    stock: Any

    def __init__(self, stock: Any) -> None:
        self.stock = stock

    def to_disk(self, path: Any, *, exclude: Any = ()) -> None:
        """Nothing of its own to save: see the module docstring."""

    def from_disk(self, path: Any, *, exclude: Any = ()) -> Any:
        # Called after the stock component loaded its tables (it comes first in the pipeline).
        self.__init__(self.stock)  # type: ignore[misc]
        return self
