"""Credit-line cue phrases (``data/source_cues.toml``) compiled into a few regexes.

The data file holds the knowledge (per-language phrase lists: source labels, photo words,
lead framings, relays, generic credits); this module only turns each list into one folded,
whitespace-tolerant alternation.  Everything is compiled once per process.

>>> c = get_cues()
>>> bool(c.label_tail.search("kaynak: "))
True
>>> bool(c.photo_tail.search("الصور من «"))
True
>>> c.guess_lang("Le président a dit que la France et les Etats-Unis")
'fr'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..lang import detect_language
from .fold import fold_phrase

__all__ = ["Cues", "get_cues"]

_WORD_RUN = re.compile(r"\w+")


def _phrases(table: Any) -> list[str]:
    out: list[str] = []
    if isinstance(table, dict):
        for names in table.values():
            out.extend(str(n) for n in names)
    return out


def _first_words(phrases: list[str]) -> frozenset[str] | None:
    """The first word (``\\w`` run) of each folded phrase, as :func:`_alt` folds them;
    None if a phrase does not start with a word character.

    >>> sorted(_first_words(["According to", "d'après"]))
    ['according', 'd']
    """
    out: set[str] = set()
    for p in {fold_phrase(p) for p in phrases if p.strip()}:
        m = _WORD_RUN.match(p)
        if m is None:
            return None
        out.add(m.group())
    return frozenset(out)


# "{day}" in a phrase: a day of the month may stand there ("로이터통신이 5일 보도했다")
_DAY_SLOT = re.compile(r"(?:\\s\+)?\\\{day\\\}(?:\\s\+)?")
_DAY = r"\s*(?:\d{1,2}\s*[일日])?\s*"
# "{date}": an optional date ("April 28, 2024", "le 28 avril 2024", "2024-04-28")
_DATE_SLOT = re.compile(r"(?:\\s\+)?\\\{date\\\}")
_DATE = (
    r"(?:\s+(?:on\s+|le\s+|am\s+)?(?:[^\W\d_]{3,9}\.?\s+\d{1,2},?\s+\d{4}"
    r"|\d{1,2}\.?\s+[^\W\d_]{3,9}\.?\s+\d{4}|\d{4}-\d{2}-\d{2}))?"
)


def _alt(phrases: list[str]) -> str:
    """One alternation of folded phrases, longest first; spaces match any space run,
    ``{day}`` an optional day of the month and ``{date}`` an optional date.

    >>> re.fullmatch(_alt(["이 {day}보도했다"]), "이 5일 보도했다") is not None
    True
    >>> pattern = _alt(["was first published {date}"])
    >>> [bool(re.fullmatch(pattern, t)) for t in ("was first published april 28, 2024",
    ...                                            "was first published")]
    [True, True]
    """
    folded = sorted({fold_phrase(p) for p in phrases if p.strip()}, key=len, reverse=True)
    if not folded:
        return r"(?!x)x"
    parts = [
        _DATE_SLOT.sub(
            lambda _: _DATE,
            _DAY_SLOT.sub(lambda _: _DAY, re.escape(p).replace(r"\ ", r"\s+")),
        )
        for p in folded
    ]
    return "(?:" + "|".join(parts) + ")"


def _raw_alt(phrases: list[str]) -> str:
    """One alternation of phrases as written (not folded), longest first."""
    kept = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    if not kept:
        return r"(?!x)x"
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in kept)


@dataclass(frozen=True, slots=True)
class Cues:
    """Compiled cue patterns; all of them run on folded text (see :mod:`.fold`)."""

    generic_full: re.Pattern[str]
    label_tail: re.Pattern[str]
    photo_tail: re.Pattern[str]
    photo_head: re.Pattern[str]
    noun_tail: re.Pattern[str]
    noun_run: re.Pattern[str]
    noun_any: re.Pattern[str]
    noun_before: re.Pattern[str]
    said_head: re.Pattern[str]
    past_head: re.Pattern[str]
    lead_tail: re.Pattern[str]
    lead_head: re.Pattern[str]
    according_tail: re.Pattern[str]
    according_word: re.Pattern[str]
    interview_tail: re.Pattern[str]
    interview_head: re.Pattern[str]
    relay_head: re.Pattern[str]
    relay_passive: re.Pattern[str]
    subject_head: re.Pattern[str]
    with_tail: re.Pattern[str]
    copyright_tail: re.Pattern[str]
    relay_framing: re.Pattern[str]
    rights_head: re.Pattern[str]
    homograph_tail: re.Pattern[str]
    desk_head: re.Pattern[str]
    interview_home: frozenset[str] = frozenset()
    # languages whose verb closes the sentence ([verb_final])
    verb_final: frozenset[str] = frozenset()
    # agency nouns and qualifiers closing the text before an agency ("Çin devlet ajansı")
    noun_before_run: re.Pattern[str] = re.compile(r"(?!x)x")
    # an agency's report based on sources, a few words after it ("'ın ... dayandırdığı ...")
    framing_after: re.Pattern[str] = re.compile(r"(?!x)x")
    # a reporting verb anywhere in a sentence (the [lead_after] phrases)
    report_verb: re.Pattern[str] = re.compile(r"(?!x)x")
    # state codes after a dateline's city ([dateline_region]: "LANCASTER, PA —")
    dateline_regions: frozenset[str] = frozenset()
    # tokens that accompany agencies in a bracketed credit ([credit_tags]: "red", "MENAFN")
    credit_tags: frozenset[str] = frozenset()
    # the co-credit cues that need a suffix word after the agencies ("With PTI inputs"),
    # folded, and that suffix at the end of the credit (on the text as written)
    with_bare: frozenset[str] = frozenset()
    with_suffix: re.Pattern[str] = re.compile(r"(?!x)x")
    # phrases closing a co-credit line after the agencies ("contributed to this report")
    with_end: re.Pattern[str] = re.compile(r"(?!x)x")
    # ... and closing words that count only after a co-credit cue ("... Reuters reports")
    with_end_cued: re.Pattern[str] = re.compile(r"(?!x)x")
    # ... and in a notice that goes on after it ("... tarafından servis edilmiş olup ...")
    with_end_open: re.Pattern[str] = re.compile(r"(?!x)x")
    # the first words of the "according to" cues (None if one does not start with a word
    # character): a text with no line starting with one cannot match ``according_word``
    according_first: frozenset[str] | None = None
    # on the text as written (names are told by their capitals): a byline naming reporters
    # before the agency, "By JOHN SMITH Associated Press" (the part before the agency), and
    # the job words that may follow the agency ("Associated Press Writer")
    byline_named: re.Pattern[str] = re.compile(r"(?!x)x")
    byline_suffix: re.Pattern[str] = re.compile(r"(?!x)x")
    # a byline's second line before the agency ("Of DOW JONES NEWSWIRES")
    byline_of: re.Pattern[str] = re.compile(r"(?!x)x")
    # "By" alone before the agency, a job word after it ("By PA Reporter"), and a name and
    # a comma before it ("Marie-Ève Tremblay, La Presse Canadienne")
    byline_bare: re.Pattern[str] = re.compile(r"(?!x)x")
    byline_job: re.Pattern[str] = re.compile(r"(?!x)x")
    byline_comma: re.Pattern[str] = re.compile(r"(?!x)x")
    # a word after the agency that names something else of the agency's ("Reuters poll")
    compound_head: re.Pattern[str] = re.compile(r"(?!x)x")
    # a sentence that only names the source of what the lead said ("Об этом сообщает ТАСС",
    # "Das berichtete die dpa"): its opening phrase and what may follow, up to the agency
    credit_sentence_tail: re.Pattern[str] = re.compile(r"(?!x)x")
    # homograph aliases that, alone on a line, are a word or a link of the text's language,
    # not a credit ("Mehr" = "more" in German, "RSS" a feed link): folded, by language
    # ("any": every language)
    word_alone: dict[str, frozenset[str]] = field(default_factory=dict)
    # the verb that closes a credit sentence of a verb-final language ("Haberi Anadolu
    # Ajansı duyurdu.", "این خبر را رویترز منتشر کرده است.")
    credit_sentence_end: re.Pattern[str] = re.compile(r"(?!x)x")
    # a reporting verb before the agency, after a comma ("..., meldete die
    # Nachrichtenagentur Interfax", "..., a rapporté mercredi l'agence"): up to the agency
    inverted_tail: re.Pattern[str] = re.compile(r"(?!x)x")
    # "according to" after a comma, the agency after it ("..., according to the official
    # news agency WAFA.", "..., según ha informado la agencia turca Anadolu."): up to it
    according_closing: re.Pattern[str] = re.compile(r"(?!x)x")
    # postposed "according to" ("新華社によると", "신화통신에 따르면")
    according_after: re.Pattern[str] = re.compile(r"(?!x)x")
    # the agency as the subject of a verb-final sentence: its particle, then the rest of
    # the sentence up to the reporting verb closing it ("은 6일 ... 시험발사했다고 보도했다.")
    subject_report: re.Pattern[str] = re.compile(r"(?!x)x")

    def guess_lang(self, text: str) -> str | None:
        """The language of ``text`` when none is given (:func:`newsclean.lang.detect_language`:
        writing system, then the function words of the packaged stopword lists), asked only
        when an ambiguous alias or a verb-final rule needs it."""
        return detect_language(text)


#: Chinese characters and Japanese kana: no space stands between the words they write.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"


@lru_cache(maxsize=1)
def get_cues() -> Cues:
    """The packaged cues, compiled once."""
    raw = resources.files("newsclean.data").joinpath("source_cues.toml").read_bytes()
    data = tomllib.loads(raw.decode("utf-8"))
    nouns = _alt(_phrases(data["agency_noun"]))
    filler_words = _alt(
        _phrases(data["filler"])
        + _phrases(data.get("filler_nationality", {}))
        + _phrases(data["agency_noun"])
    )
    desk = _alt(_phrases(data.get("desk", {})))
    # what may stand between a cue and the agency name
    between = (
        rf"(?:\s+{desk}(?:\s+[^\s،,.:;؛]+){{0,5}}?)?"
        rf"(?:\s+(?:[ld]'\s?)?{filler_words})*"
        # the name may stand in quotes or brackets: "сообщает «Интерфакс»", "ونقلت وكالة
        # (رويترز) للأنباء عن ..."
        r"(?:\s*[ld]'\s?|\s+|)[«\"“„(]?"
    )
    # (a bracketed outlet tag may open the sentence: "【环球网报道】据法新社报道，...", its
    # brackets read as ASCII)
    boundary = r"(?:^|(?<=[\s,،.;؛:(«\"“\-\]]))"

    def cue_tail(phrases: dict[str, list[str]]) -> re.Pattern[str]:
        """A cue phrase and what may stand between it and the agency, up to the end of the
        text searched (the text before an agency)."""
        return re.compile(
            boundary + r"(?P<cue>" + _alt(_phrases(phrases)) + r")(?P<between>" + between + r")$"
        )

    def after_comma(cue: str) -> re.Pattern[str]:
        """A cue after a comma and what may stand between it and the agency, up to the end
        of the text searched ("..., a rapporté mercredi l'agence", "..., according to the")."""
        return re.compile(r"[,،]\s*" + cue + r"(?P<between>" + between + r")$")

    label = _alt(_phrases(data["label"]))
    photo = _alt(_phrases(data["photo"]))
    return Cues(
        generic_full=re.compile(r"^\s*" + _alt(_phrases(data["generic"])) + r"\s*$"),
        label_tail=re.compile(
            boundary
            + label
            + r"\s*[:：]\s*(?:[^:\n]{1,40}?(?:[,،;/+&]|\s(?:and|ve|et|und|y|и|و)\s)\s*)*"
            # a place before the agency: "المصدر: دبي - وام"
            + r"(?:[^\W\d_][^:\n\-–—]{0,25}?\s[-–—]\s*)?"
            # agency nouns before the name: "المصدر: وكالة أنباء شينخوا"
            + r"(?:"
            + filler_words
            + r"\s+)*$"
        ),
        photo_tail=re.compile(
            boundary + photo + r"\s*(?:[:：/|\-–—]|by|de|von|من|from|:)?\s*"
            r"(?:[^\n:()]{0,40}?[/,،]\s*)?[«\"“(\[]?\s*$"
        ),
        # a caption's label opening the line: "الصورة: جانب من المظاهرات (أ ف ب)"
        photo_head=re.compile(r"^\s*" + photo + r"\s*[:：]"),
        noun_tail=re.compile(r"(?:^|(?<=[\s(]))" + nouns + r"\s*$"),
        noun_run=re.compile(r"(?:" + filler_words + r"(?:\s+|$))+"),
        noun_any=re.compile(r"(?:^|(?<=\s))" + nouns + r"(?=\s|$)"),
        # "Reuters'ın konuya yakın kaynaklara dayandırdığı habere göre": the agency's report,
        # based on sources of its own (a few words between), frames what follows
        framing_after=re.compile(
            r"^'\S*(?:\s+[^\s.,;:]+){0,4}?\s+(?:"
            + _alt(_phrases(data.get("relay_framing", {})))
            + r")(?!\w)"
        ),
        # a reporting verb anywhere in a sentence ("Fars news agency, citing IRNA, reported")
        report_verb=re.compile(
            r"(?:^|(?<=[\s,]))" + _alt(_phrases(data["lead_after"])) + r"(?!\w)"
        ),
        # qualifiers closing the text before an agency: "Çin devlet ajansı"
        noun_before_run=re.compile(r"(?:^|(?<=\s))(?:" + filler_words + r"(?:\s+|$))+$"),
        noun_before=re.compile(r"[,،]\s*(?P<run>(?:" + filler_words + r"\s+)+)$"),
        # a noun of the agency's may come first: "Kyodo News" + " agency said"
        said_head=re.compile(
            r"^(?:\s+" + nouns + r")?\s*" + _alt(_phrases(data.get("lead_said", {}))) + r"(?!\w)"
        ),
        # matched from the end of the verb, with match(text, pos): no "^" anchor
        past_head=re.compile(r"\s*,?\s*" + _alt(_phrases(data.get("lead_past", {}))) + r"(?!\w)"),
        lead_tail=cue_tail(data["lead_before"]),
        lead_head=re.compile(
            r"^(?P<noun>\s+"
            + nouns
            # its abbreviation may follow the agency: "the Saudi Press Agency (SPA) reported"
            + r")?(?:'\S*?)?(?:\s*\([^()\n]{1,15}\))?\s*,?\s*(?:"
            + _alt(_phrases(data["lead_after"]))
            + r")(?!\w)"
        ),
        according_tail=cue_tail(data.get("according", {})),
        word_alone={
            lang: frozenset(fold_phrase(w) for w in words)
            for lang, words in data.get("word_alone", {}).items()
        },
        credit_sentence_end=re.compile(
            r"^\s*" + _alt(_phrases(data.get("credit_sentence_end", {}))) + r"\s*[.!。]"
        ),
        inverted_tail=after_comma(
            _alt(_phrases(data.get("lead_said", {})))
            + r"(?:\s+"
            + _alt(_phrases(data.get("report_time", {})))
            + r"){0,3}"
        ),
        # a time may stand after the cue: "..., según informó este lunes la agencia Xinhua"
        according_closing=after_comma(
            _alt(_phrases(data.get("according", {})))
            + r"(?:\s+"
            + _alt(_phrases(data.get("report_time", {})))
            + r"){0,3}"
        ),
        according_after=re.compile(
            r"^\s*" + _alt(_phrases(data.get("according_after", {}))) + r"(?!\w)"
        ),
        subject_report=re.compile(
            _alt(_phrases(data.get("subject_particle", {})))
            # the rest of the sentence: no sentence end ("0.25%" is not one)
            + r"(?!\w)(?:[^.!?。\n]|\.(?=\d))*?"
            + _alt(_phrases(data.get("report_end", {})))
            + r"\s*[.!。]"
        ),
        credit_sentence_tail=cue_tail(data.get("credit_sentence", {})),
        according_word=re.compile(
            r"^\s*"
            + _alt(_phrases(data.get("according", {})))
            + r"\s+(?:l'\s?|the\s+|der\s+|la\s+)?(?P<word>[^\W\d_][^\s،,.:;؛'\"«»()]{3,29})\s*[،,]"
        ),
        interview_tail=re.compile(
            boundary + _alt(_phrases(data["interview_before"])) + r"(?P<between>" + between + r")$"
        ),
        interview_head=re.compile(
            r"^\s*" + _alt(_phrases(data.get("interview_after", {}))) + r"(?!\w)"
        ),
        relay_head=re.compile(
            r"^(?:\s+"
            + nouns
            + r")?(?:\s+"
            + _alt(_phrases(data["lead_after"]))
            # "به گزارش ایسنا و به نقل از ...": "and" may join the relay
            + r")?\s*[,،]?\s*(?:و\s*)?(?P<relay>"
            + _alt(_phrases(data["relay"]) + _phrases(data["relay_passive"]))
            + r")(?P<between>(?:"
            # "unter Berufung auf die russische Agentur Tass": up to two words before a noun
            + rf"(?:\s+[^\W\d_][^\s،,.:;؛]*){{1,3}}?\s+{nouns}\s+"
            + "|"
            + between
            + r")[«\"“]?\s*)"
        ),
        subject_head=re.compile(
            r"^\s*(?:"
            + _alt(_phrases({"x": data["agency_noun"].get("tr", [])} | {"y": ["news agency"]}))
            + r")(?!\w)"
        ),
        with_tail=re.compile(
            # a dash or an asterisk may open the line: "— Avec l'AFP", "*Com informações da"
            r"(?:^|(?<=[(\[]))\s*(?:[-–—*]+\s*)?"
            # an optional staff/outlet credit before it: "La rédaction avec AFP"
            + r"(?:(?P<staff>[^\W\d_][^\s()\[\]:]*(?:\s+[^\s()\[\]:]+){0,3}?)\s+)??"
            + r"(?P<cue>"
            + _alt(
                _phrases(data.get("with_credit", {})) + _phrases(data.get("with_credit_bare", {}))
            )
            # (no space after a cue in Chinese or Japanese: "（综合新华社、中新社报道）")
            + r")(?:\s+|\s*[ld]'\s?|(?<=["
            + _CJK
            + r"]))"
            r"(?:" + filler_words + r"\s+)*$"
        ),
        relay_passive=re.compile(_alt(_phrases(data["relay_passive"]))),
        # after the relayed agency: a case suffix ("Interfax'a") or an agency noun with one
        # ("TASS ajansına"), then the framing
        relay_framing=re.compile(
            r"^(?:'\S*|\s+(?:"
            + _alt(_phrases({"tr": data["agency_noun"].get("tr", [])}))
            + r")\S*)\s+(?:"
            + _alt(_phrases(data.get("relay_framing", {})))
            + r")(?!\w)"
        ),
        copyright_tail=re.compile(
            # the notice may stand in brackets: "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>"
            r"(?:^|(?<=[\s<\[(]))(?:(?:"
            + _alt(_phrases(data.get("copyright", {})))
            + r")\s*(?:[©ⓒ]|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?"
            + r"|(?:[©ⓒ]|\(c\))\s*\d{4}(?:\s*[-–]\s*\d{4})?)\s*,?\s*"
            # an article before the agency: "Copyright 2024 The Associated Press", or a
            # word or two of the holder's: "저작권자ⓒ 공감언론 뉴시스통신사"
            + r"(?:(?:the|l'|la|le|der|die)\s*|(?:[^\W\d_]+\s+){1,2})?$"
        ),
        # the year may follow the agency: "COPYRIGHT © ANTARA 2024"
        # and the notice may go on: "All rights reserved. This material may not be ..."
        # and the holder's legal form may follow the name: "©2024 Bloomberg L.P."
        rights_head=re.compile(
            r"^[\s.,;]*(?:\([^()\n]{1,60}\)[\s.,;]*)?"
            r"(?:(?i:l\.?p|inc|ltd|llc|gmbh|ag|s\.?a|plc|co)\b\.?[\s.,;]*)?"
            r"(?:\d{4}(?:\s*[-–]\s*\d{4})?[\s.,;]*)?(?:(?:"
            + _alt(_phrases(data.get("rights_reserved", {})))
            + r")(?:[.!]\s.*)?)?[\s.!>\])]*$"
        ),
        homograph_tail=re.compile(
            r"(?:^|(?<=\s))" + _alt(_phrases(data.get("homograph_context", {}))) + r"\s*$"
        ),
        desk_head=re.compile(r"^\s*" + desk),
        interview_home=frozenset(_phrases(data.get("interview_home", {}))),
        verb_final=frozenset(_phrases(data.get("verb_final", {}))),
        dateline_regions=frozenset(_phrases(data.get("dateline_region", {}))),
        credit_tags=frozenset(_phrases(data.get("credit_tags", {}))),
        with_bare=frozenset(fold_phrase(p) for p in _phrases(data.get("with_credit_bare", {}))),
        with_suffix=re.compile(
            r"\s+" + _alt(_phrases(data.get("with_credit_suffix", {}))) + r"[\s.]*$",
            re.IGNORECASE,
        ),
        with_end=re.compile(
            r"\s+" + _alt(_phrases(data.get("with_credit_end", {}))) + r"[\s.]*$",
            re.IGNORECASE,
        ),
        with_end_cued=re.compile(
            r"(?:\s+|(?<=["
            + _CJK
            + r"]))"
            + _alt(_phrases(data.get("with_credit_end_cued", {})))
            + r"[\s.]*$",
            re.IGNORECASE,
        ),
        # ... and in a notice that goes on after it: "Bu haber İHA tarafından servis edilmiş
        # olup sitemiz tarafından ... yayımlanmıştır."
        with_end_open=re.compile(
            r"\s+" + _alt(_phrases(data.get("with_credit_end", {}))) + r"(?!\w)", re.IGNORECASE
        ),
        according_first=_first_words(_phrases(data.get("according", {}))),
        byline_named=re.compile(
            r"\s*(?i:" + _raw_alt(_phrases(data.get("byline_by", {}))) + r")\s+"
            r"(?P<names>[^\W\d_][\w'’.\-]*"
            r"(?:(?:\s+|\s*,\s*|\s+(?:and|&|et|und|y|e)\s+)[^\W\d_][\w'’.\-]*){0,7})"
            r"\s*[,|/–—-]?\s*"
        ),
        byline_suffix=re.compile(
            # a desk or two may come first: "PA Transport Correspondent"
            r"[\s,]*(?:(?:[A-ZÀ-Þ][\w'’\-]*\s+){0,2}(?:"
            + _raw_alt(_phrases(data.get("byline_suffix", {})))
            # or the place filed from: "à Québec", "in New York"
            + r")|(?:"
            + _raw_alt(_phrases(data.get("byline_place", {})))
            + r")\s+[A-ZÀ-Þ][\w'’\-]*(?:\s+[A-ZÀ-Þ][\w'’\-]*){0,2})?[\s.]*"
        ),
        # "By PA Reporter", "By AFP Staff Writer": the agency and a job word, no names
        byline_bare=re.compile(
            r"\s*(?i:" + _raw_alt(_phrases(data.get("byline_by", {}))) + r")\s+(?:the\s+)?"
        ),
        byline_job=re.compile(
            r"[\s,]*(?:[A-ZÀ-Þ][\w'’\-]*\s+){0,2}(?:"
            + _raw_alt(_phrases(data.get("byline_suffix", {})))
            + r")[\s.]*"
        ),
        # "Marie-Ève Tremblay, La Presse Canadienne": capitalised names, a comma, the agency
        # (its job there may come between: "Mariana Tokarnia - Repórter da Agência Brasil")
        byline_comma=re.compile(
            r"\s*(?P<names>[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){1,3})"
            r"(?:\s*,|\s+[-–—|])\s*(?:(?i:"
            + _raw_alt(_phrases(data.get("byline_job_of", {})))
            + r")\s*)?"
        ),
        byline_of=re.compile(
            r"\s*(?i:" + _raw_alt(_phrases(data.get("byline_of", {}))) + r")\s+(?:the\s+)?"
        ),
        compound_head=re.compile(
            r"^[\s'’]*s?\s*(?:" + _alt(_phrases(data.get("agency_compound", {}))) + r")(?!\w)"
        ),
    )
