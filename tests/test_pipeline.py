"""The pipeline structure: stage order, explanations, pass-through of every input kind."""

from __future__ import annotations

import dataclasses

from newsclean import Article, clean
from newsclean.article import RemovedLine
from newsclean.pipeline import DEFAULT_STAGES, Options, run_stages

STAGES = ["decode", "source", "extract", "normalize", "fingerprint"]


def test_stages_run_in_order_and_report(seed_bytes: bytes) -> None:
    art = clean(seed_bytes, id="seed")
    assert [s.name for s in art.steps] == STAGES
    assert art.id == "seed"
    assert art.raw_kind == "text"
    assert art.encoding is not None and art.encoding.codec == "utf-8"
    assert "توقيع اتفاقية تعاون عسكري بين ليبيا وإيطاليا" in art.body
    assert art.normalized and art.fingerprint is not None
    assert "raw" not in art.meta


def test_str_input_skips_detection() -> None:
    art = clean("Hello world.")
    assert art.encoding is None
    assert art.steps[0].notes == ("input was already text",)


def test_empty_input_is_empty_article() -> None:
    art = clean(b"")
    assert art.raw_kind == "empty"
    assert art.body == "" and art.fingerprint is None


def test_stages_are_pure() -> None:
    start = Article(id="x", meta={"raw": b"Some text."})
    a = run_stages(start, DEFAULT_STAGES, Options())
    b = run_stages(start, DEFAULT_STAGES, Options())
    assert a == b
    assert start.steps == () and start.meta == {"raw": b"Some text."}


def test_custom_stage_list() -> None:
    art = clean(b"Only decoded.", stages=DEFAULT_STAGES[:1])
    assert [s.name for s in art.steps] == ["decode"]
    assert art.text == "Only decoded."


def test_evolve_equals_dataclasses_replace(seed_bytes: bytes) -> None:
    """The pipeline's fast copy gives exactly what ``dataclasses.replace`` gives, for every
    record type the stages copy, and rejects unknown fields like it."""
    import dataclasses

    import pytest

    from newsclean.article import EncodingGuess, RemovedLine, StepReport, evolve
    from newsclean.batch import CleanedRecord

    art = clean(seed_bytes, id="seed")
    changes = {"text": "x", "steps": (), "meta": {"k": 1}, "lang": "fa", "fingerprint": None}
    assert evolve(art, **changes) == dataclasses.replace(art, **changes)  # type: ignore[arg-type]
    assert evolve(art) == art and evolve(art) is not art
    guess = EncodingGuess("cp1256", 0.9, "statistical", ("why",))
    assert evolve(guess, replaced=3) == dataclasses.replace(guess, replaced=3)
    line = RemovedLine(1, "Share", "lexicon")
    assert evolve(line, rule="en:share") == dataclasses.replace(line, rule="en:share")
    step = StepReport("decode", True)
    assert evolve(step, notes=("a",)).stats == {} and evolve(step, notes=("a",)).notes == ("a",)
    rec = CleanedRecord("a", "d:1", None, None, art)
    assert evolve(rec, error="w") == dataclasses.replace(rec, error="w")
    with pytest.raises(TypeError, match="no field 'colour'"):
        evolve(art, colour="red")


def test_without_explanations_only_the_notes_differ(seed_bytes: bytes) -> None:
    """``explain=False`` changes nothing but the notes of the step reports."""
    import dataclasses

    page = b"<html><body><article><p>" + seed_bytes + b"</p></article></body></html>"
    inputs = [seed_bytes, page, "عاجل\n\nنص الخبر هنا.".encode("cp1256"), "Hello.", b""]
    for raw in inputs:
        full, lean = clean(raw, url="https://example.org/a"), clean(raw, explain=False)
        lean = dataclasses.replace(lean, url=full.url)
        assert all(not s.notes for s in lean.steps)
        assert [s.name for s in lean.steps] == [s.name for s in full.steps]
        plain = [dataclasses.replace(s, notes=()) for s in full.steps]
        assert dataclasses.replace(lean, steps=()) == dataclasses.replace(full, steps=())
        assert list(lean.steps) == plain


def test_records_pickle_back_equal(seed_bytes: bytes) -> None:
    """The records workers send back are rebuilt equal (pickled as a call of their class)."""
    import copy
    import pickle

    from newsclean.batch import CleanOptions, clean_batch
    from newsclean.dumps import DumpRecord

    art = clean(seed_bytes, id="seed")
    assert art.attribution is not None and art.encoding is not None and art.removed
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(art, protocol=protocol))
        assert back == art and type(back) is type(art)
    assert copy.deepcopy(art) == art and copy.copy(art) == art
    rec = clean_batch([DumpRecord("seed", "d:1", raw=seed_bytes)], CleanOptions())[0]
    assert pickle.loads(pickle.dumps(rec)) == rec


@dataclasses.dataclass(frozen=True, slots=True)
class _Flagged(RemovedLine):
    flag: bool = False


def test_subclassed_records_pickle_as_themselves() -> None:
    import pickle

    line = _Flagged(2, "Share", "lexicon", "en:share", True)
    back = pickle.loads(pickle.dumps(line))
    assert type(back) is _Flagged and back == line


def test_a_text_dump_with_leftover_markup_is_read_without_it() -> None:
    raw = (
        "Talks resume in the capital\n"
        "The minister said &quot;we are close&quot; on Monday, after two days of talks with "
        "the delegation in the capital.<br>Both sides will meet again next week to settle "
        "the last points of the agreement, the ministry said in a statement.\n"
        "Source: Reuters"
    )
    art = clean(raw.encode())
    assert art.raw_kind == "text"
    assert '"we are close"' in art.text
    assert "&quot;" not in art.text
    assert "<br>" not in art.text
    assert "\nBoth sides will meet again" in art.text  # the block tag ends a line
    assert any("2 character references decoded" in n for n in art.steps[0].notes)
    plain = clean(raw.replace("&quot;", '"').replace("<br>", "\n").encode())
    assert (art.text, art.body) == (plain.text, plain.body)
    assert not any("markup" in n for n in plain.steps[0].notes)


def _dated_page(meta: str) -> bytes:
    story = "The minister said on Monday that the talks would resume next week. " * 4
    return (
        f"<html><head><title>Talks</title>{meta}</head><body><article><h1>Talks resume</h1>"
        f"<p>{story}</p><p>{story}</p></article></body></html>"
    ).encode()


def test_an_html_page_gives_its_publication_date() -> None:
    from newsclean.html import extract_html, html_to_text

    page = _dated_page(
        '<meta property="article:published_time" content="2026-11-29T10:00:00+01:00">'
    )
    art = clean(page)
    assert art.date == "2026-11-29T09:00:00Z"  # read into UTC
    notes = [n for s in art.steps if s.name == "extract" for n in s.notes]
    assert "date 2026-11-29T09:00:00Z: the publication date in the page's markup" in notes
    assert clean(page, date="2026-11-30").date == "2026-11-30"  # the caller's date wins
    assert clean(_dated_page("")).date is None  # no date in the markup
    # html_to_text and extract_html do not look for it unless asked (1 ms a page)
    assert extract_html(page.decode()).published is None
    assert extract_html(page.decode(), dated=True).published == "2026-11-29T09:00:00Z"
    assert html_to_text(page) == extract_html(page.decode(), dated=True).text


def _page_with_line(line: str, meta: str = "") -> bytes:
    story = "The minister said on Monday that the talks would resume next week. " * 4
    return (
        f"<html><head><title>Talks</title>{meta}</head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Talks resume</h1><div class='date'>{line}</div>"
        f"<p>{story}</p><p>{story}</p></article></body></html>"
    ).encode()


def test_an_html_page_without_a_date_in_its_markup_gives_its_date_line() -> None:
    from newsclean.html import extract_html

    page = _page_with_line("الثلاثاء 05 مايو 2020 - 11:42 ص")
    res = extract_html(page.decode(), dated=True)
    assert res.published == "2020-05-05"
    assert res.dated_by == "the page's date line 'الثلاثاء 05 مايو 2020 - 11:42 ص'"
    assert clean(page).date == "2020-05-05"
    # the markup's date wins over the line's
    meta = '<meta property="article:published_time" content="2020-05-04T22:00:00+00:00">'
    assert clean(_page_with_line("5 May 2020", meta)).date == "2020-05-04T22:00:00Z"
    # a relative stamp: a date only against the time of the fetch
    stamped = _page_with_line("3 hours ago")
    assert extract_html(stamped.decode(), dated=True).published_ago == 3 * 3600.0
    assert clean(stamped).date is None
    assert clean(stamped, fetched="2020-05-05T01:00:00Z").date == "2020-05-04"


def test_an_undated_wire_story_is_dated_by_its_dateline() -> None:
    body = (
        "ردت وزارة الاتصالات العراقية، اليوم الجمعة، على تقرير إعلامي أمريكي بشأن تعاقدها "
        "مع شركة حكومية، وقالت في بيان إن لها الحق في الدخول في المناقصات."
    )
    art = clean(f"بغداد 31 أكتوبر 2025 (شينخوا) {body}", explain=True)
    assert art.agency == "xinhua" and art.date == "2025-10-31"
    notes = [n for s in art.steps if s.name == "extract" for n in s.notes]
    assert "date 2025-10-31: the day in the dateline 'بغداد 31 أكتوبر 2025 (شينخوا)'" in notes
    story = "The Senate passed the bill on Tuesday after a long debate that ran into the night."
    assert clean(f"WASHINGTON, May 5, 2020 (Reuters) - {story}").date == "2020-05-05"
    # a dateline without a year gives no day; the caller's date always wins
    assert clean(f"WASHINGTON, May 5 (Reuters) - {story}").date is None
    assert clean(f"WASHINGTON, May 5, 2020 (Reuters) - {story}", date="2020-05-06").date == (
        "2020-05-06"
    )
    # a date in a credit that is not a dateline (a footer, a lead) is not the story's day
    assert clean(f"{story}\nSource: Reuters, May 5, 2020").date is None
