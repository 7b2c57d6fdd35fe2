"""The line cues (newsclean.dedup.features.line_cues): which lines may hold an ordinal or
a story-stage word, read from the token hashes so that the verification reads a text's
words only when a check can find something in them."""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.dedup.engine import sketch_docs
from newsclean.dedup.features import CUE_ORDINAL, CUE_STAGE, Doc, line_cues, prepare
from newsclean.dedup.ordinals import _looked_up, ordinal_words
from newsclean.dedup.params import DedupParams
from newsclean.dedup.shingles import tokenize
from newsclean.dedup.stages import _lookup, stage_words
from newsclean.dedup.verify import verify

# words of every kind a cue is about, with the prefixes the lookups read through, and
# words of none
_WORDS = sorted(
    {
        *list(stage_words())[:40],
        *(p + w for w in list(stage_words())[:40] for p in ("و", "وال", "لل")),
        *list(ordinal_words())[:40],
        *("و" + w for w in list(ordinal_words())[:20]),
        "15th",
        "ال15",
        "2024",
        "the",
        "minister",
        "الوزير",
        "قال",
        "convoy",
        "القافلة",
        "charge",
        "arrest",
    }
)


def _reference(line: list[str]) -> int:
    """The cue bits of one line by the definitions: a digit or an ordinal word; a word
    that names a stage (itself or behind a prefix)."""
    bits = 0
    if any(any(ch.isdigit() for ch in w) or _looked_up(w, ordinal_words()) for w in line):
        bits |= CUE_ORDINAL
    if any(_lookup(w, stage_words()) is not None for w in line):
        bits |= CUE_STAGE
    return bits


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), max_size=6), min_size=1, max_size=8))
def test_line_cues_are_the_bits_the_definitions_give(lines: list[list[str]]) -> None:
    ts = tokenize(["\n".join(" ".join(line) for line in lines)])[0]
    assert line_cues(ts).tolist() == [_reference(line) for line in lines]


def test_prepared_features_carry_their_cues() -> None:
    text = "Man charged after attack\nA quiet morning in the city centre today.\n5 people"
    feats = prepare([("d", text)])[0]
    assert feats.cues is not None
    assert feats.cues.tolist() == [CUE_STAGE, 0, CUE_ORDINAL]


_STORY = (
    "{head}\n"
    "{lead} outside a bar in the city centre on Saturday night, police said on Sunday.\n"
    "Officers were called to the scene shortly before midnight and found a man with "
    "serious injuries who was taken to hospital, where he remains in a stable condition.\n"
    "Detectives have appealed for witnesses and anyone with dashcam footage of the area "
    "to come forward, and extra patrols will be in place in the coming days."
)
_AR = (
    "{head}\n"
    "{lead} إلى مطار عدن الدولي اليوم، تحمل مساعدات طبية وغذائية للمتضررين من السيول.\n"
    "وقال المسؤول إن الطائرة تحمل أكثر من عشرين طنا من المواد الإغاثية والأدوية "
    "والمستلزمات الطبية، وإن الجسر الجوي سيستمر حتى تصل المساعدات إلى جميع المحافظات."
)


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    texts = [
        _STORY.format(head="Man arrested after attack", lead="A man has been arrested"),
        _STORY.format(head="Man charged after attack", lead="A man has been charged"),
        _STORY.format(head="Man arrested after attack", lead="A man was arrested"),
        _STORY.format(head="Attack outside bar", lead="A man was attacked"),
        _AR.format(head="وصول الطائرة الإغاثية الثانية", lead="وصلت الطائرة الإغاثية الثانية"),
        _AR.format(head="وصول الطائرة الإغاثية الثالثة", lead="وصلت الطائرة الإغاثية الثالثة"),
        _AR.format(head="وصول الطائرة الإغاثية الثانية", lead="هبطت الطائرة الثانية"),
        _AR.format(head="وصول الطائرة الإغاثية", lead="وصلت الطائرة الإغاثية"),
    ]
    p = DedupParams()
    feats = prepare([(str(i), t, None, None, True) for i, t in enumerate(texts)])
    return [Doc(f, s) for f, s in zip(feats, sketch_docs(feats, frozenset(), p), strict=True)]


def test_the_cues_never_change_a_decision(docs: list[Doc]) -> None:
    """Every pair is decided alike with the cues and without them (``cues=None``: every
    line may hold anything, the words are always read), conflicts included."""
    blind = [Doc(dataclasses.replace(d.features, cues=None), d.sketch) for d in docs]
    reasons = set()
    for i, j in itertools.permutations(range(len(docs)), 2):
        ours, theirs = verify(docs[i], docs[j]), verify(blind[i], blind[j])
        assert ours == theirs, (i, j)
        reasons.add(ours.reason.split(":")[0])
    # the pairs exercise both checks the cues skip, and copies
    assert "the openings tell of different stages of the story" in reasons
    assert "the headlines number different items" in reasons
    assert verify(docs[0], docs[2]).duplicate
