"""Pairwise precision and recall of ``find_duplicates`` on realistic partial copies and
related-but-different stories, built at run time from the original articles of a dedup set.

The shared dev set's copies are near-verbatim.  Real syndication is harder: outlets keep part
of a story, add their own paragraphs, rewrite the opening sentence or the headline; and what
fools similarity is related stories (follow-ups quoting background paragraphs of an earlier
story, updates) and templated wire items.  This script builds such cases from the
``original`` records of a dedup JSONL file (read at run time, nothing is stored) and scores
the clusters.

Each of ``--stories`` originals gets one copy of a kind drawn at random:

* ``partial``   -- headline and the first 40-70% of the paragraphs, plus 1-2 paragraphs of
  another story (the outlet's own background);
* ``partial2``  -- a headline of its own, 30-50% of the paragraphs, another story's paragraph;
* ``rewrite``   -- the first sentence of the lead replaced by another story's sentence;
* ``retitled``  -- the same, under a headline of its own;
* ``middle``    -- the lead paragraph and the last one dropped, a byline added;
* ``background``-- the whole story plus another story's paragraph at the end;

and, at random, one related story that must stay apart:

* ``followup``  -- another story that ends with this story's lead as background;
* ``deepfu``    -- another story's headline and first paragraphs, then one or two paragraphs
  from deep in this story (background quoted by a related story);
* ``update``    -- ``UPDATE 1-`` headline, a new lead, two paragraphs of this story, new ones.

Plus templated look-alikes (weather bulletins, numbered relief flights, congratulation
cables, audiences for ambassadors) from ``tests/dedup_cases.py``.

    PYTHONPATH=src:tests python benchmarks/score_realistic_copies.py [--seed 0] [--misses]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import json
import random
import re
import sys
from pathlib import Path

_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")


def _paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


def _sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s]


def _take(others: dict[str, list[str]], lang: str) -> str:
    if not others[lang]:
        raise SystemExit(f"not enough {lang!r} originals: use fewer --stories")
    return others[lang].pop()


def build(
    originals: list[tuple[str, str]], n: int, seed: int
) -> tuple[list[tuple[str, str]], dict[str, str], list[tuple[str, str]], dict[str, str]]:
    """``(docs, truth cluster of each id, related pairs that must stay apart, copy kinds)``
    from ``(lang, text)`` originals."""
    from dedup_cases import audience, cable, relief_flight, weather

    rng = random.Random(seed)
    pool = [(lang, t) for lang, t in originals if len(_paragraphs(t)) >= 5]
    rng.shuffle(pool)
    if len(pool) < 3 * n:
        raise SystemExit(f"need {3 * n} originals of five paragraphs or more, have {len(pool)}")
    base = pool[:n]
    # the other stories an outlet borrows from are in the same language, each used once (a
    # story borrowed twice would make two related stories copies of it)
    others: dict[str, list[str]] = collections.defaultdict(list)
    for lang, t in pool[n:]:
        others[lang].append(t)
    docs: list[tuple[str, str]] = []
    truth: dict[str, str] = {}
    related: list[tuple[str, str]] = []
    kinds: dict[str, str] = {}

    def add(doc_id: str, text: str, cluster: str) -> None:
        docs.append((doc_id, text))
        truth[doc_id] = cluster

    for bi, (lang, original) in enumerate(base):
        head, *body = _paragraphs(original)
        other = _paragraphs(_take(others, lang))[1:]
        add(f"{bi}-orig", original, f"c{bi}")
        kind = rng.choice(["partial", "partial2", "rewrite", "retitled", "middle", "background"])
        if kind == "partial":
            keep = max(1, int(len(body) * rng.uniform(0.4, 0.7)))
            copy = [head, *body[:keep], *other[: rng.randint(1, 2)]]
        elif kind == "partial2":
            keep = max(1, int(len(body) * rng.uniform(0.3, 0.5)))
            copy = [rng.choice(other)[:80], *body[:keep], other[-1]]
        elif kind in ("rewrite", "retitled"):
            lead = _sentences(other[0])[:1] + _sentences(body[0])[1:]
            title = head if kind == "rewrite" else other[-1][:70]
            copy = [title, " ".join(lead), *body[1:]]
        elif kind == "middle":
            copy = [head, "By staff reporter", *body[1 : max(2, len(body) - 1)]]
        else:
            copy = [head, *body, rng.choice(other)]
        add(f"{bi}-copy-{kind}", "\n".join(copy), f"c{bi}")
        kinds[f"{bi}-copy-{kind}"] = kind
        roll = rng.random()
        story = _paragraphs(_take(others, lang))
        if roll < 0.35:
            add(f"{bi}-followup", "\n".join([*story, body[0]]), f"f{bi}")
            related.append((f"{bi}-followup", f"{bi}-orig"))
        elif roll < 0.5 and len(body) >= 5:
            j = rng.randrange(2, len(body) - 1)
            quoted = body[j : j + rng.randint(1, 2)]
            add(f"{bi}-deepfu", "\n".join([*story[: rng.randint(2, 4)], *quoted]), f"g{bi}")
            related.append((f"{bi}-deepfu", f"{bi}-orig"))
        elif roll < 0.6:
            lead = _sentences(story[1])[0]
            text = "\n".join(["UPDATE 1-" + head, lead, *body[:2], *story[2:4]])
            add(f"{bi}-update", text, f"u{bi}")
            related.append((f"{bi}-update", f"{bi}-orig"))
    cities = ["Riyadh", "Jeddah", "Dammam", "Mecca", "Medina", "Tabuk", "Abha", "Hail"]
    leaders = [
        ("France", "Emmanuel Macron"),
        ("Germany", "Frank-Walter Steinmeier"),
        ("Italy", "Sergio Mattarella"),
        ("Nigeria", "Bola Tinubu"),
        ("Kenya", "William Ruto"),
        ("Chile", "Gabriel Boric"),
    ]
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    templated: list[tuple[str, str]] = []
    for i, day in enumerate(days):
        highs = {c: rng.randint(30, 48) for c in rng.sample(cities, 3)}
        templated.append((f"w{i}", weather(day, highs)))
    for number in range(20, 28):
        city = rng.choice(["Aden", "Sanaa", "Khartoum"])
        templated.append((f"r{number}", relief_flight(number, rng.randint(20, 60), city)))
    for country, leader in leaders:
        templated.append(
            (f"k{country}", cable(country, leader, "the anniversary of the national day"))
        )
    for country, _ in leaders:
        templated.append((f"a{country}", audience(country, rng.choice(days))))
    for doc_id, text in templated:
        add(doc_id, text, "t" + doc_id)
    related += [(a, b) for (a, _), (b, _) in itertools.combinations(templated, 2) if a[0] == b[0]]
    return docs, truth, related, kinds


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("/work/shared/eval/dedup/dev.jsonl.gz"))
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--misses", action="store_true", help="list missed copies and merges")
    args = ap.parse_args()
    if not args.data.exists():
        raise SystemExit(f"no data file at {args.data}")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from newsclean import find_duplicates

    with gzip.open(args.data, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    originals = [(r.get("lang", ""), r["text"]) for r in records if r.get("kind") == "original"]
    docs, truth, related, kinds = build(originals, args.stories, args.seed)
    got = find_duplicates(docs).assignments
    tp = fp = fn = 0
    for a, b in itertools.combinations([d for d, _ in docs], 2):
        same, pred = truth[a] == truth[b], got[a] == got[b]
        tp += same and pred
        fp += pred and not same
        fn += same and not pred
    p, r = tp / max(1, tp + fp), tp / max(1, tp + fn)
    merged = [pair for pair in related if got[pair[0]] == got[pair[1]]]
    by_kind = collections.Counter(
        a.split("-", 1)[1] if "-" in a else "templated" for a, _ in merged
    )
    total = collections.Counter(a.split("-", 1)[1] if "-" in a else "templated" for a, _ in related)
    found = collections.Counter(
        k for c, k in kinds.items() if got[c] == got[c.split("-")[0] + "-orig"]
    )
    print(
        "copies joined by kind:",
        {k: f"{found[k]}/{n}" for k, n in sorted(collections.Counter(kinds.values()).items())},
    )
    print("related stories merged:", {k: f"{by_kind[k]}/{n}" for k, n in sorted(total.items())})
    if args.misses:
        for c in sorted(kinds):
            if got[c] != got[c.split("-")[0] + "-orig"]:
                print("missed copy", c)
        for a, b in merged:
            print("merged", a, b)
        clusters: dict[int, list[str]] = collections.defaultdict(list)
        for doc_id, c in got.items():
            clusters[c].append(doc_id)
        for members in clusters.values():
            if len({truth[d] for d in members}) > 1:
                print("wrong cluster", sorted(members))
    print(
        f"pair P={p:.3f} R={r:.3f} F1={2 * p * r / max(1e-9, p + r):.3f} "
        f"related_merged={len(merged) / max(1, len(related)):.3f} docs={len(docs)}"
    )


if __name__ == "__main__":
    main()
