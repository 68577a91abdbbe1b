"""What the geodata checks and builds read of a gazetteer place (geodata.gazetteer.Place
satisfies it; tests pass small stand-ins)."""

from __future__ import annotations

from typing import Protocol


class PlaceLike(Protocol):
    """A place, read-only (Place is a frozen dataclass)."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def district_id(self) -> str | None: ...
    @property
    def alt_names(self) -> tuple[str, ...]: ...
