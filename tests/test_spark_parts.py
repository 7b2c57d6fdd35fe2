"""The Spark engine's pure parts, without Spark: documents survive their column encoding
with identical verification evidence, one component's split is the local union-find's, and
dump lines parse like the local reader's."""

from __future__ import annotations

import importlib.abc
import itertools
import random
import sys
from pathlib import Path

import numpy as np
import pytest

from dedup_cases import (
    CHROME_EN,
    PORT_STORY,
    WATER_STORY,
    cable,
    partial,
    relief_flight,
    syndicated,
    text,
    update,
)
from newsclean.dedup.clusters import cluster
from newsclean.dedup.engine import build_docs, make_params
from newsclean.dedup.features import _body, prepare
from newsclean.dedup.verify import verify
from newsclean.spark.codec import pack_doc, pack_features, unpack_doc, unpack_features
from newsclean.spark.components import split_component
from newsclean.spark.dumps import Fields, parse_json_line, report_format

DOCS = [
    ("port", text(PORT_STORY)),
    ("port-syn", syndicated(PORT_STORY, chrome=CHROME_EN, dateline="DUBAI (Reuters) - ", seed=1)),
    ("port-partial", partial(PORT_STORY, 3, ["The port opened in 1978."])),
    ("port-update", update(PORT_STORY, "The authority raised its forecast on Tuesday.", [])),
    ("water", text(WATER_STORY)),
    ("flight-25", relief_flight(25, 30, "Aden")),
    ("flight-26", relief_flight(26, 32, "Aden")),
    ("cable-fr", cable("France", "Emmanuel Macron", "the national day")),
    ("cable-de", cable("Germany", "Frank-Walter Steinmeier", "the national day")),
    ("empty", ""),
]


def test_packed_documents_give_the_same_evidence() -> None:
    p = make_params(None, None, {})
    items = [(i, t, "2024-05-01", None, True) for i, t in DOCS]
    built, _, _ = build_docs(items, p)
    # As the Spark stages hold them: the text already without its sure chrome lines.
    packed = [
        unpack_doc(pack_doc(d), d.id, _body(d.features.source, True, None), date="2024-05-01")
        for d in built
    ]
    for (a, b), (x, y) in zip(
        itertools.combinations(built, 2), itertools.combinations(packed, 2), strict=True
    ):
        assert verify(a, b, p) == verify(x, y, p)


# A copy whose page puts a date line above the headline, and an outlet's version that keeps
# the headline and the lead but quotes other paragraphs, each with a figure of its own (17
# years / "3 de Mayo"): the same headline above both leads says they are copies.  That
# headline is the second line of the first page, and the packed document once kept only
# the first line's hash: on Spark the pair was two versions of the story.
_DATED_PAGE = (
    "Posted 2024-05-01 10:40\n"
    "Veteran coach honoured by the league\n"
    "Coach Maria Lopez's long career has been honoured at the annual awards dinner of the "
    "national football league in Madrid.\n"
    'The award was handed to her by her former captain, who played under her for a decade. "It '
    'is an award for a whole career, which is strange, since I still feel young," Lopez said. '
    '"But what has it been? Almost 17 years now. I have coached a lot of teams." A film about '
    "her teams was shown.\n"
    "Former player Ana Ruiz, who scored the winning goal in the 1999 cup final, said she was "
    "moved by the coach's loyalty to her players and her patience with the young ones.\n"
    "Lopez is expected to lead the national side at next year's tournament, the federation "
    "said in a statement on its website.\n"
)
_OTHER_QUOTES = (
    "Veteran coach honoured by the league\n"
    "MADRID - Coach Maria Lopez's long career has been honoured at the annual awards dinner of "
    "the national football league in Madrid.\n"
    '"What really excites me is that this is what I love doing," she added. Lopez began her '
    "coaching career with the third division club Atletico 3 de Mayo, before moving on to "
    "bigger clubs in the north and in the capital.\n"
    "Former player Ana Ruiz, who scored the winning goal in the 1999 cup final, said she was "
    "moved by the coach's loyalty to her players and her patience with the young ones.\n"
    "Lopez is expected to lead the national side at next year's tournament, the federation "
    "said in a statement on its website.\n"
)


def test_packed_documents_keep_the_headline_under_a_date_line() -> None:
    p = make_params(None, None, {})
    items = [("page", _DATED_PAGE, None, None, True), ("other", _OTHER_QUOTES, None, None, True)]
    built, _, _ = build_docs(items, p)
    packed = [unpack_doc(pack_doc(d), d.id, _body(d.features.source, True, None)) for d in built]
    for d, e in zip(built, packed, strict=True):
        assert np.array_equal(d.features.line_hashes, e.features.line_hashes)
    local, spark = verify(built[0], built[1], p), verify(packed[0], packed[1], p)
    assert (local.duplicate, local.reason) == (True, "partial copy: shared passages")
    assert spark == local


def test_packed_features_round_trip() -> None:
    arrays = ("tokens", "numeric", "line_len", "line_hashes", "prose")
    feats = prepare([(i, t, None, None, True) for i, t in DOCS])
    for f in feats:
        g = unpack_features(pack_features(f), f.id, f.source, chrome=True)
        assert all(np.array_equal(getattr(g, n), getattr(f, n)) for n in arrays)
        assert (g.head_marker, g.id, g.source, g.chrome) == (f.head_marker, f.id, f.source, True)
    with pytest.raises(ValueError, match="corrupt document blob"):
        unpack_features(pack_features(feats[0]) + b"x", "port", "")


def test_split_component_is_the_local_union_find() -> None:
    rng = random.Random(4)
    for _ in range(50):
        nodes = sorted(rng.sample(range(1000, 9999), 12))
        edges = [
            (rng.choice([0.5, 0.7, 0.9, 1.0]), *sorted(rng.sample(nodes, 2)), rng.randrange(8))
            for _ in range(rng.randint(11, 30))
        ]
        cannot = [tuple(sorted(rng.sample(nodes, 2))) for _ in range(rng.randint(1, 3))]
        index = {n: k for k, n in enumerate(nodes)}
        ties = {(index[i], index[j]): t for _, i, j, t in edges}
        uf = cluster(
            len(nodes),
            [(s, index[i], index[j]) for s, i, j, _ in edges],
            [(index[i], index[j]) for i, j in cannot],
            lambda i, j, t=ties: t[(i, j)],
        )
        labels = split_component(edges, cannot)
        touched = sorted({n for _, i, j, _ in edges for n in (i, j)})
        for n in touched:
            group = [m for m in touched if uf.find(index[m]) == uf.find(index[n])]
            assert labels[n] == min(group)


def test_dump_lines_parse_like_the_local_reader() -> None:
    f = Fields()
    rec = parse_json_line(b'{"id": 7, "html": "<p>x</p>", "text": "y", "url": "u"}', "d:1", f)
    assert (rec["id"], rec["raw"], rec["html"], rec["url"]) == ("7", "<p>x</p>", True, "u")
    assert parse_json_line(b'{"text": "y"}', "d:2", f)["id"] == "d:2"
    assert parse_json_line(b"[1, 2]", "d:3", f)["error"].startswith("not an object")
    assert parse_json_line(b'{"text": 5}', "d:4", f)["error"].startswith("bad text field")
    nested = parse_json_line(
        b'{"meta": {"uid": "n"}, "body": "z"}', "d:5", Fields("meta.uid", "body")
    )
    assert (nested["id"], nested["raw"]) == ("n", "z")
    cp1256 = b'{"text": "' + "خبر".encode("cp1256") + b'"}'
    assert parse_json_line(cp1256, "d:6", f)["raw"] == "خبر".encode("cp1256")
    assert report_format("x.pq") == "parquet"


def test_json_documents_are_refused_by_the_spark_engine_with_what_to_do(tmp_path: Path) -> None:
    """Spark reads a JSON dump line by line: a file of pretty-printed objects or an array
    would be all error rows, so it is refused before any work; JSON lines are read."""
    import gzip
    import json

    from newsclean.errors import NewscleanError
    from newsclean.spark.dumps import _dump_kind

    lines = tmp_path / "lines.json.gz"
    lines.write_bytes(gzip.compress(b'\n{"text": "a"}\n{"text": "b"}\n'))
    assert _dump_kind(str(lines)) == "jsonl"
    tree = tmp_path / "newsplease"
    tree.mkdir()
    (tree / "a.json").write_text(json.dumps({"maintext": "a"}, indent=4))
    with pytest.raises(NewscleanError, match=r"a\.json: a JSON document, not JSON lines.*jq -c"):
        _dump_kind(str(tree))
    array = tmp_path / "export.json"
    array.write_text(json.dumps([{"text": "a"}]))
    with pytest.raises(NewscleanError, match="the local engine reads both"):
        _dump_kind(str(array))
    # a JSON line longer than the part read is cut (here at a comma): JSON lines still
    long = tmp_path / "long.jsonl"
    long.write_text(json.dumps({"text": "a," * 60000}) + "\n")
    assert long.read_bytes()[65535:65536] == b","
    assert _dump_kind(str(long)) == "jsonl"


def test_a_directory_is_read_as_the_dump_files_directly_inside_it(tmp_path: Path) -> None:
    """A dataset's directory: its card and Spark's own files are not records; Parquet and
    JSONL files together are two dumps; a directory whose dump files are one level down
    says where they are."""
    from newsclean.errors import NewscleanError
    from newsclean.spark.dumps import _dump_kind

    root = tmp_path / "dataset"
    data = root / "data"
    data.mkdir(parents=True)
    (root / "README.md").write_text("# card")
    (data / "train-00000.parquet").write_bytes(b"PAR1")
    (data / "_SUCCESS").write_text("")
    (data / "README.md").write_text("# card")
    assert _dump_kind(str(data)) == "parquet"
    with pytest.raises(NewscleanError, match=rf"{data} holds dump files: give that"):
        _dump_kind(str(root))
    (data / "extra.jsonl.gz").write_bytes(b"")
    with pytest.raises(NewscleanError, match=r"Parquet and JSONL files in one directory"):
        _dump_kind(str(data))
    (data / "train-00000.parquet").unlink()
    assert _dump_kind(str(data)) == "jsonl"


class _NoPyspark(importlib.abc.MetaPathFinder):
    """Imports of pyspark fail as they do where it is not installed."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pyspark" or name.startswith("pyspark."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def test_engine_spark_without_pyspark_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from newsclean.cli import main

    dump = tmp_path / "day.jsonl"
    dump.write_text('{"id": "a", "text": "One story."}\n', encoding="utf-8")
    monkeypatch.delitem(sys.modules, "pyspark", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPyspark(), *sys.meta_path])
    out = CliRunner().invoke(
        main, ["dedupe", str(dump), "--engine", "spark", "-o", str(tmp_path / "r")]
    )
    assert out.exit_code == 1
    assert out.output.splitlines() == [
        "Error: the Spark engine needs pyspark, pandas and pyarrow (pyspark is missing): "
        "pip install 'newsclean[spark]'"
    ]
    assert not (tmp_path / "r").exists()
