from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_ORIGINAL = SEEDS / "000_364726c1157b4527.txt"


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED_ORIGINAL.read_bytes()
