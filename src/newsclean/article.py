"""The article record and the result types every stage returns.

Every stage of newsclean is a small pure function that returns one of these frozen
dataclasses, and every one of them carries its own explanation: the chosen encoding with
its evidence, each removed line with its reason, the matched agency with the line it came
from.  :class:`Article` is the record that flows through :func:`newsclean.clean`; each
stage returns a new Article (:func:`evolve`, a faster ``dataclasses.replace``) and
appends a :class:`StepReport`.

>>> from newsclean.article import Article
>>> Article(id="a1", raw_kind="text", text="Hello").body
''
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from operator import attrgetter
from typing import Any, Literal, TypeVar

_T = TypeVar("_T")


def pickled_by_fields(cls: type[_T]) -> type[_T]:
    """Pickle the instances of a frozen slots dataclass as a call of the class with their
    field values.  The records of a batch cross from the cleaning workers to the main
    process: unpickling runs ``__init__`` once per record instead of the ``__setstate__``
    that ``dataclass(slots=True)`` adds (which reads the class's fields again for every
    object), and pickling fetches the values in one C call.

    >>> import pickle
    >>> pickle.loads(pickle.dumps(RemovedLine(3, "Share", "lexicon", "en:share")))
    RemovedLine(line_no=3, text='Share', reason='lexicon', rule='en:share')
    """
    getter = attrgetter(*(f.name for f in fields(cls)))  # type: ignore[arg-type]

    def __reduce__(self: _T) -> tuple[type[_T], tuple[Any, ...]]:
        kind = type(self)
        if kind is cls:
            return cls, getter(self)
        # a subclass: its own fields, in its own __init__ order
        return kind, tuple(getattr(self, f.name) for f in fields(kind))  # type: ignore[arg-type]

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]
    return cls


_EVOLVE: dict[type, tuple[dict[str, int], attrgetter[Any], Callable[..., Any]] | None] = {}
_BUILDERS: dict[type, Callable[..., Any]] = {}


def copied_by_slots(cls: type[_T]) -> type[_T]:
    """Let :func:`evolve` build the copies of a slots dataclass without calling its
    ``__init__``: a frozen dataclass's ``__init__`` sets every field through
    ``object.__setattr__`` (about 0.1 us each: 2 us for an :class:`Article`, copied five
    times per record in a de-duplication run).  The copy is made as an instance of a plain
    class with the same slots, its fields set directly, then given ``cls`` as its class:
    the same object ``cls(*values)`` gives, for a class whose ``__init__`` only stores its
    arguments (the one ``dataclass`` writes; no ``__post_init__``, every field in
    ``__init__``).  A class this does not fit is left as it is (:func:`evolve` then calls
    ``cls(*values)``).

    >>> a = evolve(Article(id="a1"), text="Hello")
    >>> type(a).__name__, a.text, a == Article(id="a1", text="Hello")
    ('Article', 'Hello', True)
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    plain = all(f.init and not f.kw_only for f in fields(cls))  # type: ignore[arg-type]
    slots = cls.__dict__.get("__slots__")
    if (
        not names
        or not plain
        or hasattr(cls, "__post_init__")
        or cls.__bases__ != (object,)
        or slots != names
    ):
        return cls
    twin = type(f"{cls.__name__}Draft", (), {"__slots__": names, "__module__": cls.__module__})
    args = ", ".join(f"v{i}" for i in range(len(names)))
    sets = "".join(f"    o.{name} = v{i}\n" for i, name in enumerate(names))
    source = f"def build({args}):\n    o = new(twin)\n{sets}    o.__class__ = cls\n    return o\n"
    space: dict[str, Any] = {"new": object.__new__, "twin": twin, "cls": cls}
    exec(source, space)  # one statement per field, like the __init__ dataclass writes
    build = space["build"]
    try:
        build(*([None] * len(names)))  # the layouts agree: the class can be assigned
    except TypeError:
        return cls
    _BUILDERS[cls] = build
    _EVOLVE.pop(cls, None)
    return cls


RawKind = Literal["html", "text", "empty", "binary"]
Where = Literal["dateline", "byline", "footer", "lead", "title", "inline"]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class EncodingGuess:
    """The decoder's decision about a byte string.

    ``codec`` is a Python codec name (``"utf-8"``, ``"cp1256"``, ...).  ``method`` names the
    evidence that decided it (``"bom"``, ``"utf-8"``, ``"statistical"``, ``"declared"``,
    ``"ascii"``, ``"empty"``...).  ``evidence`` is a tuple of short human-readable
    sentences explaining the decision, in the order they were considered.  ``replaced`` is
    the number of undecodable bytes that had to be replaced with U+FFFD (0 when the bytes
    decode cleanly); when it is not zero the evidence says so.  ``lang`` is the language
    whose character statistics fitted the decoded text best, when the decision was
    statistical (a hint, not a language identifier).

    >>> EncodingGuess("utf-8", 1.0, "utf-8", ("valid UTF-8",)).codec
    'utf-8'
    """

    codec: str
    confidence: float
    method: str
    evidence: tuple[str, ...] = ()
    declared: str | None = None
    replaced: int = 0
    lang: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line that a cleaning step dropped, and why.

    ``reason`` is a short machine-friendly category (``"lexicon"``, ``"zone"``,
    ``"site-template"``, ``"density"``, ``"source-line"``, ``"punctuation"``,
    ``"pull-quote"``...), ``rule``
    names the exact evidence (the lexicon entry, the zone, the number of pages the line
    repeats on), and ``line_no`` is the 0-based index of the line in the input text.

    >>> RemovedLine(3, "اترك تعليقاً", "lexicon", "ar:comment_form").reason
    'lexicon'
    """

    line_no: int
    text: str
    reason: str
    rule: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ChromeResult:
    """Output of chrome stripping: the kept text and every removed line with its reason.

    ``title`` is the headline when one was identified, ``lang`` the language the decision
    used, and ``note`` says why the text is empty when it is (empty input, only chrome...).
    ``published`` is the publication date the page gives (ISO 8601): in an HTML page's
    markup, or on its date line near the headline (a text dump's, or an HTML page's
    without a date in its markup); ``dated_by`` says where (``"date line 10:
    'الثلاثاء 05 مايو 2020 - 11:42 ص'"``).  ``published_ago`` is the
    time in seconds a relative stamp gives instead ("منذ 3 ساعات": 10800.0), a date only
    against the time the page was fetched.

    >>> ChromeResult(text="body", removed=()).text
    'body'
    """

    text: str
    removed: tuple[RemovedLine, ...] = ()
    lang: str | None = None
    title: str | None = None
    note: str = ""
    published: str | None = None
    dated_by: str = ""
    published_ago: float | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Attribution:
    """The wire agency a story is credited to.

    ``agency`` is the canonical registry id, ``via`` the ids of further agencies in the
    credit chain, in order (``"X citing Y"`` gives ``agency="x", via=("y",)``), ``line`` the
    exact credit text, ``where`` the kind of place it was found, and ``span`` its character
    offsets in the text that was searched, ``city`` the dateline city when there is one,
    ``confidence`` how sure the convention that matched is (0-1), and ``rule`` names that
    convention (``"paren:dateline"``, ``"label:footer"``, ``"lead:cue"``...).

    >>> Attribution("reuters", "Reuters", (), "WASHINGTON (Reuters) -", "dateline", (0, 22)).agency
    'reuters'
    """

    agency: str
    name: str
    via: tuple[str, ...]
    line: str
    where: Where
    span: tuple[int, int]
    city: str | None = None
    confidence: float = 1.0
    rule: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class StepReport:
    """What one pipeline stage did to the article: its name, whether it changed the text,
    and short notes (and counters) explaining it.

    >>> StepReport("decode", changed=True, notes=("utf-8: valid UTF-8",)).name
    'decode'
    """

    name: str
    changed: bool
    notes: tuple[str, ...] = ()
    stats: dict[str, float] = field(default_factory=dict)


@copied_by_slots
@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One scraped article as it flows through the pipeline.

    ``text`` is the decoded (and mojibake-repaired) text of the page or dump, ``body`` the
    clean article text, ``title`` its headline when one was found, ``normalized`` the
    language-aware normalized body used for fingerprinting, and ``fingerprint`` a 64-bit
    hash of ``normalized`` (exact-duplicate key).  ``date`` is the publication date: the
    caller's, else the one the page gives (an HTML page's markup, ``article:published_time``
    ...; the page's date line; a relative stamp, "منذ 3 ساعات", counted back from the
    time of the fetch when the caller gives it), else the day in the agency dateline.
    ``steps`` lists what each stage did.

    >>> from newsclean import clean
    >>> clean("Hello world.").body
    'Hello world.'
    """

    id: str | None = None
    raw_kind: RawKind = "text"
    url: str | None = None
    date: str | None = None
    text: str = ""
    html: str | None = None
    title: str | None = None
    body: str = ""
    lang: str | None = None
    encoding: EncodingGuess | None = None
    removed: tuple[RemovedLine, ...] = ()
    attribution: Attribution | None = None
    normalized: str = ""
    fingerprint: int | None = None
    steps: tuple[StepReport, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def agency(self) -> str | None:
        """The canonical id of the credited agency, or None."""
        return self.attribution.agency if self.attribution else None

    def explain(self) -> dict[str, Any]:
        """Everything the pipeline decided, as plain JSON-ready data."""
        from dataclasses import asdict

        out = asdict(self)
        out.pop("html", None)
        return out


# -- copies with some fields changed --------------------------------------------------------


def _evolve_spec(
    cls: type,
) -> tuple[dict[str, int], attrgetter[Any], Callable[..., Any]] | None:
    """Field positions, a getter of every field value and the builder of a copy from them
    (:func:`copied_by_slots`, else the class), or None when the class cannot be rebuilt
    positionally from its fields (a field outside ``__init__``, or none at all)."""
    names = [f.name for f in fields(cls)]
    plain = all(f.init and not f.kw_only for f in fields(cls))
    if len(names) < 2 or not plain or hasattr(cls, "__post_init__"):
        return None
    return {n: i for i, n in enumerate(names)}, attrgetter(*names), _BUILDERS.get(cls, cls)


def evolve(obj: _T, /, **changes: Any) -> _T:
    """``dataclasses.replace(obj, **changes)``, several times faster: each stage of the
    pipeline copies an :class:`Article` with a few fields changed, for every article.
    The field values are fetched in one C call and the class is rebuilt positionally
    (same ``__init__``, or the same object built from the slots: :func:`copied_by_slots`);
    a class this cannot rebuild goes through :func:`dataclasses.replace`.

    >>> a = Article(id="a1", text="Hello")
    >>> b = evolve(a, text="Bye", lang="en")
    >>> (b.id, b.text, b.lang, a.text)
    ('a1', 'Bye', 'en', 'Hello')
    >>> evolve(a, colour="red")
    Traceback (most recent call last):
    ...
    TypeError: Article has no field 'colour'
    """
    cls = type(obj)
    try:
        spec = _EVOLVE[cls]
    except KeyError:
        spec = _EVOLVE[cls] = _evolve_spec(cls)
    if spec is None:
        return replace(obj, **changes)  # type: ignore[type-var]
    index, getter, build = spec
    values = list(getter(obj))
    for name, value in changes.items():
        at = index.get(name)
        if at is None:
            raise TypeError(f"{cls.__name__} has no field {name!r}")
        values[at] = value
    return build(*values)  # type: ignore[no-any-return]
