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
cables, audiences for ambassadors, market closes, appointment decrees) from
``tests/dedup_cases.py``.

With ``--transforms``, each original gets instead one copy made by one of the edits in
:data:`TRANSFORMS` (paragraphs reordered or merged into one line, digits written in
Arabic-Indic, tashkeel added, HTML entities left in, every third or every other sentence
dropped, a "Read also" line inserted, the headline in capitals or repeated, the text cut
mid-sentence, house-style abbreviations and synonyms, "yesterday" for "on Monday", lines
hard-wrapped at 72 characters, one sentence per line, HTML tags and entities left in,
hyphens and apostrophes inside words dropped, UTF-8 served under a windows-1256 or
windows-1252 label (mojibake), a slide show of eight captions (other stories' headlines
after ``1/8`` ... ``8/8`` counters) inside the text, and all of these combined), and the script
prints how many copies of each edit joined their original and how many pairs of different
stories were merged.

With ``--families N``, it builds instead families of N templated items (cables, audiences,
market closes, decrees, condemnations, relief flights, weather bulletins), every item a
different story, as a feed holds them by the thousand, and prints the share of each
family's items merged with another.

    PYTHONPATH=src:tests python benchmarks/score_realistic_copies.py [--seed 0] [--misses]
    PYTHONPATH=src:tests python benchmarks/score_realistic_copies.py --transforms
    PYTHONPATH=src:tests python benchmarks/score_realistic_copies.py --families 400
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
import textwrap
from collections.abc import Callable
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
    from dedup_cases import audience, cable, decree, market_close, relief_flight, weather

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
    for i, day in enumerate(days[:5]):
        points, percent = rng.randint(20, 400), f"{rng.uniform(0.05, 2.5):.2f}"
        verb = rng.choice(["rose", "fell"])
        templated.append((f"m{i}", market_close(day, points, percent, verb)))
    people = [
        "الأستاذ فهد بن عبدالله السماري",
        "الدكتور خالد بن محمد العنقري",
        "المهندس سعد بن علي القحطاني",
        "الأستاذ عادل بن زيد الطريفي",
    ]
    posts = ["مستشارا بالديوان الملكي", "سفيرا لدى اليابان", "نائبا لوزير المالية"]
    for i, person in enumerate(people):
        templated.append((f"d{i}", decree(person, posts[i % len(posts)])))
    for doc_id, text in templated:
        add(doc_id, text, "t" + doc_id)
    related += [(a, b) for (a, _), (b, _) in itertools.combinations(templated, 2) if a[0] == b[0]]
    return docs, truth, related, kinds


_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
_TASHKEEL = "\u064e\u064f\u0650\u0651\u0652"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_AR_WEEKDAYS = ("الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت")
_MONTHS = ("January", "February", "March", "April", "August", "September", "October")
_SYNONYMS = {"said": "stated", "says": "states", "told": "informed", "also": "further"}
_SYNONYMS_AR = {"قال": "أوضح", "وقال": "وأوضح", "أن": "بأن"}


def _per_sentence(paragraphs: list[str], keep: Callable[[int], bool]) -> list[str]:
    out = paragraphs[:1]
    for p in paragraphs[1:]:
        kept = [s for i, s in enumerate(_sentences(p)) if keep(i)]
        out.append(" ".join(kept) or p)
    return out


def _reorder(rng: random.Random, p: list[str]) -> list[str]:
    body = p[1:]
    if len(body) >= 4:
        i = rng.randrange(1, len(body) - 1)
        body[i], body[i + 1] = body[i + 1], body[i]
    return [p[0], *body]


def _shuffle(rng: random.Random, p: list[str]) -> list[str]:
    body = p[1:]
    rng.shuffle(body)
    return [p[0], *body]


def _tashkeel(rng: random.Random, p: list[str]) -> list[str]:
    def mark(m: re.Match[str]) -> str:
        return m.group(0) + (rng.choice(_TASHKEEL) if rng.random() < 0.15 else "")

    return [re.sub(r"[\u0628-\u064a]", mark, x) for x in p]


def _abbreviate(p: list[str]) -> list[str]:
    out = []
    for x in p:
        for word in (*_MONTHS, *_WEEKDAYS[:5]):
            x = x.replace(word, word[:3] + ".")
        out.append(x.replace(" percent", "%").replace("government", "govt"))
    return out


def _yesterday(p: list[str]) -> list[str]:
    out = []
    for x in p:
        for day in _WEEKDAYS:
            x = x.replace("on " + day, "yesterday").replace(day, "yesterday")
        for day in _AR_WEEKDAYS:
            x = x.replace("يوم " + day, "أمس").replace(day, "أمس")
        out.append(x)
    return out


def _synonyms(p: list[str]) -> list[str]:
    table = {**_SYNONYMS, **_SYNONYMS_AR}
    return [" ".join(table.get(w, w) for w in x.split(" ")) for x in p]


def _cut(rng: random.Random, p: list[str], low: float, high: float) -> list[str]:
    text = "\n".join(p)
    return [text[: int(len(text) * rng.uniform(low, high))] + "..."]


def _mojibake(paragraph: str) -> str:
    """The paragraph's UTF-8 bytes read as windows-1256 (Arabic script) or windows-1252
    (the rest; undefined bytes become U+FFFD, as a browser shows them)."""
    codec = "cp1256" if re.search("[\u0600-\u06ff]", paragraph) else "cp1252"
    return paragraph.encode("utf-8").decode(codec, "replace")


#: The edits of ``--transforms``: (rng, paragraphs, headlines of other stories) -> paragraphs.
TRANSFORMS: dict[str, Callable[[random.Random, list[str], list[str]], list[str]]] = {
    "reorder": lambda rng, p, h: _reorder(rng, p),
    "shuffle": lambda rng, p, h: _shuffle(rng, p),
    "one_line": lambda rng, p, h: [" ".join(p)],
    "head_repeated": lambda rng, p, h: [p[0], p[0] + ".", *p[1:]],
    "head_capitals": lambda rng, p, h: [p[0].upper(), *p[1:]],
    "arabic_digits": lambda rng, p, h: [x.translate(_ARABIC_INDIC) for x in p],
    "tashkeel": lambda rng, p, h: _tashkeel(rng, p),
    "entities": lambda rng, p, h: [
        x.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#39;") for x in p
    ],
    "third_sentences_dropped": lambda rng, p, h: _per_sentence(p, lambda i: i % 3 != 2),
    "half_sentences_dropped": lambda rng, p, h: _per_sentence(p, lambda i: i % 2 == 0),
    "read_also": lambda rng, p, h: [*p[:2], "Read also: " + rng.choice(h), *p[2:]],
    "cut_mid_sentence": lambda rng, p, h: _cut(rng, p, 0.35, 0.6),
    "teaser_quarter": lambda rng, p, h: _cut(rng, p, 0.25, 0.25),
    "abbreviations": lambda rng, p, h: _abbreviate(p),
    "synonyms": lambda rng, p, h: _synonyms(p),
    "yesterday": lambda rng, p, h: _yesterday(p),
    "hard_wrap": lambda rng, p, h: [ln for x in p for ln in textwrap.wrap(x, 72)],
    "sentence_lines": lambda rng, p, h: [s for x in p for s in _sentences(x)],
    "html_markup": lambda rng, p, h: [
        "<h1>" + p[0] + "</h1>" + "".join(f"<p>{x}</p>" for x in p[1:]).replace('"', "&quot;")
    ],
    "inner_punctuation_dropped": lambda rng, p, h: [
        re.sub(r"(?<=\w)['’-](?=\w)", "", x) for x in p
    ],
    "mojibake": lambda rng, p, h: [_mojibake(x) for x in p],
    "slide_show": lambda rng, p, h: [
        *p[:2],
        *(f"{k}/8 {caption}" for k, caption in enumerate(rng.sample(h, 8), 1)),
        *p[2:],
    ],
    "combined": lambda rng, p, h: _synonyms(
        _yesterday([*_reorder(rng, [p[0], p[0] + ".", *p[1:]])[:3], "Read also: " + h[0], *p[3:]])
    ),
}


def transforms(
    originals: list[tuple[str, str]], n: int, seed: int
) -> tuple[list[tuple[str, str]], dict[str, str], dict[str, str]]:
    """``(docs, truth cluster of each id, edit of each copy)``: ``n`` originals, each with
    one copy made by the edits of :data:`TRANSFORMS` in turn."""
    rng = random.Random(seed)
    pool = [t for _, t in originals if len(_paragraphs(t)) >= 5]
    rng.shuffle(pool)
    pool = pool[:n]
    heads = [_paragraphs(t)[0] for t in pool]
    docs: list[tuple[str, str]] = []
    truth: dict[str, str] = {}
    kinds: dict[str, str] = {}
    names = list(TRANSFORMS)
    for i, original in enumerate(pool):
        name = names[i % len(names)]
        others = heads[i + 1 :] + heads[:i]
        copy = "\n".join(TRANSFORMS[name](rng, _paragraphs(original), others))
        docs += [(f"{i}-orig", original), (f"{i}-copy-{name}", copy)]
        truth[f"{i}-orig"] = truth[f"{i}-copy-{name}"] = f"c{i}"
        kinds[f"{i}-copy-{name}"] = name
    return docs, truth, kinds


_COUNTRIES = [
    "France",
    "Germany",
    "Italy",
    "Spain",
    "Japan",
    "China",
    "India",
    "Brazil",
    "Chile",
    "Peru",
    "Kenya",
    "Ghana",
    "Mali",
    "Niger",
    "Chad",
    "Oman",
    "Qatar",
    "Kuwait",
    "Jordan",
    "Egypt",
    "Sudan",
    "Libya",
    "Tunisia",
    "Morocco",
    "Algeria",
    "Yemen",
    "Iraq",
    "Iran",
    "Turkey",
    "Greece",
    "Cyprus",
    "Malta",
    "Poland",
    "Austria",
    "Hungary",
    "Romania",
    "Bulgaria",
    "Serbia",
    "Croatia",
    "Norway",
]
_COUNTRIES_AR = [
    "فرنسا",
    "ألمانيا",
    "إيطاليا",
    "إسبانيا",
    "اليابان",
    "الصين",
    "الهند",
    "البرازيل",
    "تشيلي",
    "بيرو",
    "كينيا",
    "غانا",
    "مالي",
    "النيجر",
    "تشاد",
    "عمان",
    "قطر",
    "الكويت",
    "الأردن",
    "مصر",
    "السودان",
    "ليبيا",
    "تونس",
    "المغرب",
    "الجزائر",
    "اليمن",
    "العراق",
    "إيران",
    "تركيا",
    "اليونان",
    "قبرص",
    "مالطا",
    "بولندا",
    "النمسا",
    "المجر",
    "رومانيا",
    "بلغاريا",
    "صربيا",
    "كرواتيا",
]
_LEADERS = ["Ahmed Ali", "John Smith", "Maria Lopez", "Kenji Sato", "Anna Berg", "Omar Said"]
_LEADERS += ["Lee Chen", "Paul Martin", "Ivan Petrov", "Sara Cohen", "Ali Hassan", "Tom Brown"]
_OCCASIONS = ["his country's national day", "his re-election", "the new year"]
_OCCASIONS += ["the anniversary of independence"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NAMES_AR = ["محمد بن عبدالله", "عبدالعزيز بن سعود", "فيصل بن فرحان", "خالد بن سلمان"]
_NAMES_AR += ["سعود بن نايف", "تركي بن محمد", "فهد بن سلطان", "بندر بن خالد"]
_POSTS_AR = ["وزيرا للداخلية", "وزيرا للخارجية", "أميرا لمنطقة الرياض", "نائبا لوزير الدفاع"]
_POSTS_AR += ["رئيسا لهيئة الرقابة", "مستشارا في الديوان الملكي", "سفيرا لدى اليابان"]
_TARGETS_AR = ["مسجدا", "سوقا", "نقطة تفتيش", "فندقا", "مدرسة"]


def families(n: int, seed: int) -> dict[str, list[tuple[str, str]]]:
    """Families of ``n`` templated items each (fewer when the template has fewer fillings),
    every item different: the look-alikes of ``tests/dedup_cases.py`` at a feed's scale,
    where every item is a candidate of many others and a blank's fillings repeat."""
    from dedup_cases import (
        audience,
        audience_ar,
        bulletins,
        cable,
        condemnation,
        condemnation_ar,
        decree,
        market_close,
        relief_flight,
    )

    rng = random.Random(seed)
    fill: dict[str, Callable[[int], str]] = {
        "cable": lambda i: cable(
            rng.choice(_COUNTRIES), rng.choice(_LEADERS), rng.choice(_OCCASIONS)
        ),
        "audience": lambda i: audience(rng.choice(_COUNTRIES), rng.choice(_DAYS)),
        "audience_ar": lambda i: audience_ar(rng.choice(_COUNTRIES_AR)),
        "market_close": lambda i: market_close(
            rng.choice(_DAYS),
            rng.randint(5, 400),
            f"{rng.randint(0, 3)}.{rng.randint(0, 99):02d}",
            rng.choice(["rose", "fell"]),
        ),
        "decree": lambda i: decree(rng.choice(_NAMES_AR), rng.choice(_POSTS_AR)),
        "condemnation": lambda i: condemnation(
            f"a {rng.choice(['mosque', 'market', 'checkpoint', 'hotel'])} in "
            f"{rng.choice(_COUNTRIES)}"
        ),
        "condemnation_ar": lambda i: condemnation_ar(
            f"{rng.choice(_TARGETS_AR)} في {rng.choice(_COUNTRIES_AR)}"
        ),
        "relief_flight": lambda i: relief_flight(
            i + 1, rng.randint(20, 90), rng.choice(["Khartoum", "Aden", "Gaza", "Beirut"])
        ),
    }
    out: dict[str, list[tuple[str, str]]] = {}
    for name, make in fill.items():
        texts: dict[str, None] = {}
        for _ in range(50 * n):
            if len(texts) == n:
                break
            texts.setdefault(make(len(texts)))
        out[name] = [(f"{name}-{i}", t) for i, t in enumerate(texts)]
    out["bulletins"] = bulletins(n, seed)
    return out


def score_families(n: int, seed: int) -> None:
    """Print, for each family, the share of its items merged with another (all are
    different stories)."""
    from newsclean import find_duplicates

    for name, docs in families(n, seed).items():
        result = find_duplicates(docs)
        merged = sum(c.size for c in result.clusters if c.size > 1)
        largest = max(c.size for c in result.clusters)
        print(
            f"{name:16s} items={len(docs):4d} merged={merged:4d} ({merged / len(docs):.1%}) "
            f"largest cluster={largest} template lines={result.stats['template_lines']}",
            flush=True,
        )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=Path("/work/shared/eval/dedup/dev.jsonl.gz"))
    ap.add_argument("--stories", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--misses", action="store_true", help="list missed copies and merges")
    ap.add_argument("--transforms", action="store_true", help="one edit per copy (see above)")
    ap.add_argument(
        "--families", type=int, metavar="N", help="families of N templated items (see above)"
    )
    args = ap.parse_args()
    if args.families:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
        score_families(args.families, args.seed)
        return
    if not args.data.exists():
        raise SystemExit(f"no data file at {args.data}")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from newsclean import find_duplicates

    with gzip.open(args.data, "rt", encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    originals = [(r.get("lang", ""), r["text"]) for r in records if r.get("kind") == "original"]
    if args.transforms:
        docs, truth, kinds = transforms(originals, args.stories, args.seed)
        related: list[tuple[str, str]] = []
    else:
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
    if related:
        merged_by_kind = {k: f"{by_kind[k]}/{n}" for k, n in sorted(total.items())}
        print("related stories merged:", merged_by_kind)
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
