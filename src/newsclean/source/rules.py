"""Credit-line conventions: turn alias occurrences into credit candidates, or reject them.

Every alias occurrence (:class:`~newsclean.source.registry.Hit`) is looked at once, in its
line, and classified by the first convention that fits:

========== ====================================================== =============================
rule       example                                                where
========== ====================================================== =============================
photo      ``Photo: AFP``, ``الصور من «واس»``, ``Fotoğraf: AA``   rejected (photo credit)
paren      ``WASHINGTON (Reuters) -``, ``(APA/dpa, 1.11.2015)``,  dateline / byline / footer /
           ``(afp/nxp)``, ``Ruhan YALÇIN/TEKİRDAĞ, (DHA)``        title / inline
quoted     ``... العالم. "رويترز"``                                footer / inline
label      ``Source: AFP``, ``Kaynak: DHA ve AA``,                footer / byline / inline
           ``المصدر : وكالة ايسنا للأنباء.``
line       a line that is only a credit: `` Reuter``, ``(واس)``    footer / byline / inline
byline     ``By JOHN SMITH Associated Press``,                    byline / footer
           ``Par Jean Dupont, AFP``
prefix     ``واس- الرياض:``, ``Reuters - ...``, ``DHA/Name``,      byline
           ``خبرگزاری فارس- گروه سلامت:``
city       ``القاهرة - أ ش أ:``                                    dateline
header     ``روما 25 شوال 1436 هـ ... واس``                        dateline
lead       ``به گزارش خبرگزاری فارس``, ``ذكرت وكالة ...``,         lead (first body sentence)
           ``according to The Associated Press``, ``X AA'ya
           konuştu``, ``据新华社报道``
cjk        ``新华社北京11月28日电``, ``(서울=연합뉴스)``,             dateline
           ``【ワシントン共同】``, ``（中央社記者王明台北28日電）``
========== ====================================================== =============================

Chinese, Japanese and Korean text is read with its full-width brackets, colons and commas
as ASCII ones (``（新华社）``, ``来源：新华社`` then fit the paren and label rules), and an
alias in those scripts is found without word boundaries (``新华社北京``, ``연합뉴스는``).

Anything else is a mention (``told Reuters``, ``a déclaré à l'AFP``, ``ولم تستطع رويترز``)
and is ignored.  Homograph aliases (``Hit.weak``: ``بنا``, ``معا``, ``İHA``, ``فارس``) are only
accepted in strict slots (paren, quoted, label, line, city prefix, header) or right after a
lead cue, and case-sensitive abbreviations written in another case (``ap``) only in strict
slots.

>>> from newsclean.source import explain_source
>>> explain_source("Athen – Drei Menschen starben.  (APA/dpa, 4.2.2016)")
["apa via ['dpa'] (paren:footer, 0.855): '(APA/dpa, 4.2.2016)'"]
>>> explain_source("Der Minister sagte der APA, das Gesetz komme.")
[]
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, replace

from ..article import Where
from ..lang import stopwords
from .cues import Cues
from .fold import Folded
from .layout import CJK_STOPS, Layout, sentence_end
from .registry import UNSPACED_CHAR, Hit, Registry, unspaced

__all__ = ["Analyzer", "Candidate"]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One possible credit: the agency, its credit chain, where and how it was found."""

    hit: int
    agency: str
    via: tuple[str, ...]
    where: Where
    start: int
    end: int
    confidence: float
    rule: str
    city: str | None = None


_SEP = re.compile(
    r"\s*(?:[/,;،、&+|]|\s?[-–—]\s|[–—]|(?<=\w)-(?=\w)|\s(?:and|et|und|ve|y|и|و|e)\s)\s*"
)
_NOISE = re.compile(
    r"^(?:[a-zäöüßçşğıéè]{1,6}\.?|[A-ZÄÖÜ]{1,3}\.?|[\d\s.:/\-]+"
    r"|\d{1,2}\.?\s*[^\W\d]{3,9}\.?\s*\d{0,4}|[^\W\d]{3,9}\.?\s*\d{1,2}(?:,?\s*\d{4})?)$"
)
# what may stand around an agency in a credit list: punctuation, digits, and a wire's
# end-of-story marker ("(END) Dow Jones Newswires")
_DECOR = re.compile(r"^[\W\d_]*(?:\(end\)[\W\d_]*)?$")
_OPEN_Q = "\"«“„'"
_CLOSE_Q = "\"»”“'"
_SENT_PUNCT = re.compile(r"[.!?؟](?:\s|$)")
# what may follow the agency of a credit sentence: the sentence's end, after a few words at
# most ("Das berichtete die dpa am Dienstag.")
_SENTENCE_ENDS = re.compile(r"^(?:\s*[^\s.!?؟]+){0,12}\s*(?:[.!?؟»\"”)]|$)")
# ... or a relay cue, after as many words at most ("... dpa am Donnerstag unter Berufung auf")
_RELAY_WORDS = 3
_NEXT_WORD = re.compile(r"\s*[^\s.!?؟,،;:]+")
_DASH_AFTER = re.compile(r"^\s*(?:\.?\s*[-–—ـ]+|:)")
# "Lima, mar. 5 (ANDINA). El ...", "Berne (ats) Le Conseil ...": no dash, the story follows
_BODY_AFTER = re.compile(r"^\.?\s+(?=[^\W\d_])")
_PREFIX_CITY = re.compile(r"^\s*[-–—ـ]+\s*([^:\n.!?]{1,60}?)\s*[:：]")
_PREFIX_CITY_EOL = re.compile(r"^\s*[-–—ـ]+\s*([^\W\d][^:\n.!?،,]{0,40}?)\s*$")
# "واس (الرياض)" on a line of its own: the agency, then its place in brackets
_PREFIX_PAREN_EOL = re.compile(r"^\s*\(\s*([^\W\d][^()\n:.!?،,]{0,30}?)\s*\)\s*$")
# "وطنية - بيروت - استقبل ...": agency, dash, a place of one to three words, dash, the story
_PREFIX_CITY_DASH = re.compile(
    r"^\s*[-–—ـ]+\s*([^\W\d][^\W\d_]*(?:\s+[^\W\d_]+){0,2})"
    r"(?:\s*\([^()\n]{1,30}\))?\s+[-–—ـ]+\s+(?=\S)"
)
# "دمشق-سانا أصدر ...": a place, a dash, the agency and the story (SANA's house style)
_CITY_TIGHT = re.compile(r"^\s*([^\W\d][^\W\d_]*(?:\s+[^\W\d_]+){0,2})[-–—ـ]$")
# a date, not a place, after the agency: "Aug 18, 2024", "18 August"
_DATE_FIRST = re.compile(r"^(?:\d|[^\W\d_]{3,9}\.?\s+\d)")
_STORY_AFTER = re.compile(r"^\s+(?=[^\W\d_])")
# characters of story after a prefix credit on the body line (not a short label line)
_STORY_CHARS = 60
# "شفق نيوز/ أعلنت ...": the agency, a slash, the story
_PREFIX_SLASH_STORY = re.compile(r"^\s*/\s*(?=[^\W\d_])")
_PREFIX_AT = re.compile(r"^\s+(?:à|in|en|aus|\|)\s+([^\W\d][^\n.!?,;:]{0,30}?)\s*$")
_PREFIX_SEMI = re.compile(r"^\s*[؛;]\s*([^:\n.!?]{1,40}?)\s*[:：]")
# "خبرگزاری مهر، گروه اقتصاد: ...": the agency, a comma, its desk, a colon
_PREFIX_COMMA = re.compile(r"^\s*[،,]\s*([^:\n.!?]{1,40}?)\s*[:：]")
_PREFIX_DASH = re.compile(r"^\s*[-–—]{1,2}\s+(?=\S)")
_PREFIX_SLASH = re.compile(r"^\s*/\s*[^\W\d][^\n]{0,40}?(?=\s{2,}|$)")
_PREFIX_GAP = re.compile(r"^\s{2,}(?=\S)")
_PREFIX_COLON = re.compile(r"^\s*[:：]\s+(?=\S)")
# "ИА REGNUM. Администрация Петрозаводска ...": the agency, a full stop, the story
_PREFIX_STOP = re.compile(r"^\.\s+(?=[^\W\d_])")
_PREFIX_BAR = re.compile(r"^\s*\|\s*[^\n|]{1,40}(?:\|[^\n|]{1,40}){0,3}$")
# an abbreviation in brackets right after the agency's suffix: "'nın (AA) sorularını"
_PAREN_INSIDE = re.compile(r"^'\w{1,4}(?P<paren>\s*\([^()\n]{1,15}\))")
# what joins two agencies of one list: "رويترز و آسوشيتدپرس", "AFP, AP and Reuters"
_JOINED = re.compile(r"\s*(?:[,،]\s*(?:and|et|und|ve|y|e|و)?|and|et|und|ve|y|e|و|и)\s*")
_CITY_BEFORE = re.compile(r"^\s*([^\W\d][^\n:.،,()]{0,30}?)\s*[-–—ـ]+\s*$")
_CITY_AFTER = re.compile(r"^\s*(?:[:：\-–—]|$|\s{2,})")
# the outlet's own name between the place and the agency, on a dateline line of its own:
# "القاهرة: «الخليج»، د ب أ", "عواصم - «الخليج»، رويترز"
_CITY_OUTLET_BEFORE = re.compile(
    r"^\s*([^\W\d][^\n:.،,()«»\"]{0,30}?)\s*[:\-–—ـ]+\s*[«\"“][^«»\"“”\n]{1,30}[»\"”]\s*[،,]\s*$"
)
# the general dateline prefix: place (and date, reporter) + separator + agency + terminator:
# "МОСКВА, 5 мар — РИА Новости.", "أنقرة/ الأناضول", "АСТАНА. КАЗИНФОРМ –"
_DL_BEFORE = re.compile(r"^\s*(?P<seg>[^\W\d_][^\n:()«»\"]{0,70}?)\s*(?P<sep>[-–—ـ]+|/|\.|,)\s*$")
# after a comma: a capitalised place of up to three words and a day of a month before it
# (the year after a comma or a slash: "Addis Ababa, November 28/2026 (ENA) ..."), a period
# after it ("Baku, November 28, AZERTAC. The ..."); or the place alone before it,
# a dash after it ("Tehran, IRNA - The ...")
_PLACE = r"\s*(?:[A-ZÀ-ÞА-ЯЁ][^\W\d_]*[ '.-]*){1,3}"
_YEAR_AFTER = r"(?:(?:,?\s*|/)\d{4})?"  # ", 2026", " 2026", "/2026" after a day
_CITY_DATE = re.compile(
    _PLACE + r",\s*(?:[^\W\d_]{3,9}\.?\s+\d{1,2}|\d{1,2}\s+[^\W\d_]{3,9}\.?)" + _YEAR_AFTER
)
_DL_AFTER_COMMA = re.compile(r"^\s*\.(?=\s)")
_CITY_ALONE = re.compile(_PLACE)
_DL_AFTER_DASH = re.compile(r"^\s*[-–—]+(?=\s)")
_DL_AFTER = re.compile(r"^(?:\s*\.?\s*[:：\-–—ـ/]|\s*\.(?=\s|$)|\s*$|\s{2,})")
# "/ТАСС/", "/ وام /", and with a correspondent: "/Корр. ТАСС Иван Петров/"
# co-credit words that never follow a staff credit ("It was reported by AFP" is a mention)
_NOT_AFTER_STAFF = frozenset({"by", "par", "por", "from", "d'apres", "source", "sources"})
# a credit closing the last sentence: "... سنويا. - واس", "... on Friday. — Reuters"
_TRAIL_DASH = re.compile(r"[.!?؟»\"”)]\s*[-–—ـ]+\s*$")
_SLASH_OPEN = re.compile(r"/\s*(?:[^\W\d_]{2,6}\.\s*)?$")
_SLASH_CLOSE = re.compile(r"\s*(?:[^\W\d_]+\s*){0,3}/")
# Turkish relay framing after a genitive: "Reuters'ın Interfax'a dayandırdığı habere göre"
_GENITIVE = re.compile(r"^'(?:n?[ıiuü]n)\s+")
_CITY_TRAIL = re.compile(r"[\s,.،]+(?:في|in|le|am|den)?$")
_DESK_BEFORE = re.compile(r"^\s*(?:گروه|سرویس)(?:\s+[^\s:؛،.]+){1,4}\s+$")
_DIGIT = re.compile(r"\d")
_DATE_SLASH = re.compile(r"(?<=\d)/(?=\d)")  # "28/11/2026", "November 28/2026"
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_WORD_SPLIT = re.compile(r"[\s\"'«»“”()\[\].,:،؛\-]+")
_LETTERS = re.compile(r"[^\W\d_]")
_CUT_BEFORE = re.compile(r"(?:>|&gt;|\s{2,}|\t|\|)")
_DATE_TAIL = re.compile(
    r"[\s,]*(?:\d[\d\s./:-]*|\d{1,2}\s+\S+(?:\s+\S+)?\s*\d*"
    r"|[^\W\d_]{3,9}\.?\s+\d{1,2}" + _YEAR_AFTER + r")\s*$"
)


# Chinese, Japanese and Korean datelines (their text is read with ASCII brackets and colons):
# a group opening the story, "(서울=연합뉴스)", "[ワシントン共同]", "(中央社記者王明台北28日電)",
# with a place before the agency (and "=" in Korean) and a reporter, date or 电 after it ...
# (a relayed agency may stand between place and "=": "(파리 AFP=연합뉴스)", "【パリＡＦＰ＝時事】")
# (and the day before the agency: Reuters Japan's "［東京　５日　ロイター］")
_CJK_GROUP_OPEN = re.compile(
    r"\s*[(\[]\s*(?P<place>[^\W\d_]{1,12}?)?\s*(?:\d{1,2}\s*日\s*)?"
    r"(?:(?P<relay>[A-Za-zＡ-Ｚａ-ｚ]{2,8})\s*=)?=?\s*"
)
_CJK_GROUP_REST = re.compile(r"[^()\[\]\n。.,;:!?]{0,30}?[)\]]")
# ... or the agency opening the line, then place and date up to 电 (dispatch): "新华社北京11月
# 28日电", "中新社香港28日電"
_CJK_DISPATCH = re.compile(r"(?P<place>[^\W\d_]{1,8})?\s*(?:\d{1,2}\s*月\s*)?\d{1,2}\s*日\s*[电電]")
# words that join the names of a byline ("By Jane Doe and Tom Roe")
_NAME_JOINERS = frozenset({"and", "et", "und", "y", "e"})
_NAME_SPLIT = re.compile(r"[\s,&]+")
#: Characters of an unspaced script beyond which a segment is a sentence, not a dateline.
CJK_DATELINE_CHARS = 16

_CAPTION_WORDS = 3  # words of a bracketed image caption before its credit
#: Characters that may qualify an agency opening its sentence ("中国国営通信の", "북한").
_OPENING_CHARS = 12
# what a sentence starts after: a sentence end (not a decimal point), "。", a Korean dateline's "="
_SENTENCE_OPENS = re.compile(r"[.!?؟](?=\s|$)|[。=]")
_SENTENCE_INSIDE = re.compile(r"(?:[^\W\d_]{4,}\.|[!?؟])\s+[^\W\d_]")
# a line opening with a clock time: an item of a news ticker ("19:02 Gaza : ...")
_TICKER = re.compile(r"\s*(?:\+\+\+\s*)?\d{1,2}[:h.]\d{2}\s+(?:Uhr\s+)?[^\W\d_]")
# a reporter's line closing the story: "Ahmet Yılmaz / İstanbul, DHA"
_REPORTER_LINE = re.compile(
    r"\s*[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,3}\s*/\s*"
    r"[^\W\d_][\w'’.\-]*(?:\s+[^\W\d_][\w'’.\-]*){0,2}\s*[,/]\s*"
)
# an abbreviation in brackets after a name: "Korean Central News Agency (KCNA)"
_PAREN_HEAD = re.compile(r"^\s*\([^()\n]{1,15}\)")
_NAME_OPENS = '«"“„('  # what may open the quotes or brackets an agency's name stands in
# the end of a sentence right after a postposed credit ("... , Xinhua reported.")
_CLOSES = re.compile(r"\s*(?:[.!?؟]|$)")
_SENTENCE_LAST = re.compile(r"(?:[^\W\d_]{4,}\.|[!?؟])$")


def _relay_soon(relay_head: re.Pattern[str], fa: str) -> tuple[int, re.Match[str]] | None:
    """The relay cue after an agency (``fa``: the folded text after it), right after it or a
    few words of its sentence later ("Das berichtete die dpa am Donnerstag unter Berufung
    auf ...", "Reuters reported on Thursday, citing ..."): where in ``fa`` the match was tried
    and the match."""
    pos = 0
    for _ in range(_RELAY_WORDS + 1):
        m = relay_head.match(fa[pos:])  # "^" anchors the pattern: a slice, not pos=
        if m is not None:
            return pos, m
        word = _NEXT_WORD.match(fa, pos)
        if word is None:
            return None
        pos = word.end()
    return None


def _short_dateline(seg: str) -> bool:
    """A city/date/reporter prefix: short, no sentence end inside ("Jan. 5", "St. Louis" ok)."""
    s = seg.strip()
    words = len(s.split())
    if any(ch in s for ch in CJK_STOPS) or (
        not s.isascii() and len(UNSPACED_CHAR.findall(s)) > CJK_DATELINE_CHARS
    ):
        return False  # a Chinese or Japanese sentence has no spaces to count as words
    if words > 4 and _SENTENCE_LAST.search(s):
        return False  # "... stiegen um zwei Prozent." is a sentence, "МОСКВА, 12 марта." is not
    return len(s) <= 60 and words <= 8 and not _SENTENCE_INSIDE.search(s)


def _dateline_segment(seg: str, sep: str) -> bool:
    """A place/date/reporter segment before ``sep`` in a dateline prefix.

    Slash chains (Anadolu's "إسطنبول/ محمد شيخ يوسف/") have at most three parts of at most
    four words; otherwise a short dateline that starts with a capital (or is in Arabic
    script, which has no case); a period separator ("АСТАНА. КАЗИНФОРМ") allows four words.
    """
    if sep == "/" or "/" in seg:
        parts = [p.strip() for p in seg.split("/")]
        return len(parts) <= 3 and all(p and len(p.split()) <= 4 for p in parts)
    if not _short_dateline(seg):
        return False
    if sep == "." and len(seg.split()) > 4:
        return False
    if len(seg.split()) > 4 and not any(c.isdigit() or c in ",،" for c in seg):
        return False  # a headline naming its source: "JAPAN TO OPEN MORE BOURSE SEATS - KYODO"
    return _starts_upper(seg) or bool(_ARABIC_LETTER.match(seg.lstrip()))


def _city_of(seg: str) -> str | None:
    first = seg.split("/")[0]
    return _CITY_TRAIL.sub("", _DATE_TAIL.sub("", first)).strip(" ,.-–—ـ") or None


def _starts_upper(seg: str) -> bool:
    """A dateline starts with a capitalised place name ("Berne", "NEW DELHI", "Lima"), or
    one in a script without capitals ("नई दिल्ली").

    >>> _starts_upper("Berne"), _starts_upper("नई दिल्ली"), _starts_upper("and then")
    (True, True, False)
    >>> _starts_upper("القاهرة")  # Arabic: by its own checks
    False
    """
    s = seg.lstrip()
    return bool(s) and (s[0].isupper() or _caseless(s[0]))


def _places(seg: str) -> bool:
    """``seg`` is places joined by slashes, each one or two capitalised words, as a
    dateline of a story from two cities names them ("Washington/Berlin", "Bonn/Augsburg").

    >>> _places("Bonn/Augsburg"), _places("Frankfurt/Main"), _places("Politik / aktuell")
    (True, True, False)
    >>> _places("Ahmet YILMAZ/KONYA,")
    False
    """
    if "," in seg:  # "Ahmet YILMAZ/KONYA, (DHA)": a reporter's byline
        return False
    parts = [part.split() for part in seg.split("/")]
    return len(parts) <= 3 and all(
        1 <= len(words) <= 2 and all(w[0].isupper() for w in words) for words in parts
    )


def _no_case(s: str) -> bool:
    """No letter of ``s`` has a case (Arabic, Persian, Hebrew, CJK...)."""
    return not any(c.isupper() or c.islower() for c in s)


def _place_like(seg: str) -> bool:
    """``seg`` may be a place name: capitalised words (short lower-case joiners allowed:
    "Rio de Janeiro"), or words of a script without capitals.

    >>> _place_like("Paris"), _place_like("Rio de Janeiro"), _place_like("بيروت")
    (True, True, True)
    >>> _place_like("A car bomb"), _place_like("the third")
    (False, False)
    """
    words = seg.split()
    if not words or not (words[0][0].isupper() or _no_case(words[0])):
        return False
    if len(words) > 1 and len(words[0]) == 1:
        return False  # an article: "A car bomb"
    return all(w[0].isupper() or _no_case(w) or len(w) <= 3 for w in words[1:])


def _caseless(ch: str) -> bool:
    """A letter of a script without capitals (Devanagari, Thai, Hangul, Han), Arabic
    excepted: an Arabic dateline has checks of its own (a place and a date)."""
    return ch.isalpha() and ch.lower() == ch.upper() and _ARABIC_LETTER.match(ch) is None


class Analyzer:
    """Classifies every hit of one text; see the module docstring for the conventions."""

    def __init__(
        self,
        folded: Folded,
        hits: list[Hit],
        lay: Layout,
        cues: Cues,
        registry: Registry,
        lang: str | None,
    ) -> None:
        self.F = folded
        self.text = folded.text
        self.hits = hits
        self._starts = [h.start for h in hits]
        self.lay = lay
        self.cues = cues
        self.reg = registry
        self._lang = lang
        self._lang_known = lang is not None
        self.consumed: set[int] = set()
        self.notes: list[str] = []

    # ------------------------------------------------------------ helpers
    @property
    def lang(self) -> str | None:
        """The given language, or a guess made only when an ambiguous alias needs it."""
        if not self._lang_known:
            self._lang = self.cues.guess_lang(self.text)
            self._lang_known = True
        return self._lang

    def _opens_with_function_word(self, seg: str) -> bool:
        """Whether ``seg`` opens with a function word of the text's language ("In Tehran"
        is not a place)."""
        first = seg.split(None, 1)[0].casefold() if seg.strip() else ""
        return bool(self.lang) and first in stopwords(self.lang or "")

    def resolve(self, i: int, place: str | None = None) -> tuple[str, bool]:
        hit = self.hits[i]
        if len(hit.ids) == 1:
            return hit.ids[0], False
        return self.reg.resolve(hit, self.lang, place)

    def _line(self, pos: int) -> tuple[int, int, int]:
        idx = self.lay.line_of(pos)
        s, e = self.lay.line_span(idx)
        return idx, s, e

    def _fbefore(self, hit: Hit, line_start: int, n: int = 110) -> str:
        fls = self.F.fpos(line_start)
        return self.F.folded[max(fls, hit.fstart - n) : hit.fstart]

    def _fafter(self, hit: Hit, line_end: int, n: int = 110) -> str:
        fle = self.F.fpos(line_end)
        return self.F.folded[hit.fend : min(fle, hit.fend + n)]

    def _hits_in(self, a: int, b: int) -> list[int]:
        """The hits inside ``text[a:b]`` (hits are sorted and do not overlap: a bisection
        finds the first, so that a page of thousands of credits stays linear)."""
        out: list[int] = []
        hits = self.hits
        for i in range(bisect_left(self._starts, a), len(hits)):
            h = hits[i]
            if h.start >= b:
                break
            if h.end <= b:
                out.append(i)
        return out

    def _parse_list(self, a: int, b: int) -> list[tuple[str, int]]:
        """Items of a credit list in ``text[a:b]``: ``("agency", hit index)``, or
        ``("noise" | "generic" | "other", -1)`` for author tags and dates, generic credits
        and anything else (an "other" item makes a parenthesised group a non-credit)."""
        seg = self.text[a:b]
        inside = self._hits_in(a, b)
        items: list[tuple[str, int]] = []
        pos = 0
        bounds: list[tuple[int, int]] = []
        for m in _SEP.finditer(seg):
            # never split inside an alias (e.g. "Agence France-Presse", "أ ف ب")
            if any(
                self.hits[i].start < a + m.end() and self.hits[i].end > a + m.start()
                for i in inside
            ):
                continue
            bounds.append((pos, m.start()))
            pos = m.end()
        bounds.append((pos, len(seg)))
        for s, e in bounds:
            item = seg[s:e].strip()
            if not item:
                continue
            ia, ib = a + s, a + e
            found = [i for i in inside if self.hits[i].start >= ia and self.hits[i].end <= ib]
            # one agency, or one named twice: "Kuwait News Agency (KUNA)", "وكالة ... (كونا)"
            if found and len({self.resolve(i)[0] for i in found}) == 1:
                cuts = [self.F.fpos(ia)]
                for i in found:
                    cuts += [self.hits[i].fstart, self.hits[i].fend]
                cuts.append(self.F.fpos(ib))
                rest = " ".join(
                    self.F.folded[x:y] for x, y in zip(cuts[::2], cuts[1::2], strict=True)
                )
                if _DECOR.match(rest) or self._decoration_only(rest):
                    items.append(("agency", found[0]))
                    continue
            if self.cues.generic_full.match(self.F.folded[self.F.fpos(ia) : self.F.fpos(ib)]):
                items.append(("generic", -1))
            elif not found and (
                _NOISE.match(item) or not _LETTERS.search(item) or item in self.cues.credit_tags
            ):
                items.append(("noise", -1))
            else:
                items.append(("other", -1))
        return items

    def _decoration_only(self, rest: str) -> bool:
        """True if ``rest`` is only agency nouns around a name ("وكالة ... للأنباء", and
        nouns of several words: "وكالة أنباء ...")."""
        words = " ".join(w for w in _WORD_SPLIT.split(rest) if w)
        return not words or self.cues.noun_run.fullmatch(words) is not None

    def _agencies(self, items: list[tuple[str, int]]) -> list[int]:
        return [i for kind, i in items if kind == "agency"]

    def _chain(
        self, idxs: list[int], place: str | None = None
    ) -> tuple[str, tuple[str, ...], bool]:
        primary, amb = self.resolve(idxs[0], place)
        via: list[str] = []
        for i in idxs[1:]:
            a, _ = self.resolve(i)
            if a != primary and a not in via:
                via.append(a)
        return primary, tuple(via), amb

    def _last_before_body(self, line_idx: int) -> bool:
        """Line ``line_idx`` is the last non-empty line above the first body line."""
        body = self.lay.body_line
        if line_idx >= body:
            return False
        return all(
            not self.text[self.lay.starts[k] : self.lay.ends[k]].strip()
            for k in range(line_idx + 1, body)
        )

    def _position_where(self, pos: int, line_idx: int, *, titled: bool) -> tuple[Where, float]:
        zone = self.lay.zone(pos)
        if titled and self.lay.is_title_line(line_idx) and line_idx < self.lay.body_line:
            return "title", 0.7
        if zone == "tail":
            return "footer", 0.95
        if zone == "head":
            return "byline", 0.85
        return "inline", 0.72

    def _cand(
        self,
        i: int,
        where: Where,
        conf: float,
        rule: str,
        start: int,
        end: int,
        *,
        idxs: list[int] | None = None,
        city: str | None = None,
    ) -> Candidate:
        idxs = idxs or [i]
        agency, via, amb = self._chain(idxs, city)
        h = self.hits[idxs[0]]
        if amb:
            conf *= 0.9
        if not h.exact:
            conf *= 0.95
        for j in idxs:
            self.consumed.add(j)
        return Candidate(idxs[0], agency, via, where, start, end, round(conf, 3), rule, city)

    # ------------------------------------------------------------ main entry
    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for i in range(len(self.hits)):
            if i in self.consumed:
                continue
            c = self.classify(i)
            if c is not None:
                relayed = self.relays_after(c.hit)
                self.consumed.update(relayed)
                if relayed and not c.via:
                    c = self.with_chain(c)
                out.append(c)
        return out

    def with_chain(self, c: Candidate) -> Candidate:
        """``c`` with the credit chain of its hit: the first agency of the chain is the
        credited one (another one after a passive relay), the others its ``via``."""
        chain = self.chain_agencies(c.hit, c.agency)
        return replace(c, agency=chain[0], via=tuple(chain[1:]))

    def classify(self, i: int) -> Candidate | None:
        hit = self.hits[i]
        line_idx, ls, le = self._line(hit.start)
        fb = self._fbefore(hit, ls)
        if (
            self.cues.photo_tail.search(fb)
            or self.cues.photo_head.match(fb)
            or self._bracketed_caption(hit, ls, le)
        ):
            self.notes.append(f"photo credit ignored: {self.text[hit.start : hit.end]!r}")
            self.consumed.add(i)
            return None
        if line_idx != self.lay.body_line and le - ls <= 200 and _TICKER.match(self.text, ls, le):
            # "19:02 Gaza : une frappe ... (AFP)": an item of a news ticker on the page
            self.notes.append(f"ticker item ignored: {self.text[hit.start : hit.end]!r}")
            self.consumed.add(i)
            return None
        for rule in (
            self._cjk,
            self._paren,
            self._slash,
            self._quoted,
            self._label,
            self._with,
            self._named_byline,
            self._copyright,
            self._line_credit,
            self._prefix,
        ):
            c = rule(i, hit, line_idx, ls, le)
            if c is not None:
                return c
        if i in self.consumed:
            return None
        return self._lead(i, hit, le)

    def _bracketed_caption(self, hit: Hit, ls: int, le: int) -> bool:
        """The hit closes an image's caption that a naive dump keeps in square brackets:
        "[متظاهرون يرفعون لافتات في ساحة الباستيل (أ ف ب)]", "[Rescuers search the rubble
        in Hatay. Photo by Reuters]" (a caption of :data:`_CAPTION_WORDS` words or more
        before the credit; "[AFP]" alone is a credit)."""
        line = self.text[ls:le].strip()
        if len(line) < 2 or line[0] != "[" or line[-1] != "]":
            return False
        return len(self.text[ls : hit.start].split()) >= _CAPTION_WORDS

    # ------------------------------------------------------------ conventions
    def _cjk(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        """Chinese, Japanese and Korean datelines, for an agency written in those scripts:
        a group opening a line of the story (``(서울=연합뉴스) ...``, ``【ワシントン共同】...``,
        ``（中央社記者王明台北28日電）...``) or a dispatch opening it (``新华社北京11月28日电
        ...``).  A homograph (``共同``, "joint") counts in the group only."""
        if not unspaced(hit.key):
            return None
        if line_idx > self.lay.body_line and self.lay.zone(hit.start) == "middle":
            return None  # a dateline opens the story
        text = self.text
        before = text[ls : hit.start]
        start = ls + len(before) - len(before.lstrip())
        opening = _CJK_GROUP_OPEN.fullmatch(before)
        if opening is not None:
            rest = _CJK_GROUP_REST.match(text, hit.end, le)
            if rest is not None and text[rest.end() : le].strip():
                place = opening.group("place")
                # an agency inside the group, before the one that sends it, is relayed (its
                # name may run on from the place's, unspaced: "パリＡＦＰ")
                relayed = [j for j in self._hits_in(start, hit.start) if j != i]
                c = self._cand(
                    i,
                    "dateline",
                    0.95,
                    "cjk:dateline",
                    start,
                    rest.end(),
                    idxs=[i, *relayed],
                    city=place,
                )
                named = opening.group("relay")
                ids = self.reg.lookup(unicodedata.normalize("NFKC", named)) if named else ()
                if ids and ids[0] != c.agency and ids[0] not in c.via:
                    c = replace(c, via=(*c.via, ids[0]))
                return c
        if hit.weak or (before.strip() not in ("", "(", "[")):
            return None
        dispatch = _CJK_DISPATCH.match(text, hit.end, le)
        if dispatch is None or not text[dispatch.end() : le].strip():
            return None
        return self._cand(
            i, "dateline", 0.95, "cjk:dispatch", start, dispatch.end(), city=dispatch.group("place")
        )

    def _paren(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        if hit.clitic:
            return None
        text = self.text
        lo = max(ls, hit.start - 80)
        open_at = max(text.rfind("(", lo, hit.start), text.rfind("[", lo, hit.start))
        if (
            open_at < 0
            or max(text.rfind(")", open_at, hit.start), text.rfind("]", open_at, hit.start)) >= 0
        ):
            return None
        hi = min(le, hit.end + 80)
        closes = [p for p in (text.find(")", hit.end, hi), text.find("]", hit.end, hi)) if p >= 0]
        if not closes:
            return None
        close_at = min(closes)
        if "(" in text[hit.end : close_at]:
            return None
        items = self._parse_list(open_at + 1, close_at)
        if not items or any(k == "other" for k, _ in items):
            return None
        idxs = self._agencies(items)
        if not idxs:
            return None
        look = max(ls, open_at - 120)
        cut = list(_CUT_BEFORE.finditer(text, look, open_at))
        seg_start = cut[-1].end() if cut else look
        seg_before = text[seg_start:open_at]
        after = text[close_at + 1 : le]
        # apposition: "the Saudi Press Agency (SPA)", "news agency (IRNA)"
        fopen = self.F.fpos(open_at)
        if self.cues.noun_tail.search(self.F.folded[max(0, fopen - 40) : fopen]):
            return None
        prev = [j for j in range(max(0, i - 3), i) if 0 <= open_at - self.hits[j].end <= 2]
        if prev and self.resolve(prev[-1])[0] == self.resolve(idxs[0])[0]:
            return None
        if _DASH_AFTER.match(after):
            if not _short_dateline(seg_before):
                return None
            dash = _DASH_AFTER.match(after)
            end = close_at + 1 + (dash.end() if dash else 0)
            start = seg_start + (len(seg_before) - len(seg_before.lstrip()))
            if seg_before.strip():
                city = _DATE_TAIL.sub("", seg_before).strip(" ,") or None
                conf = 0.97 if self.lay.zone(hit.start) != "middle" else 0.85
                return self._cand(
                    i, "dateline", conf, "paren:dateline", start, end, idxs=idxs, city=city
                )
            return self._cand(i, "byline", 0.9, "paren:byline", start, end, idxs=idxs)
        # "NEW DELHI, Jan 4 (PTI) The government ...": a dateline opening the story without a
        # dash -- only at the start of the first body line (or above it), after a capitalised
        # place, with the story starting right after the group
        # "(Keystone-SDA) Der Bundesrat ...": the group alone opens the story, a byline
        body = _BODY_AFTER.match(after)
        if (
            body is not None
            and seg_start == ls + (len(text[ls:seg_start]) - len(text[ls:seg_start].lstrip()))
            and line_idx <= self.lay.body_line
            and (
                text[close_at + 1 + body.end()].isupper()
                or _caseless(text[close_at + 1 + body.end()])
                or _ARABIC_LETTER.match(text, close_at + 1 + body.end()) is not None
            )
        ):
            start = seg_start + (len(seg_before) - len(seg_before.lstrip()))
            end = close_at + 1 + (1 if after.startswith(".") else 0)
            if not seg_before.strip() and not hit.weak:
                return self._cand(i, "byline", 0.9, "paren:byline", start, end, idxs=idxs)
            # a capitalised place; in Arabic script (no capitals) a place and a date:
            # "الرياض 28 نوفمبر 2026 (واس) أعلنت ..."
            placed = _starts_upper(seg_before) or (
                _ARABIC_LETTER.match(seg_before.lstrip()) is not None
                and _DIGIT.search(seg_before) is not None
                and not self._opens_with_function_word(seg_before)
            )
            # a slash outside a date ("Kultur/Politik (AFP) Die ..."): read with a dash only,
            # unless it joins places ("Bonn/Augsburg (KNA) Die ...")
            slash = "/" in _DATE_SLASH.sub("", seg_before) and not _places(seg_before)
            if _short_dateline(seg_before) and placed and not slash:
                city = _DATE_TAIL.sub("", seg_before).strip(" ,-–—") or None
                return self._cand(
                    i, "dateline", 0.93, "paren:dateline", start, end, idxs=idxs, city=city
                )
        after_end = (
            not after.strip() or after.startswith("  ") or not _LETTERS.search(after.split("  ")[0])
        )
        if not after_end:
            return None
        # "... said the ministry (SANA)." mid-text: the group belongs to the sentence
        if after.lstrip().startswith(".") and self.lay.zone(hit.start) == "middle":
            return None
        if (
            not after.strip()
            and seg_before.strip()
            and self._last_before_body(line_idx)
            and len(seg_before.split()) <= 3
            and _place_like(seg_before.strip())
            and not _DIGIT.search(seg_before)
            and not ("/" in seg_before or seg_before.rstrip().endswith(","))  # a byline
        ):
            # "موسكو (د ب أ)" on a line of its own right above the story: its dateline
            start = seg_start + (len(seg_before) - len(seg_before.lstrip()))
            city = seg_before.strip(" ,-–—")
            return self._cand(
                i, "dateline", 0.93, "paren:dateline", start, close_at + 1, idxs=idxs, city=city
            )
        byline_form = "/" in seg_before or seg_before.rstrip().endswith(",")
        if (
            byline_form
            and not after.strip()
            and line_idx > self.lay.body_line
            and _short_dateline(seg_before)
            and len(seg_before.split()) <= 2
        ):
            # "ab/rs (AFP, Reuters)" after the story: editors' initials and the agencies
            start = seg_start + (len(seg_before) - len(seg_before.lstrip()))
            return self._cand(i, "footer", 0.9, "paren:footer", start, close_at + 1, idxs=idxs)
        if (
            seg_before.strip()
            and _short_dateline(seg_before)
            and (line_idx == self.lay.body_line or (byline_form and not after.strip()))
        ):
            start = seg_start + (len(seg_before) - len(seg_before.lstrip()))
            return self._cand(i, "byline", 0.9, "paren:byline", start, close_at + 1, idxs=idxs)
        where, conf = self._position_where(hit.start, line_idx, titled=bool(seg_before.strip()))
        return self._cand(i, where, conf, f"paren:{where}", open_at, close_at + 1, idxs=idxs)

    def _quoted(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        text = self.text
        if hit.start <= ls or hit.end >= len(text):
            return None
        if text[hit.start - 1] not in _OPEN_Q or text[hit.end] not in _CLOSE_Q:
            return None
        before = text[ls : hit.start - 1].rstrip()
        after = text[hit.end + 1 : le]
        if before and before[-1] not in '.!?؟:»"”' and not text[ls : hit.start - 1].endswith("  "):
            return None
        if after.strip() and not after.startswith("  "):
            return None
        where, conf = self._position_where(hit.start, line_idx, titled=False)
        if where != "footer":
            conf = min(conf, 0.6)
        return self._cand(i, where, conf * 0.95, f"quoted:{where}", hit.start - 1, hit.end + 1)

    def _label(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        lo = max(ls, hit.start - 120)
        if self.text.find(":", lo, hit.start) < 0 and self.text.find("：", lo, hit.start) < 0:
            return None  # no "Source:" label can stand before the agency
        fb = self._fbefore(hit, ls)
        m = self.cues.label_tail.search(fb)
        if m is None:
            return None
        fstart = hit.fstart - len(fb) + m.start()
        start = self.F.pos(fstart)
        colon = max(self.text.rfind(":", start, hit.start), self.text.rfind("：", start, hit.start))
        if colon < 0:
            return None
        end = min(le, hit.end + 160)
        for stop in ("  ", ". ", "\n"):
            p = self.text.find(stop, hit.end, le)
            if p >= 0:
                end = min(end, p)
        # "منبع: خبرگزاری فارس به نقل از رویترز": the list stops where a relay starts (the
        # relayed agency joins the credit as its via)
        items_end = end
        relay = self.cues.relay_head.match(self.F.folded[hit.fend : hit.fend + 120])
        if relay is not None:
            items_end = min(end, self.F.pos(hit.fend + relay.start("relay")))
        items = self._parse_list(colon + 1, items_end)
        idxs = self._agencies(items)
        if i not in idxs:
            return None
        idxs = idxs[idxs.index(i) :] if idxs[0] != i else idxs
        zone = self.lay.zone(hit.start)
        where: Where = "footer" if zone == "tail" else ("byline" if zone == "head" else "inline")
        conf = 0.95 if zone != "middle" else 0.85
        line_end = end
        while line_end > colon and self.text[line_end - 1] in " \t":
            line_end -= 1
        return self._cand(i, where, conf, f"label:{where}", start, line_end, idxs=idxs)

    def _slash(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        """Slashed datelines: ``NEW YORK, May 5 /PRNewswire/ --``, ``الدوحة في 14 يونيو /قنا/``,
        ``МОСКВА, 12 марта. /ТАСС/.`` (without a dash only on the first body line), and the
        slashed credit closing the story's last sentence: ``... в конце октября. /ТАСС/``."""
        text = self.text
        if text.find("/", hit.end, min(le, hit.end + 60)) < 0:
            return None
        mo = _SLASH_OPEN.search(text, max(ls, hit.start - 12), hit.start)
        mc = _SLASH_CLOSE.match(text, hit.end, le)
        if mo is None or mc is None:
            return None
        seg_before = text[ls : mo.start()]
        if (
            self.lay.zone(hit.start) == "tail"
            and seg_before.rstrip()[-1:] in ".!?؟"
            and not text[mc.end() : le].strip(" .")
        ):
            # "... в конце октября. /ИТАР-ТАСС/": the credit closes the story's last line
            return self._cand(i, "footer", 0.85, "slash:footer", mo.start(), mc.end())
        if not seg_before.strip() or not _short_dateline(seg_before):
            return None
        rest = text[mc.end() : le]
        dash = _DASH_AFTER.match(rest)
        if dash is not None:
            end = mc.end() + dash.end()
        elif line_idx <= self.lay.body_line and _BODY_AFTER.match(rest):
            end = mc.end() + (1 if rest.startswith(".") else 0)
        else:
            return None
        start = ls + (len(seg_before) - len(seg_before.lstrip()))
        return self._cand(
            i, "dateline", 0.95, "slash:dateline", start, end, city=_city_of(seg_before)
        )

    def _with(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        """Co-credit footers: ``(avec AFP)``, ``With files from The Canadian Press``,
        ``(With PTI inputs)``."""
        fb = self._fbefore(hit, ls)
        if len(fb) > 90 and "(" not in fb and "[" not in fb:
            return None  # the co-credit opens the line (or a bracket) close before the agency
        m = self.cues.with_tail.search(fb)
        # a closing phrase after the agencies: "Material from Reuters was used in this
        # report.", and then no cue is needed: "The Associated Press contributed to this report."
        # (only a short rest of the line can hold it: a co-credit line is short)
        closing = None
        if le - hit.end <= 120 and (m is not None or fb.strip(" -–—") in ("", "the")):
            closing = self.cues.with_end.search(self.text, hit.end, le)
            if closing is None and m is not None:  # "Compiled from AP and Reuters reports"
                closing = self.cues.with_end_cued.search(self.text, hit.end, le)
        # a notice of its own: a cue of several words opens the line ("Bu haber", "Dieser Text
        # wurde von"), the closing phrase follows the agencies and the sentence goes on
        notice = False
        if (
            closing is None
            and m is not None
            and " " in m.group("cue").strip()
            and not m.group("staff")
            and not self.text[ls : hit.start].lstrip()[:1].islower()
            and le - hit.end <= 250
        ):
            closing = self.cues.with_end_open.search(self.text, hit.end, le)
            notice = closing is not None
        if m is None:
            if closing is None:
                return None
            start = (
                ls + len(self.text[ls : hit.start]) - len(self.text[ls : hit.start].lstrip(" -–—"))
            )
            paren, staff, cue = False, None, ""
        else:
            start = self.F.pos(hit.fstart - len(fb) + m.start())
            paren = start > ls and self.text[start - 1] in "(["
            staff, cue = m.group("staff"), m.group("cue")
        # a closing line, or a byline line of its own above the story ("Le Monde avec AFP"
        # under the headline)
        own_line = self.lay.zone(hit.start) == "tail" or line_idx < self.lay.body_line
        # a byline bar may follow the agencies above the story: "Le Monde.fr avec AFP et
        # Reuters | 21.02.2011 à 09h47"
        bar = self.text.find(" | ", hit.end, le) if line_idx < self.lay.body_line else -1
        line_end = bar if bar >= 0 and closing is None and not paren else le
        whole_line = (
            paren
            and not self.text[ls : start - 1].strip()
            and (self.text[ls:le].rstrip().endswith(")"))
        )
        if staff and (
            (paren and not (whole_line and self.lay.zone(hit.start) == "tail"))
            or not own_line
            or line_end - ls > 80
            or not self.text[start : start + 1].isupper()  # staff is folded; check the text
            or cue in _NOT_AFTER_STAFF
        ):
            return None  # "La rédaction avec AFP" only as a short line of its own
        end = le
        if not paren and le - hit.end > 120 and not notice:
            return None  # a co-credit footer is a short line
        if paren:
            close = min(
                (
                    p
                    for p in (self.text.find(")", hit.end, le), self.text.find("]", hit.end, le))
                    if p >= 0
                ),
                default=-1,
            )
            if close < 0:
                return None
            end = close
        items_end = end
        cued = self.cues.with_end_cued.search(self.text, hit.end, end) if paren and cue else None
        if cued is not None:
            items_end = cued.start()  # "（综合新华社、中新社报道）": closing words in the brackets
        elif closing is not None and not paren:
            items_end = closing.start()
        elif line_end < le:
            items_end = line_end
        elif cue in self.cues.with_bare:
            # "(With PTI inputs)": the bare cue credits with its suffix word after, or as a
            # closing line of its own ("With AFP", "(With AFP and Reuters)")
            suffix = self.cues.with_suffix.search(self.text, hit.end, end)
            if suffix is not None:
                items_end = suffix.start()
            elif staff and not paren and line_idx < self.lay.body_line:
                pass  # "DAILY SABAH WITH AA", "By Euronews with AP, AFP": a byline line
            elif (
                self.lay.zone(hit.start) != "tail"
                or self.text[ls : start - 1 if paren else start].strip(" -–—")
                or self.text[end + 1 if paren else end : le].strip(" .")
            ):
                return None
        items = self._parse_list(hit.start, items_end)
        if not items or any(k == "other" for k, _ in items):
            return None
        idxs = self._agencies(items)
        if not idxs or idxs[0] != i:
            return None
        if not paren and self.text[end:le].strip(" .") != "":
            return None
        zone = self.lay.zone(hit.start)
        where: Where = "footer" if zone == "tail" else ("byline" if zone == "head" else "inline")
        conf = 0.9 if zone != "middle" else 0.8
        s0 = start - 1 if paren else start
        e0 = end + 1 if paren else end
        return self._cand(i, where, conf, f"with:{where}", s0, e0, idxs=idxs)

    def _named_byline(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        """Bylines naming the reporters before the agency, on a line of their own at the
        head of the story (or closing it): ``By JOHN SMITH Associated Press``, ``By Jane
        Doe and Tom Roe, Reuters``, ``Par Jean Dupont, AFP``, ``By JOHN SMITH, Associated
        Press Writer``; the agency's staff unnamed (``By PA Reporter``); a name and the
        agency above the story (``Marie-Ève Tremblay, La Presse Canadienne``); the reporter
        and the place closing it (``Ahmet Yılmaz / İstanbul, DHA``)."""
        if hit.weak or not hit.exact or le - ls > 100:
            return None
        where: Where = "byline" if line_idx <= self.lay.body_line else "footer"
        if where == "footer" and self.lay.zone(hit.start) != "tail":
            return None
        text = self.text
        named = self.cues.byline_named.fullmatch(text, ls, hit.start)
        if (
            named is None
            and self.cues.byline_bare.fullmatch(text, ls, hit.start)
            and self.cues.byline_job.fullmatch(text, hit.end, le)
        ):
            # "By PA Reporter": the agency's staff, unnamed
            return self._cand(i, where, 0.85, f"byline:staff:{where}", ls, le)
        if named is None and line_idx < self.lay.body_line:
            # "Marie-Ève Tremblay, La Presse Canadienne" on a line of its own above the story
            named = self.cues.byline_comma.fullmatch(text, ls, hit.start)
        if named is None and not text[hit.end : le].strip(" .") and where == "footer":
            # "Ahmet Yılmaz / İstanbul, DHA" closing the story: reporter, place, agency
            reporter = _REPORTER_LINE.fullmatch(text, ls, hit.start)
            words = _NAME_SPLIT.split(text[ls : hit.start].replace("/", " ").replace(",", " "))
            if reporter is not None and all(w[:1].isupper() for w in words if w):
                start = ls + len(text[ls:le]) - len(text[ls:le].lstrip())
                return self._cand(i, where, 0.85, "byline:reporter:footer", start, hit.end)
        if named is None and line_idx > 0 and self.cues.byline_of.fullmatch(text, ls, hit.start):
            # "By Jane Doe" on the line above, "Of DOW JONES NEWSWIRES" on this one
            above = text.rfind("\n", 0, ls - 1) + 1
            named = self.cues.byline_named.fullmatch(text, above, ls - 1)
        if named is None or self.cues.byline_suffix.fullmatch(text, hit.end, le) is None:
            return None
        names = _NAME_SPLIT.split(named.group("names"))
        if not all(w[:1].isupper() or w in _NAME_JOINERS for w in names if w):
            return None  # "By the way AFP": names are capitalised
        start = ls + len(text[ls:le]) - len(text[ls:le].lstrip())
        end = le - (len(text[ls:le]) - len(text[ls:le].rstrip()))
        return self._cand(i, where, 0.85, f"byline:named:{where}", start, end)

    def _copyright(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        """Copyright footers: ``Copyright 2021 The Associated Press. All rights reserved.``"""
        if self.lay.zone(hit.start) != "tail":
            return None
        fb = self._fbefore(hit, ls)
        m = self.cues.copyright_tail.search(fb)
        if m is None or not self.cues.rights_head.match(self._fafter(hit, le, 200)):
            return None
        start = self.F.pos(hit.fstart - len(fb) + m.start())
        end = le
        while end > hit.end and self.text[end - 1].isspace():
            end -= 1
        return self._cand(i, "footer", 0.85, "copyright:footer", start, end)

    def _line_credit(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        if hit.clitic or le - ls > 120:
            return None
        items = self._parse_list(ls, le)
        if not items or any(k == "other" for k, _ in items):
            return None
        idxs = self._agencies(items)
        if not idxs or idxs[0] != i:
            return None
        if len(idxs) >= 3 and self.text.count("|", ls, le) >= 2:
            return None  # "فارس | تسنیم | مهر | ایرنا": a menu of agencies' pages
        if hit.weak and len(idxs) == 1 and self._word_alone(hit):
            return None
        if (
            hit.weak
            and len(idxs) > 1
            and _DASH_AFTER.match(self.text[hit.end : le])
            and sum(h.key == hit.key for h in self.hits) > 1
        ):
            # "قنا - أ ش أ" above a story about "محافظ قنا": the place (Qena) and its
            # agency's dateline, not QNA and MENA
            return None
        zone = self.lay.zone(hit.start)
        if zone != "tail" and self.text[ls:le].lstrip().startswith(("©", "(c)", "(C)")):
            return None  # "© dpa" above or inside the story: a photo's credit
        if zone == "tail":
            where: Where = "footer"
            conf = 0.9
        elif line_idx < self.lay.body_line:
            # above the headline/body: a byline, or the agency's own masthead; ranks below a
            # lead framing ("به گزارش ایسنا") that credits the story itself
            where, conf = "byline", 0.7
        elif zone == "head" or line_idx == self.lay.body_line:
            where, conf = "byline", 0.85
        else:
            if hit.weak:
                return None
            where, conf = "inline", 0.6
        s, e = ls, le
        while s < e and self.text[s].isspace():
            s += 1
        while e > s and self.text[e - 1].isspace():
            e -= 1
        return self._cand(i, where, conf, f"line:{where}", s, e, idxs=idxs)

    def _prefix(self, i: int, hit: Hit, line_idx: int, ls: int, le: int) -> Candidate | None:
        text = self.text
        before = text[ls : hit.start]
        after = text[hit.end : le]
        zone = self.lay.zone(hit.start)
        head = zone == "head" or line_idx <= self.lay.body_line
        start = ls + (len(before) - len(before.lstrip()))
        if hit.clitic:
            return None
        if not before.strip() or _DESK_BEFORE.match(before):
            m = (
                _PREFIX_CITY.match(after)
                or _PREFIX_SEMI.match(after)
                or _PREFIX_CITY_EOL.match(after)
                or _PREFIX_PAREN_EOL.match(after)
            )
            if m is None:
                m = _PREFIX_COMMA.match(after)
                if m is not None and not self.cues.desk_head.match(m.group(1)):
                    m = None
            if m is None and line_idx == self.lay.body_line:
                m = _PREFIX_CITY_DASH.match(after)
                if m is not None and not _place_like(m.group(1)):
                    m = None
            if (
                m is not None
                and m.re is _PREFIX_CITY
                and hit.weak
                and self.reg.place_owner(hit, m.group(1).strip(" -–—ـ")) is None
            ):
                m = None  # "قنا - محمود عبد الرحيم:": Qena and its reporter, not QNA
            if (
                m is not None
                and m.re is _PREFIX_CITY_EOL
                and hit.weak
                and sum(h.key == hit.key for h in self.hits) > 1
            ):
                # "قنا - محمود الصاوي" on a line of its own (no colon), and "محافظ قنا" in
                # the story: the text uses the homograph as a word (Qena), not QNA's name
                return None
            if m and len(m.group(1).split()) <= 8:
                end = hit.end + len(after[: m.end()].rstrip(" -–—ـ"))
                place = m.group(1).strip(" -–—ـ")
                conf = 0.95 if head else 0.85
                if (
                    m.re is _PREFIX_SEMI
                    or m.re is _PREFIX_COMMA
                    or self.cues.desk_head.match(place)
                    or _DATE_FIRST.match(place)
                ):
                    # a desk or a reporter ("خبرگزاری فارس- گروه سلامت:"), or a date
                    # ("KYODO NEWS - Aug 18, 2024 - 11:05"): a byline
                    return self._cand(i, "byline", conf, "prefix:desk", start, end)
                return self._cand(i, "dateline", conf, "prefix:city", start, end, city=place)
            m = _PREFIX_AT.match(after)
            if m and not before.strip() and not hit.weak and hit.exact:
                return self._cand(
                    i,
                    "byline",
                    0.85 if head else 0.75,
                    "prefix:at",
                    start,
                    hit.end + m.end(),
                    city=m.group(1),
                )
            # a homograph in capitals, or in a script without capitals opening the story
            # ("وطنية - أعلنت ..."): as strict a slot as an all-caps one
            written = text[hit.start : hit.end]
            opens = line_idx == self.lay.body_line
            caps = hit.exact and (written.isupper() or (opens and _no_case(written)))
            if before.strip() or not hit.exact or (hit.weak and not caps):
                return None
            m = _PREFIX_DASH.match(after)
            if m and hit.weak and not caps:
                return None
            if m:
                return self._cand(
                    i,
                    "byline",
                    0.9 if head else 0.6,
                    "prefix:dash",
                    start,
                    hit.end + len(after[: m.end()].rstrip()),
                )
            if not head:
                return None
            m = _PREFIX_SLASH.match(after)
            if m:
                return self._cand(i, "byline", 0.85, "prefix:slash", start, hit.end + m.end())
            m = _PREFIX_SLASH_STORY.match(after)
            if m and opens and le - hit.end >= _STORY_CHARS:
                return self._cand(i, "byline", 0.85, "prefix:slash", start, hit.end + m.end())
            if _PREFIX_GAP.match(after):
                return self._cand(i, "byline", 0.8, "prefix:gap", start, hit.end)
            if _PREFIX_COLON.match(after):
                return self._cand(i, "byline", 0.75, "prefix:colon", start, hit.end + 1)
            if (
                opens
                and not hit.weak
                and _PREFIX_STOP.match(after)
                and le - hit.end >= _STORY_CHARS
                and self.text[hit.end + 2 : hit.end + 3].isupper()
            ):
                return self._cand(i, "byline", 0.75, "prefix:stop", start, hit.end + 1)
            # "Reuters | Updated: Nov 28, 2026 14:35 IST", "PTI | New Delhi | Nov 28": a byline
            # bar of its own above the story, the agency first
            m = _PREFIX_BAR.match(after)
            if m and line_idx <= self.lay.body_line and not _SENT_PUNCT.search(after):
                return self._cand(i, "byline", 0.8, "prefix:bar", start, hit.end)
            return None
        if zone == "tail" and not after.strip(" .") and _TRAIL_DASH.search(before):
            dash_at = before.rstrip().rstrip("-–—ـ").rstrip()
            return self._cand(i, "footer", 0.85, "trail:footer", ls + len(dash_at), hit.end)
        # "القاهرة - أ ش أ:" (city, dash, agency, colon)
        m = _CITY_BEFORE.match(before)
        colon = _CITY_AFTER.match(after)
        if m and colon and len(m.group(1).split()) <= 3:
            end = hit.end + len(after[: colon.end()].rstrip())
            return self._cand(i, "dateline", 0.95, "city", start, end, city=m.group(1).strip())
        o = _CITY_OUTLET_BEFORE.match(before) if m is None else None
        if (
            o is not None
            and line_idx <= self.lay.body_line
            and not after.strip(" .:")
            and len(o.group(1).split()) <= 3
        ):
            city = o.group(1).strip()
            return self._cand(i, "dateline", 0.93, "city:outlet", start, hit.end, city=city)
        if m and len(m.group(1).split()) <= 3:
            # a co-credit list: "واشنطن - أ ف ب، رويترز:"
            stop = text.find(":", hit.end, le)
            stop = stop if stop >= 0 else le
            if stop - hit.end <= 40:
                items = self._parse_list(hit.start, stop)
                idxs = self._agencies(items)
                if len(idxs) > 1 and idxs[0] == i and not any(k == "other" for k, _ in items):
                    end = stop + 1 if stop < le else stop
                    city = m.group(1).strip()
                    return self._cand(i, "dateline", 0.93, "city", start, end, idxs=idxs, city=city)
        # "دمشق-سانا أصدر ...": the story right after the agency on the body line, the
        # dash tight between place and agency ("INDIANAPOLIS - ATA Airlines announced ..."
        # opens the story with a name)
        # (only a short prefix closing with a dash is tried: a long line of letters before
        # every hit would cost a scan per hit)
        m = _CITY_TIGHT.match(before) if len(before) <= 60 and before[-1:] in "-–—ـ" else None
        if (
            m is not None
            and line_idx == self.lay.body_line
            and _place_like(m.group(1))
            and _STORY_AFTER.match(after)
            and le - hit.end >= _STORY_CHARS
        ):
            return self._cand(
                i, "dateline", 0.9, "city:tight", start, hit.end, city=m.group(1).strip()
            )
        # longer prefixes only at the top: "МОСКВА, 5 мар — РИА Новости.", "أنقرة/ الأناضول"
        m = _DL_BEFORE.match(before) if len(before) <= 90 else None
        term = None
        if m is not None and m.group("sep") == ",":
            # Azertac's and Armenpress's "CITY, DATE, AGENCY. The story...": a date, a period;
            # IRNA's "Tehran, IRNA - The story...": a capitalised place alone, a dash
            if _CITY_DATE.fullmatch(m.group("seg")):
                term = _DL_AFTER_COMMA.match(after)
            elif (
                _CITY_ALONE.fullmatch(m.group("seg"))
                and not hit.weak
                and not self._opens_with_function_word(m.group("seg"))
                # "LANCASTER, PA —": the state after the city, not PA Media
                and text[hit.start : hit.end] not in self.cues.dateline_regions
            ):
                term = _DL_AFTER_DASH.match(after)
        elif m is not None:
            term = _DL_AFTER.match(after)
        if (
            m
            and term
            and line_idx <= self.lay.body_line
            and _dateline_segment(m.group("seg"), m.group("sep"))
        ):
            end = hit.end + len(after[: term.end()].rstrip())
            return self._cand(
                i, "dateline", 0.93, "city:dateline", start, end, city=_city_of(m.group("seg"))
            )
        # wire header: "روما 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس"
        dash = _DASH_AFTER.match(after)
        if dash is not None and dash.group().strip() == ":" and line_idx < self.lay.body_line:
            dash = None  # a headline above the story: "75 Jahre dpa: Agentur feiert Jubiläum"
        if (
            line_idx <= self.lay.body_line
            and (not after.strip() or dash is not None)
            and (not hit.weak or dash is not None)
            and _DIGIT.search(before)
            and len(before.split()) <= 14
            and not _SENT_PUNCT.search(before)
        ):
            city = _DIGIT.split(before, 1)[0].strip() or None
            end = hit.end + (dash.end() if dash is not None else 0)
            return self._cand(i, "dateline", 0.93, "header", start, end, city=city)
        return None

    def _compound(self, hit: Hit, le: int) -> bool:
        """The agency's name is part of another name or of its figures' ("the Reuters
        Institute", "a Reuters tally": ``agency_compound`` in the cue data)."""
        return self.cues.compound_head.match(self._fafter(hit, le)) is not None

    def _lead(self, i: int, hit: Hit, le: int) -> Candidate | None:
        if self._compound(hit, le):
            return None
        s0, s1 = self.lay.first_sentence
        if not (s0 <= hit.start < s1):
            return self._credit_sentence(i, hit, le)
        fs0 = self.F.fpos(s0)
        window = self.F.folded[max(fs0, hit.fstart - 110) : hit.fstart]
        fa = self._fafter(hit, le)
        strong = hit.exact and not hit.weak
        m = self.cues.lead_tail.search(window)
        if m is not None and (strong or self._weak_ok(m.group("between"), window)):
            start = self.F.pos(hit.fstart - len(window) + m.start())
            return self._cand(i, "lead", 0.8, "lead:cue", start, hit.end)
        m = self.cues.interview_tail.search(window)
        # only an interview with the agency's own reporter ("در گفت‌وگو با خبرنگار ایسنا") or
        # with a home agency ("در گفت‌وگو با فارس"); "در گفت‌وگو با رویترز" is a mention
        if (
            m is not None
            and (self.cues.desk_head.match(m.group("between")) or self._home_agency(i))
            and (strong or self._weak_ok(m.group("between"), window))
        ):
            start = self.F.pos(hit.fstart - len(window) + m.start())
            return self._cand(i, "lead", 0.65, "lead:interview", start, hit.end)
        m = self.cues.interview_head.match(fa)
        cut = 0
        if m is None and (p := _PAREN_INSIDE.match(fa)) is not None:
            # the agency's abbreviation inside the phrase: "Anadolu Ajansı'nın (AA)
            # sorularını yanıtladı"
            cut = p.end("paren") - p.start("paren")
            m = self.cues.interview_head.match(fa[: p.start("paren")] + fa[p.end("paren") :])
        if m is not None:
            return self._cand(
                i, "lead", 0.65, "lead:interview", hit.start, self.F.pos(hit.fend + m.end() + cut)
            )
        if hit.clitic:
            return None
        m = self.cues.lead_head.match(fa)
        # a homograph only with the agency noun or a reporter word after it ("AA muhabirine")
        # or a suffix ("AA'nın haberine göre"), never before a bare verb ("Nova reported")
        weak_ok = bool(m and (m.group("noun") or fa[:1] == "'" or self.cues.desk_head.match(fa)))
        # "Bloomberg reported last week that ...": an earlier report recalled, a mention
        past = m is not None and self.cues.past_head.match(fa, m.end()) is not None
        if m is not None and (strong or weak_ok) and not past:
            return self._cand(
                i, "lead", 0.75, "lead:subject", hit.start, self.F.pos(hit.fend + m.end())
            )
        # ", state news agency SPA said.": the agency noun before it, a reporting verb after
        m = self.cues.noun_before.search(window)
        if m is not None and self.cues.noun_any.search(m.group("run")):
            said = self.cues.said_head.match(fa)
            if said is not None and self.cues.past_head.match(fa, said.end()) is not None:
                said = None  # ", news agency SPA reported last week": a mention
            if said is not None and (strong or not self.cues.homograph_tail.search(window)):
                start = self.F.pos(hit.fstart - len(window) + m.start("run"))
                end = self.F.pos(hit.fend + said.end())
                return self._cand(i, "lead", 0.75, "lead:subject", start, end)
        near_start = len(self.text[s0 : hit.start].split()) <= 3 or self._opens_sentence(hit)
        # "Reuters'ın Interfax'a dayandırdığı habere göre": X's report based on Y
        g = _GENITIVE.match(fa)
        if g is not None and near_start and i + 1 < len(self.hits):
            nxt = self.hits[i + 1]
            gap = self.F.folded[hit.fend + g.end() : nxt.fstart]
            # a qualifier may stand between: "Sputnik'in Rus TASS ajansına dayandırdığı ..."
            if nxt.fstart >= hit.fend + g.end() and (
                not gap or self.cues.noun_run.fullmatch(gap) is not None
            ):
                r = self.cues.relay_framing.match(self._fafter(nxt, le))
                if r is not None:
                    end = self.F.pos(nxt.fend + r.end())
                    return self._cand(
                        i, "lead", 0.75, "lead:relay", hit.start, end, idxs=[i, i + 1]
                    )
        # the subject of a verb-final first sentence, the reporting verb closing it:
        # "북한 조선중앙통신은 6일 ... 시험발사했다고 보도했다."
        if strong and self._opens_sentence(hit):
            said = self.cues.subject_report.match(self.F.folded, hit.fend)
            if said is not None:
                return self._cand(i, "lead", 0.72, "lead:subject", hit.start, hit.end)
        # the agency, named as an agency, is the subject of the first sentence: "Reuters
        # haber ajansı ... görüntüledi", "İngiliz haber ajansı Reuters, ... bildirdi." (a
        # verb-final language: the verb closes the sentence, far away), "Iran's Fars news
        # agency, citing IRNA, reported ..." (elsewhere a reporting verb must follow: "Die
        # Deutsche Presse-Agentur (dpa) hat ihren Umsatz gesteigert" is about the agency)
        if strong and near_start:
            named = (
                self.cues.noun_tail.search(hit.key)
                or self.cues.subject_head.match(fa)
                or self.cues.noun_tail.search(window)
            )
            # (in the genitive the agency owns the subject: "Anadolu Ajansı'nın (AA)
            # geleneksel ... oylaması başladı" is about the agency)
            if named and (
                (self.lang in self.cues.verb_final and g is None)
                or self.cues.report_verb.search(fa[: sentence_end(fa, 0, len(fa))])
            ):
                return self._cand(i, "lead", 0.72, "lead:subject", hit.start, hit.end)
        return None

    def _credit_sentence(self, i: int, hit: Hit, le: int) -> Candidate | None:
        """A later sentence of the lead that only names the source of what the lead said:
        "... льготные кредиты. Об этом сообщает корреспондент ТАСС." (``credit_sentence``
        in the cue data: it opens the sentence, which ends at the agency or goes on with a
        relay, "... со ссылкой на ...")."""
        a, b = self.lay.lead_zone
        if hit.weak or not hit.exact or hit.clitic:
            return None
        if not (a <= hit.start < b):
            # ... or the story's last sentence: "... Акции снизились на 1,2%.\nОб этом
            # сообщает Reuters." (the agency closes the text)
            if self.lay.zone(hit.start) != "tail" or self.text[hit.end :].strip(' .»"”\n'):
                return None
            cue_at = self._sentence_cue(hit, self.cues.credit_sentence_tail)
            if cue_at is None:
                return None
            return self._cand(i, "footer", 0.75, "tail:sentence", self.F.pos(cue_at), hit.end)
        fa = self._fafter(hit, le)
        opens = not self._sentence_prefix(hit).strip()
        if opens and self.cues.credit_sentence_end.match(fa):
            # the agency opens the sentence, the verb closes it: "AFP通信が報じた。"
            return self._cand(i, "lead", 0.75, "lead:sentence", hit.start, hit.end)
        if opens and self.cues.desk_head.match(_PAREN_HEAD.sub("", fa, count=1)):
            # what the agency's own reporter learned opens a sentence of the lead: "Anadolu
            # Ajansı (AA) muhabirinin edindiği bilgiye göre, ..."
            m = self.cues.lead_head.match(fa)
            if m is not None:
                end = self.F.pos(hit.fend + m.end())
                return self._cand(i, "lead", 0.75, "lead:reporter", hit.start, end)
        cue_at = self._sentence_cue(hit, self.cues.credit_sentence_tail)
        if cue_at is None:
            if (self._closing_report(hit) and self._named_agency(hit, fa)) or (
                self._inverted_report(hit)
            ):
                # "..., wie die staatliche Nachrichtenagentur Xinhua meldete.": a later
                # sentence of the lead closes with the agency, named as one, and its verb
                # (or with the verb before it: "..., a rapporté l'agence Chine nouvelle.")
                return self._cand(i, "lead", 0.6, "lead:closing", hit.start, hit.end)
            return None
        if (
            _SENTENCE_ENDS.match(fa) is None
            and _relay_soon(self.cues.relay_head, fa) is None
            and self.cues.credit_sentence_end.match(fa) is None
        ):
            return None  # the sentence goes on: the agency is part of what it says
        nxt = i + 1
        if (
            nxt < len(self.hits)
            and self.hits[nxt].start < le
            and _SENT_PUNCT.search(self.text, hit.end, self.hits[nxt].start) is None
            and self._inverted_report(self.hits[nxt])
        ):
            # "Про це пише Reuters з посиланням на джерела, передає УНІАН.": the agency
            # closing the sentence with its verb is the one the story comes from, relaying
            # the first
            end = self.hits[nxt].end
            return self._cand(
                nxt, "lead", 0.75, "lead:sentence", self.F.pos(cue_at), end, idxs=[nxt, i]
            )
        return self._cand(i, "lead", 0.75, "lead:sentence", self.F.pos(cue_at), hit.end)

    def _opens_sentence(self, hit: Hit, opened_at: int | None = None) -> bool:
        """The hit opens its sentence but for a few qualifying words ("북한 조선중앙통신은",
        "Çin devlet ajansı Xinhua'nın ..."; ``opened_at``: see :meth:`_sentence_floor`)."""
        prefix = self._sentence_prefix(hit, opened_at).strip()
        run = self.cues.noun_before_run.search(prefix)
        if run is not None:
            prefix = prefix[: run.start()].strip()
        return len(prefix) <= _OPENING_CHARS and not any(c in prefix for c in ",،、")

    def _sentence_cue(
        self, hit: Hit, tail: re.Pattern[str], opened_at: int | None = None
    ) -> int | None:
        """Where (folded) the cue of ``tail`` before ``hit`` starts, when it opens a
        sentence of the hit's line (or the text after ``opened_at``, the end of a dateline
        on that line: "新华社伦敦5日电 据路透社报道，..."); else None."""
        fls = self.F.fpos(self._sentence_floor(hit, opened_at))
        window = self.F.folded[max(fls, hit.fstart - 110) : hit.fstart]
        m = tail.search(window)
        if m is None:
            return None
        cue_at = hit.fstart - len(window) + m.start("cue")
        prefix = self.F.folded[fls:cue_at].rstrip()
        if prefix and prefix[-1] not in ".!?؟:。":
            return None  # not at the start of a sentence
        return cue_at

    def _sentence_floor(self, hit: Hit, opened_at: int | None) -> int:
        """Where the text of the hit's line that may hold its sentence starts: the line's
        start, or ``opened_at`` when that is on the line before the hit."""
        _, ls, _ = self._line(hit.start)
        if opened_at is not None and ls <= opened_at <= hit.start:
            return opened_at
        return ls

    def _sentence_prefix(self, hit: Hit, opened_at: int | None = None) -> str:
        """The (folded) text of the hit's sentence before it: from the last sentence end,
        the "=" closing a Korean dateline ("(서울=연합뉴스) 기자 = ..."), or the floor of
        :meth:`_sentence_floor`."""
        fls = self.F.fpos(self._sentence_floor(hit, opened_at))
        before = self.F.folded[fls : hit.fstart]
        cut = max((m.end() for m in _SENTENCE_OPENS.finditer(before)), default=0)
        return before[cut:]

    def _word_alone(self, hit: Hit) -> bool:
        """A homograph that, alone on a line, is a word or a link of the text's language
        (``word_alone`` in the cue data: "RSS", a feed link, or "Mehr", "more")."""
        alone = self.cues.word_alone
        key = hit.key
        return key in alone.get("any", ()) or key in alone.get(self.lang or "", ())

    def _home_agency(self, i: int) -> bool:
        """True if hit ``i`` names an agency of the countries whose press uses the interview
        framing for its own interviews (``interview_home`` in the cue data)."""
        agency = self.reg.get(self.resolve(i)[0])
        return agency is not None and agency.country in self.cues.interview_home

    def _weak_ok(self, between: str, window: str) -> bool:
        """A homograph alias right after a cue, after an agency noun and its adjectives only
        ("ذكرت وكالة الأنباء الروسية تاس"), or after a reporter/desk phrase only ("به گزارش
        خبرنگار اقتصادی فارس"), unless a place word precedes it ("خلیج فارس")."""
        between = between.strip().rstrip(_NAME_OPENS).rstrip()  # a name may stand in quotes
        if not between:
            return True
        if self.cues.noun_run.fullmatch(between) and self.cues.noun_any.search(between):
            return not self.cues.homograph_tail.search(window)
        return bool(self.cues.desk_head.match(between)) and not self.cues.homograph_tail.search(
            window
        )

    # ------------------------------------------------------------ credit chains
    def relays_after(self, i: int) -> list[int]:
        """Hits relayed right after hit ``i``: "X citing Y", "X به نقل از Y", "X نقلا عن Y"."""
        chain = self.relay_chain(i)
        return [j for j in chain if j != i]

    def relay_chain(self, i: int) -> list[int]:
        """Hit ``i`` and the hits relayed right after it, in credit order: the agency whose
        copy it is first, then the ones it relays.  "X citing Y" keeps the order (X, Y); a
        passive relay, "X, cited by Y", reverses it (Y, X)."""
        chain = [i]
        at = 0  # where the current hit stands in the chain
        cur = i
        for _ in range(3):
            h = self.hits[cur]
            found = _relay_soon(self.cues.relay_head, self.F.folded[h.fend : h.fend + 160])
            if found is None:
                break
            skip, m = found
            lo, hi = h.fend + skip + m.start("between"), h.fend + skip + m.end()
            # the first hit from the relay on (hits are sorted), if the relay reaches it
            hits = self.hits
            nxt = next((j for j in range(cur + 1, len(hits)) if hits[j].fstart >= lo), None)
            if nxt is None or hits[nxt].fstart > hi:
                break
            if self.cues.relay_passive.fullmatch(m.group("relay")):
                chain.insert(at, nxt)  # the relaying agency comes before the relayed one
            else:
                at += 1
                chain.insert(at, nxt)
                # agencies joined to the relayed one: "به نقل از رویترز و آسوشیتدپرس"
                while nxt + 1 < len(hits) and _JOINED.fullmatch(
                    self.F.folded[hits[nxt].fend : hits[nxt + 1].fstart]
                ):
                    nxt += 1
                    at += 1
                    chain.insert(at, nxt)
            cur = nxt
        return chain

    def chain_agencies(self, i: int, agency: str) -> list[str]:
        """The agencies of :meth:`relay_chain`, each once, in credit order; ``agency`` is
        hit ``i``'s (as its rule resolved it, a place may have decided)."""
        out: list[str] = []
        for j in self.relay_chain(i):
            a = agency if j == i else self.resolve(j)[0]
            if a not in out:
                out.append(a)
        return out

    def lead_relays(self, opened_at: int | None = None) -> list[int]:
        """Agencies framed by a sentence-initial cue in the lead zone ("وبحسب وكالة X"; a
        sentence may open where the credit ends, ``opened_at``), or by a postposed one:
        "新華社によると" opening a sentence, "... 로이터통신이 5일 보도했다." closing one."""
        a, b = self.lay.lead_zone
        out: list[int] = []
        for i, h in enumerate(self.hits):
            if not (a <= h.start < b) or h.clitic:
                continue
            le = self._line(h.start)[2]
            if self._compound(h, le):
                continue
            if (h.weak or not h.exact) and not self._named_agency(h, self._fafter(h, le)):
                # a homograph, or an abbreviation in another case ("l'agence Ansa"), is
                # relayed only when named as an agency
                continue
            if (
                self._sentence_cue(h, self.cues.according_tail, opened_at) is None
                and self._sentence_cue(h, self.cues.credit_sentence_tail, opened_at) is None
                and not self._postposed_relay(h, opened_at)
                and not self._closing_report(h)
                and not self._inverted_report(
                    h, (self.cues.inverted_tail, self.cues.according_closing)
                )
                and not self._reported_after_dateline(h, opened_at)
            ):
                continue
            out.append(i)
            out.extend(self.relays_after(i))
        return out

    def _reported_after_dateline(self, hit: Hit, opened_at: int | None) -> bool:
        """A reporting verb opens the story right after its dateline, the agency after it:
        "موسكو (رويترز) - نقلت وكالة الإعلام الروسية عن ...", "بكين /قنا/ ذكرت وكالة أنباء
        الصين الجديدة أن ...": the credited story relays that agency."""
        if opened_at is None:
            return False
        at = self._sentence_cue(hit, self.cues.lead_tail, opened_at)
        if at is None:
            return False
        between = self.F.folded[self.F.fpos(opened_at) : at]
        return not between.strip(" -–—:/\n")

    def _named_agency(self, hit: Hit, fa: str) -> bool:
        """The hit is named as an agency: an agency noun right before it ("die staatliche
        Nachrichtenagentur Xinhua"), right after it ("MAP news agency") or in its name
        ("Korean Central News Agency")."""
        m = self.cues.lead_head.match(fa)
        if (m is not None and m.group("noun")) or self.cues.noun_tail.search(hit.key):
            return True
        prefix = self._sentence_prefix(hit).rstrip().rstrip(_NAME_OPENS)  # 'وكالة "تاس"'
        run = self.cues.noun_before_run.search(prefix.rstrip())
        return run is not None and self.cues.noun_any.search(run.group()) is not None

    def _closing_report(self, hit: Hit) -> bool:
        """The agency and its reporting verb close a sentence: "..., the state-run Anadolu
        Agency reported.", "..., Interfax news agency reported." (what the sentence says comes
        from that agency: a relay of the credited story)."""
        _, _, le = self._line(hit.start)
        fa = self._fafter(hit, le)
        m = self.cues.lead_head.match(fa)
        if m is None and self._named_agency(hit, fa):
            # "..., the North's official Korean Central News Agency (KCNA) said."
            fa = _PAREN_HEAD.sub("", fa, count=1)
            m = self.cues.said_head.match(fa)
        if m is None or self.cues.past_head.match(fa, m.end()) is not None:
            return False
        # or the verb goes on with the report's own source: "..., Kyodo News reported,
        # citing government sources."
        return _CLOSES.match(fa, m.end()) is not None or self.cues.relay_head.match(fa) is not None

    def _inverted_report(self, hit: Hit, tails: tuple[re.Pattern[str], ...] = ()) -> bool:
        """A reporting verb after a comma, the agency its subject after it: "..., meldete die
        Nachrichtenagentur Interfax am Dienstag unter Berufung auf ...", "..., a rapporté
        mercredi l'agence officielle Chine nouvelle." (what the sentence says comes from
        that agency: a relay).  The agency is named as one, or the sentence closes after it
        ("..., said Xinhua.").  ``tails`` replace the verbs' pattern: with
        ``cues.according_closing``, "..., according to the official news agency WAFA." (a
        relay of a story whose dateline or footer credits another agency; not "according
        to Reuters calculations")."""
        fls = self.F.fpos(self._sentence_floor(hit, None))
        window = self.F.folded[max(fls, hit.fstart - 110) : hit.fstart]
        if not any(t.search(window) for t in tails or (self.cues.inverted_tail,)):
            return False
        _, _, le = self._line(hit.start)
        fa = self._fafter(hit, le)
        return self._named_agency(hit, fa) or _SENTENCE_ENDS.match(fa) is not None

    def _postposed_relay(self, hit: Hit, opened_at: int | None) -> bool:
        """A postposed "according to" after the agency that opens its sentence (but for a
        few qualifying words), or the reporting verb closing a sentence after it."""
        _, _, le = self._line(hit.start)
        fa = self._fafter(hit, le)
        if self.cues.credit_sentence_end.match(fa):
            return True
        framed = self.cues.according_after.match(fa) or self.cues.framing_after.match(fa)
        return framed is not None and self._opens_sentence(hit, opened_at)
