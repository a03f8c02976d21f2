"""Statutory rule packs: data files in boardmap/checks/packs/*.yaml."""

from __future__ import annotations

from pathlib import Path

PACK_DIR = Path(__file__).with_name("packs")


def available_packs() -> list[str]:
    """The names of the packs shipped with boardmap, sorted."""
    return sorted(p.stem for p in PACK_DIR.glob("*.yaml"))
