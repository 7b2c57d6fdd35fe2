"""Mojibake repair (placeholder while the detector lands)."""

from __future__ import annotations

__all__ = ["fix_mojibake", "fix_mojibake_explain"]


def fix_mojibake_explain(text: str) -> tuple[str, tuple[str, ...]]:
    """Placeholder."""
    return text, ()


def fix_mojibake(text: str) -> str:
    """Placeholder."""
    return fix_mojibake_explain(text)[0]
