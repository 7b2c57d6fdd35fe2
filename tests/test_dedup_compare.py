"""newsclean.compare: the verdict on one pair, with its reason either way, and the same
decision as find_duplicates on the two texts; ``newsclean compare`` on two files; and the
reason of every copy in a cluster (``Cluster.reasons``), the same as compare's."""

from __future__ import annotations

import gzip
import json
from dataclasses import asdict, replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup_cases import (
    CHROME_AR,
    CHROME_EN,
    PORT_STORY,
    SCHOOL_STORY_AR,
    WATER_STORY,
    audience,
    audience_ar,
    cable,
    condemnation,
    condemnation_ar,
    decree,
    followup,
    market_close,
    partial,
    relief_flight,
    rewritten_opening,
    royal_cable_ar,
    syndicated,
    text,
    update,
    weather,
    with_intro,
)
from newsclean import (
    DuplicateIndex,
    IndexStoreError,
    Match,
    NewscleanError,
    clean,
    compare,
    find_duplicates,
)
from newsclean.cli import main

PORT = text(PORT_STORY)

COPIES = {
    "syndicated": (
        syndicated(PORT_STORY, chrome=CHROME_EN, dateline="DUBAI (Reuters) - ", seed=1),
        PORT,
    ),
    "syndicated-ar": (
        syndicated(SCHOOL_STORY_AR, chrome=CHROME_AR, dateline="الرياض - واس - ", seed=3),
        text(SCHOOL_STORY_AR),
    ),
    "partial": (
        partial(
            PORT_STORY,
            3,
            [
                '"We are ready for the next phase," the operations director told our '
                "correspondent, adding that two more shipping lines would start calling at "
                "the port in September."
            ],
        ),
        PORT,
    ),
    "rewritten-opening": (
        rewritten_opening(
            WATER_STORY,
            "Councillors on Wednesday backed plans for a water treatment plant in the north.",
        ),
        text(WATER_STORY),
    ),
}

# a hard copy: an opening of its own, two paragraphs of the story apart, a long paragraph
# of its own between them (under 40% of it shared, in paragraphs of prose)
COPIES["hard"] = (
    "\n".join(
        [
            "Port traffic soars as new lines call",
            "Business is booming at the national port, where new shipping lines have brought "
            "record volumes this year.",
            PORT_STORY[2],
            "Local exporters welcomed the figures but said they still faced long delays at the "
            "inland depots, where trucks often wait overnight before their containers can be "
            "loaded, and called on the government to invest in a rail link that has been "
            "promised for more than a decade. The chamber of commerce said in a separate "
            "statement that small manufacturers in the interior pay almost twice as much as "
            "coastal firms to move a container to the quay, a gap it blamed on poor roads and "
            "a shortage of licensed haulers. Its president urged the ministry of transport to "
            "publish a timetable for the rail project before the end of the year.",
            PORT_STORY[4],
        ]
    ),
    PORT,
)

COPIES["intro"] = (
    # an outlet's own headline and one paragraph of its own about the story, then the story
    with_intro(
        PORT_STORY,
        "Shipping lines flock to the port as traffic hits a record",
        "Another record for the national port: new shipping lines and longer hours at the "
        "customs gates have pushed container traffic through its terminals to a new high.",
    ),
    PORT,
)

COPIES["local-top"] = (
    # a local paper's own top of two paragraphs (64 words) about the story, then the story
    # from its lead on: its words are the story's (port, terminals, customs gates, trucks)
    "\n".join(
        [
            "Northern hauliers hope record port traffic means shorter queues",
            "Haulage firms in the northern province said on Monday that the record traffic "
            "through the national port terminals should finally shorten the truck queues at "
            "the customs gates, which cost their drivers hours every week.",
            "The head of the provincial transport association said the new shipping lines "
            "would only help importers if the port authority kept the gates open at night.",
            *PORT_STORY[1:4],
        ]
    ),
    PORT,
)

COPIES["chatty-top"] = (
    # a travel blog's chatty intro: only a few of its many words are the story's (port,
    # container, traffic, record, terminals, shipping), then the story from its lead on
    "\n".join(
        [
            "Why everyone in logistics is suddenly talking about our little port",
            "Good news for anybody who has ever waited impatiently for a birthday parcel from "
            "overseas relatives, and honestly for every small business owner, importer, "
            "exporter and curious reader too: our national port just enjoyed its busiest "
            "spring ever, and the record container traffic says plenty about where shipping "
            "is heading. Grab a coffee, sit back, and enjoy our quick guide.",
            *PORT_STORY[1:4],
        ]
    ),
    PORT,
)

_FLOOD_STORY = [
    "Floods kill 38 in Kenya, thousands displaced",
    "At least 38 people have died and more than 20,000 have been forced from their homes "
    "after days of torrential rain triggered flash floods across Kenya, the government said.",
    "The interior ministry said the toll included 14 people swept away when the Tana River "
    "burst its banks, and nine who died in the capital, where water tore through a "
    "sprawling informal settlement overnight.",
    "The Red Cross said it had set up camps for displaced families in eight counties and "
    "warned of a growing risk of cholera as latrines overflowed and clean water was cut.",
    "The meteorological department said heavy rain would continue over the western "
    "highlands and the lake basin through the weekend, and urged people living near rivers "
    "to move to higher ground.",
    "Scientists say climate change is making such events more frequent and more intense.",
]
_FLOOD_UPDATE = [
    "Kenya floods death toll rises to 61 as more rain forecast",
    "The death toll from flash floods in Kenya has risen to 61, with more than 34,000 people "
    "displaced, the government said on Saturday, as rescuers recovered more bodies.",
    "The toll stood at 38 on Thursday.",
    *_FLOOD_STORY[2:],
]
COPIES["toll-worded-as-a-rise"] = (
    # a copy that words the original's toll as a rise still gives the original's figure
    "\n".join(["Kenya flood toll rises to 38", *_FLOOD_STORY[1:]]),
    "\n".join(_FLOOD_STORY),
)

_DEFICIT_AR = [
    "عجز الميزانية يتراجع إلى 4.4 بالمئة من الناتج الداخلي",
    "الرباط - رويترز: قالت وزارة الاقتصاد والمالية المغربية يوم الاثنين إن عجز الميزانية "
    "تراجع إلى 4.4 بالمئة من الناتج الداخلي الإجمالي في العام الماضي، مقارنة مع 5.1 بالمئة "
    "قبل عام، بفضل ارتفاع الإيرادات الضريبية وتراجع نفقات الدعم.",
    "وأضافت الوزارة في بيان أن الإيرادات الضريبية ارتفعت 9.2 بالمئة، بينما انخفضت نفقات "
    "صندوق المقاصة الذي يدعم أسعار غاز الطهي والسكر والدقيق بنحو الثلث مع تراجع الأسعار "
    "العالمية.",
    "وتتوقع الحكومة أن يواصل العجز تراجعه إلى ثلاثة بالمئة بحلول عام 2026، في إطار برنامج "
    "إصلاح يدعمه صندوق النقد الدولي ويشمل توسيع القاعدة الضريبية وإصلاح نظام التقاعد.",
]
COPIES["percent-style-ar"] = (
    # an outlet's house style spells "percent" differently in every figure
    "\n".join(p.replace("بالمئة", "في المائة") for p in _DEFICIT_AR),
    "\n".join(_DEFICIT_AR),
)

DIFFERENT = {
    "update": (
        update(
            PORT_STORY,
            "The national port authority raised its full-year forecast on Tuesday after "
            "container traffic in July also beat expectations, its chairman said.",
            [
                "The authority now expects traffic to grow by a fifth this year, he said in "
                "an interview, as three new shipping lines begin calling at the port.",
                "He also announced a tender for a fourth terminal to be built on reclaimed "
                "land south of the city.",
            ],
        ),
        PORT,
    ),
    "followup": (
        followup(
            "Truck drivers protest over port congestion",
            [
                "Hundreds of truck drivers parked their vehicles along the main highway to "
                "the port on Sunday in protest against long waiting times at the customs "
                "gates, blocking traffic for several hours.",
                "The drivers said they were losing money because of the delays and demanded "
                "that the port authority open more gates and extend working hours at night.",
            ],
            PORT_STORY[2],
        ),
        PORT,
    ),
    # another story's lead on top of this one: a follow-up's or an update's, not an intro
    "other-lead": (
        with_intro(
            PORT_STORY,
            "Port traffic: what comes next",
            "The finance ministry on Tuesday cut its growth forecast for the year, citing "
            "weaker oil revenue and a slowdown in construction spending.",
        ),
        PORT,
    ),
    # another kind of story on the same events: an analysis that quotes three paragraphs
    "analysis": (
        "\n".join(
            [
                "Analysis: Can the port keep growing once the new lines settle in?",
                "Record numbers make good headlines, but shipping executives and economists "
                "say the harder test for the national port comes next year, when regional "
                "rivals open terminals of their own and freight rates fall.",
                *PORT_STORY[2:5],
                "Much will depend on whether the government keeps its promise to double port "
                "capacity, a plan that has slipped twice already because of funding delays "
                "and disputes over land.",
            ]
        ),
        PORT,
    ),
    # the same story two days later: the toll has risen, most of the text is the same
    "toll-update": ("\n".join(_FLOOD_UPDATE), "\n".join(_FLOOD_STORY)),
    "unrelated": (PORT, text(WATER_STORY)),
    "weather": (
        weather("Monday", {"Riyadh": 44, "Jeddah": 39, "Dammam": 46}),
        weather("Tuesday", {"Riyadh": 45, "Jeddah": 38, "Dammam": 46}),
    ),
    "relief-flight": (relief_flight(25, 30, "Aden"), relief_flight(26, 32, "Aden")),
    # one flight's tonnage is the other's number: a coincidence, not a number moved by an edit
    "relief-flight-swap": (relief_flight(20, 22, "Khartoum"), relief_flight(22, 53, "Khartoum")),
    "cable": (
        cable("France", "Emmanuel Macron", "the national day"),
        cable("Germany", "Frank-Walter Steinmeier", "the national day"),
    ),
    "audience": (audience("Japan"), audience("Brazil")),
    "audience-ar": (
        audience_ar("جمهورية ألمانيا الاتحادية"),
        audience_ar("الجمهورية الفرنسية"),
    ),
    "market-close": (market_close("Monday", 328, "1.41"), market_close("Wednesday", 314, "0.68")),
    "decree": (
        decree("محمد بن عبدالله", "وزيراً للصحة"),
        decree("خالد بن سعد", "سفيراً لدى اليابان"),
    ),
    # one statement per attack, the headline the same: only the target in the lead differs
    "condemnation": (condemnation("Quetta"), condemnation("Mogadishu")),
    # leader, country and occasion close together: the blanks lie between short shared words
    "royal-cable-ar": (
        royal_cable_ar("جمهورية ألمانيا الاتحادية", "فرانك فالتر شتاينماير", "يوم الوحدة", 3),
        royal_cable_ar("جمهورية النمسا", "ألكسندر فان دير بيلين", "اليوم الوطني", 26),
    ),
    "condemnation-long": (
        condemnation("a mosque in Quetta, Pakistan"),
        condemnation("a market in Mogadishu, Somalia"),
    ),
    "condemnation-ar": (
        condemnation_ar("مسجداً في مدينة كويتا الباكستانية"),
        condemnation_ar("سوقاً شعبياً في العاصمة الصومالية مقديشو"),
    ),
}

# what each negative's first note must say: the evidence that kept the pair apart
REASON_START = {
    "update": ("new lead", "updated version"),
    "followup": ("b has its own headline and lead", "new lead"),
    "other-lead": ("new lead",),
    "analysis": ("updated version",),
    "unrelated": ("low overlap",),
    "toll-update": ("update: a reports a figure risen",),
    "weather": ("numbers differ",),
    "relief-flight": ("numbers differ",),
    "relief-flight-swap": ("numbers differ",),
    "cable": ("names differ",),
    "audience": ("names differ",),
    "audience-ar": ("names differ",),
    "market-close": ("numbers differ", "names differ"),
    "decree": ("names differ",),
    "condemnation": ("names differ in the lead under the same headline: quetta / mogadishu",),
    "condemnation-long": ("names differ in the lead",),
    "condemnation-ar": ("names differ in the lead",),
    "royal-cable-ar": ("names differ",),
}


def _joined(a: str, b: str) -> bool:
    r = find_duplicates([("a", a), ("b", b)])
    return r.assignments["a"] == r.assignments["b"]


@pytest.mark.parametrize("case", sorted(COPIES))
def test_copies_are_duplicates_as_find_duplicates_says(case: str) -> None:
    a, b = COPIES[case]
    m = compare(a, b)
    assert isinstance(m, Match)
    assert (m.a, m.b, m.decision) == ("a", "b", "duplicate")
    assert _joined(a, b)
    # the same evidence as the match find_duplicates reports for the pair
    (cluster,) = find_duplicates([("a", a), ("b", b)]).duplicates()
    (fd,) = cluster.matches
    assert (m.jaccard, m.containment, m.jaccard_est) == (fd.jaccard, fd.containment, fd.jaccard_est)
    assert m.notes[0] == fd.notes[0]
    # (the hard copy shares under 40% by design: two paragraphs of the story)
    assert m.shared and m.containment > (0.33 if case == "hard" else 0.5)


@pytest.mark.parametrize("case", sorted(DIFFERENT))
def test_look_alikes_are_different_with_the_reason(case: str) -> None:
    a, b = DIFFERENT[case]
    m = compare(a, b)
    assert m.decision == "different", m.notes
    assert not _joined(a, b)
    assert m.notes[0].startswith(REASON_START[case]), m.notes


@pytest.mark.parametrize("case", sorted(COPIES) + sorted(DIFFERENT))
def test_the_decision_does_not_depend_on_the_order(case: str) -> None:
    a, b = {**COPIES, **DIFFERENT}[case]
    ab, ba = compare(a, b), compare(b, a)
    assert ab.decision == ba.decision
    assert (ab.jaccard, ab.containment, ab.jaccard_est) == (
        ba.jaccard,
        ba.containment,
        ba.jaccard_est,
    )


def test_settings_are_those_of_find_duplicates() -> None:
    a, b = COPIES["partial"]
    assert compare(a, b).notes[0] == "one text contains the other"
    # each rule that joins the pair, made stricter in turn
    assert compare(a, b, containment=0.9).notes[0] == "partial copy: shared passages"
    opening = compare(a, b, containment=0.9, partial_containment=0.9).notes[0]
    assert opening == "same opening: the first 118 words are shared"
    # passages of 150 words asked for: the 118 shared ones are most of the smaller text
    # and twice 50 words long, a teaser's share
    teaser = compare(a, b, threshold=0.95, containment=0.9, passage_tokens=50).notes[0]
    assert teaser == "partial copy: shared passages"
    strict = {"threshold": 0.95, "containment": 0.9, "passage_tokens": 60}
    m = compare(a, b, **strict)
    r = find_duplicates([("a", a), ("b", b)], **strict)
    assert m.decision == "different"
    assert m.notes[0] == "not enough shared text"
    assert r.assignments["a"] != r.assignments["b"]
    with pytest.raises(NewscleanError, match="invalid dedup settings"):
        compare(a, b, no_such_setting=1)


def test_a_pair_the_candidate_stage_misses_is_different_and_says_so() -> None:
    # with LSH asking for near-identical signatures and passages never enough, the pair is
    # never proposed: find_duplicates cannot join it, whatever verification would say
    a, b = COPIES["partial"]
    missed = {"lsh_threshold": 0.99, "min_shared_passages": 10_000}
    m = compare(a, b, **missed)
    r = find_duplicates([("a", a), ("b", b)], **missed)
    assert r.assignments["a"] != r.assignments["b"]
    assert m.decision == "different"
    assert m.notes[0].startswith("not a candidate pair: no LSH band in common")
    assert m.notes[1] == "verification alone: " + compare(a, b).notes[0]


RAIL = [
    "Rail chief inspects the Haramain high speed railway",
    "The head of the national railway company, engineer Mohammed Al-Suwaiket, inspected on "
    "Monday the Haramain high speed railway that links Mecca and Medina through Jeddah and "
    "King Abdullah Economic City in Rabigh, together with senior officials of the company.",
    "The delegation began the visit with a tour of the station at King Abdullah Economic City "
    "in Rabigh, where they saw its halls and services and the systems that will run it, and "
    "heard how the teams prepare the station for its opening.",
    "The company's spokesman said the delegation was briefed on the latest progress of the "
    "project and watched a detailed presentation of all its phases, from the civil works and "
    "the stations to the control centre and the tests of the trains.",
    "He added that the delegation also visited the maintenance depot ten kilometres from the "
    "station, where one of the trains and its carriages are stored and tested before service.",
]


def test_a_shared_passage_runs_through_the_phrases_it_repeats() -> None:
    # the lead repeats the headline's "Haramain high speed railway" and the second
    # paragraph the first one's "King Abdullah Economic City in Rabigh": matched to their
    # first occurrences, those shingles cut the passage the copy keeps into short pieces
    other = (
        "The council of senior scholars stressed on Sunday the great standing of the holy "
        "sites in the hearts of Muslims across the world, in a statement after its meeting."
    )
    copy = "\n".join([*RAIL[:3], other])
    m = compare("\n".join(RAIL), copy)
    assert m.decision == "duplicate"
    longest = next(n for n in m.notes if n.startswith("longest shared passage:"))
    kept = len(" ".join(RAIL[:3]).split())  # the headline and the two paragraphs kept
    assert int(longest.split(":")[1].split()[0]) >= kept - 2, m.notes
    assert m.shared.startswith("rail chief inspects the haramain high speed railway")


def test_inputs_texts_pairs_and_articles() -> None:
    a, b = COPIES["syndicated"]
    m = compare(("x", a), ("y", b))
    assert (m.a, m.b) == ("x", "y")
    art_a, art_b = clean(a), clean(b.encode())
    assert art_a.id is None
    m2 = compare(art_a, art_b)
    assert (m2.a, m2.b, m2.decision) == ("a", "b", "duplicate")
    named = compare(replace(art_a, id="gazette"), b)
    assert named.a == "gazette"


def test_bad_inputs_are_clear_errors() -> None:
    with pytest.raises(NewscleanError, match="b must be a text"):
        compare(PORT, 42)  # type: ignore[arg-type]
    with pytest.raises(NewscleanError, match="a must be a text"):
        compare(("x", "y", "z"), PORT)  # type: ignore[arg-type]
    with pytest.raises(NewscleanError, match="duplicate document id 'x'"):
        compare(("x", PORT), ("x", PORT))
    with pytest.raises(NewscleanError, match="text must be str"):
        compare(("x", b"bytes"), PORT)  # type: ignore[arg-type]


def test_an_empty_text_is_different_for_that_reason() -> None:
    m = compare("Share this article", PORT)
    assert m.decision == "different"
    assert m.notes == ("empty text",)
    assert m.jaccard == 0.0


def test_cli_compare_copies_and_look_alikes(tmp_path: Path) -> None:
    a, b = COPIES["syndicated"]
    (tmp_path / "gazette.txt").write_text(a, encoding="utf-8")
    (tmp_path / "wire.html").write_text(
        "<html><body><article>"
        + "".join(f"<p>{p}</p>" for p in b.split("\n"))
        + "</article></body></html>",
        encoding="utf-8",
    )
    x, y = DIFFERENT["relief-flight"]
    (tmp_path / "flight25.txt").write_text(x, encoding="utf-8")
    (tmp_path / "flight26.txt").write_text(y, encoding="utf-8")
    runner = CliRunner()
    gazette, wire = str(tmp_path / "gazette.txt"), str(tmp_path / "wire.html")
    res = runner.invoke(main, ["compare", gazette, wire])
    assert res.exit_code == 0, res.output
    first = res.output.splitlines()[0]
    assert first.startswith(f"{gazette} and {wire}: copies of one story (")
    assert "  shared: “" in res.output
    res = runner.invoke(
        main, ["compare", str(tmp_path / "flight25.txt"), str(tmp_path / "flight26.txt")]
    )
    assert res.exit_code == 0, res.output
    assert ": different stories (numbers differ: " in res.output
    res = runner.invoke(main, ["compare", gazette, wire, "--json"])
    got = json.loads(res.output)
    assert got["decision"] == "duplicate" and got["a"] == gazette and got["notes"]
    # the API's verdict on the articles `newsclean clean` makes of the files
    arts = [clean(Path(p).read_bytes(), id=p) for p in (gazette, wire)]
    assert got == json.loads(json.dumps(asdict(compare(*arts))))
    # a stricter threshold, from the option
    res = runner.invoke(main, ["compare", gazette, wire, "--json", "-t", "0.99", "--lang", "en"])
    assert res.exit_code == 0, res.output


def test_cli_compare_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    story = tmp_path / "story.txt"
    story.write_text(PORT, encoding="utf-8")
    res = runner.invoke(main, ["compare", str(story), str(tmp_path / "missing.txt")])
    assert res.exit_code == 1
    assert "missing.txt: no such file or directory" in res.output
    png = tmp_path / "banner.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    res = runner.invoke(main, ["compare", str(story), str(png)])
    assert res.exit_code == 1
    assert "banner.png: not text" in res.output
    res = runner.invoke(main, ["compare", str(story), str(tmp_path)])
    assert res.exit_code == 1 and f"{tmp_path}: a directory: name one of its files" in res.output
    dump = tmp_path / "day.jsonl"
    dump.write_text(json.dumps({"id": "x", "text": PORT}) + "\n" + json.dumps({"id": "y"}))
    res = runner.invoke(main, ["compare", str(story), str(dump)])
    assert res.exit_code == 1
    assert f"{dump}: a JSONL dump of several records: name one of its records as {dump}:LINE" in (
        res.output
    )
    res = runner.invoke(main, ["compare", str(story), f"{dump}:1"])  # as it asks
    assert res.exit_code == 0 and "copies of one story (identical text)" in res.output
    one = tmp_path / "one.json"  # a news-please file: one pretty-printed article
    one.write_text(json.dumps({"id": "x", "text": PORT}, indent=4))
    res = runner.invoke(main, ["compare", str(story), str(one)])
    assert res.exit_code == 0 and "copies of one story (identical text)" in res.output
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    res = runner.invoke(main, ["compare", str(story), str(empty)])
    assert res.exit_code == 1 and f"{empty}: empty: the record has no text" in res.output
    res = runner.invoke(main, ["compare", "-", "-"], input=PORT)
    assert res.exit_code == 1
    assert "only one of FILE_A and FILE_B can be -" in res.output
    # one file twice: identical, the second named apart
    res = runner.invoke(main, ["compare", str(story), str(story)])
    assert res.exit_code == 0
    assert f"{story} and {story} (again): copies of one story (identical text)" in res.output
    # standard input for one side
    res = runner.invoke(main, ["compare", str(story), "-"], input=PORT)
    assert res.exit_code == 0
    assert "copies of one story (identical text)" in res.output


def test_every_pair_of_the_cases_gets_find_duplicates_decision() -> None:
    # the contract: "duplicate" exactly when find_duplicates of the two texts joins them,
    # over every pair of the texts above (copies, look-alikes and unrelated stories)
    texts = sorted({t for pair in (*COPIES.values(), *DIFFERENT.values()) for t in pair})
    assert len(texts) > 20
    joined = 0
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            same = _joined(a, b)
            assert (compare(a, b).decision == "duplicate") == same, (a[:60], b[:60])
            joined += same
    assert joined >= len(COPIES)


def test_cli_compare_on_the_seeds_is_what_docs_cli_md_shows() -> None:
    root = Path(__file__).resolve().parent.parent
    a, b = "seeds/000_364726c1157b4527.txt", "seeds/003_nabd-alkhabar-teaser.txt"
    res = CliRunner().invoke(main, ["compare", str(root / a), str(root / b)])
    assert res.exit_code == 0, res.output
    shown = res.output.replace(str(root) + "/", "")
    assert shown.startswith(f"{a} and {b}: copies of one story (one text contains the other)")
    doc = (root / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"$ newsclean compare {a} {b}\n{shown}" in doc


def test_every_copy_has_its_reason_also_without_explanations() -> None:
    # two teasers of different paragraphs join through the full story; the first teaser is
    # the earliest, so the canonical copy: the second teaser is a copy through the story
    t1, full, t2 = text(PORT_STORY[:3]), PORT, text([PORT_STORY[0], *PORT_STORY[4:]])
    arts = [
        clean(t1, id="t1", date="2024-05-01"),
        clean(full, id="full", date="2024-05-02"),
        clean(t2, id="t2", date="2024-05-03"),
    ]
    for explain in (True, False):
        (c,) = find_duplicates(arts, explain=explain).clusters
        assert c.canonical == "t1"
        assert c.reasons == {
            "full": "one text contains the other",
            "t2": "through other copies (against the canonical copy: low overlap)",
        }
    (c,) = find_duplicates(arts).clusters
    assert {m.b: m.decision for m in c.matches} == {"full": "duplicate", "t2": "linked"}
    # the reason of a direct copy is its match's first note
    assert {m.b: m.notes[0] for m in c.matches}["full"] == c.reasons["full"]
    # and compare says the same of each pair with the canonical copy
    assert compare(arts[0], arts[2]).notes[0] == "low overlap"


def test_index_compare_is_what_query_decides_with_the_reason_either_way() -> None:
    stored = {
        "port": PORT,
        "water": text(WATER_STORY),
        "school": text(SCHOOL_STORY_AR),
        "flight-25": relief_flight(25, 30, "Aden"),
        "weather-mon": weather("Monday", {"Riyadh": 44, "Jeddah": 39, "Dammam": 46}),
    }
    idx = DuplicateIndex()
    for doc_id, body in stored.items():
        idx.add(doc_id, body)
    queries = [t for pair in (*COPIES.values(), *DIFFERENT.values()) for t in pair]
    joined = 0
    for q in queries:
        found = {m.b: m for m in idx.query(q)}
        for doc_id in stored:
            m = idx.compare(q, doc_id)
            assert (m.a, m.b) == ("<query>", doc_id)
            assert (m.decision == "duplicate") == (doc_id in found), (q[:50], doc_id, m.notes)
            if doc_id in found:  # the very match query lists
                assert m == found[doc_id]
                joined += 1
            else:
                assert m.notes[0]
    assert joined >= len(COPIES)
    assert len(idx) == len(stored)  # nothing stored
    # an Article gives its id, date and agency
    art = clean(COPIES["partial"][0], id="gazette", date="2024-05-01")
    m = idx.compare(art, "port")
    assert (m.a, m.decision) == ("gazette", "duplicate")
    with pytest.raises(IndexStoreError, match="'nope' is not indexed"):
        idx.compare(PORT, "nope")


def test_cli_compare_records_of_dumps_by_their_report_origin(tmp_path: Path) -> None:
    from dumpgen import html_page, http_response, jsonl, warc_file, warc_record, warcinfo

    def _page(story: str) -> bytes:
        title, _, body = story.partition("\n")
        return html_page(title, body.replace("\n", "\n\n")).encode()

    copy, original = COPIES["syndicated"]
    flight25, flight26 = DIFFERENT["relief-flight"]
    day1 = tmp_path / "day1.jsonl.gz"
    day1.write_bytes(
        gzip.compress(
            jsonl(
                [
                    {"id": "n-1", "body": original, "url": "https://a.example/port"},
                    {"id": "n-2", "body": flight25},
                    {"id": "n-3"},
                ]
            )
        )
    )
    crawl = tmp_path / "crawl.warc.gz"
    crawl.write_bytes(
        warc_file(
            [
                warcinfo(),
                warc_record(http_response(_page(copy)), uri="https://b.example/p"),
                warc_record(http_response(_page(flight26)), uri="https://b.example/f"),
            ],
            gz=True,
        )
    )
    runner = CliRunner()
    report = tmp_path / "r.jsonl"
    res = runner.invoke(
        main, ["dedupe", str(day1), str(crawl), "--text-field", "body", "-o", str(report)]
    )
    assert res.exit_code == 0, res.output
    rows = {r["id"]: r for r in map(json.loads, report.read_text().splitlines())}
    origin = {i: str(r["origin"]) for i, r in rows.items()}
    warc_ids = [i for i in rows if rows[i]["origin"].startswith(str(crawl))]
    assert len(warc_ids) == 2
    assert all(f"{crawl}@" in origin[i] for i in warc_ids)  # WARC records: FILE@OFFSET
    copy_id, f26_id = warc_ids
    # the pairs the report joined and kept apart, named by their origins
    res = runner.invoke(
        main, ["compare", origin["n-1"], origin[copy_id], "--text-field", "body", "--json"]
    )
    assert res.exit_code == 0, res.output
    got = json.loads(res.output)
    assert (got["a"], got["b"], got["decision"]) == ("n-1", copy_id, "duplicate")
    assert rows[copy_id]["cluster"] == rows["n-1"]["cluster"]  # as the report joined them
    res = runner.invoke(main, ["compare", origin["n-2"], origin[f26_id], "--text-field", "body"])
    assert res.exit_code == 0, res.output
    assert "different stories (numbers differ: " in res.output
    assert rows["n-2"]["cluster"] != rows[f26_id]["cluster"]
    # a record that failed, one that is not there, a dump that is not there: one line each
    res = runner.invoke(main, ["compare", origin["n-1"], f"{day1}:3", "--text-field", "body"])
    assert res.exit_code == 1 and "day1.jsonl.gz:3: no text" in res.output
    res = runner.invoke(main, ["compare", origin["n-1"], f"{day1}:9", "--text-field", "body"])
    assert res.exit_code == 1 and f"{day1}:9: no such record in {day1}" in res.output
    nope = str(tmp_path / "nope.jsonl:2")
    res = runner.invoke(main, ["compare", origin["n-1"], nope, "--text-field", "body"])
    assert res.exit_code == 1 and "nope.jsonl:2: no such file or directory" in res.output


_VOCAB = [
    "minister",
    "council",
    "port",
    "water",
    "school",
    "flight",
    "market",
    "budget",
    "police",
    "court",
    "river",
    "bridge",
    "farmers",
    "hospital",
    "election",
    "report",
    "plan",
    "talks",
    "border",
    "army",
    "trade",
    "oil",
    "prices",
    "rain",
]


@st.composite
def _story_and_variant(draw: st.DrawFn) -> tuple[str, str]:
    """A story of a few sentences and an edited copy of it: sentences dropped or added, a
    word or a number changed, a headline of its own -- copies and look-alikes alike."""
    n = draw(st.integers(3, 8))
    sentences = [
        " ".join(draw(st.lists(st.sampled_from(_VOCAB), min_size=8, max_size=16)))
        + f" on day {draw(st.integers(1, 30))}."
        for _ in range(n)
    ]
    kinds = ["drop", "add", "word", "number", "head", "half"]
    edits = draw(st.lists(st.sampled_from(kinds), max_size=4))
    variant = list(sentences)
    for edit in edits:
        i = draw(st.integers(0, len(variant) - 1))
        if edit == "drop" and len(variant) > 1:
            del variant[i]
        elif edit == "add":
            variant.insert(i, " ".join(draw(st.lists(st.sampled_from(_VOCAB), min_size=8))) + ".")
        elif edit == "word":
            words = variant[i].split()
            words[draw(st.integers(0, len(words) - 1))] = draw(st.sampled_from(_VOCAB))
            variant[i] = " ".join(words)
        elif edit == "half":  # another story from the middle on: a related story
            keep = len(variant) // 2
            variant[keep:] = [
                " ".join(draw(st.lists(st.sampled_from(_VOCAB), min_size=8))) + "."
                for _ in range(len(variant) - keep)
            ]
        elif edit == "number":
            variant[i] = variant[i].replace(" day ", f" day {draw(st.integers(31, 99))} ")
        else:
            variant.insert(0, "Breaking " + " ".join(draw(st.lists(st.sampled_from(_VOCAB)))))
    return "\n".join(sentences), "\n".join(variant)


@settings(max_examples=80, deadline=None)
@given(_story_and_variant())
def test_compare_decides_as_find_duplicates_on_generated_pairs(pair: tuple[str, str]) -> None:
    a, b = pair
    m = compare(a, b)
    assert m.decision in ("duplicate", "different") and m.notes
    assert (m.decision == "duplicate") == _joined(a, b), m.notes
    assert compare(b, a).decision == m.decision


def _prices_ar(month: str) -> str:
    """A statistics office's monthly release, the month named in three places."""
    return "\n".join(
        [
            f"ارتفاع أسعار المستهلك 0.4 بالمئة خلال شهر {month}",
            f"عمان - أصدرت دائرة الإحصاءات العامة اليوم تقريرها الشهري حول أسعار المستهلك "
            f"لشهر {month}، وأظهر ارتفاع الرقم القياسي بنسبة 0.4 بالمئة مقارنة بالشهر السابق.",
            "وأوضح التقرير أن أبرز المجموعات السلعية التي ساهمت في الارتفاع هي الإيجارات "
            "والخضراوات والمحروقات، في حين انخفضت أسعار الملابس والأحذية والفواكه.",
            f"وعلى أساس سنوي، سجل الرقم القياسي لشهر {month} ارتفاعا بنسبة 1.7 بالمئة مقارنة "
            "بالشهر ذاته من العام الماضي، بحسب التقرير الذي تصدره الدائرة كل شهر.",
            "وبين التقرير أن البيانات جمعت من عينة تضم أكثر من ألفي منفذ بيع في مختلف "
            "محافظات المملكة وفق المنهجية المعتمدة دوليا.",
        ]
    )


def test_one_month_named_in_two_calendars_is_no_replaced_name() -> None:
    # a Levantine paper's "تشرين الأول" is an Egyptian or Gulf paper's "أكتوبر": the same
    # release, not a template filled in for another month
    levant, gregorian = _prices_ar("تشرين الأول"), _prices_ar("أكتوبر")
    assert compare(levant, gregorian).decision == "duplicate"
    # another month is another release, even with the same figures
    assert compare(levant, _prices_ar("أيلول")).decision == "different"
