"""The near-duplicate engine module by module: hashing, MinHash, LSH, passages,
templates, clusters, canonical choice."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH
from datasketch.lsh import _optimal_param
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.lib.stride_tricks import sliding_window_view

from dedup_cases import ZH_OTHER, ZH_STORY, zh_copy
from dumpgen import STORY_EN
from newsclean import find_duplicates
from newsclean.dedup.canonical import Candidate, choose_canonical, explain_choice, rank_key
from newsclean.dedup.clusters import cluster
from newsclean.dedup.compare import compare
from newsclean.dedup.features import prepare
from newsclean.dedup.lsh import band_keys, band_pairs, lsh_params
from newsclean.dedup.passages import passage_pairs, window_minima, winnow
from newsclean.dedup.shingles import (
    hash_shingle,
    hash_token,
    join_tokens,
    shingle_hashes,
    split_unspaced,
    tokenize,
)
from newsclean.dedup.signatures import MinHasher
from newsclean.dedup.templates import find_templates, is_diverse
from newsclean.normalize import normalize

TEXT = "the prime minister said on monday that the new budget would cut taxes for families"


def test_token_and_shingle_hashes_match_scalar_versions() -> None:
    words = TEXT.split()
    ts = tokenize([TEXT])[0]
    assert [hash_token(w) for w in words] == ts.hashes.tolist()
    sh = shingle_hashes(ts.hashes, 3)
    assert sh.tolist() == [hash_shingle(" ".join(words[i : i + 3])) for i in range(len(words) - 2)]


def test_tokenize_lines_digits_and_empty_documents() -> None:
    a, empty, b = tokenize(["one two\nthree 4th\n\nfive", "", "six"])
    assert a.line_len.tolist() == [2, 2, 0, 1]
    assert a.numeric.tolist() == [False, False, False, True, False]
    assert a.line_hashes[2] == 0 and a.line_hashes[0] != 0
    assert empty.size == 0 and b.size == 1
    # the same line has the same hash in any document and at any position
    c = tokenize(["other\nthree 4th"])[0]
    assert c.line_hashes[1] == a.line_hashes[1]


def test_minhash_equals_datasketch_with_the_same_hash_function() -> None:
    words = TEXT.split()
    shingles = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    reference = MinHash(num_perm=64, seed=1, hashfunc=hash_shingle)
    reference.update_batch(shingles)
    ours = MinHasher(64, 1).signature(shingle_hashes(tokenize([TEXT])[0].hashes))
    assert ours.dtype == np.uint32
    assert np.array_equal(reference.hashvalues, ours)


def test_signatures_work_in_datasketch_lsh() -> None:
    hasher = MinHasher(128, 1)
    a = hasher.signature(shingle_hashes(tokenize([TEXT])[0].hashes))
    b = hasher.signature(shingle_hashes(tokenize([TEXT + " and pensioners"])[0].hashes))
    lsh = MinHashLSH(threshold=0.5, num_perm=128)
    lsh.insert("a", hasher.to_datasketch(a))
    assert lsh.query(hasher.to_datasketch(b)) == ["a"]
    assert hasher.to_datasketch(a).jaccard(hasher.to_datasketch(b)) == MinHasher.jaccard(a, b)
    assert (hasher.signature(np.zeros(0, np.uint32)) == 0xFFFFFFFF).all()


@pytest.mark.parametrize(("threshold", "num_perm"), [(0.3, 64), (0.5, 128), (0.8, 256)])
def test_lsh_params_match_datasketch(threshold: float, num_perm: int) -> None:
    assert lsh_params(threshold, num_perm) == tuple(_optimal_param(threshold, num_perm, 0.5, 0.5))


def test_band_pairs_find_shared_buckets_only() -> None:
    sigs = np.array([[1, 2, 3, 4], [1, 2, 9, 9], [7, 7, 3, 4], [5, 5, 5, 5]], dtype=np.uint32)
    pairs = band_pairs(band_keys(sigs, 2, 2)).tolist()
    assert pairs == [[0, 1], [0, 2]]
    # a huge bucket links its members to the first one instead of to each other
    many = np.tile(np.array([[1, 2, 3, 4]], dtype=np.uint32), (5, 1))
    assert band_pairs(band_keys(many, 2, 2), max_bucket=3).tolist() == [
        [0, 1],
        [0, 2],
        [0, 3],
        [0, 4],
    ]


def test_winnowing_guarantees_a_fingerprint_for_shared_passages() -> None:
    rng = np.random.default_rng(3)
    for n, w in [(40, 12), (13, 12), (100, 5), (9, 1)]:
        values = rng.integers(0, 2**32, n, dtype=np.uint32)
        expected = sliding_window_view(values, w).min(axis=1)
        assert np.array_equal(window_minima(values, w), expected)
    a = rng.integers(0, 2**32, 200, dtype=np.uint32)
    b = np.concatenate((rng.integers(0, 2**32, 50, dtype=np.uint32), a[80:95]))
    assert np.intersect1d(winnow(a, 12), winnow(b, 12)).size >= 1  # 15 shared >= window


def test_passage_pairs_count_shared_fingerprints_and_skip_stock_phrases() -> None:
    fps = [np.array([1, 2, 3]), np.array([2, 3, 4]), np.array([3, 9]), np.array([7])]
    pairs, shared = passage_pairs(fps, 2)
    assert pairs.tolist() == [[0, 1]] and shared.tolist() == [2]
    # fingerprint 3 is in three documents: over max_postings it links them to the first only
    pairs, shared = passage_pairs(fps, 1, max_postings=2)
    assert pairs.tolist() == [[0, 1], [0, 2]] and shared.tolist() == [2, 1]
    pairs, _ = passage_pairs(fps, 1, max_postings=2, max_common=2)  # a stock phrase
    assert pairs.tolist() == [[0, 1]]


def test_templates_need_many_diverse_documents() -> None:
    footer = "Copyright 2024 The Example Gazette. All rights reserved."
    stories = [
        f"Story number {i} about topic {i}.\n" + " ".join(f"w{i}x{j}" for j in range(40))
        for i in range(10)
    ]
    site = prepare([(f"s{i}", s + "\n" + footer) for i, s in enumerate(stories)])
    footer_hash = int(site[0].line_hashes[-1])
    assert footer_hash in find_templates(site, min_docs=8)
    assert find_templates(site, min_docs=11) == frozenset()
    # ten copies of one story repeat its lines as often, but they are one story
    copies = prepare([(f"c{i}", stories[0] + f"\nByline {i} writes") for i in range(10)])
    assert find_templates(copies, min_docs=8) == frozenset()
    same = [np.arange(10, dtype=np.uint32)] * 4
    assert not is_diverse(same) and not is_diverse(same[:1])


def test_cluster_union_find_respects_cannot_links_and_order() -> None:
    uf = cluster(5, [(0.7, 2, 3), (0.9, 0, 1), (0.8, 1, 2)], cannot=[(0, 3)])
    groups = sorted({tuple(sorted(uf.members[uf.find(i)])) for i in range(5)})
    assert groups == [(0, 1, 2), (3,), (4,)]
    # the same edges in another order give the same clusters
    uf2 = cluster(5, [(0.8, 1, 2), (0.7, 2, 3), (0.9, 0, 1)], cannot=[(3, 0)])
    assert [uf2.find(i) for i in range(5)] == [uf.find(i) for i in range(5)]


def _reference_clusters(
    n: int, edges: list[tuple[float, int, int]], cannot: list[tuple[int, int]]
) -> list[tuple[int, ...]]:
    """Union-find as it reads: strongest edge first, a join refused when any member of
    one group has a cannot-link to any member of the other."""
    group = {i: {i} for i in range(n)}
    links = {(min(a, b), max(a, b)) for a, b in cannot}
    for _, i, j in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
        gi, gj = group[i], group[j]
        if gi is gj or any((min(x, y), max(x, y)) in links for x in gi for y in gj):
            continue
        gi |= gj
        for x in gj:
            group[x] = gi
    return sorted({tuple(sorted(g)) for g in group.values()})


@settings(max_examples=300, deadline=None)
@given(
    st.integers(2, 30).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(
                st.tuples(
                    st.sampled_from([0.5, 0.7, 0.9, 1.0]),
                    st.integers(0, n - 1),
                    st.integers(0, n - 1),
                ).filter(lambda e: e[1] != e[2]),
                max_size=60,
            ),
            st.lists(
                st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(
                    lambda c: c[0] != c[1]
                ),
                max_size=6,
            ),
        )
    )
)
def test_union_find_joins_as_the_plain_reading(
    case: tuple[int, list[tuple[float, int, int]], list[tuple[int, int]]],
) -> None:
    # the forbidden-node sets and the smaller-into-larger merges change the cost, not the
    # answer: the same groups as comparing whole member lists
    n, edges, cannot = case
    edges = [(s, min(i, j), max(i, j)) for s, i, j in edges]
    uf = cluster(n, edges, cannot)
    got = sorted({tuple(sorted(uf.members[uf.find(i)])) for i in range(n)})
    assert got == _reference_clusters(n, edges, cannot)
    assert all(uf.find(a) != uf.find(b) for a, b in cannot)


def test_canonical_prefers_date_then_agency_then_length_then_order() -> None:
    c = Candidate
    assert (
        choose_canonical([c("a", 0, "2024-05-02", "x", 500), c("b", 1, "2024-05-01", None, 9)])
        == "b"
    )
    assert choose_canonical([c("a", 0, None, None, 500), c("b", 1, None, "wam", 100)]) == "b"
    assert choose_canonical([c("a", 0, None, None, 100), c("b", 1, None, None, 300)]) == "b"
    assert choose_canonical([c("a", 0, None, None, 100), c("b", 1, None, None, 100)]) == "a"
    with pytest.raises(ValueError):
        choose_canonical([])


def test_the_canonical_choice_says_which_rule_decided() -> None:
    c = Candidate
    cases = [
        (
            [c("a", 0, None, "x", 500), c("b", 1, "2024-05-01", None, 9)],
            "b",
            "the only copy with a known date: 2024-05-01",
        ),
        (
            [c("a", 0, "2024-05-02", "x", 500), c("b", 1, "2024-05-01", None, 9)],
            "b",
            "earliest date: 2024-05-01 (next: 2024-05-02)",
        ),
        (
            [c("a", 0, "2024-05-01", None, 500), c("b", 1, "2024-05-01", "wam", 9)],
            "b",
            "same date: 2024-05-01; credits an agency: wam",
        ),
        (
            [c("a", 0, None, "afp", 100), c("b", 1, None, "wam", 300)],
            "b",
            "no date known, credits an agency: wam; most complete text: 300 words (next: 100)",
        ),
        (
            [c("a", 0, None, None, 100), c("b", 1, None, None, 100)],
            "a",
            "no date known, no agency credit, as long as the next copy; the first to arrive",
        ),
        ([c("a", 0, None, None, 100)], "a", "the only copy"),
    ]
    for members, chosen, why in cases:
        assert explain_choice(members) == (chosen, why)
        assert choose_canonical(members) == chosen


@given(
    st.lists(
        st.tuples(
            st.sampled_from([None, "2024-05-01", "2024-05-02"]),
            st.sampled_from([None, "wam", "afp"]),
            st.integers(0, 3),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_explained_choice_is_the_choice(rows: list[tuple[str | None, str | None, int]]) -> None:
    members = [Candidate(f"d{i}", i, d, a, n) for i, (d, a, n) in enumerate(rows)]
    chosen, why = explain_choice(members)
    assert chosen == choose_canonical(members) == min(members, key=rank_key).id and why


def test_normalized_tokens_round_trip() -> None:
    f = prepare([("x", "Hello,  World!\nSecond line.")])[0]
    assert f.normalized().split() == normalize("Hello,  World!\nSecond line.").split()
    assert f.prose.tolist() == [False, False]  # short lines are not prose


def test_the_body_is_the_text_the_features_were_computed_from() -> None:
    from newsclean.dedup.features import _body, body_of

    story = "The minister said on Monday that taxes would fall next year, as promised."
    mojibake = story.replace("minister", "ministère").encode("utf-8").decode("cp1252")
    items = [
        ("clean", "Share\n" + story + "\nBack to top"),
        ("mojibake", "Share\n" + mojibake),
        ("markup", "Share\n<b>" + story + "</b> &amp; more"),
        ("no-chrome", story),
    ]
    feats = prepare([(i, t, None, None, True) for i, t in items])
    # plain: nothing to repair or strip, so the body is found again without readable()
    assert [f.plain for f in feats] == [True, False, False, True]
    assert "ministère" in feats[1].body() and "<b>" not in feats[2].body()
    for f in feats:
        assert f.body() == _body(f.source, True, None)
        assert body_of(f.source, f.chrome, f.dropped, f.lang, f.plain, 20) == f.body()[:20]
        assert f.normalized().split() == normalize(f.body()).split()
    cleaned = prepare([("c", story, None, None, False)])[0]
    assert (cleaned.plain, cleaned.body()) == (False, story)


def test_batched_sketches_equal_one_at_a_time() -> None:
    from newsclean.dedup.features import sketch, sketch_batch

    texts = [
        ("a", "Headline\n" + " ".join(f"word{i % 37}" for i in range(300)) + "."),
        ("b", ""),
        ("c", "one"),
        ("d", "two words"),
        ("e", "Menu | Home\n" + TEXT + "\nMenu | Home"),
    ]
    feats = prepare(texts)
    hasher = MinHasher(32)
    long_only = [feats[0], feats[4], feats[0]]  # every document has k tokens: another path
    for templates, batch in (
        (frozenset(), feats),
        (frozenset({int(feats[4].line_hashes[0])}), feats),
        (frozenset(), long_only),
        (frozenset({int(feats[4].line_hashes[0])}), long_only),
    ):
        one = [sketch(f, templates, hasher, k=3, window=12) for f in batch]
        many = sketch_batch(batch, templates, hasher, k=3, window=12)
        for x, y in zip(one, many, strict=True):
            for name in (
                "keep",
                "shingles",
                "shingle_set",
                "first_pos",
                "fingerprints",
                "signature",
            ):
                assert np.array_equal(getattr(x, name), getattr(y, name)), name
            assert (x.body_start, x.update_marker) == (y.body_start, y.update_marker)


def test_table_rows_built_together_equal_rows_built_one_by_one() -> None:
    from newsclean.dedup.features import sketch_columns
    from newsclean.dedup.table import DocTable

    texts = [
        ("a", "Headline\n" + " ".join(f"word{i % 37} 4{i}" for i in range(300)) + "."),
        ("b", ""),
        ("c", "one"),
        ("d", "Menu | Home\n" + TEXT + "\nMenu | Home"),
        ("e", TEXT + "\n" + TEXT),
    ]
    feats = prepare(texts)
    templates = frozenset({int(feats[3].line_hashes[0])})
    table = DocTable([t for _, t in texts])
    table.append(feats, sketch_columns(feats, templates, MinHasher(16), k=3, window=12, sets=False))
    rows = [4, 0, 3, 1, 2, 0]
    one = [table._doc(i) for i in rows]
    table.prefetch(rows)
    for i, x in zip(rows, one, strict=True):
        y = table[i]
        for part in ("features", "sketch"):
            for name in type(getattr(x, part)).__slots__:
                u, v = getattr(getattr(x, part), name), getattr(getattr(y, part), name)
                if isinstance(u, np.ndarray):
                    assert u.dtype == v.dtype and np.array_equal(u, v), (i, name)
                else:
                    assert u == v, (i, name)
        assert table.words(i, 2, 9) == x.words(2, 9)


def test_table_verification_screens_pairs_to_the_same_evidence() -> None:
    # _verify_kept on a table sets low-overlap and empty pairs aside on their shingle sets
    # (row_sets) and builds documents only for the rest: it must keep exactly the copies
    # and conflicts that verify() finds on the rows built one by one, and list every other
    # pair's key.
    from newsclean.dedup.engine import _verify_kept
    from newsclean.dedup.features import sketch_columns
    from newsclean.dedup.params import DedupParams
    from newsclean.dedup.table import DocTable
    from newsclean.dedup.verify import verify

    other = "The harbour authority opened a second container terminal on the east quay."
    texts = [
        ("a", TEXT),
        ("b", TEXT + " A closing sentence the other copy lacks."),
        ("c", other + " " + other.replace("second", "third")),
        ("d", ""),
        ("e", TEXT.split(" on ")[0] + " " + other),
        ("f", other.replace("second", "4th") + " " + other.replace("second", "5th")),
    ]
    p = DedupParams()
    feats = prepare(texts)
    table = DocTable([t for _, t in texts])
    cols = sketch_columns(
        feats, frozenset(), MinHasher(p.num_perm), k=p.k, window=p.window, sets=False
    )
    table.append(feats, cols)
    pairs = [(i, j) for i in range(len(texts)) for j in range(i + 1, len(texts))]
    truth = {pair: verify(table._doc(pair[0]), table._doc(pair[1]), p) for pair in pairs}
    reasons = {ev.reason for ev in truth.values()}
    assert "low overlap" in reasons and "empty text" in reasons  # the screened kinds occur
    kept, others = _verify_kept(table, np.array(pairs, dtype=np.int64), p)
    want = [(i, j, ev) for (i, j), ev in truth.items() if ev.duplicate or ev.conflict]
    assert kept == want and want
    assert others.tolist() == sorted(
        (i << 32) | j for (i, j), ev in truth.items() if not (ev.duplicate or ev.conflict)
    )
    sets = table.row_sets([0, 2, 0])
    assert sorted(sets) == [0, 2]
    assert np.array_equal(sets[0][0], table._doc(0).sketch.shingle_set)


@settings(max_examples=200, deadline=None)
@given(
    st.sets(st.integers(0, 2**32 - 1), min_size=1, max_size=300),
    st.sets(st.integers(0, 2**32 - 1), min_size=1, max_size=300),
    st.sets(st.integers(0, 2**32 - 1), max_size=100),
)
def test_shared_counts_the_common_values_of_two_sets(
    a: set[int], b: set[int], common: set[int]
) -> None:
    from newsclean.dedup.verify import _shared

    a, b = a | common, b | common
    set_a = np.array(sorted(a), dtype=np.uint32)
    set_b = np.array(sorted(b), dtype=np.uint32)
    assert _shared(set_a, set_b) == len(a & b) == _shared(set_b, set_a)


def test_a_slide_show_is_left_out_of_the_fingerprint() -> None:
    story = STORY_EN.split("\n\n")[:3]
    slides = [
        f"{k}/3 Crowds gather at the rail yard on the day of the council vote." for k in (1, 2, 3)
    ]
    text = "\n".join(["Home", story[0], *slides, *story[1:], "Leave a comment"])
    (doc,) = prepare([("d", text, None, None, True)])
    # lines: 0 "Home", 1 story, 2-4 slides, 5-6 story, 7 "Leave a comment"
    assert doc.dropped == (0, 2, 3, 4, 7)
    # so the copy printed with the slide show and the copy without it have the same words
    match = compare(text, "\n".join(["Home", *story, "Leave a comment"]))
    assert (match.decision, match.jaccard) == ("duplicate", 1.0)


def test_chinese_copies_are_shingled_by_character() -> None:
    # a copy with its own dateline, one word swapped and a sentence dropped: no spaces, so
    # whole sentences would be single "words" and the copy would share none of them
    copy = zh_copy(ZH_STORY)
    res = find_duplicates([("a", ZH_STORY), ("b", copy), ("c", ZH_OTHER)])
    assert res.assignments["a"] == res.assignments["b"] != res.assignments["c"]
    (match,) = next(c for c in res.clusters if len(c.ids) == 2).matches
    assert match.decision == "duplicate"
    # the explanation quotes the shared passage as Chinese is written, without spaces, and
    # counts it in characters
    assert "主持召开国务院常务会议部署推进经济工作" in match.shared
    assert any(
        n.startswith("longest shared passage:") and n.endswith(" characters") for n in match.notes
    )


def test_split_unspaced_makes_every_chinese_character_a_token() -> None:
    cps = np.frombuffer("会议 ok 日本語テキスト".encode("utf-32-le"), np.uint32)
    words = split_unspaced(cps).tobytes().decode("utf-32-le").split()
    assert words == ["会", "议", "ok", "日", "本", "語", "テ", "キ", "ス", "ト"]
    assert join_tokens(words) == "会议 ok 日本語テキスト"
    latin = np.frombuffer("no change".encode("utf-32-le"), np.uint32)
    assert split_unspaced(latin) is latin


def test_percent_spellings_give_the_same_tokens() -> None:
    """ "7.4%", "7.4 percent", "7.4 في المائة"...: a percent word next to a number is no
    token (an outlet's style, not the story), and the normalized words are the tokens."""
    english = [
        "Exports rose 7.4% in the quarter",
        "Exports rose 7.4 percent in the quarter",
        "Exports rose 7.4 per cent in the quarter",
        "Exports rose 7.4 per-cent in the quarter",
        "Exports rose 7.4 pct in the quarter",
    ]
    arabic = [
        "ارتفعت الصادرات بنسبة 7.4% خلال الربع",
        "ارتفعت الصادرات بنسبة 7.4 في المائة خلال الربع",
        "ارتفعت الصادرات بنسبة 7.4 فى المائه خلال الربع",
        "ارتفعت الصادرات بنسبة ٧٫٤ بالمئة خلال الربع",
        "ارتفعت الصادرات بنسبة 7.4٪ خلال الربع",
    ]
    for variants in (english, arabic):
        feats = prepare([(str(i), t) for i, t in enumerate(variants)])
        assert len({f.tokens.tobytes() for f in feats}) == 1, variants
        for f in feats:
            words = f.normalized().split()
            assert [hash_token(w) for w in words] == f.tokens.tolist()
    (tr_word, tr_sign) = prepare([("w", "enflasyon yüzde 5 arttı"), ("s", "enflasyon %5 arttı")])
    assert tr_word.tokens.tolist() == tr_sign.tokens.tolist()
    # away from a number, or on the next line, the word stays
    kept = prepare([("k", "the percent of voters\nturnout was 61\npercent of them")])[0]
    assert kept.normalized().split() == [
        "the", "percent", "of", "voters", "turnout", "was", "61", "percent", "of", "them"
    ]  # fmt: skip
    assert kept.n_tokens == 10


_WORDS = ["5", "7.4", "percent", "per", "cent", "pc", "في", "المائة", "yüzde", "rose", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30))
def test_the_normalized_words_are_the_tokens(words: list[str]) -> None:
    """Whatever the percent words, numbers and line breaks, the words of the normalized
    text are exactly the hashed tokens (the verification reads one through the other)."""
    f = prepare([("x", " ".join(words))])[0]
    assert [hash_token(w) for w in f.normalized().split()] == f.tokens.tolist()
    assert sum(f.line_len.tolist()) == f.n_tokens


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("12,000", "12 ألف"),
        ("4.4 مليار", "4 مليارات و400 مليون"),
        ("2.4 مليون", "مليونين و400 ألف"),
        ("1.2 million", "1,200,000"),
        ("$2.5bn", "2.5 billion"),
        ("410,000", "4.1 lakh"),
        ("6600", "6 آلاف و600"),
        ("تسعة وعشرون", "29"),
        ("two million 300 thousand", "2,300,000"),
    ],
)
def test_one_amount_written_two_ways_is_the_same_amount(one: str, other: str) -> None:
    from newsclean.dedup.amounts import amounts

    assert amounts(normalize(one).split()) == amounts(normalize(other).split()) != ()


def test_amounts_that_differ_or_only_stand_side_by_side_stay_apart() -> None:
    from newsclean.dedup.amounts import amounts

    def read(text: str) -> list[float]:
        return [float(v) for v in amounts(normalize(text).split())]

    assert read("12 ألف") != read("12 مليون")
    assert read("rose 1.2 percent") != read("rose 0.8 percent")
    assert read("2014 2013") == [2013.0, 2014.0]  # years side by side: no decimals
    assert read("مليون 21.2") == [21.2, 1000000.0]  # a smaller number not joined by "and"


def test_an_amount_added_next_to_the_same_one_is_no_other_figure() -> None:
    from newsclean.dedup.verify import same_amounts

    # a conversion added in brackets: "8,450 acres" / "8450 acres (3,420 hectares)"
    a = normalize("burned 8,450 acres of").split()
    b = normalize("burned 8450 acres (3,420 hectares) of").split()
    assert same_amounts(a, (1, 3), b, (1, 5))
    # other amounts on both sides stay a conflict
    c = normalize("burned 9,100 acres (3,680 hectares) of").split()
    assert not same_amounts(a, (1, 3), c, (1, 6))


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("الساعة 16:47", "4:47 مساءً"),
        ("15:00", "3 p.m."),
        ("02:47", "2:47am"),
        ("2:47 a.m.", "2:47am"),
        ("13:58", "1:58 ظهرا"),
        ("00:30", "12:30 a.m."),
    ],
)
def test_one_time_of_day_written_two_ways_is_the_same_time(one: str, other: str) -> None:
    from newsclean.dedup.clock import readings

    assert readings(normalize(one).split()) == readings(normalize(other).split())
    assert readings(normalize(one).split())[0][0] == "time"


def test_times_that_differ_or_plain_numbers_stay_apart() -> None:
    from newsclean.dedup.clock import readings, times
    from newsclean.dedup.verify import same_times

    assert readings(normalize("16:47").split()) != readings(normalize("4:47 a.m.").split())
    assert times(["rose", "4", "percent", "to", "1", "500"]) == []  # no clock word, no minutes
    a = normalize("the tide at 16:47 and 25 degrees").split()
    b = normalize("the tide at 4:47 pm and 30 degrees").split()
    assert not same_times(a, (3, 7), b, (3, 8))  # the time matches, the other figure not
    # a time one copy adds next to the same one is no other figure
    c = normalize("struck at 2:47am local time").split()
    d = normalize("struck at 2:47 a.m. (1847 GMT) local time").split()
    assert same_times(c, (2, 4), d, (2, 8))


def test_british_and_american_endings_are_one_word() -> None:
    from newsclean.dedup.verify import _respelled

    assert _respelled("programme", "program") and _respelled("catalogues", "catalogs")
    assert not _respelled("programme", "pogrom")


def test_ordinals_number_items_and_not_months_or_first_times() -> None:
    from newsclean.dedup.ordinals import ordinal_teens, ordinals
    from newsclean.dedup.verify import month_words

    def read(text: str) -> list[int]:
        return sorted(ordinals(normalize(text).split(), month_words()))

    assert read("وصول الطائرة الإغاثية الحادية عشرة") == [11]
    assert read("وصول الطائرة الـ15 والقافلة الثالثة") == [3, 15]
    assert read("Third relief convoy and the 12th flight") == [3, 12]
    assert read("للمرة الأولى منذ كانون الثاني") == []  # "first" and a month's name
    assert ordinal_teens(normalize("الجلسة الرابعة عشرة").split()) == {1: 14}


def test_hundreds_are_a_scale() -> None:
    from newsclean.dedup.amounts import amounts

    assert amounts(normalize("بحضور مئة وتسعة وثمانين نائبا").split()) == (189,)
    assert amounts(["three", "hundred", "people"]) == (300,)
    assert amounts(normalize("مئتين و50 طنا").split()) == (250,)


def test_thousands_written_k_and_metres_written_m_are_the_same_amounts() -> None:
    from newsclean.dedup.verify import same_amounts

    a, b = normalize("a crowd of 310k fans").split(), normalize("a crowd of 310,000 fans").split()
    assert same_amounts(a, (3, 4), b, (3, 5))
    # "3m" is three metres beside "three metres (10 feet)", and three million beside "3
    # million"; against another figure it is neither
    c = normalize("a wave 3m high").split()
    d = normalize("a wave three metres (10 feet) high").split()
    assert same_amounts(c, (2, 3), d, (2, 6))
    e = normalize("raised 3m dollars").split()
    assert same_amounts(e, (1, 2), normalize("raised 3 million dollars").split(), (1, 3))
    assert not same_amounts(e, (1, 2), normalize("raised 5 million dollars").split(), (1, 3))
