"""find_duplicates and DuplicateIndex on realistic cases: syndicated, partial and rewritten
copies must join; updates, follow-ups, templated look-alikes and same-site pages must not."""

from __future__ import annotations

import itertools
import os
import random
import re
import time
from typing import Any

import numpy as np
import pytest

from dedup_cases import (
    BULLETIN,
    CHROME_AR,
    CHROME_EN,
    FERRY_STORY,
    PORT_STORY,
    SCHOOL_STORY_AR,
    WATER_STORY,
    audience,
    audience_ar,
    bulletins,
    cable,
    cables,
    condemnation,
    condemnation_ar,
    decree,
    followup,
    market_close,
    partial,
    relief_flight,
    rewritten_opening,
    syndicated,
    text,
    update,
    weather,
)
from newsclean import (
    Article,
    DuplicateIndex,
    NewscleanError,
    compare,
    find_duplicates,
    strip_chrome_explain,
)
from newsclean.dedup import engine
from newsclean.dedup.params import DedupParams
from newsclean.normalize import normalize

PORT_PARTIAL = partial(
    PORT_STORY,
    3,
    [
        '"We are ready for the next phase," the operations director told our correspondent, '
        "adding that two more shipping lines would start calling at the port in September.",
        "The port, which opened in 1978, is the country's largest employer outside the oil sector.",
    ],
)
PORT_UPDATE = update(
    PORT_STORY,
    "The national port authority raised its full-year forecast on Tuesday after container "
    "traffic in July also beat expectations, its chairman said.",
    [
        "The authority now expects traffic to grow by a fifth this year, he said in an "
        "interview, as three new shipping lines begin calling at the port.",
        "He also announced a tender for a fourth terminal to be built on reclaimed land south "
        "of the city.",
    ],
)
PORT_FOLLOWUP = followup(
    "Truck drivers protest over port congestion",
    [
        "Hundreds of truck drivers parked their vehicles along the main highway to the port "
        "on Sunday in protest against long waiting times at the customs gates, blocking "
        "traffic for several hours.",
        "The drivers said they were losing money because of the delays and demanded that the "
        "port authority open more gates and extend working hours at night.",
        "Police said the protest ended peacefully after officials promised to meet "
        "representatives of the drivers later in the week.",
    ],
    PORT_STORY[2],
)
# A story of its own (headline and lead) that quotes two paragraphs from deep in the port
# story as background: a related story, not a copy, though most of its text is shared.
PORT_RELATED = (
    followup(
        "Shipping lines add calls at the port",
        [
            "Two Asian shipping lines said on Thursday they would add weekly calls at the port "
            "from next month, citing the shorter waiting times reported by the authority."
        ],
        PORT_STORY[4],
    )
    + "\n"
    + PORT_STORY[5]
)
SCHOOL_RELATED_AR = (
    followup(
        "معلمون يطالبون بزيادة الحوافز مع بدء خطة تطوير المدارس",
        [
            "طالب عدد من المعلمين يوم الخميس بزيادة الحوافز المالية وتخفيف ساعات العمل، مع "
            "استعداد المدارس لتنفيذ المرحلة الأولى من خطة التطوير التي أعلنتها الوزارة."
        ],
        SCHOOL_STORY_AR[4],
    )
    + "\n"
    + SCHOOL_STORY_AR[5]
)
# A copy under the outlet's own headline, its opening sentence rewritten.
PORT_RETITLED = (
    "Record year for container traffic\n"
    + rewritten_opening(
        PORT_STORY,
        "Container volumes at the country's ports hit an all-time high in the first six months "
        "of the year, officials said on Monday.",
    ).split("\n", 1)[1]
)

SITE_HEADER = [
    "The Example Gazette | Local news | Business | Sport | Culture | Opinion",
    "Most read today on the Example Gazette website and mobile app",
    "Subscribe to the Example Gazette for unlimited access to local news",
]
SITE_FOOTER = [
    "Share this article with your friends on social media and by email",
    "Leave a comment: your email address will not be published",
    "Copyright 2024 The Example Gazette. All rights reserved. Terms of use apply.",
]
PLACES = [
    "Northgate",
    "Riverside",
    "Old Town",
    "Hillcrest",
    "Eastfield",
    "Westbrook",
    "Lakeside",
    "Southport",
    "Greenhill",
    "Kingsbury",
]
EVENTS = [
    "a new library",
    "road repairs",
    "a summer market",
    "school buses",
    "street lights",
    "a football pitch",
    "parking rules",
    "a health clinic",
    "flood defences",
    "a bike lane",
]


def site_page(i: int) -> str:
    """A short, different story on every page of one site, wrapped in its heavy chrome."""
    body = f"Residents of {PLACES[i]} met on Friday to discuss {EVENTS[i]}."
    return "\n".join([*SITE_HEADER, body, *SITE_FOOTER])


def corpus() -> list[tuple[str, str]]:
    docs = [
        ("port", text(PORT_STORY)),
        (
            "port-syn",
            syndicated(PORT_STORY, chrome=CHROME_EN, dateline="DUBAI (Reuters) - ", seed=1),
        ),
        ("port-partial", PORT_PARTIAL),
        (
            "port-rewritten",
            rewritten_opening(
                PORT_STORY,
                "Container volumes at the country's ports hit an all-time high in the first "
                "six months of the year, officials said on Monday.",
            ),
        ),
        ("port-teaser", text(PORT_STORY[:2])),
        ("port-update", PORT_UPDATE),
        ("port-followup", PORT_FOLLOWUP),
        ("water", text(WATER_STORY)),
        ("water-syn", syndicated(WATER_STORY, chrome=CHROME_EN, dateline="(AP) - ", seed=2)),
        ("school", text(SCHOOL_STORY_AR)),
        (
            "school-syn",
            syndicated(SCHOOL_STORY_AR, chrome=CHROME_AR, dateline="الرياض - واس - ", seed=3)
            .replace("أ", "ا")
            .replace("ك", "ک")
            .replace("ي ", "ى "),
        ),
        ("port-retitled", PORT_RETITLED),
        ("port-related", PORT_RELATED),
        ("school-related", SCHOOL_RELATED_AR),
        ("audience-de", audience("Germany")),
        ("audience-fr", audience("France")),
        ("audience-ar-de", audience_ar("جمهورية ألمانيا الاتحادية")),
        ("audience-ar-fr", audience_ar("الجمهورية الفرنسية")),
        ("weather-mon", weather("Monday", {"Riyadh": 44, "Jeddah": 39, "Dammam": 46})),
        ("weather-tue", weather("Tuesday", {"Riyadh": 45, "Jeddah": 38, "Dammam": 46})),
        ("flight-25", relief_flight(25, 30, "Aden")),
        ("flight-26", relief_flight(26, 32, "Aden")),
        # the same load: only the number and the city differ, in the headline and the text
        ("flight-22", relief_flight(22, 30, "Khartoum")),
        ("cable-fr", cable("France", "Emmanuel Macron", "the anniversary of the national day")),
        (
            "cable-de",
            cable("Germany", "Frank-Walter Steinmeier", "the anniversary of the national day"),
        ),
    ]
    docs += [(f"site-{i}", site_page(i)) for i in range(10)]
    return docs


COPIES = {
    "port": {"port", "port-syn", "port-partial", "port-rewritten", "port-teaser", "port-retitled"},
    "water": {"water", "water-syn"},
    "school": {"school", "school-syn"},
}


def groups(result_assignments: dict[str, int]) -> list[set[str]]:
    by: dict[int, set[str]] = {}
    for doc_id, c in result_assignments.items():
        by.setdefault(c, set()).add(doc_id)
    return sorted(by.values(), key=lambda g: sorted(g))


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return find_duplicates(corpus())


def test_copies_join_and_hard_negatives_stay_apart(result) -> None:  # type: ignore[no-untyped-def]
    expected = [*COPIES.values()]
    expected += [{d} for d, _ in corpus() if not any(d in g for g in COPIES.values())]
    assert groups(result.assignments) == sorted(expected, key=lambda g: sorted(g))


def test_every_member_is_explained_against_the_canonical(result) -> None:  # type: ignore[no-untyped-def]
    port = next(c for c in result.clusters if "port" in c.ids)
    assert port.canonical == "port-syn"  # no dates or agencies: the most complete text
    assert set(port.similarity) == set(port.ids) and port.similarity[port.canonical] == 1.0
    assert {m.b for m in port.matches} == set(port.ids) - {port.canonical}
    for m in port.matches:
        assert m.a == port.canonical
        assert 0.0 <= m.jaccard <= 1.0 and 0.0 <= m.jaccard_est <= 1.0
        assert m.containment >= m.jaccard
        assert m.shared and m.notes
    partial_match = next(m for m in port.matches if m.b == "port-partial")
    assert partial_match.jaccard < 0.5  # joined on containment and passages, not Jaccard
    singletons = [c for c in result.clusters if c.size == 1]
    assert all(c.matches == () and c.similarity == {c.canonical: 1.0} for c in singletons)
    assert result.stats["docs"] == len(corpus())
    assert result.stats["bytes_per_doc"] > 0


def test_site_template_lines_are_ignored() -> None:
    pages = [(f"site-{i}", site_page(i)) for i in range(10)]
    # without chrome stripping and template lines, the site's chrome alone makes them alike
    # (only the place and the topic in the one line of story tell them apart)
    naive = compare(site_page(0), site_page(1), template_min_docs=0, chrome=False)
    assert naive.containment > 0.8 and naive.notes[0].startswith("names differ in the lead")
    result = find_duplicates(pages, chrome=False)  # the template lines alone keep them apart
    assert result.duplicates() == [] and result.stats["template_lines"] == 6
    assert find_duplicates(pages).duplicates() == []  # and so does the full default path


def test_a_copy_served_as_mojibake_joins_its_original() -> None:
    # an outlet served the story in UTF-8 under a windows-1256 (Arabic) or windows-1252
    # label: raw text is repaired as it is prepared, as newsclean.clean would decode it
    ar, en = text(SCHOOL_STORY_AR), text(PORT_STORY).replace("'", "\u2019")
    copies = {
        "ar-1256": ar.encode("utf-8").decode("cp1256"),
        "ar-latin1": ar.encode("utf-8").decode("latin-1"),
        "en-1252": en.encode("utf-8").decode("cp1252"),
    }
    assert all(c != ar and c != en for c in copies.values())
    docs = [("ar", ar), ("en", en), *copies.items()]
    result = find_duplicates(docs)
    groups = {frozenset(c.ids) for c in result.clusters}
    assert groups == {frozenset({"ar", "ar-1256", "ar-latin1"}), frozenset({"en", "en-1252"})}
    # the explanation quotes the repaired words
    match = next(m for c in result.clusters for m in c.matches if "ar-1256" in (m.a, m.b))
    assert match.shared and match.shared.removesuffix(" ...") in normalize(ar)
    # chrome=False takes the text as it is: the Arabic mojibake shares no word with the story
    as_is = find_duplicates(docs, chrome=False).assignments
    assert as_is["ar"] != as_is["ar-1256"] and as_is["ar"] != as_is["ar-latin1"]


def test_rejections_name_their_reason() -> None:
    from newsclean.dedup.features import Doc, prepare, sketch
    from newsclean.dedup.signatures import MinHasher
    from newsclean.dedup.verify import verify

    p = DedupParams()
    docs = dict(corpus())

    def doc(i: str) -> Doc:
        f = prepare([(i, docs[i])])[0]
        return Doc(f, sketch(f, frozenset(), MinHasher(p.num_perm), k=p.k, window=p.window))

    assert verify(doc("port"), doc("port-update"), p).kind == "new_lead"
    assert verify(doc("weather-mon"), doc("weather-tue"), p).kind == "numbers"
    assert verify(doc("flight-25"), doc("flight-26"), p).kind == "numbers"
    # the headlines differ from their first words: the number right after them still counts
    flights = verify(doc("flight-22"), doc("flight-25"), p)
    assert flights.kind == "numbers" and ("22th", "25th") in flights.numbers, flights.reason
    assert verify(doc("cable-fr"), doc("cable-de"), p).kind == "names"
    # one name, the template's blank, differs: in the headlines and in the text
    for x, y in (("audience-de", "audience-fr"), ("audience-ar-de", "audience-ar-fr")):
        ev = verify(doc(x), doc(y), p)
        assert ev.kind == "names" and "headlines" in ev.reason, ev.reason
    assert verify(doc("port"), doc("port-followup"), p).duplicate is False
    related = verify(doc("port"), doc("port-related"), p)
    assert related.kind == "background" and related.lead_side == "port-related"
    assert related.containment > p.partial_containment  # similar enough to pass as a copy
    assert verify(doc("school"), doc("school-related"), p).kind == "background"
    assert verify(doc("port"), doc("port-retitled"), p).duplicate  # its body follows the lead


def _verifier() -> Any:
    from newsclean.dedup.features import Doc, prepare, sketch
    from newsclean.dedup.signatures import MinHasher

    p = DedupParams()

    def doc(i: str, body: str) -> Doc:
        f = prepare([(i, body)])[0]
        return Doc(f, sketch(f, frozenset(), MinHasher(p.num_perm), k=p.k, window=p.window))

    return doc, p


def test_verify_decides_the_same_in_both_orders() -> None:
    from newsclean.dedup.verify import verify

    doc, p = _verifier()
    # a copy of an update that lost its "UPDATE" marker and its last paragraphs, and
    # repeats a paragraph: read from the copy's side, the repeated paragraph was "dropped
    # by the update", and the pair a conflict; read from the update's side, a copy
    report = "The ministry will publish a full report on the damage next month, a spokesman said."
    upd = doc("u", text(["UPDATE 1-" + PORT_STORY[0], *PORT_STORY[1:], report]))
    copy = doc("c", text([PORT_STORY[0], *PORT_STORY[1:-1], PORT_STORY[2]]))
    forward, backward = verify(upd, copy, p), verify(copy, upd, p)
    assert forward.duplicate and backward.duplicate, (forward.reason, backward.reason)
    # the evidence is told from the first text's side in both orders
    assert forward.shared_run == backward.shared_run_b
    assert forward.shared_run_b == backward.shared_run
    docs = dict(corpus())
    built = {i: doc(i, t) for i, t in docs.items()}
    for x, y in itertools.combinations(sorted(built), 2):
        ab, ba = verify(built[x], built[y], p), verify(built[y], built[x], p)
        assert (ab.duplicate, ab.conflict, ab.kind) == (ba.duplicate, ba.conflict, ba.kind)
        assert ab.numbers == tuple((v, u) for u, v in ba.numbers), (x, y)
        assert ab.names == tuple((v, u) for u, v in ba.names), (x, y)


def test_clusters_do_not_depend_on_the_input_order() -> None:
    # a teaser (the first paragraphs) is contained in two texts that differ in their
    # figures: both pairs score 1.0 and the two cannot join; which one the teaser joins is
    # decided by a key of the texts, not by where they sit in the input
    def figures(handled: str, up: str, expects: str) -> str:
        return text(
            [
                *PORT_STORY,
                f"The authority handled {handled} million containers in the period, up {up} "
                f"percent, and expects {expects} million for the year.",
            ]
        )

    docs = [
        ("x", figures("4.2", "12", "8.1")),
        ("y", figures("3.9", "7", "7.6")),
        ("t", text(PORT_STORY[:4])),
    ]
    seen = set()
    for perm in itertools.permutations(docs):
        got = find_duplicates(list(perm))
        seen.add(tuple(sorted(tuple(sorted(c.ids)) for c in got.clusters)))
    assert len(seen) == 1 and len(next(iter(seen))) == 2, seen
    # an index fed in any order (documents removed and added back) ends as find_duplicates
    index = DuplicateIndex()
    for doc_id, body in docs:
        index.add(doc_id, body)
    for doc_id in ("x", "t"):
        index.remove(doc_id)
    for doc_id in ("t", "x"):
        index.add(doc_id, dict(docs)[doc_id])
    assert sorted(tuple(sorted(c.ids)) for c in index.result().clusters) == sorted(next(iter(seen)))
    # and the whole test corpus, shuffled
    everything = corpus()
    base = find_duplicates(everything)
    expected = sorted(sorted(c.ids) for c in base.clusters)
    rng = random.Random(3)
    for _ in range(3):
        shuffled = everything[:]
        rng.shuffle(shuffled)
        got = find_duplicates(shuffled)
        assert sorted(sorted(c.ids) for c in got.clusters) == expected


def test_articles_dates_and_agencies_choose_the_canonical() -> None:
    arts = [
        Article(id="late", body=text(PORT_STORY), date="2024-03-02"),
        Article(id="early", body=text(PORT_STORY[:4]), date="2024-03-01"),
        Article(id="undated", body=text(PORT_STORY)),
    ]
    r = find_duplicates(arts)
    assert len(r.duplicates()) == 1 and r.clusters[0].canonical == "early"
    assert r.clusters[0].canonical_reason == "earliest date: 2024-03-01 (next: 2024-03-02)"
    assert all(c.canonical_reason == "" for c in r.clusters if c.size == 1)
    far = [
        Article(id="a", body=text(WATER_STORY[:4]), date="2024-01-01"),
        Article(id="b", body=text(WATER_STORY), date="2024-03-01"),
    ]
    assert find_duplicates(far).duplicates() == []  # partial copy two months apart
    assert len(find_duplicates(far, date_window_days=90).duplicates()) == 1


def test_dates_are_compared_in_time_not_as_strings() -> None:
    # RSS dates: as strings "Mon, 30 Nov" sorts before "Sun, 29 Nov", and the Sunday
    # evening copy in New York is Monday 04:30 UTC, after the Monday 02:00 UTC one
    arts = [
        Article(id="mon", body=text(PORT_STORY), date="Mon, 30 Nov 2026 08:00:00 +0000"),
        Article(id="sun-ny", body=text(PORT_STORY), date="Sun, 29 Nov 2026 23:30:00 -0500"),
        Article(id="mon-early", body=text(PORT_STORY), date="2026-11-30T02:00:00Z"),
        Article(id="unreadable", body=text(PORT_STORY), date="03.04.2026"),
    ]
    r = find_duplicates(arts)
    assert len(r.clusters) == 1 and r.clusters[0].canonical == "mon-early"
    # the date window reads them too: a partial copy two months later is not merged
    far = [
        Article(id="a", body=text(WATER_STORY[:4]), date="Thu, 01 Jan 2026 09:00:00 GMT"),
        Article(id="b", body=text(WATER_STORY), date="1772355600"),  # 2026-03-01
    ]
    assert find_duplicates(far).duplicates() == []
    assert len(find_duplicates(far, date_window_days=90).duplicates()) == 1


def test_same_result_for_any_number_of_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = corpus()
    one = find_duplicates(docs, workers=1)
    monkeypatch.setattr(engine, "_MIN_PARALLEL", 2)  # shard workers even for a small input
    monkeypatch.setattr(engine, "_MIN_PARALLEL_PAIRS", 1)  # and verification workers
    two = find_duplicates(docs, workers=2)
    assert one.assignments == two.assignments
    assert one.clusters == two.clusters


def test_input_order_does_not_change_the_groups() -> None:
    docs = corpus()
    shuffled = docs[:]
    random.Random(5).shuffle(shuffled)
    assert groups(find_duplicates(shuffled).assignments) == groups(
        find_duplicates(docs).assignments
    )


def test_bad_input_gives_a_clear_error() -> None:
    with pytest.raises(NewscleanError, match="text must be str"):
        find_duplicates([("a", b"bytes")])  # type: ignore[list-item]
    with pytest.raises(NewscleanError, match="duplicate document id"):
        find_duplicates([("a", "x"), ("a", "y")])
    with pytest.raises(NewscleanError, match="expected an"):
        find_duplicates(["just a string"])  # type: ignore[list-item]
    with pytest.raises(NewscleanError, match="invalid dedup settings"):
        find_duplicates([("a", "x")], threshold=1.5)
    with pytest.raises(NewscleanError, match="invalid dedup settings"):
        find_duplicates([("a", "x")], no_such_option=1)
    # a setting of the wrong type is named, not a comparison error from deep inside
    with pytest.raises(NewscleanError, match="threshold must be a number, got str"):
        find_duplicates([("a", "x")], threshold="0.6")  # type: ignore[arg-type]
    with pytest.raises(NewscleanError, match="k must be a whole number, got float"):
        find_duplicates([("a", "x")], k=3.5)
    # numpy numbers are accepted, and kept as Python numbers (an index writes them out)
    tuned = DedupParams(k=np.int64(3), threshold=np.float32(0.5))  # type: ignore[arg-type]
    assert type(tuned.k) is int and type(tuned.threshold) is float
    with pytest.raises(NewscleanError, match="workers"):
        find_duplicates([("a", "x")], workers=0)
    assert find_duplicates([]).clusters == []
    empty = find_duplicates([("a", ""), ("b", ""), ("c", "   ")])
    assert [c.size for c in empty.clusters] == [1, 1, 1]


def test_index_streams_the_same_decisions() -> None:
    docs = corpus()
    index = DuplicateIndex()
    for doc_id, body in docs[:5]:
        index.add(doc_id, body)
    found = [m.b for m in index.query(text(PORT_STORY[:3]))]
    assert set(found) == COPIES["port"] - {"port-retitled"}  # not indexed yet
    update_matches = index.add("port-update", PORT_UPDATE)
    assert update_matches == []
    for doc_id, body in docs[6:]:
        index.add(doc_id, body)
    assert index.result().assignments == find_duplicates(docs).assignments
    index.remove("port-teaser")
    assert "port-teaser" not in index and len(index) == len(docs) - 1
    assert "port-teaser" not in {m.b for m in index.query(text(PORT_STORY))}
    with pytest.raises(NewscleanError, match="already indexed"):
        index.add("port", text(PORT_STORY))
    with pytest.raises(NewscleanError, match="not indexed"):
        index.remove("nope")
    sig = index.signature("port")
    assert sig.jaccard(index.signature("port-syn")) > 0.5


def test_index_accepts_articles() -> None:
    index = DuplicateIndex()
    index.add(Article(id="w1", body=text(WATER_STORY), date="2024-01-02"))
    matches = index.add(Article(id="w2", body=text(WATER_STORY[:3]), date="2024-01-02"))
    assert [m.b for m in matches] == ["w1"] and matches[0].decision == "duplicate"
    with pytest.raises(NewscleanError, match="needs an id"):
        index.add(Article(body="no id"))


def _fails_in_a_child(real: Any, parent: int) -> Any:
    """``real``, except in a forked worker process, where it raises (the parent's calls
    are slowed down so that a worker surely gets its share of the work)."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent:
            raise RuntimeError("injected worker failure")
        time.sleep(0.02)
        return real(*args, **kwargs)

    return wrapped


@pytest.mark.parametrize("stage", ["_prepare_all", "_verify_kept"])
def test_a_failing_worker_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    # The parent does a share of the work itself; a worker's failure must still surface as
    # a NewscleanError naming it, never as missing documents or pairs.
    docs = corpus()
    monkeypatch.setattr(engine, "_MIN_PARALLEL", 2)
    monkeypatch.setattr(engine, "_MIN_PARALLEL_PAIRS", 1)
    monkeypatch.setattr(engine, stage, _fails_in_a_child(getattr(engine, stage), os.getpid()))
    with pytest.raises(NewscleanError, match=r"worker failed.*injected worker failure"):
        find_duplicates(docs, workers=2)


def test_parallel_verification_takes_every_chunk(monkeypatch: pytest.MonkeyPatch) -> None:
    # Parent and worker take chunks from one shared counter: with more workers than
    # chunks, and with many small chunks, every pair is verified exactly once.
    docs = corpus()
    one = find_duplicates(docs, workers=1)
    monkeypatch.setattr(engine, "_MIN_PARALLEL_PAIRS", 1)
    for workers in (2, 3):
        many = find_duplicates(docs, workers=workers)
        assert many.clusters == one.clusters
        assert many.stats["verified_pairs"] == one.stats["verified_pairs"]


def _dies_in_a_child(real: Any, parent: int) -> Any:
    """``real``, except in a forked worker process, which it ends at once (as a kill or
    the out-of-memory killer would: no exception, no message)."""

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() != parent:
            os._exit(1)
        time.sleep(0.02)
        return real(*args, **kwargs)

    return wrapped


@pytest.mark.parametrize("stage", ["_prepare_all", "_verify_kept"])
def test_a_dead_worker_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, stage: str) -> None:
    monkeypatch.setattr(engine, "_MIN_PARALLEL", 2)
    monkeypatch.setattr(engine, "_MIN_PARALLEL_PAIRS", 1)
    monkeypatch.setattr(engine, stage, _dies_in_a_child(getattr(engine, stage), os.getpid()))
    with pytest.raises(NewscleanError, match="a dedup worker died"):
        find_duplicates(corpus(), workers=2)


def test_a_title_expanded_to_the_full_name_stays_a_copy() -> None:
    # an outlet's house style: the title becomes the full name, in the headline and the
    # text alike -- an editor's expansion, not a template's blank filled in differently
    story = "\n".join(
        [
            "سمو ولي العهد يستقبل وزير الخارجية الأمريكي",
            "استقبل سمو ولي العهد في قصر اليمامة بالرياض اليوم وزير الخارجية الأمريكي "
            "والوفد المرافق له.",
            "وجرى خلال الاستقبال استعراض العلاقات الثنائية بين البلدين الصديقين وفرص تطويرها "
            "في مختلف المجالات، إضافة إلى بحث تطورات الأوضاع الإقليمية والدولية.",
            "وحضر الاستقبال وزير الخارجية وسفير المملكة لدى الولايات المتحدة.",
        ]
    )
    docs = [
        ("wire", story),
        ("expanded", story.replace("سمو ولي العهد", "ولي العهد الأمير محمد بن سلمان")),
        ("renamed", story.replace("سمو ولي العهد", "الأمير محمد بن سلمان")),
    ]
    assert [set(c.ids) for c in find_duplicates(docs).clusters] == [{"expanded", "renamed", "wire"}]


def test_an_editors_wording_is_not_a_replaced_name() -> None:
    # a copy-editor's house style swaps reporting verbs and connectives throughout: three
    # or more such swaps used to read as replaced names (a templated look-alike)
    swaps = {" said ": " stated ", " told ": " informed ", " also ": " further "}
    edited = text(PORT_STORY)
    for old, new in swaps.items():
        edited = edited.replace(old, new)
    assert sum(edited.count(new) for new in swaps.values()) >= 3
    arabic = text(SCHOOL_STORY_AR)
    edited_ar = arabic.replace("وقال ", "وأوضح ").replace("وأضاف ", "وتابع ")
    docs = [("port", text(PORT_STORY)), ("port-edited", edited)]
    docs += [("school", arabic), ("school-edited", edited_ar)]
    groups_found = sorted(sorted(c.ids) for c in find_duplicates(docs).clusters)
    assert groups_found == [["port", "port-edited"], ["school", "school-edited"]]
    # names still count: the congratulation cables stay apart
    cables = [
        ("fr", cable("France", "Emmanuel Macron", "the national day")),
        ("de", cable("Germany", "Frank-Walter Steinmeier", "the national day")),
    ]
    assert find_duplicates(cables).duplicates() == []


def test_newsroom_abbreviations_are_not_replaced_names() -> None:
    # an outlet's style sheet abbreviates days, months and amounts: "Jan" for "January" is
    # not a name replaced by another (while "Mali" for "Malawi" would be)
    story = text(PORT_STORY)
    short = story
    for long_form, abbreviation in (
        ("Monday", "Mon"),
        ("January", "Jan"),
        ("June", "Jun"),
        ("million", "mln"),
    ):
        assert long_form in short
        short = short.replace(long_form, abbreviation)
    result = find_duplicates([("port", story), ("port-abbreviated", short)])
    assert len(result.duplicates()) == 1


def test_a_day_told_two_ways_is_not_a_replaced_name() -> None:
    # a next-day copy says "yesterday" where the wire said "on Monday" (and "أمس" for
    # "يوم الأحد"); two weekdays against each other still differ
    story = text(PORT_STORY).replace("on Monday", "on Monday morning")
    story += "\nOn Monday the authority also said it would publish monthly figures from March."
    story += "\nA delegation of importers met port officials on Monday to discuss the delays."
    next_day = story.replace("on Monday", "yesterday").replace("On Monday", "Yesterday")
    assert story.count("Monday") == 3 and "Monday" not in next_day
    arabic = text(SCHOOL_STORY_AR).replace("اليوم الأحد", "يوم الأحد")
    arabic += "\nوكانت الوزارة قد عقدت يوم الأحد اجتماعا مع مديري المدارس."
    arabic += "\nوستنشر الوزارة يوم الأحد تفاصيل المرحلة الأولى على موقعها."
    arabic_next_day = arabic.replace("يوم الأحد", "أمس")
    # also in the headline: not the blank of a template filled in twice
    story = "Port authority reports record traffic on Monday\n" + story.split("\n", 1)[1]
    next_day = story.replace("on Monday", "yesterday").replace("On Monday", "Yesterday")
    docs = [("port", story), ("port-next-day", next_day)]
    docs += [("school", arabic), ("school-next-day", arabic_next_day)]
    groups_found = sorted(sorted(c.ids) for c in find_duplicates(docs).clusters)
    assert groups_found == [["port", "port-next-day"], ["school", "school-next-day"]]


def test_a_copy_that_drops_the_hyphens_and_apostrophes_inside_words_stays_a_copy() -> None:
    # "deep-water" / "deepwater", "authority's" / "authoritys": the same letters spaced
    # differently, in the headline and in the text alike, are not the blank of a template
    story = text(PORT_STORY).replace(
        "Port authority reports record container traffic",
        "Record container traffic at the deep-water berth",
    )
    stripped = re.sub(r"(?<=\w)['-](?=\w)", "", story)
    assert "deepwater" in stripped and "authoritys" in stripped
    result = find_duplicates([("port", story), ("port-unhyphenated", stripped)])
    assert len(result.duplicates()) == 1


def test_market_closes_of_different_days_stay_apart() -> None:
    # the figures, their decimals and the day differ within one stretch of the sentence,
    # longer than a name's gap: "328 points or 1 41 percent on monday" / "115 ... thursday";
    # a "1" elsewhere in Tuesday's text does not make Monday's "1.41" a number that moved
    docs = [
        ("close-mon", market_close("Monday", 328, "1.41")),
        ("close-wed", market_close("Wednesday", 314, "0.68")),
        ("close-thu", market_close("Thursday", 115, "0.18", verb="fell")),
        ("close-tue", market_close("Tuesday", 51, "0.22") + "\nThe exchange opens at 1 pm."),
    ]
    copy = "Markets | Business | Home\n" + docs[0][1] + "\nShare this article"
    result = find_duplicates([*docs, ("close-mon-copy", copy)])
    assert sorted(sorted(c.ids) for c in result.duplicates()) == [["close-mon", "close-mon-copy"]]


def test_decrees_that_name_different_people_stay_apart() -> None:
    # the blank is a full name and a post, five to eight words, replaced alike in the
    # headline and the text; the copy with its site's chrome still joins
    first = decree("الأستاذ فهد بن عبدالله السماري", "مستشارا بالديوان الملكي")
    docs = [
        ("decree-1", first),
        ("decree-2", decree("الدكتور خالد بن محمد العنقري", "سفيرا لدى اليابان")),
        ("decree-3", decree("المهندس سعد بن علي القحطاني", "مستشارا بالديوان الملكي")),
        ("decree-1-copy", "الرئيسية | محليات\n" + first + "\nشارك الخبر"),
    ]
    result = find_duplicates(docs)
    assert sorted(sorted(c.ids) for c in result.duplicates()) == [["decree-1", "decree-1-copy"]]


# ---------------------------------------------------------------- families of look-alikes
def test_a_family_of_look_alikes_is_verified_a_few_times_per_item() -> None:
    docs = bulletins(160)
    copies = [
        (f"copy-of-{i}", docs[i][1].replace("Weather bulletin", "WEATHER BULLETIN"))
        for i in (3, 90, 150)
    ]
    corpus_ = docs + copies
    capped = find_duplicates(corpus_, max_candidates=6)
    everything = find_duplicates(corpus_, max_candidates=0)
    # every item is a candidate of many others: without the cap, a verification per pair
    assert everything.stats["verified_pairs"] > 8 * len(corpus_)
    assert capped.stats["candidates_capped"] > 0
    assert capped.stats["verified_pairs"] <= 6 * len(corpus_)
    # the copies are still found (a copy is among its original's most similar candidates),
    # and no two bulletins are merged, with or without the cap
    for result in (capped, everything):
        merged = [set(c.ids) for c in result.clusters if c.size > 1]
        assert merged == [{"b3", "copy-of-3"}, {"b90", "copy-of-90"}, {"b150", "copy-of-150"}]
    # the streaming index applies the same cap: the same decisions
    index = DuplicateIndex(params=DedupParams(max_candidates=6))
    for doc_id, body in corpus_:
        index.add(doc_id, body)
    assert index.result().assignments == capped.assignments
    with pytest.raises(NewscleanError, match="max_candidates"):
        find_duplicates(docs[:2], max_candidates=-1)


def test_a_figure_in_its_own_place_was_not_moved() -> None:
    # the other text's 18 is its wind, in its own place: the high (32 / 18) differs
    a = BULLETIN.format(city="Zelville", high=32, day="Friday", wind=18, rain=64)
    b = BULLETIN.format(city="Kaston", high=18, day="Monday", wind=18, rain=46)
    verdict = compare(a, b)
    assert verdict.decision == "different" and "numbers differ" in verdict.notes[0]
    # two-digit figures with the same digits are two figures, not a transposition typo
    c = BULLETIN.format(city="Zelville", high=32, day="Friday", wind=18, rain=46)
    verdict = compare(a, c)
    assert verdict.decision == "different" and "64 / 46" in verdict.notes[0]
    # a figure moved by an edit is still no conflict: the sentence holding it moved
    story = (
        "Oil output rises\nThe ministry said output rose to 12 million barrels a day in "
        "March. Exports reached 7 million barrels a day, the highest in a decade, and "
        "revenue rose by a third. The ministry expects output to hold steady through the "
        "summer months as new fields come on stream in the south of the country."
    )
    moved = (
        story.replace(
            "Exports reached 7 million barrels a day, the highest in a decade, and revenue rose "
            "by a third. ",
            "",
        )
        + " Exports reached 7 million barrels a day, the highest in a decade, and revenue"
        + " rose by a third."
    )
    assert compare(story, moved).decision == "duplicate"


def test_each_outlet_may_date_its_dateline() -> None:
    body = text(PORT_STORY)
    first, rest = body.split("\n", 1)
    a = f"{first}\nLondon, 20 Jan (AFP) - {rest}"
    b = f"{first}\nLondon, 21 Jan (AFP) - {rest}"
    assert compare(a, b).decision == "duplicate"
    # a day of the month deeper in the story is one of its facts
    short = (
        "Port fees rise\nThe port authority said on 20 January that fees would rise by a "
        "third for ships calling at its three main terminals, from next month."
    )
    later = short.replace("on 20 January", "on 21 January")
    verdict = compare(short, later)
    assert verdict.decision == "different" and "20 / 21" in verdict.notes[0]


def test_the_figure_closing_an_item_is_compared_too() -> None:
    # gold prices of two days that differ only in the last figure of the item
    item = (
        "أسعار الذهب اليوم الأربعاء\n"
        "سجل سعر جرام الذهب عيار 21 اليوم نحو 2431 جنيها للبيع، بينما سجل عيار 24 نحو 2778 "
        "جنيها، وفقا لآخر تحديثات شعبة الذهب. وأوضح التجار أن حركة البيع والشراء شهدت هدوءا "
        "نسبيا خلال تعاملات اليوم. وبلغ سعر أوقية الذهب في البورصة العالمية {} دولارا."
    )
    verdict = compare(item.format(1908), item.format(1844))
    assert verdict.decision == "different" and "1908 / 1844" in verdict.notes[0]
    # a copy that ends with a word of its own, or without the last words, is still a copy
    assert compare(item.format(1908), item.format(1908) + " (أ ش أ)").decision == "duplicate"
    shorter = item.format(1908).removesuffix(" 1908 دولارا.")
    assert compare(item.format(1908), shorter).decision == "duplicate"


def test_a_country_is_no_inflection_of_another() -> None:
    # Arabic names of five letters share three by chance ("اير" in الجزائر / إيران, "بيا"
    # in صربيا / ليبيا): the template's blank, replaced alike in the headline and the text
    for a, b in (("الجزائر", "إيران"), ("صربيا", "ليبيا")):
        verdict = compare(audience_ar(a), audience_ar(b))
        assert verdict.decision == "different", (a, b)
        assert "names differ in the headlines and the text" in verdict.notes[0]
    # nor is a name whose first letter is a clitic's, one letter off another ("كينيا" is
    # not "ك" + "ينيا")
    verdict = compare(
        condemnation_ar("نقطة تفتيش في كينيا"), condemnation_ar("نقطة تفتيش في ليبيا")
    )
    assert verdict.decision == "different" and "كينيا / ليبيا" in verdict.notes[0]
    # while a clitic added to one word is still one word
    assert (
        compare(audience_ar("الأردن"), audience_ar("الأردن").replace("سفير", "وسفير", 1)).decision
        == "duplicate"
    )


def test_a_blank_is_counted_in_content_words() -> None:
    # "his country's national day" / "the new year": three content words for one
    national = cable("Kuwait", "Ali Hassan", "his country's national day")
    verdict = compare(national, cable("Kuwait", "Ali Hassan", "the new year"))
    assert verdict.decision == "different" and "names differ in the lead" in verdict.notes[0]
    # a post of four words for one of two, in the headline and the text
    verdict = compare(
        decree("خالد بن سلمان", "مستشارا في الديوان الملكي"),
        decree("خالد بن سلمان", "وزيرا للخارجية"),
    )
    assert verdict.decision == "different"
    assert "names differ in the headlines and the text" in verdict.notes[0]


def test_templated_headlines_set_aside_as_template_lines_still_tell_items_apart() -> None:
    # eight cables to each of three presidents: a headline on eight items is a template line
    # of the corpus, and the items are told apart by the blank of the lines themselves
    docs = cables(("Belgium", "Sudan", "Cuba"), per=8)
    result = find_duplicates(docs)
    assert result.stats["template_lines"] >= 1
    assert [c.ids for c in result.clusters if c.size > 1] == []  # 20 were merged


def test_names_one_letter_apart_that_are_never_one_another() -> None:
    # Iran / Iraq is one letter off, like a misspelling: data/dedup/distinct_names.txt
    verdict = compare(audience("Iran"), audience("Iraq"))
    assert verdict.decision == "different" and "iran / iraq" in verdict.notes[0]
    verdict = compare(condemnation("a market in Gaza"), condemnation("a market in Giza"))
    assert verdict.decision == "different" and "gaza / giza" in verdict.notes[0]
    # a misspelt name is still one name
    assert compare(audience("Kuwait"), audience("Kuwiat")).decision == "duplicate"
    # and so is a name transliterated with and without its accents
    assert compare(audience("Türkiye"), audience("Turkiye")).decision == "duplicate"
    assert compare(
        condemnation("a market in Elazığ"), condemnation("a market in Elazig")
    ).decision == ("duplicate")


def _rate_statement(dateline: str, decision: str) -> str:
    """A central bank's statement, issued in the same words after each meeting."""
    return (
        "Central bank statement on monetary policy\n"
        f"{dateline} (ONA) - The central bank said after the meeting of its monetary "
        f"policy committee that it had decided to {decision}.\n"
        "The bank said in a statement that it continues to follow the economic and "
        "financial developments at home and abroad closely, and that it will take the "
        "measures needed to keep prices and the financial system stable, in support of "
        "sustainable growth of the national economy.\n"
        "The rial is pegged to the US dollar at a fixed rate, and the central banks of the "
        "Gulf states usually follow the decisions of the US Federal Reserve on interest "
        "rates in order to keep their currencies stable.\n"
        "Inflation in the sultanate stood at one percent on an annual basis in the last "
        "month, among the lowest rates in the region, the statistics centre said earlier."
    )


def test_statements_of_one_template_datelined_months_apart_stay_apart() -> None:
    march = _rate_statement(
        "Muscat, 3 March", "keep its key rate unchanged for a third meeting in a row"
    )
    # the same day of another month: no figure differs, the month tells the meetings apart
    june = _rate_statement(
        "Muscat, 3 June", "lower its key rate by a quarter of a point, its first cut in years"
    )
    copy = "Economy | Home\n" + march + "\nShare"
    verdict = compare(march, june)
    assert (verdict.decision, verdict.notes[0]) == (
        "different",
        "datelines 92 days apart (3/3 / 3/6)",
    )
    result = find_duplicates([("march", march), ("june", june), ("march-copy", copy)])
    assert sorted(sorted(c.ids) for c in result.duplicates()) == [["march", "march-copy"]]


def _kuna_statement(day_month: str, decision: str) -> str:
    """A central bank's statement in Arabic, datelined in digits as KUNA writes it."""
    return (
        "بنك الكويت المركزي يعلن قراره بشأن سعر الخصم\n"
        f"الكويت - {day_month} (كونا) -- أعلن بنك الكويت المركزي اليوم عقب اجتماع لجنة "
        f"السياسة النقدية أنه قرر {decision}.\n"
        "وقال البنك في بيان إنه يواصل متابعة التطورات الاقتصادية والمالية في الداخل والخارج "
        "عن كثب وإنه سيتخذ الإجراءات اللازمة للحفاظ على استقرار الأسعار والنظام المالي دعما "
        "للنمو المستدام للاقتصاد الوطني.\n"
        "ويرتبط الدينار الكويتي بسلة من العملات الرئيسية وعادة ما تتبع البنوك المركزية في "
        "دول الخليج قرارات مجلس الاحتياطي الاتحادي الأمريكي بشأن أسعار الفائدة للحفاظ على "
        "استقرار عملاتها.\n"
        "وبلغ معدل التضخم في البلاد اثنين في المئة على أساس سنوي في الشهر الماضي وهو من "
        "أدنى المعدلات في المنطقة بحسب الإدارة المركزية للإحصاء."
    )


def test_numeric_datelines_months_apart_keep_two_statements_apart() -> None:
    march = _kuna_statement("3 - 3", "الإبقاء على سعر الخصم دون تغيير للاجتماع الثالث على التوالي")
    june = _kuna_statement("3 - 6", "خفض سعر الخصم بمقدار ربع نقطة مئوية في أول خفض منذ سنوات")
    assert compare(march, june).decision == "different"  # (their datelines' digits differ)
    # an outlet writes the March dateline with the month's name: against the June
    # statement, only the datelines' dates tell the two meetings apart (once read as one)
    copy = "اقتصاد\n" + march.replace("الكويت - 3 - 3", "الكويت في 3 مارس")
    assert compare(march, copy).decision == "duplicate"
    verdict = compare(copy, june)
    assert (verdict.decision, verdict.notes[0]) == (
        "different",
        "datelines 92 days apart (3/3 / 3/6)",
    )
    result = find_duplicates([("march", march), ("june", june), ("march-copy", copy)])
    assert sorted(sorted(c.ids) for c in result.duplicates()) == [["march", "march-copy"]]


_SHARE_MENU = [
    "Share on Facebook",
    "Share on Twitter",
    "Share on WhatsApp",
    "Share via email",
    "Print this article",
    "Subscribe to our newsletter",
    "Follow us on Instagram",
    "Follow us on YouTube",
    "Advertisement",
    "Skip to main content",
    "Sign in",
    "Create an account",
    "Back to top",
    "Read more",
    "Most read",
    "Related articles",
    "Terms of use",
    "Privacy policy",
    "Cookie settings",
    "Contact us",
    "About us",
    "Advertise with us",
    "Download our app",
    "Listen to this article",
    "Leave a comment",
    "Copy link",
]


def test_a_long_chrome_header_does_not_hide_the_dateline() -> None:
    # The page opens with more than 600 characters of lines chrome stripping removes with
    # sure evidence (a header and a sidebar of links): the rules that read the opening of
    # the text read it without them, as the Spark engine does, so the dateline is found
    # (it was not, and the June statement joined the March one).
    march = _rate_statement(
        "Muscat, 3 March", "keep its key rate unchanged for a third meeting in a row"
    )
    june = _rate_statement(
        "Muscat, 3 June", "lower its key rate by a quarter of a point, its first cut in years"
    )
    header = "\n".join(_SHARE_MENU * 2)
    assert len(header) > 600
    page = header + "\n" + june
    removed = strip_chrome_explain(page, dated=False).removed
    assert {r.reason for r in removed} == {"lexicon"}
    result = find_duplicates([("march", march), ("june-page", page)])
    assert [c.ids for c in result.clusters] == [("march",), ("june-page",)]
    verdict = compare(march, page)
    assert (verdict.decision, verdict.notes[0]) == (
        "different",
        "datelines 92 days apart (3/3 / 3/6)",
    )


def _greeting(addressee: str, people: str) -> str:
    """A cable of one template: the addressee (a title, a name, a country) comes back in
    the wishes, replaced alike in both places."""
    return (
        "King sends cable of congratulations on the national day\n"
        f"The King sent a cable of congratulations to {addressee} on the occasion of the "
        "national day, in which he expressed his sincere congratulations and best wishes.\n"
        "In the cable, the King wished continued good health and happiness to "
        f"{addressee} and further progress and prosperity to the government and {people}.\n"
        "The King also praised the close ties between the two friendly countries and the "
        "cooperation between them in the economic, cultural and educational fields, and "
        "expressed his hope that the coming years would bring them even closer together.\n"
        "The Crown Prince sent a similar cable of congratulations on the same occasion."
    )


def test_a_template_filled_in_alike_twice_is_another_item() -> None:
    germany = _greeting(
        "His Excellency President Frank Walter Steinmeier of Germany", "the German people"
    )
    spain = _greeting("His Majesty King Felipe of Spain", "the Spanish people")
    verdict = compare(germany, spain)
    assert verdict.decision == "different", verdict.notes
    assert verdict.notes[0].startswith("the same words replaced in two places: ")
    copy = "World | Gulf\n" + germany + "\nShare this story"
    result = find_duplicates([("de", germany), ("es", spain), ("de-copy", copy)])
    assert sorted(sorted(c.ids) for c in result.duplicates()) == [["de", "de-copy"]]


def test_a_teaser_made_of_the_lead_joins_its_story() -> None:
    story = [
        "Port traffic hits a record",
        "The national port authority said on Monday that container traffic rose by a "
        "record margin in the first half of the year, its officials said.",
        *PORT_STORY[2:],
    ]
    teaser = (
        "Record half-year at the port\n"
        + story[1]
        + "\nOur reporter will have more on what this means for local jobs and shops soon."
    )
    verdict = compare(text(story), teaser)
    assert verdict.decision == "duplicate", verdict.notes
    assert verdict.notes[0] == "partial copy: shared passages"


def test_a_next_day_story_reusing_background_stays_apart() -> None:
    # the follow-up's own lead tells of Tuesday, the story's of Monday; a local paper's
    # copy under its own top names no other day ("Sunday Mirror" is a name, not a day)
    background = PORT_STORY[2:5]
    follow_up = "\n".join(
        [
            "Importers demand action on port congestion",
            "Importers' associations on Tuesday called on the government to build a second "
            "access road to the port, a day after the authority announced record container "
            "traffic, saying trucks still queue for hours at the customs gates.",
            *background,
            "The transport ministry said it would study the request.",
        ]
    )
    local_top = "\n".join(
        [
            "Record year for our port",
            "Local hauliers welcomed the figures published by the national port authority, "
            "which told the Sunday Mirror it expects another record in the second half.",
            *background,
            "The chamber of commerce will discuss the figures at its next meeting.",
        ]
    )
    docs = [("port", text(PORT_STORY)), ("follow-up", follow_up), ("local-top", local_top)]
    groups = sorted(sorted(c.ids) for c in find_duplicates(docs).clusters)
    assert groups == [["follow-up"], ["local-top", "port"]]
    match = compare(docs[0], docs[1])
    assert match.decision == "different"
    assert "the leads tell of different days: monday / tuesday" in match.notes
    # a day in a shared passage is the story's: the copy that keeps the lead agrees
    same_day = follow_up.replace("on Tuesday", "on Monday")
    assert compare(docs[0], ("same-day", same_day)).decision == "duplicate"


def test_a_later_version_with_new_figures_in_its_lead_stays_apart() -> None:
    # the later version rewrites the headline and the lead around new figures and keeps
    # the rest; a copy under an outlet's own headline keeps the wire's figures
    update = "\n".join(
        [
            "Divers recover bodies from capsized ferry",
            "Divers recovered 9 bodies on Friday from the ferry that capsized off the island "
            "a day earlier, and 5 passengers were still missing, the coast guard said.",
            *FERRY_STORY[2:],
        ]
    )
    retitled = "\n".join(["Island ferry disaster: search goes on", *FERRY_STORY[1:]])
    docs = [("story", text(FERRY_STORY)), ("update", update), ("copy", retitled)]
    groups = sorted(sorted(c.ids) for c in find_duplicates(docs).clusters)
    assert groups == [["copy", "story"], ["update"]]
    match = compare(docs[0], docs[1])
    assert match.decision == "different"
    assert match.notes[0] == "the leads give different figures: 14 / 5"
    # under the same headline, the figures of an outlet's own top do not count
    same_title = update.replace("Divers recover bodies from capsized ferry", FERRY_STORY[0])
    assert compare(docs[0], ("same-title", same_title)).decision == "duplicate"
    # a day next to its month and a year are dates, not figures
    dated = update.replace("9 bodies on Friday", "bodies on 12 March 2024").replace(" 5 ", " ")
    assert compare(docs[0], ("dated", dated)).decision == "duplicate"
    # figures in words count as figures: the update told in words stays apart, and a copy
    # that spells out the wire's figure keeps it
    worded = update.replace("9 bodies", "nine bodies").replace(" 5 ", " five ")
    assert compare(docs[0], ("worded", worded)).notes[0].endswith("14 / 5")
    spelled = "\n".join(
        [
            "Island ferry disaster: search goes on",
            "Fishermen, the navy and 5 helicopters searched on Thursday for fourteen "
            "passengers of the ferry carrying 230 people that capsized off the island.",
            *FERRY_STORY[2:5],
        ]
    )
    assert compare(docs[0], ("spelled", spelled)).decision == "duplicate"
    as_digits = spelled.replace("fourteen", "many")
    assert compare(docs[0], ("as-digits", as_digits)).notes[0].endswith("14 / 5")


def test_copies_keeping_different_paragraphs_with_figures_join_through_the_story() -> None:
    # each copy keeps a paragraph with a figure the other dropped: the story holds both
    story = [
        FERRY_STORY[0],
        "Rescuers searched the sea off the island on Thursday for passengers missing after "
        "a ferry capsized in heavy swell, the coast guard said.",
        "The coast guard said 216 people had been rescued by nightfall, most of them by "
        "fishermen who reached the ferry before the navy's boats could get there.",
        FERRY_STORY[2],
        "The ferry, built 31 years ago in a foreign yard, had been inspected in the spring "
        "and passed, its owners said, although inspectors had asked for new life rafts.",
        *FERRY_STORY[3:],
    ]
    first = "\n".join(["Ferry capsizes near the reef", *story[1:4], *story[5:8]])
    second = "\n".join(["Search for ferry passengers", story[1], *story[3:8]])
    docs = [("story", text(story)), ("first", first), ("second", second)]
    assert compare(docs[1], docs[2]).notes[0] == "the leads give different figures: 216 / 31"
    groups = [sorted(c.ids) for c in find_duplicates(docs).clusters]
    assert groups == [["first", "second", "story"]]


def test_a_copy_that_spells_out_a_compound_arabic_figure_keeps_it() -> None:
    # "أربعة عشر" is 14 and "تسعة وعشرون" 29: the copy gives the story's figures in words
    body = [
        "وأوضحت الهيئة أن غرفة العمليات تلقت بلاغا بالحادث عند الفجر، وأنها باشرته بفرق "
        "إسعافية عدة، إضافة إلى طائرتي إسعاف جوي لنقل الحالات الحرجة إلى المستشفيات.",
        "وكانت الحافلة تقل معتمرين من جنسيات مختلفة، أغلبهم من باكستان وإندونيسيا، في "
        "طريقهم من مكة المكرمة إلى المدينة المنورة بعد أداء مناسك العمرة.",
        "وأفادت الإدارة العامة للمرور بأن المؤشرات الأولية تفيد بأن السائق فقد السيطرة على "
        "الحافلة بسبب السرعة الزائدة، وأن التحقيقات ما زالت جارية لتحديد أسباب الحادث.",
        "ونقل المصابون إلى مستشفى الملك فهد ومستشفى الميقات، ووصفت حالة بعضهم بالحرجة، فيما "
        "غادر آخرون المستشفى بعد تلقي العلاج اللازم.",
        "وقدمت القنصليات المعنية التعازي لذوي الضحايا، وأعلنت أنها تتابع مع السلطات "
        "السعودية إجراءات نقل الجثامين وعلاج المصابين.",
    ]
    story = "\n".join(
        [
            "وفاة 14 معتمرا وإصابة 29 في انقلاب حافلة",
            "المدينة المنورة - توفي 14 معتمرا وأصيب 29 آخرون إثر انقلاب حافلة كانت تقلهم على "
            "الطريق السريع بين مكة المكرمة والمدينة المنورة فجر الجمعة، وفق الهلال الأحمر.",
            *body,
        ]
    )
    copy = "\n".join(
        [
            "أربعة عشر معتمرا يلقون حتفهم في حادث مروع",
            "توفي أربعة عشر معتمرا وأصيب تسعة وعشرون آخرون فجر اليوم الجمعة، عندما انقلبت "
            "حافلتهم على بعد 400 كيلومتر من مكة المكرمة، بحسب الهلال الأحمر السعودي.",
            *body[:4],
        ]
    )
    assert compare(("story", story), ("copy", copy)).decision == "duplicate"
    # ... which "أربعة" and "عشر" read one by one (4 and 10) would not
    split = copy.replace("أربعة عشر معتمرا يلقون", "معتمرون يلقون")
    split = split.replace("أربعة عشر معتمرا وأصيب", "أربعة معتمرين وعشر نساء وأصيب")
    assert (
        compare(("story", story), ("split", split))
        .notes[0]
        .startswith("the leads give different figures")
    )


def test_a_copy_with_a_rewritten_opening_over_pieces_of_the_story_joins_it() -> None:
    # an outlet rewrote the first sentence, cut the second and third paragraphs and kept
    # pieces of the rest: its shared text starts deep in the story, but it is no related
    # story quoting background (that has a lead of its own and one quoted block)
    copy = "\n".join(
        [
            "Island ferry disaster: 14 still missing",
            "Fourteen people were still missing on Thursday night after an overcrowded "
            "passenger boat overturned in rough seas near a reef off the island, rescuers "
            "reported.",
            *FERRY_STORY[4:6],
            FERRY_STORY[7],
            "Our correspondent on the island will send more as the search goes on.",
        ]
    )
    match = compare(("story", text(FERRY_STORY)), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    assert match.notes[0] == "partial copy: shared passages"
    follow_up = "\n".join(
        [
            "Ferry operator's licence suspended",
            "The maritime authority on Monday suspended the licence of the company whose "
            "ferry capsized off the island last week.",
            FERRY_STORY[7],
            "The company said it would appeal against the decision in court.",
        ]
    )
    groups = sorted(
        sorted(c.ids)
        for c in find_duplicates(
            [("story", text(FERRY_STORY)), ("copy", copy), ("follow-up", follow_up)]
        ).clusters
    )
    assert groups == [["copy", "story"], ["follow-up"]]


def test_a_loanword_spelled_with_other_letters_is_no_replaced_name() -> None:
    from newsclean.dedup.verify import _loan_spelled, _respelled

    assert _loan_spelled("ميغاواط", "ميجاوات") and _loan_spelled("هامبورغ", "هامبورج")
    assert not _loan_spelled("قاسم", "جاسم")  # ق is not listed: a name of its own
    assert not _loan_spelled("برلين", "باريس") and not _respelled("برلين", "باريس")
    story = [
        *SCHOOL_STORY_AR[:2],
        "وقال المتحدث إن الوزارة ستزود المدارس بألواح شمسية بقدرة 40 ميغاواط لتشغيل "
        "الفصول والمختبرات، بالتعاون مع شركة غوغل التي ستوفر الحواسيب.",
        *SCHOOL_STORY_AR[2:],
    ]
    respelled = [p.replace("ميغاواط", "ميجاوات").replace("غوغل", "جوجل") for p in story]
    assert respelled != story
    match = compare(("a", text(story)), ("b", text(respelled)))
    assert match.decision == "duplicate", match.notes


def test_two_outlets_keeping_different_parts_of_a_story_join_it() -> None:
    # one outlet dropped the last paragraph; another rewrote the opening in one sentence of
    # its own words and kept two middle paragraphs and the last: against the first, whose
    # lead it lacks, that reads like a related story quoting background, but the wire story
    # both copy explains it
    trimmed = "\n".join(FERRY_STORY[:7])

    def rewritten(opening: str) -> str:
        return "\n".join(
            [
                "Ferry disaster off the island",
                opening,
                *FERRY_STORY[3:5],
                FERRY_STORY[7],
                "Our correspondent on the island will send more news of the search as it "
                "goes on through the night.",
            ]
        )

    copy = rewritten(
        "A search went on into the night for people lost when an overloaded ferry turned "
        "over in heavy swell near a reef off the island, with navy ships and fishing boats "
        "taking part."
    )
    docs = [("wire", text(FERRY_STORY)), ("trimmed", trimmed), ("rewritten", copy)]
    pair = compare(docs[1], docs[2])
    assert pair.decision == "different" and "related story quoting background" in pair.notes[0]
    assert compare(docs[0], docs[2]).decision == "duplicate"
    groups = sorted(sorted(c.ids) for c in find_duplicates(docs).clusters)
    assert groups == [["rewritten", "trimmed", "wire"]]
    # an opening of the same length that tells another story: a related story, apart
    other = rewritten(
        "The finance minister said on Thursday that the budget deficit narrowed to its lowest "
        "level in a decade as tax revenue grew faster than expected this year."
    )
    docs[2] = ("other", other)
    assert compare(docs[0], docs[2]).decision == "different"
    groups = sorted(sorted(c.ids) for c in find_duplicates(docs).clusters)
    assert groups == [["other"], ["trimmed", "wire"]]


def _cable_ar(name: str, country: str, adjective: str, history: str) -> str:
    """A congratulation cable of one template: the addressee's name with his country's in
    the greeting, the name alone in the next cable's sentence."""
    return "\n".join(
        [
            f"أمير البلاد يهنئ {country.split()[0]} بالعيد الوطني",
            f"بعث سمو أمير البلاد ببرقية تهنئة إلى فخامة الرئيس {name} رئيس {country} "
            f"{adjective}، عبر فيها سموه عن خالص تهانيه بمناسبة العيد الوطني لبلاده، متمنيا له "
            "موفور الصحة والعافية، ولشعب بلاده دوام التقدم والازدهار، ولعلاقات التعاون بين "
            "البلدين المزيد من التطور والنماء.",
            f"كما بعث سمو ولي العهد ببرقية تهنئة مماثلة إلى فخامة الرئيس {name}، ضمنها سموه "
            "خالص تهانيه بهذه المناسبة، متمنيا له موفور الصحة والعافية، ولبلاده وشعبها المزيد "
            "من التقدم والرخاء.",
            "وبعث سمو رئيس مجلس الوزراء ببرقية تهنئة مماثلة إلى فخامته، أعرب فيها سموه عن "
            "أطيب التهاني بهذه المناسبة، متمنيا له دوام الصحة وموفور العافية.",
            history,
        ]
    )


def test_a_template_blank_filled_with_overlapping_words_in_two_places_keeps_cables_apart() -> None:
    # the blank comes back as the name and country in the greeting and the name alone in
    # the next sentence: two gaps of different sizes, one addressee
    manila = _cable_ar(
        "فرديناند ماركوس الابن",
        "جمهورية الفلبين",
        "الصديقة",
        "وتحتفل الفلبين بعيدها الوطني في الثاني عشر من يونيو من كل عام.",
    )
    beirut = _cable_ar(
        "جوزيف عون",
        "الجمهورية اللبنانية",
        "الشقيقة",
        "ويحتفل لبنان بعيد استقلاله في الثاني والعشرين من نوفمبر من كل عام.",
    )
    match = compare(("ph", manila), ("lb", beirut))
    assert match.decision == "different"
    assert (
        match.notes[0] == "the same words replaced in two places: فرديناند ماركوس الابن / جوزيف عون"
    )
    # the same cable with the name spelled another way in both places is one cable
    respelled = manila.replace("فرديناند ماركوس الابن", "فيرديناند ماركوس الإبن")
    assert respelled.count("فيرديناند") == 2
    assert compare(("ph", manila), ("ph2", respelled)).decision == "duplicate"


def test_a_copy_whose_own_span_is_mostly_the_story_joins_though_a_sibling_dropped_it() -> None:
    # a local paper kept the second and third paragraphs under its own lead and added a
    # paragraph; a foreign outlet kept the fourth, sixth and seventh: against each other
    # the local copy's "own" span (its lead, the two paragraphs, its addition) reads like
    # a related story's lead, but the wire story both copy holds a good part of it
    local = "\n".join(
        [
            "Island mourns after ferry tragedy",
            "A coastal town was in shock on Thursday as families waited for word of relatives "
            "who had boarded the doomed morning boat to the mainland.",
            FERRY_STORY[2],
            FERRY_STORY[3],
            "The town's mayor said the community hall would stay open through the night for "
            "relatives, and local churches held vigils for the missing.",
            FERRY_STORY[6],
            FERRY_STORY[7],
        ]
    )
    abroad = "\n".join(
        [
            "Foreign tourists among ferry passengers",
            "Foreign tourists were among the passengers of the ferry that capsized in heavy "
            "swell near the reef off the island on Thursday, the coast guard said.",
            FERRY_STORY[4],
            FERRY_STORY[6],
            FERRY_STORY[7],
        ]
    )
    docs = [("wire", text(FERRY_STORY)), ("local", local), ("abroad", abroad)]
    pair = compare(docs[1], docs[2])
    assert pair.decision == "different" and "related story quoting background" in pair.notes[0]
    groups = sorted(sorted(c.ids) for c in find_duplicates(docs).clusters)
    assert groups == [["abroad", "local", "wire"]]


def test_a_copy_writing_percent_in_words_joins_the_story() -> None:
    # one outlet writes "12.6%", another "12.6 في المائة": on a story of figures that is a
    # different word at every figure (before, the copy below shared 42% of its text in
    # passages and was missed); the month's report of the same template stays apart
    story = "\n".join(
        [
            "وكالة الأنباء القطرية",
            "اقتصاد",
            "الفائض التجاري لدولة قطر يرتفع بنسبة 12.6% في أغسطس",
            "الدوحة - قنا",
            "أظهرت بيانات صادرة عن المجلس الوطني للتخطيط اليوم ارتفاع الفائض في "
            "الميزان التجاري السلعي لدولة قطر خلال شهر أغسطس الماضي بنسبة 12.6% "
            "مقارنة بالشهر نفسه من العام السابق، ليبلغ نحو 21.4 مليار ريال.",
            "وأوضحت البيانات أن قيمة الصادرات القطرية من السلع المحلية والمعاد "
            "تصديرها بلغت نحو 29.1 مليار ريال، بارتفاع نسبته 8.3% على أساس سنوي، "
            "فيما تراجعت قيمة الواردات السلعية بنسبة 1.7% لتبلغ نحو 7.7 مليار ريال.",
            "وبينت أن صادرات غازات النفط والغازات الهيدروكربونية الأخرى استحوذت على "
            "62.4% من إجمالي الصادرات، تلتها الزيوت النفطية الخام بنسبة 18.9%، ثم "
            "الزيوت غير الخام بنسبة 7.2%، فيما شكلت صادرات المواد الكيماوية العضوية "
            "نحو 3.1% من الإجمالي.",
            "وعلى صعيد الشركاء التجاريين، جاءت الصين في مقدمة الدول المستوردة من "
            "قطر بحصة بلغت 17.5% من إجمالي الصادرات، تلتها الهند بنسبة 13.2% ثم "
            "كوريا الجنوبية بنسبة 11.8%، بينما تصدرت الولايات المتحدة قائمة الدول "
            "المصدرة إلى قطر بحصة 14.6% من إجمالي الواردات.",
            "وأشارت البيانات إلى أن واردات السيارات وقطع غيارها انخفضت بنسبة 9.4% "
            "خلال الشهر، في حين ارتفعت واردات الأجهزة الكهربائية بنسبة 5.6% مقارنة "
            "بالشهر المماثل.",
            "ويأتي ارتفاع الفائض التجاري في ظل استقرار أسعار الغاز الطبيعي المسال "
            "في الأسواق العالمية، وزيادة الطلب الآسيوي على شحنات الطاقة القطرية "
            "خلال فصل الصيف.",
        ]
    )
    copy = "\n".join(
        [
            "الراية",
            "اقتصاد",
            "21.4 مليار ريال فائض الميزان التجاري في أغسطس",
            "كتب - محمد عبدالله",
            "سجل الميزان التجاري السلعي للدولة فائضا قدره 21.4 مليار ريال خلال "
            "أغسطس، مرتفعا 12.6 في المائة عن مستواه قبل عام، بدعم من نمو الصادرات "
            "وتراجع فاتورة الواردات، وفق أحدث بيانات المجلس الوطني للتخطيط.",
            "وأوضحت البيانات أن قيمة الصادرات القطرية من السلع المحلية والمعاد "
            "تصديرها بلغت نحو 29.1 مليار ريال، بارتفاع نسبته 8.3 في المائة على أساس "
            "سنوي، فيما تراجعت قيمة الواردات السلعية بنسبة 1.7 في المائة لتبلغ نحو "
            "7.7 مليار ريال.",
            "وبينت أن صادرات غازات النفط والغازات الهيدروكربونية الأخرى استحوذت على "
            "62.4 في المائة من إجمالي الصادرات، تلتها الزيوت النفطية الخام بنسبة "
            "18.9 في المائة، ثم الزيوت غير الخام بنسبة 7.2 في المائة، فيما شكلت "
            "صادرات المواد الكيماوية العضوية نحو 3.1 في المائة من الإجمالي.",
            "وعلى صعيد الشركاء التجاريين، جاءت الصين في مقدمة الدول المستوردة من "
            "قطر بحصة بلغت 17.5 في المائة من إجمالي الصادرات، تلتها الهند بنسبة "
            "13.2 في المائة ثم كوريا الجنوبية بنسبة 11.8 في المائة، بينما تصدرت "
            "الولايات المتحدة قائمة الدول المصدرة إلى قطر بحصة 14.6 في المائة من "
            "إجمالي الواردات.",
            "ويرى مصرفيون أن استمرار الفائض عند هذه المستويات يعزز احتياطيات مصرف "
            "قطر المركزي من النقد الأجنبي ويدعم استقرار سعر صرف الريال خلال الأشهر "
            "المقبلة.",
            "طباعة",
            "شارك",
        ]
    )
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    september = story.replace("أغسطس", "سبتمبر")
    for old, new in (("12.6", "4.1"), ("21.4", "19.8"), ("29.1", "27.6"), ("8.3", "2.2")):
        september = september.replace(old, new)
    groups = sorted(
        sorted(c.ids)
        for c in find_duplicates(
            [("story", story), ("copy", copy), ("september", september)]
        ).clusters
    )
    assert groups == [["copy", "story"], ["september"]]


def test_a_copy_writing_its_amounts_another_way_joins_the_story() -> None:
    # "2.4 مليون" / "مليونين و400 ألف", "1,350" / "1350", "12,000" / "12 ألف", "4.4 مليار" /
    # "4 مليارات و400 مليون": one amount written two ways is no other figure (before, the
    # copy was kept apart: "numbers differ: 4 مليار / مليارات و400 مليون"); the same
    # report of another port, with other amounts, stays apart
    story = "\n".join(
        [
            "ميناء جدة الإسلامي يسجل نموا في حركة الحاويات خلال النصف الأول",
            "جدة في 9 يوليو /واس/ سجل ميناء جدة الإسلامي نموا في حركة الحاويات "
            "خلال النصف الأول من العام الجاري، إذ بلغ عدد الحاويات المناولة 2.4 "
            "مليون حاوية قياسية، بحسب بيانات الهيئة العامة للموانئ.",
            "وأوضحت الهيئة أن الميناء استقبل خلال الفترة 1,350 سفينة، فيما بلغ "
            "حجم البضائع العامة 12,000 طن يوميا في المتوسط، وبلغت قيمة "
            "الاستثمارات الجديدة في محطات الميناء نحو 4.4 مليار ريال.",
            "وبينت أن الميناء يرتبط بأكثر من 60 خطا ملاحيا مع موانئ آسيا "
            "وأوروبا وأفريقيا، ويضم 62 رصيفا بطاقة استيعابية تصل إلى 130 مليون "
            "طن سنويا.",
            "وأشارت الهيئة إلى أن تشغيل المحطة الجديدة أسهم في خفض متوسط زمن "
            "بقاء الحاويات في الميناء إلى أربعة أيام، ضمن مستهدفات الاستراتيجية "
            "الوطنية للنقل والخدمات اللوجستية.",
        ]
    )
    copy = "\n".join(
        [
            "أخبار 24",
            "اقتصاد",
            "2.4 مليون حاوية عبر ميناء جدة في 6 أشهر",
            "جدة - واس: سجل ميناء جدة الإسلامي نموا في حركة الحاويات خلال النصف "
            "الأول من العام الجاري، إذ بلغ عدد الحاويات المناولة مليونين و400 "
            "ألف حاوية قياسية، بحسب بيانات الهيئة العامة للموانئ.",
            "وأوضحت الهيئة أن الميناء استقبل خلال الفترة 1350 سفينة، فيما بلغ "
            "حجم البضائع العامة 12 ألف طن يوميا في المتوسط، وبلغت قيمة "
            "الاستثمارات الجديدة في محطات الميناء نحو 4 مليارات و400 مليون "
            "ريال.",
            "وبينت أن الميناء يرتبط بأكثر من 60 خطا ملاحيا مع موانئ آسيا "
            "وأوروبا وأفريقيا، ويضم 62 رصيفا بطاقة استيعابية تصل إلى 130 مليون "
            "طن سنويا.",
            "شارك",
        ]
    )
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    other = story.replace("جدة", "الدمام")
    for old, new in (("2.4 مليون", "1.1 مليون"), ("1,350", "790"), ("12,000", "8,500")):
        other = other.replace(old, new)
    apart = compare(("story", story), ("other", other))
    assert apart.decision == "different" and apart.notes[0].startswith("numbers differ")


def test_a_teaser_reporting_a_rise_above_the_shared_headline_is_no_update() -> None:
    # a copy's page puts a "Read also" teaser of another story above the headline it shares
    # with the story; the teaser's "up from" and figure are the page's, not an update's
    paragraphs = [
        "The island ferry company will run four crossings a day instead of seven from "
        "November, it said on Tuesday, blaming fuel costs and a shortage of crew.",
        "Residents of the outer islands said the cuts would leave them cut off in bad "
        "weather, when the last boat already leaves before dark.",
        "The company's chief executive said the timetable would be reviewed in March and "
        "that freight crossings would not change.",
        "The regional council said it would ask the transport ministry for an emergency "
        "subsidy to keep the evening crossing.",
    ]
    headline = "Ferry operator cuts winter crossings to the islands"
    story = "\n".join([headline, *paragraphs])
    teaser = "Regional airport counts 48,000 passengers in October, up from 41,000"
    copy = "\n".join(["Coast Courier", "Read also", teaser, headline, *paragraphs])
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    # the same teaser over a headline of its own: the rise may be the story's update
    update = "\n".join(
        [
            "Ferry company restores evening crossing, up from four to five a day",
            "The island ferry company will run five crossings a day from November after "
            "the regional council agreed on Thursday to pay for an evening boat, it said.",
            *paragraphs[1:3],
        ]
    )
    assert compare(("story", story), ("update", update)).decision == "different"


def test_units_and_titles_abbreviated_by_a_copy_are_no_replaced_names() -> None:
    # "km" for "kilometres" (data/dedup/abbreviations.txt) is the outlet's style: before,
    # three such words and one synonym read as "names differ" and kept the copy apart
    paragraphs = [
        "A magnitude 5.9 earthquake struck the mountainous north of the country early on "
        "Sunday, shaking buildings in the provincial capital and sending panicked residents "
        "into the streets, officials said.",
        "The quake's epicentre was 12 kilometres south of the town of Tarvan at a depth of "
        "10 kilometres, the national seismology centre said.",
        "Two people were slightly injured by falling debris and several old houses in "
        "villages near the epicentre were damaged, the provincial governor told state "
        "television.",
        "The tremor was felt 140 kilometres away in the regional capital, where some "
        "schools were closed for inspections.",
        "The region sits on several active fault lines and has been hit by strong "
        "earthquakes in the past.",
    ]
    story = "\n".join(["Earthquake shakes northern province, two slightly hurt", *paragraphs])
    copied = [p.replace(" kilometres", " km") for p in paragraphs]
    copied[0] = copied[0].replace("panicked", "frightened")
    copy = "\n".join(["Quake of magnitude 5.9 hits the north", *copied])
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes


def test_abbreviated_forms_are_one_word() -> None:
    from newsclean.dedup.verify import _respelled

    assert _respelled("km", "kilometres") and _respelled(normalize("د"), normalize("الدكتور"))
    assert not _respelled("km", "kilograms")


def test_a_copy_writing_its_times_another_way_joins_the_story() -> None:
    # "14:30" / "2:30 ظهرا", "21:15" / "9:15 مساءً" (data/dedup/clock_words.txt): one time of
    # day written two ways is no other figure (before, the copy was kept apart: "numbers
    # differ: 2 ظهرا / الساعه 14"); the next week's timetable, with other times, stays apart
    def timetable(first: str, second: str, third: str) -> list[str]:
        return [
            "وأوضحت الهيئة العامة للطيران المدني أن الرحلة الأولى ستقلع من مطار الملكة علياء "
            f"الدولي عند {first} وتصل إلى مطار القاهرة بعد ساعة وعشر دقائق، فيما تقلع رحلة "
            f"العودة عند {second} من يوم الأحد المقبل.",
            "وبينت الهيئة أن الشركة ستشغل طائرات من طراز إيرباص بسعة 174 مقعدا على هذا الخط، "
            f"وأن الرحلة الثالثة تقلع عند {third} من كل يوم خميس ابتداء من الشهر المقبل.",
            "ودعت الهيئة المسافرين إلى الحضور إلى المطار قبل ثلاث ساعات من موعد الإقلاع، "
            "والتأكد من صلاحية وثائق السفر، ومتابعة مواعيد الرحلات عبر الموقع الإلكتروني "
            "للشركة وتطبيقها على الهواتف الذكية.",
            "وتأتي هذه الخطوة ضمن خطة لزيادة عدد الرحلات بين البلدين خلال موسم الشتاء، "
            "بعد ارتفاع الطلب على السفر لأغراض السياحة والعمل والدراسة.",
        ]

    headline = "استئناف الرحلات المباشرة بين عمّان والقاهرة الأسبوع المقبل"
    story = "\n".join(
        [headline, "عمان في 3 نوفمبر /بترا/", *timetable("الساعة 14:30", "الساعة 21:15", "07:45")]
    )
    copy = "\n".join(
        [
            "الرحلات تعود بين عمّان والقاهرة",
            "عمان - بترا",
            *timetable("2:30 ظهرا", "9:15 مساءً", "7:45 صباحا"),
            "شارك",
        ]
    )
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    other = "\n".join(
        [headline, "عمان في 3 نوفمبر /بترا/", *timetable("الساعة 16:10", "الساعة 23:40", "08:20")]
    )
    apart = compare(("story", story), ("other", other))
    assert apart.decision == "different" and apart.notes[0].startswith("numbers differ")


def test_a_dateline_date_or_a_time_stamp_is_no_risen_figure() -> None:
    # the story's headline reports a rise ("ارتفاع ... إلى"); the day and year of its
    # dateline and the time stamp of a copy's page are no figure the other text never gives
    # (before: "update: ... reports a figure risen since the other text (12)")
    body = [
        "أعلنت وزارة الصحة، اليوم الثلاثاء، ارتفاع عدد الإصابات بحمى الضنك في المحافظات "
        "الجنوبية إلى 862 حالة، بينها 9 وفيات، منذ بداية موسم الأمطار.",
        "وأوضحت الوزارة في بيانها أن محافظة الساحل سجلت العدد الأكبر من الإصابات بواقع 341 "
        "حالة، تليها محافظة الوادي بـ205 حالات، فيما توزعت بقية الحالات على أربع محافظات.",
        "وأشارت إلى أن فرق المكافحة نفذت حملات رش في الأحياء الأكثر تضررا، ودعت المواطنين "
        "إلى التخلص من المياه الراكدة واستخدام الناموسيات والتوجه إلى أقرب مركز صحي عند "
        "ظهور الأعراض.",
    ]
    story = "\n".join(
        [
            "الصحة: ارتفاع إصابات حمى الضنك إلى 862 حالة بينها 9 وفيات",
            "المكلا 12 سبتمبر 2023 (وكالة) -",
            *body,
        ]
    )
    copy = "\n".join(
        [
            "حمى الضنك تتمدد في الجنوب",
            "قالت السلطات الصحية إن حمى الضنك انتشرت في ست محافظات جنوبية مع تسجيل 862 إصابة "
            "بينها 9 وفيات.",
            *body[1:],
        ]
    )
    # the rise reported under a page's time stamp, against the copy with neither
    stamped = "\n".join(
        [
            "الصحة: ارتفاع إصابات حمى الضنك إلى 862 حالة بينها 9 وفيات",
            "الثلاثاء - 8:40 مساءً",
            *body,
        ]
    )
    texts = {"story": story, "copy": copy, "stamped": stamped}
    for a, b in (("story", "copy"), ("copy", "story"), ("stamped", "copy")):
        match = compare((a, texts[a]), (b, texts[b]))
        assert match.decision == "duplicate", (a, b, match.notes)


def test_a_copy_adding_conversions_between_its_passages_joins_the_story() -> None:
    # a copy that writes the imperial figure beside each metric one ("30cm (12in)") cuts
    # the wire's paragraphs into passages under 30 words; joined across those added
    # figures they are the story's passages (before: "not enough shared text")
    story = "\n".join(
        [
            "Heavy snow forecast for the hills as cold snap tightens its grip",
            "Forecasters have issued a warning for heavy snow across the northern hills from "
            "Thursday evening, with travel disruption likely on high routes.",
            "Between 10cm and 20cm of snow could settle above 300 metres, with as much as "
            "30cm on the highest ground, and strong winds may cause drifting on exposed "
            "roads through Friday morning.",
            "Temperatures are expected to fall to minus 6C in rural valleys overnight, and "
            "icy stretches are likely on untreated pavements and cycle paths where showers "
            "freeze after dark.",
            "The council said its gritting crews would work through the night on the main "
            "routes and urged drivers to carry a blanket, a torch and a charged phone.",
            "Rail operators said some early services might be cancelled at short notice and "
            "advised passengers to check before they travel.",
            "A milder spell with rain is expected to reach western areas by Sunday, bringing "
            "a thaw to lower ground.",
        ]
    )
    copy = "\n".join(
        [
            "Up to a foot of snow on the way for the northern hills",
            "Drivers in the hills are being told to prepare for a difficult end to the week.",
            "Between 10cm and 20cm (4-8in) of snow could settle above 300 metres (1,000ft), "
            "with as much as 30cm (12in) on the highest ground, and strong winds may cause "
            "drifting on exposed roads through Friday morning.",
            "Temperatures are expected to fall to minus 6C (21F) in rural valleys overnight, "
            "and icy stretches are likely on untreated pavements and cycle paths where "
            "showers freeze after dark.",
        ]
    )
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    # words of its own added between the same passages do not join them
    own = copy.replace("(4-8in)", "in places").replace("(1,000ft)", "or so")
    own = own.replace("(12in)", "they say").replace("(21F)", "at least")
    assert compare(("story", story), ("own", own)).decision == "different"


def test_headlines_numbering_different_items_of_a_series_stay_apart() -> None:
    # two items of one series (the second and the third relief flight) open with the same
    # long boilerplate sentence and go on with texts of their own: the shared opening made
    # them copies (before: "same opening: the first 45 words are shared"); the headlines'
    # ordinals tell them apart, and a copy that numbers the item alike stays a copy
    opening = (
        "تنفيذا لتوجيهات القيادة بتقديم المساعدات العاجلة للشعب الشقيق، وبمتابعة من المركز "
        "الوطني للإغاثة والأعمال الإنسانية الذي يسير جسرا جويا لنقل المساعدات الغذائية "
        "والطبية من مستودعاته في العاصمة إلى المطار الدولي في المدينة المنكوبة، وصلت اليوم "
    )
    second = "\n".join(
        [
            "وصول الطائرة الإغاثية الثانية إلى مطار المدينة",
            opening + "الطائرة الثانية وعلى متنها مواد غذائية وخيام وبطانيات.",
            "وأوضح المتحدث باسم المركز أن الفريق الميداني سيتولى توزيع السلال الغذائية على "
            "الأسر النازحة في المخيمات الواقعة شمال المدينة بالتنسيق مع السلطات المحلية.",
            "وأشار إلى أن المركز نصب مستودعا مؤقتا قرب المطار لتخزين المواد قبل نقلها "
            "بالشاحنات إلى مواقع التوزيع خلال الأيام المقبلة.",
        ]
    )
    third = "\n".join(
        [
            "وصول الطائرة الإغاثية الثالثة إلى مطار المدينة",
            opening + "الطائرة الثالثة وعلى متنها أدوية ومستلزمات طبية وأجهزة غسيل كلى.",
            "وبين المتحدث باسم المركز أن الشحنة خصصت لمستشفيات المدينة التي تعاني نقصا حادا "
            "في الأدوية، وأن فريقا طبيا تطوعيا سيصل الأسبوع المقبل لإجراء عمليات جراحية.",
            "ولفت إلى أن المركز وقع اتفاقية مع وزارة الصحة لتشغيل عيادات متنقلة في القرى "
            "المتضررة من الفيضانات.",
        ]
    )
    apart = compare(("second", second), ("third", third))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0] == "the headlines number different items: 2 / 3"
    copy = second.replace("وصول الطائرة الإغاثية الثانية", "شاهد.. وصول ثانية طائرات الإغاثة")
    assert compare(("second", second), ("copy", copy)).decision == "duplicate"


def test_a_copy_dropping_a_paragraph_whose_phrases_another_repeats_joins_the_story() -> None:
    # the humidity paragraph repeats the phrases of the temperature paragraph; a copy that
    # drops it had phrases of it aligned back into the temperature paragraph, and their
    # figures read as replaced (before: "numbers differ: 30 و34 درجه مييه / 70 و90")
    paragraphs = [
        "توقع المركز الوطني للأرصاد أن يكون الطقس غدا صحوا إلى غائم جزئيا بوجه عام، مع فرصة "
        "لسقوط أمطار خفيفة على بعض المناطق الشمالية، ورطبا ليلا وصباح اليوم التالي مع "
        "احتمال تكون الضباب على المناطق الساحلية.",
        "وتكون الرياح خفيفة إلى معتدلة السرعة، جنوبية شرقية إلى شمالية شرقية، تنشط أحيانا "
        "مع السحب، بسرعة تتراوح بين 10 و25 كم/س.",
        "وتتراوح درجات الحرارة العظمى على المناطق الداخلية بين 30 و34 درجة مئوية، وعلى "
        "المناطق الساحلية والجزر بين 29 و33 درجة، وعلى المناطق الجبلية بين 21 و25 درجة.",
        "وتتراوح نسبة الرطوبة القصوى على المناطق الداخلية بين 70 و90 بالمئة، وعلى المناطق "
        "الساحلية والجزر بين 75 و90 بالمئة، وعلى المناطق الجبلية بين 45 و65 بالمئة.",
        "ونصح المركز سائقي المركبات بتوخي الحذر أثناء القيادة في ساعات الصباح الباكر بسبب "
        "تدني مدى الرؤية الأفقية على بعض الطرق.",
    ]
    story = "\n".join(["الأرصاد: طقس الغد صحو إلى غائم جزئيا", *paragraphs])
    copy = "\n".join(
        ["أمطار خفيفة محتملة غدا.. والحرارة تصل إلى 34 درجة", *paragraphs[:3], paragraphs[4]]
    )
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    # the next day's bulletin, with other temperatures, stays apart
    other = story.replace("بين 30 و34", "بين 27 و31").replace("بين 29 و33", "بين 26 و30")
    assert compare(("story", story), ("other", other)).decision == "different"


def test_a_session_numbered_in_words_and_a_count_in_hundreds_are_the_same_figures() -> None:
    # "جلسته رقم (14)" / "جلسته الرابعة عشرة" and "189 نائبا" / "مئة وتسعة وثمانين نائبا":
    # before, "عشرة" read as the figure 10 and "مئة" as no amount ("the leads give different
    # figures: 14 / 10")
    def session(number: str, members: str) -> list[str]:
        return [
            f"صوت مجلس النواب، خلال جلسته الاعتيادية {number} من الفصل التشريعي الأول، التي "
            f"عقدت اليوم برئاسة النائب الأول لرئيس المجلس وبحضور {members} نائبا، على قانونين، "
            "فيما أنهى القراءة الأولى لمشروعي قانونين آخرين.",
            "وذكر بيان للدائرة الإعلامية للمجلس أن المجلس صوت في بداية الجلسة على مشروع قانون "
            "تصديق اتفاقية النقل البري بين البلدين، والمقدم من لجنتي العلاقات الخارجية "
            "والخدمات، لغرض تنظيم حركة النقل وتسهيل انسياب البضائع.",
            "كما صوت المجلس على مشروع قانون التعديل الثاني لقانون نقابة المهندسين الزراعيين، "
            "لغرض مواكبة التطورات الحاصلة في المهنة وتنظيم شؤون المنتسبين.",
            "وأنهى المجلس القراءة الأولى لمشروع قانون حماية المستهلك، ومشروع قانون تنظيم "
            "الإعلانات التجارية، قبل أن يقرر رفع جلسته إلى يوم الاثنين المقبل.",
        ]

    story = "\n".join(["مجلس النواب يصوت على قانونين", *session("رقم (14)", "189")])
    copy = "\n".join(
        ["البرلمان يقر قانونين ويرفع جلسته", *session("الرابعة عشرة", "مئة وتسعة وثمانين")]
    )
    match = compare(("story", story), ("copy", copy))
    assert match.decision == "duplicate", match.notes
    assert compare(("copy", copy), ("story", story)).decision == "duplicate"


def test_an_office_formula_opening_two_statements_is_no_shared_opening() -> None:
    # every statement of one office opens with the same formula and background sentence;
    # the next statement on the same case (an arrest two weeks later) shares that
    # opening and one paragraph, a tenth of it: not the teaser's or kept lead's evidence
    # (before: "same opening: the first 38 words are shared"); a teaser that keeps the
    # opening is still a copy
    formula = (
        "صدر عن المديرية العامة للأمن العام - شعبة العلاقات العامة، البلاغ الآتي: في إطار "
        "المتابعة المستمرة التي تقوم بها المديرية لمكافحة عمليات تهريب المخدرات وترويجها في "
        "مختلف المحافظات، وحرصا منها على حماية المجتمع من آفة المخدرات وأضرارها على الشباب، "
    )
    first = "\n".join(
        [
            "الأمن العام: إحباط تهريب مليوني حبة مخدرة داخل شحنة أجهزة كهربائية",
            formula + "توافرت معلومات لدى الشعبة حول قيام عصابة بالتحضير لتهريب كمية كبيرة "
            "من الحبوب المخدرة عبر الميناء بعد إخفائها داخل أجهزة كهربائية معدة للتصدير.",
            "على أثر ذلك، باشرت القطعات المختصة إجراءاتها لكشف هوية أفراد العصابة، وتم تحديد "
            "مستودع في المنطقة الصناعية يستخدمه أفرادها لتوضيب المخدرات وإخفائها داخل "
            "الأجهزة قبل نقلها إلى الميناء.",
            "وبعد رصد ومراقبة دقيقة، نفذت قوة خاصة عملية دهم للمستودع، أسفرت عن توقيف أربعة "
            "أشخاص بالجرم المشهود أثناء قيامهم بتوضيب الحبوب، وضبط مليوني حبة مخدرة ومكبس "
            "يستخدم في تصنيعها وثلاث سيارات ومبالغ مالية بالعملات الأجنبية.",
            "وأودع الموقوفون مع المضبوطات القطعة المعنية لإجراء المقتضى القانوني، بناء على "
            "إشارة القضاء المختص، والعمل جار لتوقيف باقي المتورطين.",
            "وأوضحت المديرية أن الحبوب المضبوطة كانت معدة للتصدير إلى إحدى الدول المجاورة، "
            "وأن قيمتها في السوق السوداء تقدر بملايين الدولارات، وأن التحقيقات الأولية كشفت "
            "ارتباط الموقوفين بعمليات تهريب سابقة جرى إحباط بعضها في العام الماضي.",
            "وأشارت إلى أن عمليات الرصد شملت تتبع تحركات أفراد العصابة على مدى أسابيع، "
            "ومراقبة عمليات نقل الأجهزة من المستودع إلى مخازن قريبة من الميناء، بالتنسيق "
            "مع الجمارك وإدارة الميناء وأجهزة الرقابة على الصادرات.",
            "وجددت المديرية دعوتها للمواطنين إلى التعاون مع الأجهزة الأمنية والإبلاغ عن "
            "أي نشاط مشبوه يتعلق بتخزين المواد المخدرة أو نقلها، حفاظا على سلامة المجتمع.",
            "ويأتي ذلك في إطار خطة أمنية شاملة تنفذها المديرية منذ مطلع العام لمكافحة "
            "تهريب المخدرات عبر المنافذ البحرية والبرية، أسفرت حتى الآن عن ضبط كميات كبيرة "
            "من الحبوب المخدرة وتوقيف عشرات المتورطين وإحالتهم إلى القضاء المختص.",
        ]
    )
    second = "\n".join(
        [
            "الأمن العام: توقيف الرأس المدبر لعصابة تهريب الحبوب المخدرة في الشمال",
            formula + "وإلحاقا ببلاغها السابق حول ضبط مليوني حبة مخدرة داخل شحنة أجهزة "
            "كهربائية، تابعت الشعبة تحرياتها لكشف باقي أفراد العصابة.",
            "وتبين من تحليل الاتصالات والتحويلات المالية أن العصابة تعمل ضمن شبكة أوسع تنشط "
            "بين عدة دول، وأنها استخدمت شركات وهمية لتصدير الأجهزة الكهربائية والآلات "
            "الصناعية بهدف إخفاء الشحنات عن أعين الرقابة في الموانئ والمعابر الحدودية.",
            "كما تبين أن أفراد العصابة استأجروا مستودعين آخرين في منطقتين مختلفتين لتوضيب "
            "الشحنات، وقد جرت مداهمتهما بإشراف القضاء المختص، وضبطت فيهما معدات تغليف "
            "وأكياس فارغة ومواد أولية تستخدم في تصنيع الحبوب المخدرة.",
            "وبنتيجة الاستقصاءات، تمكنت الشعبة من تحديد هوية الرأس المدبر للعصابة، والذي "
            "يتولى تمويل عمليات التهريب وتأمين الشحنات والتواصل مع الجهات المستلمة في الخارج، "
            "وهو مطلوب للقضاء بموجب عدة مذكرات توقيف.",
            "وبعد عملية رصد استمرت أسبوعين، نفذت دورية من الشعبة كمينا محكما على الطريق "
            "الدولية في الشمال، أسفر عن توقيفه داخل سيارة رباعية الدفع، وضبط مسدس حربي وعدد من "
            "الهواتف الخلوية بحوزته.",
            "وبالتحقيق معه، اعترف بتمويل الشحنة المضبوطة وبتنظيم شحنتين سابقتين إلى الخارج "
            "خلال العام الجاري، وأودع القطعة المعنية لإجراء المقتضى القانوني بناء على إشارة "
            "القضاء المختص.",
            "وتهيب المديرية بالمواطنين الإبلاغ عن أي معلومات تتعلق بعمليات تهريب المخدرات "
            "أو ترويجها عبر الرقم المخصص لذلك، مع ضمان السرية التامة لهوية المبلغين، "
            "مؤكدة أنها ستواصل ملاحقة العصابات حتى توقيف جميع أفرادها.",
            "وأشارت المديرية إلى أن التحقيقات مستمرة لتحديد الجهات التي كانت ستتسلم الشحنات "
            "في الخارج، بالتنسيق مع الأجهزة المعنية في الدول الشقيقة والصديقة، وأن نتائجها "
            "ستعلن في حينه بعد استكمال الإجراءات القضائية اللازمة.",
        ]
    )
    apart = compare(("first", first), ("second", second))
    assert apart.decision == "different", apart.notes
    teaser = "\n".join([*first.splitlines()[:2], "التفاصيل في العدد المقبل"])
    assert compare(("first", first), ("teaser", teaser)).decision == "duplicate"


def test_a_copy_with_an_intro_and_a_truncated_copy_join_through_the_full_story() -> None:
    # one outlet puts an intro of its own on top of the whole wire story, another keeps
    # its first three paragraphs: against the truncated copy, the intro's words ("tea",
    # "horticulture", "Gulf market") are found only in the paragraphs it dropped, and the
    # intro read as another story's lead; the full story, a copy of both, shows it is an
    # intro on this story (before, the three did not make one cluster)
    paragraphs = [
        "ABU DHABI, 14 May (WAM) -- The Minister of State for Foreign Trade received the "
        "Kenyan Cabinet Secretary for Trade and her accompanying delegation during her "
        "official visit to the country.",
        "During the meeting, the two sides discussed ways to strengthen bilateral economic "
        "and trade relations and explored new opportunities for cooperation in logistics, "
        "renewable energy, mining, tourism and the digital economy.",
        "The meeting comes as the two countries continue negotiations on a comprehensive "
        "economic partnership agreement, which is expected to remove or reduce tariffs on "
        "most goods traded between them and open new markets for service providers.",
        "Kenyan exports of tea, horticulture and meat to the Gulf market have grown strongly "
        "in recent years, and Nairobi has sought better access for its farmers and "
        "exporters, the cabinet secretary said.",
        "Non-oil trade between the two countries reached 11.4 billion dirhams last year, an "
        "increase of 11.5 percent on the year before, official figures show.",
        "The delegation is also due to visit the port and free zones and meet business "
        "leaders and investors during the three-day visit.",
    ]
    story = "\n".join(["UAE, Kenya discuss ways to boost trade ties", *paragraphs])
    intro = (
        "Kenya is seeking to widen access to the Gulf market for its tea, horticulture and "
        "meat as talks on a trade pact enter the final stretch."
    )
    with_intro = "\n".join(["Kenya pushes for Gulf market access", intro, *paragraphs])
    truncated = "\n".join(["UAE and Kenya talk trade", "Staff Report", *paragraphs[:3]])
    result = find_duplicates(
        [("story", story), ("with_intro", with_intro), ("truncated", truncated)]
    )
    assert [sorted(c.ids) for c in result.clusters] == [["story", "truncated", "with_intro"]]


def test_an_update_moving_the_story_on_a_stage_stays_apart() -> None:
    # the later version of a police story keeps the lead and most paragraphs word for
    # word and changes the word telling where the story stands ("arrested" -> "charged")
    # and adds two sentences: its shared passages made it a partial copy (before: "partial
    # copy: shared passages"); a copy whose headline says "detained" (the same stage)
    # stays a copy
    paragraphs = [
        "Officers were called at about 9.15pm on Friday to reports of a disturbance outside "
        "a bar on Market Street, where a 31-year-old man was found with head injuries.",
        "He was taken to hospital, where he remains in a serious but stable condition, "
        "West Yorkshire Police said.",
        "A cordon was put in place while crime scene investigators examined the area, and "
        "officers carried out house-to-house enquiries through the night.",
        'Detective Sergeant Paul Harker said: "This was a violent attack in a busy part of '
        'the town on a Friday night, and we know a number of people saw what happened."',
        "Anyone with information or mobile phone footage is asked to call 101 quoting "
        "incident 1543 of 9 May.",
    ]
    first = "\n".join(
        [
            "Man arrested after attack outside Leeds bar",
            "A man has been arrested on suspicion of grievous bodily harm after a man was "
            "seriously hurt in an attack outside a bar in Leeds.",
            *paragraphs,
        ]
    )
    later = "\n".join(
        [
            "Man charged after attack outside Leeds bar",
            "A man has been charged with grievous bodily harm after a man was seriously "
            "hurt in an attack outside a bar in Leeds.",
            "Daniel Crowther, 27, of Armley, is due to appear before Leeds magistrates on "
            "Monday, police said.",
            *paragraphs,
        ]
    )
    apart = compare(("first", first), ("later", later))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0] == (
        "the openings tell of different stages of the story: arrested / charged"
    )
    copy = first.replace("Man arrested", "Suspect detained", 1)
    assert compare(("first", first), ("copy", copy)).decision == "duplicate"


def test_an_arabic_verdict_is_no_copy_of_the_arrest() -> None:
    # "اعتقال ..." / "إدانة ...": the court's verdict on the man the first story reported
    # arrested, under the same background paragraphs; a copy whose headline and lead keep
    # the arrest is still a copy
    background = [
        "وكانت الشرطة قد ضبطت في حوزته أكثر من ثلاثة آلاف بطاقة مصرفية مزورة وأجهزة لنسخ "
        "بيانات البطاقات، بعد تحقيق استمر عدة أشهر بالتعاون مع عدد من البنوك المحلية.",
        "وقالت مديرية الأمن العام في بيان إن المتهم استهدف عملاء البنوك عبر أجهزة صراف آلي "
        "في مراكز تجارية بالعاصمة، وإن قيمة المبالغ المسروقة تجاوزت مليوني دينار.",
        "ودعت المديرية المواطنين إلى مراجعة كشوف حساباتهم بانتظام والإبلاغ فورا عن أي حركة "
        "مالية مشبوهة عبر الخط الساخن أو التطبيق الإلكتروني.",
    ]
    arrest = "\n".join(
        [
            "اعتقال رجل بتزوير بطاقات مصرفية في العاصمة",
            "أعلنت مديرية الأمن العام اعتقال رجل يبلغ من العمر 38 عاما يشتبه في تزويره آلاف "
            "البطاقات المصرفية وسرقة أموال عملاء البنوك في العاصمة.",
            *background,
        ]
    )
    verdict = "\n".join(
        [
            "إدانة رجل بتزوير بطاقات مصرفية في العاصمة",
            "أدانت محكمة الجنايات رجلا يبلغ من العمر 38 عاما بتزوير آلاف البطاقات المصرفية "
            "وسرقة أموال عملاء البنوك في العاصمة.",
            *background,
        ]
    )
    apart = compare(("arrest", arrest), ("verdict", verdict))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0].startswith("the openings tell of different stages of the story")
    copy = arrest.replace("في العاصمة\n", "في عمّان\n", 1)
    assert compare(("arrest", arrest), ("copy", copy)).decision == "duplicate"


def test_figures_replaced_with_a_few_words_around_them_are_compared() -> None:
    # the next hearing of a trial: the lead adjourns it "again" to another date, a gap of
    # five replaced words against three, too many for a replaced name and too few for a
    # long gap, and was not compared (before: "near-identical text")
    lines = [
        "تأجيل محاكمة 9 متهمين في قضية المعدات الطبية",
        "قررت محكمة الجنايات في العاصمة الاثنين تأجيل محاكمة تسعة متهمين، بينهم وكيل سابق "
        "لوزارة الصحة، إلى 12 أيار/مايو المقبل، لتمكين هيئة الدفاع من الاطلاع على تقرير الخبرة "
        "الفنية.",
        "وكانت النيابة العامة قد أحالت المتهمين إلى المحاكمة في شباط/فبراير الماضي بعد تحقيقات "
        "استمرت أكثر من عام في صفقات توريد معدات طبية لمستشفيات حكومية بأسعار تفوق أسعار "
        "السوق.",
        "ويواجه المتهمون تهما بإهدار المال العام والتزوير في محررات رسمية، وتقدر الخسائر التي "
        "لحقت بخزينة الدولة بنحو 40 مليون دولار، بحسب لائحة الاتهام.",
        "وتعد القضية من أكبر قضايا الفساد التي تنظر فيها المحاكم منذ إنشاء هيئة مكافحة الفساد "
        "قبل خمس سنوات، وسط مطالبات من منظمات المجتمع المدني بتسريع إجراءات التقاضي.",
    ]
    again = [
        lines[0],
        "قررت محكمة الجنايات في العاصمة الاثنين تأجيل محاكمة تسعة متهمين، بينهم وكيل سابق "
        "لوزارة الصحة، مرة ثانية إلى 3 حزيران/يونيو المقبل، لتمكين هيئة الدفاع من الاطلاع على "
        "تقرير الخبرة الفنية.",
        *lines[2:],
    ]
    apart = compare("\n".join(lines), "\n".join(again))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0].startswith("numbers differ: 12 ايار مايو / ")


def test_a_first_item_and_the_second_of_a_series_stay_apart() -> None:
    # "first phase" / "second phase" in the headlines and the leads, the rest shared:
    # "first" alone numbers nothing ("for the first time"), but against another ordinal
    # next to the same word it numbers the first item (before: "near-identical text")
    first = "\n".join(
        [
            "Council starts first phase of town centre roadworks on Church Street",
            "The first phase of a 12 million pound scheme to replace Victorian water pipes in "
            "Kettleford town centre began on Monday, with Church Street closed to traffic.",
            "The work, which will run for about eight weeks, covers the replacement of water "
            "mains under the main shopping streets and the resurfacing of the roads above "
            "them, the council said in a statement.",
            "Buses will be diverted along Mill Road and Station Approach, and a temporary car "
            "park will open on the former bus depot site for shoppers and market traders.",
            'Councillor Ruth Ambler, cabinet member for highways, said: "We know roadworks '
            "are frustrating, but these pipes are more than a century old and are bursting "
            'more and more often."',
            "Businesses affected by the work can apply for a hardship grant of up to 2,500 "
            "pounds through the council's website until the end of the year.",
        ]
    )
    second = "\n".join(
        [
            "Council starts second phase of town centre roadworks",
            "The second phase of a 12 million pound scheme to replace Victorian water pipes in "
            "Kettleford town centre began on Monday, with Church Street closed to traffic.",
            "The work, which will run for about eight weeks, covers the replacement of water "
            "mains under the main shopping streets and the resurfacing of the roads above "
            "them, the council said in a statement.",
            "Buses will be diverted along Mill Road and Station Approach, and a temporary car "
            "park will open on the former bus depot site for shoppers and market traders.",
            'Councillor Ruth Ambler, cabinet member for highways, said: "We know roadworks '
            "are frustrating, but these pipes are more than a century old and are bursting "
            'more and more often."',
            "Businesses affected by the work can apply for a hardship grant of up to 2,500 "
            "pounds through the council's website until the end of the year.",
        ]
    )
    apart = compare(("first", first), ("second", second))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0] == "the headlines number different items: 1 / 2"
    # a copy that says "first" elsewhere in its headline is still a copy
    retitled = first.replace(
        "Council starts first phase of town centre roadworks on Church Street",
        "Church Street shut for the first time in decades as roadworks start",
    )
    assert compare(("first", first), ("retitled", retitled)).decision == "duplicate"


def test_a_name_written_in_one_word_or_two_is_one_name() -> None:
    # "هيرشبيلي" / "هير شبيلي" beside another respelled word ("الفيدرالية" / "الفدرالية"),
    # in the headline and in the text: read as a template's blank filled in twice (before:
    # "names differ in the headlines and the text: هيرشبيلي / هير, ...")
    a = "\n".join(
        [
            "رئيس ولاية هيرشبيلي الفيدرالية يستقبل وفدا أمميا",
            "استقبل رئيس ولاية هيرشبيلي الفيدرالية في مدينة جوهر اليوم الأربعاء وفدا من بعثة "
            "الأمم المتحدة لدعم الصومال برئاسة نائب الممثل الخاص للأمين العام، وبحث معه "
            "الأوضاع الإنسانية في الولاية.",
            "وقال بيان صادر عن مكتب الرئاسة إن الجانبين ناقشا سبل تعزيز الاستجابة الإنسانية "
            "للأسر النازحة بسبب الفيضانات التي اجتاحت ضفاف نهر شبيلي الشهر الماضي، وإعادة "
            "تأهيل الطرق والجسور المتضررة.",
            "وأكد رئيس ولاية هيرشبيلي أن حكومته ستواصل التنسيق مع الحكومة الفيدرالية والشركاء "
            "الدوليين لتأمين وصول المساعدات إلى المناطق المعزولة، داعيا إلى زيادة الدعم المقدم "
            "للقطاع الزراعي.",
            "من جهته، أشاد المسؤول الأممي بجهود سلطات الولاية في إدارة مخيمات النزوح، مؤكدا "
            "التزام الأمم المتحدة بمواصلة دعم برامج الإغاثة والتعافي في المنطقة.",
        ]
    )
    b = a.replace("هيرشبيلي", "هير شبيلي").replace("الفيدرالية", "الفدرالية")
    assert compare(a, b).decision == "duplicate", compare(a, b).notes
    # another state's name in the same places is still another blank
    other = a.replace("هيرشبيلي", "جوبالاند")
    assert compare(a, other).decision == "different"


def test_a_unit_written_two_ways_is_one_unit() -> None:
    # an outlet writes "kph" for the wire's "km/h" in the headline and twice in the text
    # (before: "names differ in the headlines and the text: km / kph, h / kph")
    story = "\n".join(
        [
            "Storm Bram brings gusts of 120 km/h to the west coast",
            "Gusts of up to 120 km/h were recorded on the west coast on Tuesday night as Storm "
            "Bram swept in from the Atlantic, cutting power to 40,000 homes, the national grid "
            "operator said.",
            "The weather service kept an orange wind warning in force for six coastal counties "
            "until Wednesday noon and warned of gusts of 90 to 110 km/h inland during the "
            "morning commute.",
            "Ferry crossings to the islands were cancelled and several roads were closed by "
            "fallen trees, police said, urging drivers to avoid unnecessary journeys.",
            "Crews were working to restore supplies, but the operator said some rural "
            "customers could be without power until Thursday because of the number of lines "
            "brought down.",
        ]
    )
    assert compare(story, story.replace("km/h", "kph")).decision == "duplicate"
    assert compare(story, story.replace("km/h", "kilometres per hour")).decision == "duplicate"
    # another unit in the same places is not the same unit
    assert compare(story, story.replace("km/h", "mph")).decision == "different"


def test_two_releases_of_one_issuer_sharing_only_its_boilerplate_stay_apart() -> None:
    # two releases of one company (a new plant, the year's results) share the opening
    # formula, the About paragraph, the forward-looking statements and the media contact:
    # 54% of the smaller text in long passages, and nothing of their stories (before:
    # "partial copy: shared passages"); a copy of one release that kept its first
    # paragraphs and the boilerplate is still its copy, and no copy of the other
    about = [
        "About Harrow Valley Foods",
        "Harrow Valley Foods plc (LSE: HVF) makes chilled ready meals, soups and sauces for "
        "supermarkets "
        "in the United Kingdom and Ireland. The company employs 3,400 people at seven sites "
        "and sells more "
        "than 180 million meals a year. Founded in 1987, it is headquartered in Leicester. Visit "
        "www.harrowvalley.co.uk for more information.",
        "Forward-Looking Statements",
        "This announcement contains forward-looking statements about the company's plans, "
        "results and "
        "prospects. These statements involve risks and uncertainties, including changes in "
        "consumer demand, "
        "the cost of ingredients, energy and labour, the loss of a major customer and "
        "disruption at the "
        "company's sites, and actual results may differ materially from those expressed or "
        "implied.",
        "Media contact:",
        "Tom Whitlow, Harrow Valley Foods, press@harrowvalley.co.uk",
    ]
    opening = (
        "LEICESTER, 4 March 2026 -- Harrow Valley Foods plc (LSE: HVF), a maker of chilled "
        "ready meals and soups, today "
    )
    plant = "\n".join(
        [
            "Harrow Valley Foods to open 60 million pound soup plant in Corby",
            opening
            + "announced that it will build a soup and sauce plant in Corby, Northamptonshire, "
            "creating several hundred jobs when it opens next spring.",
            "The plant will make fresh soups in pots and pouches and cooking sauces for the "
            "company's supermarket customers, taking over production now split between the "
            "Leicester and Wrexham sites.",
            "Construction will start in June on a site next to the A43, and the plant will run "
            "on electricity from solar panels on its roof and a supply contract for wind "
            "power, cutting the emissions of the soup business by about a third.",
            '"Soup is the fastest-growing part of our business, and our existing kitchens are '
            'full," said chief executive Priya Lamont. "Corby gives us room to grow and puts '
            "us within a few hours of most of our customers' depots.\"",
            "The company said it would fund the investment from its cash and its existing bank "
            "facilities and that it expected the plant to add to earnings from its second full "
            "year.",
            *about,
        ]
    )
    results = "\n".join(
        [
            "Harrow Valley Foods profit rises 12% as ready meals sales grow",
            opening + "reported a higher pre-tax profit for last year on rising revenue, as more "
            "shoppers bought its premium ready meals.",
            "Sales of ready meals rose 9 percent, helped by new premium ranges and the return "
            "of a large supermarket contract, while soup sales rose 4 percent in a mild "
            "winter.",
            "The board proposed a final dividend of 6.2 pence a share, making 9.3 pence for "
            "the year, up from 8.7 pence, and said trading in the first two months of 2026 was "
            "in line with its expectations.",
            "Chief executive Priya Lamont said higher wages and energy prices had been offset "
            "by efficiency savings of 11 million pounds across the company's sites.",
            *about,
        ]
    )
    copy = "\n".join(["Soup maker to create 280 jobs in Corby", *plant.split("\n")[1:4], *about])
    apart = compare(("plant", plant), ("results", results))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0].startswith("they share only an issuer's boilerplate")
    assert compare(("plant", plant), ("copy", copy)).decision == "duplicate"
    result = find_duplicates([("plant", plant), ("results", results), ("copy", copy)])
    assert sorted(sorted(c.ids) for c in result.clusters) == [["copy", "plant"], ["results"]]


def test_the_middle_of_a_story_under_an_own_first_sentence_is_a_copy() -> None:
    # a site kept four paragraphs from the middle of a long story (the deal's terms)
    # under its own headline and one sentence of its own: one long shared block, 80% of
    # the copy, read as a related story quoting background (before: "middle has its own
    # headline and lead (25 words) and shares only passages from deep in story"); a
    # related story with two paragraphs of its own quoting one paragraph stays apart
    paras = [
        "Brightwater Energy said on Tuesday it had agreed to buy Solvane, a developer of "
        "battery storage projects in Spain and Portugal, for 1.3 billion euros in cash, its "
        "largest acquisition since it was spun off from its former parent.",
        "The deal gives Brightwater a pipeline of 4.2 gigawatts of battery projects, of which "
        "600 megawatts are already under construction, and doubles the size of its storage "
        "business in southern Europe.",
        "Battery storage has become one of the fastest-growing parts of Europe's power market "
        "as the share of solar and wind generation rises, because batteries can store cheap "
        "midday solar power and release it in the evening peak, when prices are highest.",
        "Spain installed more solar capacity than any other European country last year, and "
        "grid operators there have warned that the system needs far more storage to avoid "
        "wasting power on sunny afternoons, when prices often fall below zero.",
        "Solvane, founded in Valencia in 2019 by two former utility engineers, has grown to "
        "140 employees and has signed grid connection agreements for most of its pipeline, "
        "which analysts say is the scarcest asset for developers in the region.",
        "Under the terms of the agreement, Brightwater will pay 1.1 billion euros on "
        "completion and up to 200 million euros more if projects reach agreed milestones by "
        "the end of 2028. The purchase will be funded from cash and a new five-year term loan "
        "from a group of banks.",
        "The boards of both companies have approved the transaction, which still requires "
        "clearance from competition authorities in Spain and Portugal and from the European "
        "Commission, and is expected to be completed in the third quarter.",
        "Brightwater expects the deal to reduce its earnings per share slightly in the first "
        "year, because most of the projects will not produce revenue until 2028, and to add to "
        "earnings from 2029 onwards. It kept its forecast for this year.",
        "Morgan Hale is acting as financial adviser to Brightwater and Calder Finch as its "
        "legal adviser, while Solvane's owners are advised by Ostrander Partners.",
        "Shares in Brightwater fell 2.1 percent in early trading in Madrid, while the wider "
        "market was flat.",
    ]
    story = "\n".join(
        ["Brightwater to buy Spanish battery developer Solvane for 1.3 bln euros", *paras]
    )
    middle = "\n".join(
        [
            "Brightwater's Solvane deal hinges on regulators in Spain and Portugal",
            "Brightwater Energy's purchase of the Valencia battery developer Solvane will need "
            "the approval of competition regulators in Madrid, Lisbon and Brussels before it "
            "can close this summer.",
            *paras[5:9],
        ]
    )
    related = "\n".join(
        [
            "Portuguese storage start-up Lumina raises 90 mln euros",
            "Lumina Storage, a Lisbon developer of battery projects, said on Wednesday it had "
            "raised 90 million euros from a group of pension funds to build its first four "
            "projects in the Alentejo region.",
            "Chief executive Rita Sousa said the company would start construction next year "
            "and hoped to list its shares in Lisbon once the projects were connected to the "
            "grid, adding that interest from investors had grown since the start of the year.",
            paras[8],
        ]
    )
    m = compare(("story", story), ("middle", middle))
    assert m.decision == "duplicate", m.notes
    m = compare(("story", story), ("related", related))
    assert m.decision == "different", m.notes


def test_an_amount_a_copy_rounds_is_the_same_amount() -> None:
    # a copy that rounds the wire's figure ("2.46 billion" / "2.5 billion", "20 مليارا
    # و907 ملايين" / "٢٠٫٩ مليار") gives the same amount (before: "numbers differ: 46 / 5");
    # another figure of the same precision is still another figure, and counts are exact
    story = "\n".join(
        [
            "Kalder Group sales rise on strong demand for heat pumps",
            "Kalder Group said on Thursday its third-quarter sales rose to 2.46 billion euros "
            "from 2.21 billion euros a year earlier, helped by strong demand for heat pumps in "
            "Germany and the Nordic countries.",
            "Operating profit rose 14 percent to 212 million euros, and the company raised its "
            "forecast for the full year, saying it now expected sales growth of 9 to 11 percent.",
            "Chief executive Anders Moll said orders for large commercial heat pumps had doubled "
            "since the start of the year as companies replaced gas boilers in offices and "
            "warehouses.",
            "The shares rose 6 percent in morning trading in Stockholm.",
        ]
    )
    rounded = story.replace("2.46 billion euros from", "2.5 billion euros from")
    assert compare(story, rounded).decision == "duplicate"
    other = story.replace("2.46 billion euros from", "2.58 billion euros from")
    assert compare(story, other).notes[0] == "numbers differ: 46 / 58"
    arabic = "\n".join(
        [
            "صادرات البلاد تسجل رقما قياسيا في نيسان",
            "أعلن وزير التجارة اليوم أن صادرات البلاد سجلت خلال نيسان الماضي رقما قياسيا لهذا "
            "الشهر بلغ 20 مليارا و907 ملايين دولار، بزيادة نسبتها 8 بالمئة مقارنة بالشهر نفسه "
            "من العام الماضي.",
            "وأوضح الوزير في مؤتمر صحفي أن قطاع السيارات احتل المرتبة الأولى في الصادرات، تلاه "
            "قطاع الكيماويات ثم قطاع الملابس الجاهزة، مشيرا إلى أن الصادرات إلى دول الاتحاد "
            "الأوروبي ارتفعت بشكل ملحوظ.",
            "وأكد الوزير أن الحكومة ماضية في خطتها لدعم المصدرين عبر تسهيلات ائتمانية جديدة "
            "وتوسيع شبكة الملحقين التجاريين في الأسواق الواعدة.",
        ]
    )
    copy = arabic.replace("20 مليارا و907 ملايين دولار", "٢٠٫٩ مليار دولار")
    assert compare(arabic, copy).decision == "duplicate"
    counts = story.replace("212 million euros", "212,406 euros")
    assert compare(counts, counts.replace("212,406", "212,000")).decision == "different"


def test_two_months_one_letter_apart_are_two_months() -> None:
    # "يونيو" / "يوليو" (June / July) differ by one letter and read as a misspelling, so
    # the monthly item of one template for the next month was a copy (before: "near-
    # identical text"); one month in two calendars' names is still one month
    def item(month: str) -> str:
        return "\n".join(
            [
                f"وزارة الصحة تطلق حملة التوعية الصحية لشهر {month} في المدارس",
                f"أطلقت وزارة الصحة اليوم حملة التوعية الصحية لشهر {month}، التي تنفذها الفرق "
                "الصحية في المدارس الحكومية والخاصة في جميع المحافظات بالتعاون مع وزارة "
                "التربية والتعليم.",
                "وتركز الحملة على التغذية السليمة والنشاط البدني والوقاية من الأمراض المعدية، "
                "وتشمل محاضرات للطلبة وأولياء الأمور وفحوصا طبية مجانية للنظر والأسنان.",
                "ودعت الوزارة المدارس إلى التعاون مع الفرق الصحية وتخصيص وقت كاف للأنشطة "
                "التوعوية، مؤكدة أن الحملة تأتي ضمن خطتها السنوية لتعزيز صحة الطلبة.",
            ]
        )

    apart = compare(item("يونيو"), item("يوليو"))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0] == "names differ in the headlines and the text: يونيو / يوليو"
    assert compare(item("يوليو"), item("تموز")).decision == "duplicate"


def test_a_section_label_above_the_headline_leaves_its_ordinal_read() -> None:
    # a site's section label kept above the headline ("إغاثة") made the label the
    # headline, and the convoy's ordinal went unread: the fifteenth convoy and the
    # seventeenth were copies (before: "near-identical text")
    def convoy(number: str) -> str:
        return "\n".join(
            [
                "إغاثة",
                f"وصول القافلة الإغاثية {number} إلى معبر الحدود لمساعدة المتضررين من الزلزال",
                f"الحدود - واس: وصلت اليوم إلى المعبر الحدودي القافلة الإغاثية {number} التي "
                "يسيرها المركز الوطني للإغاثة والأعمال الإنسانية، بالتنسيق مع السلطات المحلية "
                "والمنظمات الدولية العاملة في المنطقة.",
                "وتحمل القافلة على متنها عشرين شاحنة من السلال الغذائية والخيام والبطانيات "
                "والمستلزمات الطبية، تمهيدا لتوزيعها على الأسر المتضررة من الزلزال في القرى "
                "الجبلية.",
                "وتأتي هذه المساعدات في إطار الجسر البري الذي أطلقه المركز لإغاثة المتضررين من "
                "الزلزال، امتدادا للدور الإنساني للمملكة في الوقوف مع الشعوب الشقيقة في مختلف "
                "الأزمات.",
            ]
        )

    apart = compare(convoy("الخامسة عشرة"), convoy("الـ17"))
    assert apart.decision == "different", apart.notes
    assert apart.notes[0] == "the headlines number different items: 15 / 17"
    assert compare(convoy("الخامسة عشرة"), convoy("الـ15")).decision == "duplicate"


def test_a_captured_fugitive_and_his_charges_are_two_stages() -> None:
    # "captured" is the first stage of a custody story, like "arrested": the later
    # version saying he "has been charged" stays apart (before: "near-identical text")
    paras = [
        "Kyle Mercer, 29, was found hiding in a barn about 8 miles from the Dorrance County "
        "Jail, which he walked out of on Sunday afternoon after slipping away from a laundry "
        "detail, Sheriff Ann Pruitt said.",
        "Deputies surrounded the barn shortly after dawn after a farmer reported seeing a man "
        "matching Mercer's description crossing a field, Pruitt said. Mercer surrendered "
        "without a struggle.",
        "Mercer had been held at the jail since January on charges of armed robbery. Schools "
        "in the area had moved to remote learning during the search as a precaution.",
    ]
    captured = "\n".join(
        [
            "Escaped inmate captured after four-day search in Ohio",
            "ELMWOOD, Ohio (AP) — A man who escaped from a county jail in central Ohio was "
            "captured Wednesday after a four-day search that kept rural residents on edge, "
            "authorities said.",
            *paras,
        ]
    )
    charged = "\n".join(
        [
            "Escaped Ohio inmate charged with escape and burglary",
            "ELMWOOD, Ohio (AP) — A man who escaped from a county jail in central Ohio has been "
            "charged with escape and burglary after a four-day search that kept rural residents "
            "on edge, authorities said.",
            *paras,
        ]
    )
    apart = compare(captured, charged)
    assert apart.decision == "different", apart.notes
    assert apart.notes[0] == (
        "the openings tell of different stages of the story: captured / charged"
    )
