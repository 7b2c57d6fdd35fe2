"""The news-agency registry: canonical ids, per-language aliases, and one compiled matcher.

The registry ships as package data (``newsclean/data/agencies.toml``).  Load it, or your own
file, with :meth:`Registry.load`; extend it at run time with :meth:`Registry.add_agency` and
:meth:`Registry.add_alias`.  :meth:`Registry.find` scans a text once with a single compiled
pattern (a character trie over every folded alias, so the cost does not grow with the number
of aliases per position) and returns every alias occurrence as a :class:`Hit`.

>>> reg = Registry.load()
>>> len(reg) >= 120
True
>>> [h.ids for h in reg.find("القاهرة - أ.ش.أ: ...")]
[('mena',)]
>>> reg.add_agency("newsco", "NewsCo Wire", aliases={"en": ["NewsCo"]}, country="NZ").id
'newsco'
>>> [h.ids for h in reg.find("(NewsCo)")]
[('newsco',)]
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import NewscleanError
from ..lang import UNSPACED_SCRIPTS, script_class
from .fold import Folded, fold, fold_phrase
from .prefilter import CLITICS, AliasStarts

if TYPE_CHECKING:
    from .fuzzy import FuzzyIndex

__all__ = ["Agency", "Hit", "Registry", "RegistryError", "alias_key"]

AGENCY_TYPES = ("global_wire", "national", "regional_wire", "press_release_wire", "specialist")


class RegistryError(NewscleanError, ValueError):
    """A registry file or a registry change is invalid (the message names the reason)."""


@dataclass(frozen=True, slots=True)
class Agency:
    """One news agency: canonical ``id``, display ``name``, aliases per language.

    ``weak`` holds aliases that are also ordinary words or places (``بنا``, ``معا``,
    ``İHA``, ``فارس``): they are credited only in strict credit slots.  ``places`` are
    dateline places that pick this agency among several sharing an abbreviation
    (``Dakar (APS)`` is Senegal's APS, ``Alger (APS)`` Algeria's).

    >>> Agency("afp", "Agence France-Presse", "FR", "global_wire", {"en": ("AFP",)}).all_aliases()
    ('AFP',)
    """

    id: str
    name: str
    country: str = ""
    type: str = "national"
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    weak: frozenset[str] = frozenset()
    places: tuple[str, ...] = ()

    def all_aliases(self) -> tuple[str, ...]:
        """Every alias once, in registry order (the display name is always included)."""
        seen: dict[str, None] = {}
        for names in self.aliases.values():
            for n in names:
                seen.setdefault(n, None)
        return tuple(seen) if seen else (self.name,)


@dataclass(frozen=True, slots=True)
class Hit:
    """One alias occurrence: original offsets, folded offsets, candidate agency ids.

    ``ids`` has several entries when the alias is shared (``APA``, ``CNA``, ``APS``);
    ``weak`` is true when the alias is a homograph for every candidate; ``exact`` is false
    when a case-sensitive abbreviation was written in another case (``ap`` for ``AP``).
    """

    start: int
    end: int
    fstart: int
    fend: int
    key: str
    ids: tuple[str, ...]
    weak: bool
    exact: bool
    clitic: bool = False


_ABBR_SPLIT = re.compile(r"[\s.]+")
_SEP_RUN = re.compile(r"[\s\-\u2010\u2011]+")
_LETTER = re.compile(r"[^\W\d_]")
_SHORT_CAPS = re.compile(r"^[A-ZÇĞİÖŞÜČŠŽÉ]{1,4}$")


def alias_key(alias: str) -> str:
    """The folded lookup key of an alias or of a matched surface.

    Runs of spaces and hyphens become one space; abbreviations spelled with single letters
    (``أ.ف.ب``, ``أ. ف. ب``, ``أ ف ب``) become the letters separated by spaces.

    >>> alias_key("أ.ف.ب") == alias_key("ا ف ب") == alias_key("أ. ف. ب")
    True
    >>> alias_key("Agence France-Presse")
    'agence france presse'
    """
    f = fold_phrase(alias).rstrip(".").strip()
    parts = [p for p in _ABBR_SPLIT.split(f) if p]
    if len(parts) >= 2 and all(len(p) == 1 and _LETTER.match(p) for p in parts):
        return " ".join(parts)
    return _SEP_RUN.sub(" ", f).strip()


def _is_abbreviation_key(key: str) -> bool:
    parts = key.split(" ")
    return len(parts) >= 2 and all(len(p) == 1 for p in parts)


@dataclass(slots=True)
class _Entry:
    ids: list[str] = field(default_factory=list)
    langs: dict[str, set[str]] = field(default_factory=dict)
    surfaces: set[str] = field(default_factory=set)
    case_sensitive: bool = False
    weak_for: set[str] = field(default_factory=set)

    @property
    def weak(self) -> bool:
        """A homograph for every agency it names."""
        return len(self.weak_for) == len(self.ids)


# the fields of an agency in a registry file, and the keys of its aliases table (languages)
_AGENCY_FIELDS = frozenset({"id", "name", "country", "type", "aliases", "weak", "places"})
_LANG_KEY = re.compile(r"[a-z]{2,3}(?:-[A-Za-z]{2,4})?")

# ---------------------------------------------------------------- trie -> one regex
_SEP = "\x00"  # between words of a multi-word alias
_ASEP = "\x01"  # between letters of a single-letter abbreviation
# An alias starts after a non-word character, possibly followed by one Arabic proclitic
# letter (و ف ب ل: "لوكالة", "ورويترز"; Hit.clitic records it).  Starting the pattern with a
# character class (rather than \b) lets the regex engine skip word characters in C; the
# scanned string gets a leading newline so an alias can start the text.
#
# The re module tries every top-level alternative of a failing attempt, so the trie is
# split by the script of the alias's first letter: an Arabic-script pattern, a Cyrillic one
# and one for every other script.  A text is scanned only with the pattern(s) of the
# scripts it contains, which halves the scan time of single-script texts.
_LEFT_ARABIC = rf"\W[{CLITICS}]?"
_LEFT_OTHER = r"\W"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_PROBE = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")
# Scripts whose words are not separated by spaces (Han, kana) or take attached particles
# (Hangul: "연합뉴스는"): an alias there is found as a plain substring, not a whole word
UNSPACED_CHAR = re.compile(script_class(*UNSPACED_SCRIPTS, "hangul"))


def unspaced(key: str) -> bool:
    """Whether an alias key is written in a script without spaces between words, wholly or
    in part: a Latin abbreviation with the word for agency ("AFP通信", "AP통신") is followed
    by the sentence's next word, or a particle, with no space either.

    >>> unspaced("新华社"), unspaced("연합뉴스"), unspaced("뉴스1"), unspaced("AFP通信")
    (True, True, True, True)
    >>> unspaced("xinhua")
    False
    """
    return UNSPACED_CHAR.search(key) is not None


def _group1_start(m: re.Match[str]) -> int:
    return m.start(1)


# (first-letter test, left context) per script group; the last group takes the rest
_GROUPS: tuple[tuple[re.Pattern[str] | None, str], ...] = (
    (_ARABIC, _LEFT_ARABIC),
    (_CYRILLIC, _LEFT_OTHER),
    (None, _LEFT_OTHER),
)


def _group_of(key: str) -> int:
    for n, (test, _) in enumerate(_GROUPS):
        if test is None or test.match(key):
            return n
    return len(_GROUPS) - 1


_NEVER = re.compile(r"(?!x)x")
_RENDER = {_SEP: r"[ \t\-\u2010\u2011]+", _ASEP: r"(?:\.[ \t]?|[ \t]{1,2})"}


def _atoms(key: str) -> str:
    if _is_abbreviation_key(key):
        return _ASEP.join(key.split(" "))
    return _SEP.join(key.split(" "))


def _start_class(keys: list[str]) -> re.Pattern[str]:
    """A character class of the letters that can start one of ``keys``."""
    if not keys:
        return _NEVER
    return re.compile("[" + "".join(sorted({re.escape(k[0]) for k in keys})) + "]")


def _trie_regex(keys: Iterable[str]) -> str:
    trie: dict[str, Any] = {}
    for key in keys:
        node = trie
        for ch in _atoms(key):
            node = node.setdefault(ch, {})
        node[""] = True
    return _render(trie)


def _render(node: dict[str, Any]) -> str:
    optional = "" in node
    branches: list[str] = []
    singles: list[str] = []
    for ch in sorted(k for k in node if k):
        child = node[ch]
        atom = _RENDER.get(ch, re.escape(ch))
        if list(child) == [""] and ch not in _RENDER:
            singles.append(atom)
        else:
            branches.append(atom + _render(child))
    if singles:
        branches.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and not optional else "(?:" + "|".join(branches) + ")"
    return body + "?" if optional else body


# ---------------------------------------------------------------- registry
# "APA-Dakar (Sénégal) - Le ...": the agency joined to the place of a dateline that opens
# a line (a compound otherwise: "APA-Anfrage")
_AGENCY_PLACE = re.compile(
    r"[-\u2010\u2011][A-Z][^\W\d_]+(?:[ '][A-Z][^\W\d_]+){0,2}"
    r"(?:\s*\([^()\n]{1,30}\))?\s+[-\u2013\u2014]\s"
)


def _agency_place(src: str, start: int, end: int) -> bool:
    """Whether the alias at ``src[start:end]`` opens a line and is joined to a dateline's
    place ("APA-Dakar (Sénégal) - ")."""
    line_start = src.rfind("\n", 0, start) + 1  # the line only: no copy of the text before
    if src[line_start:start].strip(" \t"):
        return False
    return _AGENCY_PLACE.match(src, end) is not None


class Registry:
    """A set of agencies with their aliases, compiled lazily into one matcher.

    >>> reg = Registry()
    >>> _ = reg.add_agency("wire", "The Wire", aliases=["WIRE", "The Wire Agency"])
    >>> reg.add_alias("wire", "Wire Service", lang="en")
    >>> sorted(reg.get("wire").all_aliases())
    ['The Wire Agency', 'WIRE', 'Wire Service']
    """

    def __init__(self, agencies: Iterable[Agency] = ()) -> None:
        self._agencies: dict[str, Agency] = {}
        self._patterns: tuple[re.Pattern[str], ...] | None = None
        self._fuzzy: FuzzyIndex | None = None
        # classes of the letters that can start an alias of each group (cheap to search)
        self._starts: tuple[re.Pattern[str], ...] = ()
        # where an alias can start (None: some alias does not start with a letter or digit)
        self._index: AliasStarts | None = None
        self._entries: dict[str, _Entry] = {}
        self._keys: dict[str, str] = {}  # matched folded surface -> key (memo)
        # aliases written in a script without spaces between words, longest first
        self._unspaced: tuple[str, ...] = ()
        for agency in agencies:
            self._put(agency, replace=False)

    # ------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: str | Path | None = None) -> Registry:
        """Load a registry file (TOML or JSON); ``None`` loads the packaged registry.

        The TOML layout is the packaged ``agencies.toml`` (``[[agency]]`` tables).  JSON may
        use ``{"agencies": [...]}`` or ``{"agency": [...]}`` with the same fields.
        """
        if path is None:
            raw = resources.files("newsclean.data").joinpath("agencies.toml").read_bytes()
            return cls.from_data(tomllib.loads(raw.decode("utf-8")), origin="agencies.toml")
        p = Path(path)
        try:
            raw_text = p.read_text(encoding="utf-8")
        except OSError as exc:
            raise RegistryError(f"cannot read registry file {p}: {exc}") from exc
        try:
            data = json.loads(raw_text) if p.suffix.lower() == ".json" else tomllib.loads(raw_text)
        except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
            raise RegistryError(f"registry file {p} is not valid {p.suffix[1:]}: {exc}") from exc
        return cls.from_data(data, origin=str(p))

    @classmethod
    def from_data(cls, data: Any, *, origin: str = "<data>") -> Registry:
        """Build a registry from already-parsed data (a mapping with an agency list)."""
        if not isinstance(data, Mapping):
            raise RegistryError(f"{origin}: expected a table/object at the top level")
        rows = data.get("agency", data.get("agencies"))
        if not isinstance(rows, list):
            raise RegistryError(f"{origin}: no 'agency' (TOML) or 'agencies' (JSON) list")
        reg = cls()
        for i, row in enumerate(rows):
            if not isinstance(row, Mapping) or "id" not in row:
                raise RegistryError(f"{origin}: agency #{i} has no 'id'")
            unknown = sorted(set(row) - _AGENCY_FIELDS)
            if unknown:
                raise RegistryError(
                    f"{origin}: agency {row['id']!r} has unknown fields {unknown} "
                    f"(known: {sorted(_AGENCY_FIELDS)})"
                )
            reg.add_agency(
                str(row["id"]),
                str(row.get("name", row["id"])),
                country=str(row.get("country", "")),
                type=str(row.get("type", "national")),
                aliases=row.get("aliases", {}),
                weak=row.get("weak", ()),
                places=row.get("places", ()),
            )
        return reg

    # ------------------------------------------------------------ editing
    def add_agency(
        self,
        id: str,
        name: str,
        *,
        aliases: Mapping[str, Sequence[str]] | Sequence[str] | None = None,
        country: str = "",
        type: str = "national",
        weak: Iterable[str] = (),
        places: Iterable[str] = (),
        replace: bool = False,
    ) -> Agency:
        """Add an agency (``aliases`` per language, or a plain list for any language).

        Raises :class:`RegistryError` if ``id`` exists (unless ``replace``) or is empty.
        """
        if not id or not isinstance(id, str):
            raise RegistryError("agency id must be a non-empty string")
        if type not in AGENCY_TYPES:
            raise RegistryError(f"agency {id!r}: unknown type {type!r} (one of {AGENCY_TYPES})")
        if aliases is None:
            per_lang: dict[str, tuple[str, ...]] = {"und": (name,)}
        elif isinstance(aliases, Mapping):
            per_lang = {}
            for lang, names in aliases.items():
                if not _LANG_KEY.fullmatch(str(lang)):
                    # "weak = [...]" written under [agency.aliases] lands here in TOML
                    raise RegistryError(
                        f"agency {id!r}: aliases key {lang!r} is not a language code (ISO "
                        f"639-1, or 'und'); a field of the agency goes above [agency.aliases]"
                    )
                if isinstance(names, str) or not all(isinstance(n, str) for n in names):
                    raise RegistryError(f"agency {id!r}: aliases[{lang!r}] must be a list")
                per_lang[str(lang)] = tuple(n for n in names if n.strip())
        else:
            if isinstance(aliases, str):
                raise RegistryError(f"agency {id!r}: aliases must be a list, not a string")
            per_lang = {"und": tuple(n for n in aliases if n.strip())}
        if isinstance(places, str):
            raise RegistryError(f"agency {id!r}: places must be a list, not a string")
        agency = Agency(id, name, country, type, per_lang, frozenset(weak), tuple(places))
        self._put(agency, replace=replace)
        return agency

    def add_alias(
        self, agency_id: str, alias: str, *, lang: str = "und", weak: bool = False
    ) -> None:
        """Add one alias to an existing agency (``weak`` for a homograph)."""
        agency = self._agencies.get(agency_id)
        if agency is None:
            raise RegistryError(f"unknown agency id {agency_id!r}")
        if not alias.strip():
            raise RegistryError("alias must not be empty")
        names = dict(agency.aliases)
        names[lang] = (*names.get(lang, ()), alias)
        new_weak = agency.weak | {alias} if weak else agency.weak
        self._put(
            Agency(
                agency.id, agency.name, agency.country, agency.type, names, new_weak, agency.places
            ),
            replace=True,
        )

    def _put(self, agency: Agency, *, replace: bool) -> None:
        if agency.id in self._agencies and not replace:
            raise RegistryError(f"duplicate agency id {agency.id!r}")
        self._agencies[agency.id] = agency
        self._patterns = None
        self._fuzzy = None

    # ------------------------------------------------------------ queries
    def __len__(self) -> int:
        return len(self._agencies)

    def __iter__(self) -> Iterator[Agency]:
        return iter(self._agencies.values())

    def __contains__(self, agency_id: object) -> bool:
        return agency_id in self._agencies

    def get(self, agency_id: str) -> Agency | None:
        """The agency with this id, or None."""
        return self._agencies.get(agency_id)

    def lookup(self, alias: str) -> tuple[str, ...]:
        """Ids of the agencies that use ``alias`` (any spelling variant), registry order.

        >>> Registry.load().lookup("ا.ف.ب")
        ('afp',)
        """
        self._compile()
        entry = self._entries.get(alias_key(alias))
        return tuple(entry.ids) if entry else ()

    def fuzzy(self) -> FuzzyIndex:
        """The typo-tolerant index of one-word aliases (built on first use)."""
        if self._fuzzy is None:
            from .fuzzy import FuzzyIndex

            self._fuzzy = FuzzyIndex(self)
        return self._fuzzy

    def place_owner(self, hit: Hit, place: str) -> str | None:
        """The first of the hit's agencies whose dateline ``places`` hold ``place``, or None.

        >>> reg = Registry.load()
        >>> reg.place_owner(reg.find("(APS)")[0], "Dakar")
        'aps_sn'
        """
        key = alias_key(place)
        for agency_id in hit.ids:
            agency = self._agencies.get(agency_id)
            if agency is not None and key in {alias_key(p) for p in agency.places}:
                return agency_id
        return None

    def resolve(self, hit: Hit, lang: str | None, place: str | None = None) -> tuple[str, bool]:
        """Pick one agency for a hit: ``(id, ambiguous)``.

        Shared aliases go to the agency whose ``places`` hold the dateline ``place``, then to
        the agency that lists the alias for ``lang``, otherwise to the first such agency in
        registry order (so put the most common owner first).
        """
        if len(hit.ids) == 1:
            return hit.ids[0], False
        owner = self.place_owner(hit, place) if place else None
        if owner is not None:
            return owner, False
        entry = self._entries.get(hit.key)
        if entry is not None and lang:
            for agency_id in hit.ids:
                if lang in entry.langs.get(agency_id, ()):
                    return agency_id, True
        return hit.ids[0], True

    # ------------------------------------------------------------ matching
    def _compile(self) -> tuple[re.Pattern[str], ...]:
        """One pattern per script group (see ``_GROUPS``), compiled once per registry state."""
        if self._patterns is not None:
            return self._patterns
        entries: dict[str, _Entry] = {}
        for agency in self._agencies.values():
            weak_keys = {alias_key(w) for w in agency.weak}
            for lang, names in agency.aliases.items():
                for name in names:
                    key = alias_key(name)
                    if not key:
                        continue
                    e = entries.setdefault(key, _Entry())
                    if agency.id not in e.ids:
                        e.ids.append(agency.id)
                    e.langs.setdefault(agency.id, set()).add(lang)
                    e.surfaces.add(_SEP_RUN.sub(" ", name).strip())
                    if _SHORT_CAPS.match(name.replace(".", "").replace(" ", "")) and (
                        not _is_abbreviation_key(key) or name.isascii()
                    ):
                        e.case_sensitive = True
                    if key in weak_keys:
                        e.weak_for.add(agency.id)
        self._entries = entries
        self._unspaced = tuple(sorted((k for k in entries if unspaced(k)), key=len, reverse=True))
        groups: list[list[str]] = [[] for _ in _GROUPS]
        for k in entries:
            groups[_group_of(k)].append(k)
        self._starts = tuple(_start_class(keys) for keys in groups)
        self._index = AliasStarts.build(
            groups, clitic_groups={n for n, (_, left) in enumerate(_GROUPS) if left == _LEFT_ARABIC}
        )
        # the lookahead (a letter that starts some alias) turns down most positions with one
        # class test instead of one test per top-level branch of the trie
        self._patterns = tuple(
            re.compile(
                f"{left}(?={starts.pattern})(" + (_trie_regex(keys) or "(?!x)x") + r")(?![\w])"
            )
            for keys, starts, (_, left) in zip(groups, self._starts, _GROUPS, strict=True)
        )
        return self._patterns

    @property
    def prefilter(self) -> AliasStarts | None:
        """Where an alias can start (:class:`~newsclean.source.prefilter.AliasStarts`), or
        None if some alias does not start with a letter or digit (then every position is
        tried)."""
        self._compile()
        return self._index

    def find(self, text: str | Folded, *, encoded: bytes | None = None) -> list[Hit]:
        """Every alias occurrence in ``text`` (leftmost-longest, non-overlapping).

        ``encoded`` is the pre-filter's encoding of the folded text if already known
        (:meth:`AliasStarts.encode_unfolded` of the original text).
        """
        self._compile()
        folded = text if isinstance(text, Folded) else fold(text)
        scan = "\n" + folded.folded
        index = self._index
        matches = self._scan(scan) if index is None else self._matches(scan, index, encoded)
        hits: list[Hit] = []
        if matches:
            hits = self._hits(folded, matches)
        if self.may_occur_unspaced(folded.folded):
            hits = self._unspaced_hits(folded, hits)
        return hits

    def may_occur_unspaced(self, text: str) -> bool:
        """Whether an alias of a script written without spaces (Chinese, Japanese; Korean
        particles attach to the word: ``연합뉴스는``) may occur in ``text``, which the
        word-level pre-filter cannot tell (``新华社北京11月28日电`` is one "word")."""
        self._compile()
        return bool(self._unspaced) and UNSPACED_CHAR.search(text) is not None

    def _unspaced_hits(self, folded: Folded, hits: list[Hit]) -> list[Hit]:
        """``hits`` plus every occurrence of an alias of an unspaced script that no hit
        covers, found as a plain substring (longest alias first), in text order."""
        text = folded.folded
        # the characters a hit covers, marked (linear however many hits the text holds)
        covered = bytearray(len(text))
        for h in hits:
            covered[h.fstart : h.fend] = b"\x01" * (h.fend - h.fstart)
        added: list[Hit] = []
        for key in self._unspaced:
            at = text.find(key)
            while at >= 0:
                end = at + len(key)
                if covered.find(1, at, end) < 0:
                    covered[at:end] = b"\x01" * (end - at)
                    entry = self._entries[key]
                    start, stop = folded.span(at, end)
                    added.append(Hit(start, stop, at, end, key, tuple(entry.ids), entry.weak, True))
                at = text.find(key, end)
        if not added:
            return hits
        return sorted(hits + added, key=lambda h: h.start)

    def _hits(self, folded: Folded, matches: list[re.Match[str]]) -> list[Hit]:
        """The hits of the trie ``matches`` (in the scanned text: a newline, then the
        folded text)."""
        src = folded.text
        hits: list[Hit] = []
        # (hit, joined to the word after, joined to the word before) of hyphenated compounds
        joined: list[tuple[Hit, bool, bool]] = []
        last_end = -1
        for m in matches:
            fs, fe = m.start(1) - 1, m.end(1) - 1
            if fs < last_end:  # only possible with user aliases mixing scripts
                continue
            start, end = folded.span(fs, fe)
            # a hyphenated compound ("APA-Anfrage", "ANKA-S", "x-AFP") is not a credit, unless
            # it joins two agencies ("Kaynak: DHA-İHA"); Arabic script has no such compounds,
            # there a hyphen is a dateline ("دمشق-سانا")
            after = bool(
                end + 1 < len(src)
                and src[end] in "-\u2010\u2011"
                and src[end + 1].isalnum()
                and not _agency_place(src, start, end)
            )
            before = start > 1 and src[start - 1] in "-\u2010\u2011" and src[start - 2].isalnum()
            compound = (after or before) and not _ARABIC.match(src[start])
            matched = m.group(1)
            key = self._keys.get(matched)
            if key is None:
                key = alias_key(matched)
                if len(self._keys) < 50_000:
                    self._keys[matched] = key
            entry = self._entries.get(key)
            if entry is None:
                continue
            surface = _SEP_RUN.sub(" ", src[start:end]).strip()
            exact = not entry.case_sensitive or surface in entry.surfaces
            clitic = m.start() + 1 != m.start(1)
            last_end = fe
            hit = Hit(start, end, fs, fe, key, tuple(entry.ids), entry.weak, exact, clitic)
            if compound:
                joined.append((hit, after, before))
            hits.append(hit)
        if joined:
            # keep a compound's hit only when each joined side is another hit
            starts = {h.start for h in hits}
            ends = {h.end for h in hits}
            drop = {
                id(h)
                for h, after, before in joined
                if (after and h.end + 1 not in starts) or (before and h.start - 1 not in ends)
            }
            hits = [h for h in hits if id(h) not in drop]
        return hits

    def _active(self, scan: str) -> tuple[bool, bool, bool]:
        """Which script groups' patterns search ``scan``: ``(arabic, cyrillic, other)``.

        One probe finds the first Arabic or Cyrillic letter (none in ASCII text); an Arabic
        text is not searched for Cyrillic-initial aliases (they are written in Arabic there).
        """
        other = self._starts[2].search(scan) is not None
        probe = None if scan.isascii() else _PROBE.search(scan)
        if probe is None:
            return False, False, other
        if _ARABIC.match(probe.group()):
            return True, False, other
        return _ARABIC.search(scan, probe.end()) is not None, True, other

    def _scan(self, scan: str) -> list[re.Match[str]]:
        """The trie matches in ``scan``, each active pattern run over the whole text."""
        arabic, cyrillic, other = self._active(scan)
        arabic_p, cyrillic_p, other_p = self._compile()
        active = [
            p for p, on in ((other_p, other), (cyrillic_p, cyrillic), (arabic_p, arabic)) if on
        ]
        if not active:
            return []
        if len(active) == 1:
            return list(active[0].finditer(scan))
        return sorted(chain.from_iterable([p.finditer(scan) for p in active]), key=_group1_start)

    def _matches(
        self, scan: str, index: AliasStarts, encoded: bytes | None = None
    ) -> list[re.Match[str]]:
        """:meth:`_scan`, the patterns tried only where :class:`AliasStarts` says an alias
        can start (the same matches: every match starts at such a position, and a pattern
        tried at each of them from left to right, resuming after each match, is what
        ``finditer`` does)."""
        starts = index.positions(scan, encoded)
        if starts is None:
            return []
        patterns = self._compile()
        per_group: list[list[re.Match[str]]] = []
        for n, positions in enumerate(starts):
            if not positions:
                continue
            # the other groups' candidates imply their letters are present; Cyrillic
            # aliases are only searched in a text whose first Arabic/Cyrillic letter is
            # Cyrillic
            if n == 1 and not self._active(scan)[1]:
                continue
            match = patterns[n].match
            found: list[re.Match[str]] = []
            last_end = -1
            for p in positions:
                if p >= last_end and (m := match(scan, p)) is not None:
                    found.append(m)
                    last_end = m.end()
            if found:
                per_group.append(found)
        if len(per_group) <= 1:
            return per_group[0] if per_group else []
        return sorted(chain.from_iterable(per_group), key=_group1_start)

    def pattern_size(self) -> int:
        """Length of the compiled pattern source (for diagnostics and benchmarks)."""
        return sum(len(p.pattern) for p in self._compile())
