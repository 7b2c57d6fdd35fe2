"""Score the ``via`` credit chain of ``extract_source`` on a labelled source set (JSONL).

The shared scorer only scores the primary agency; this reads the same file at run time and
reports how often ``via`` is exactly right, separately for items whose gold chain is
non-empty (the target) and for items with an empty chain (spurious relays).

    python benchmarks/score_source_via.py [--data ../shared/eval/source/dev.jsonl] [--errors N]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newsclean.source import extract_source


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("/work/shared/eval/source/dev.jsonl"))
    ap.add_argument("--errors", type=int, default=10)
    args = ap.parse_args()
    if not args.data.exists():
        raise SystemExit(f"no data file at {args.data}")
    items = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    with_via = ok_via = without_via = spurious = 0
    errors: list[str] = []
    for it in items:
        res = extract_source(it["text"], lang=None)
        pred = tuple(res.via) if res else ()
        gold = tuple(it.get("via") or ())
        if not it.get("source"):
            continue
        if gold:
            with_via += 1
            ok_via += pred == gold
        else:
            without_via += 1
            spurious += pred != ()
        if pred != gold:
            errors.append(
                f"{it['id']}: gold={list(gold)} pred={list(pred)} line={it.get('line')!r}"
            )
    for e in errors[: args.errors]:
        print("---", e)
    acc = ok_via / with_via if with_via else float("nan")
    print(
        f"via_exact={acc:.3f} ({ok_via}/{with_via} items with a gold chain); "
        f"spurious_via={spurious}/{without_via} items without one"
    )


if __name__ == "__main__":
    main()
