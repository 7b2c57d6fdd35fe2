"""The source-line battery: hand-written credit lines and traps in every covered language.

The cases live in ``tests/fixtures/source/battery_<lang>.toml`` (one ``[[case]]`` table per
article: ``id``, ``tag``, ``source`` -- an agency id or ``"none"`` --, ``via``, ``where``,
``text``).  They are newsclean's own proxy for unseen articles: written from wire conventions,
not taken from any evaluation set.  Scoring follows the shared source scorer (a wrong agency
costs precision and recall), plus ``via`` and ``where`` agreement.

    PYTHONPATH=src python tests/source_battery.py [--errors] [--lang ar]
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "source"


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    tag: str
    source: str | None
    via: tuple[str, ...]
    where: str
    text: str


@dataclass
class Score:
    """Counts of one language (or of all)."""

    n: int = 0
    gold_pos: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    null_n: int = 0
    null_ok: int = 0
    via_n: int = 0
    via_ok: int = 0
    spurious_via: int = 0
    where_n: int = 0
    where_ok: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def null_accuracy(self) -> float:
        return self.null_ok / self.null_n if self.null_n else 1.0

    @property
    def via_accuracy(self) -> float:
        return self.via_ok / self.via_n if self.via_n else 1.0

    @property
    def where_accuracy(self) -> float:
        return self.where_ok / self.where_n if self.where_n else 1.0


def load_cases(paths: Iterable[Path] | None = None) -> list[Case]:
    """Every case of the battery files (sorted by file name)."""
    out: list[Case] = []
    for path in sorted(paths if paths is not None else FIXTURES.glob("battery_*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        lang = data["lang"]
        for row in data["case"]:
            source = row["source"]
            out.append(
                Case(
                    id=row["id"],
                    lang=row.get("lang", lang),
                    tag=row.get("tag", ""),
                    source=None if source == "none" else source,
                    via=tuple(row.get("via", ())),
                    where=row.get("where", ""),
                    text=row["text"],
                )
            )
    return out


Extractor = Callable[[str], object]


def score(cases: Iterable[Case], extract: Extractor) -> dict[str, Score]:
    """Per-language scores plus ``"ALL"``."""
    scores: dict[str, Score] = {}
    for case in cases:
        res = extract(case.text)
        agency = getattr(res, "agency", None) if res is not None else None
        via = tuple(getattr(res, "via", ())) if res is not None else ()
        where = getattr(res, "where", "") if res is not None else ""
        for key in (case.lang, "ALL"):
            s = scores.setdefault(key, Score())
            s.n += 1
            if case.source is None:
                s.null_n += 1
                s.null_ok += agency is None
                s.fp += agency is not None
            else:
                s.gold_pos += 1
                if agency == case.source:
                    s.tp += 1
                    if case.via:
                        s.via_n += 1
                        s.via_ok += via == case.via
                    else:
                        s.spurious_via += via != ()
                    if case.where:
                        s.where_n += 1
                        s.where_ok += where == case.where
                else:
                    s.fn += 1
                    s.fp += agency is not None
        wrong = agency != case.source or (agency is not None and via != case.via)
        if wrong or (agency is not None and case.where and where != case.where):
            line = getattr(res, "line", None) if res is not None else None
            scores[case.lang].errors.append(
                f"{case.id} [{case.tag}]: gold={case.source} via={list(case.via)} "
                f"where={case.where or '-'} | got={agency} via={list(via)} where={where or '-'} "
                f"line={line!r}"
            )
    return scores


def report(scores: dict[str, Score]) -> str:
    rows = [
        "lang     n gold+      P      R     F1 null_acc  via_ok  spur_via where_ok",
    ]
    for lang in [*sorted(k for k in scores if k != "ALL"), "ALL"]:
        if lang not in scores:
            continue
        s = scores[lang]
        rows.append(
            f"{lang:4} {s.n:5} {s.gold_pos:5}  {s.precision:.3f}  {s.recall:.3f}  {s.f1:.3f}"
            f"    {s.null_accuracy:.3f}  {s.via_ok:3}/{s.via_n:<3}  {s.spurious_via:4}"
            f"     {s.where_accuracy:.3f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    from newsclean.source import extract_source

    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--errors", action="store_true", help="list every miss")
    ap.add_argument("--lang", help="only this language")
    args = ap.parse_args(argv)
    cases = [c for c in load_cases() if not args.lang or c.lang == args.lang]
    scores = score(cases, extract_source)
    if args.errors:
        for lang in sorted(k for k in scores if k != "ALL"):
            for e in scores[lang].errors:
                print(e)
    print(report(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())
