"""A tiny synthetic gazetteer for the ingest tests (same interface as geodata.gazetteer)."""

from __future__ import annotations

from dataclasses import dataclass, field

from geodata.gazetteer import Place as FakePlace  # the real place type; only the lookup is fake


@dataclass
class FakeGazetteer:
    places: dict[str, FakePlace] = field(default_factory=dict)

    def variants(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for p in self.places.values():
            for n in (p.name, *p.alt_names):
                out.setdefault(n.casefold(), p.id)
        return out


def tiny_gazetteer() -> FakeGazetteer:
    rows = [
        FakePlace("aghdam", "Aghdam", "town", 39.99, 46.93, "AZ-AGM", "AZ",
                  ("Agdam", "Ağdam", "Akna", "Агдам")),
        FakePlace("kalbajar", "Kalbajar", "town", 40.10, 46.04, "AZ-KAL", "AZ",
                  ("Kelbajar", "Kəlbəcər", "Karvachar", "Kelbadjar", "Кельбаджар")),
        FakePlace("lachin", "Lachin", "town", 39.64, 46.55, "AZ-LAC", "AZ",
                  ("Laçın", "Berdzor", "Latchine", "Лачин")),
        FakePlace("shusha", "Shusha", "town", 39.76, 46.75, "AZ-SUS", "AZ",
                  ("Şuşa", "Shushi", "Choucha", "Шуша")),
        FakePlace("khankendi", "Khankendi", "city", 39.82, 46.75, "AZ-XA", "AZ",
                  ("Stepanakert", "Xankəndi", "Степанакерт")),
        FakePlace("nagorno-karabakh", "Nagorno-Karabakh", "region", 39.83, 46.75, None, "AZ",
                  ("Upper Karabakh", "Haut-Karabakh", "Artsakh", "Daghlig Garabagh",
                   "Karabakh", "Нагорный Карабах")),
        FakePlace("goris", "Goris", "town", 39.51, 46.34, None, "AM", ()),
    ]
    return FakeGazetteer({p.id: p for p in rows})
