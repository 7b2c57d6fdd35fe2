"""Bytes to text: detection, decoding, evidence and bad input (newsclean.encoding)."""

from __future__ import annotations

import codecs
import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import DecodeError, decode, decode_explain, detect_encoding
from newsclean.encoding.declared import blank_declarations, find_declarations
from newsclean.encoding.sniff import binary_reason, sniff_utf8

FIXTURES = Path(__file__).parent / "fixtures" / "encoding"
TEXTS: dict[str, dict[str, object]] = {
    k: v
    for k, v in json.loads((FIXTURES / "texts.json").read_text("utf-8")).items()
    if not k.startswith("_")
}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def legacy_bytes(text: str, codec: str) -> bytes:
    """``text`` as the code page writes it (windows-1258: base letter + combining tone)."""
    if codec != "cp1258":
        return text.encode(codec)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode(codec))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            tones = "".join(c for c in d if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
            out.append((base + tones).encode(codec))
    return b"".join(out)


TONES = "\u0300\u0301\u0303\u0309\u0323"  # the tone marks windows-1258 writes separately
CASES = [(lang, codec) for lang, spec in TEXTS.items() for codec in spec["codecs"]]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "codec"), CASES)
def test_legacy_text_round_trips(lang: str, codec: str) -> None:
    text = str(TEXTS[lang]["text"])
    out, guess = decode_explain(legacy_bytes(text, codec))
    assert nfc(out) == nfc(text), (codec, guess)
    assert guess.replaced == 0
    assert guess.method == "statistical"


@pytest.mark.parametrize(("lang", "codec"), CASES)
def test_lying_meta_charset_is_overruled(lang: str, codec: str) -> None:
    text = str(TEXTS[lang]["text"])
    liar = "utf-8" if codec != "utf-8" else "windows-1252"
    page = (
        f'<html><head><meta charset="{liar}"><title>x</title></head><body><p>'.encode("ascii")
        + legacy_bytes(text, codec)
        + b"</p></body></html>"
    )
    out, guess = decode_explain(page, content_type=f"text/html; charset={liar}")
    assert nfc(text) in nfc(out)
    assert guess.declared is not None
    assert any("declared" in e for e in guess.evidence)


@pytest.mark.parametrize("lang", sorted(TEXTS))
def test_utf8_is_recognised(lang: str) -> None:
    text = str(TEXTS[lang]["text"])
    guess = detect_encoding(text.encode("utf-8"))
    assert guess.codec in ("utf-8", "ascii")
    assert decode(text.encode("utf-8")) == text


@pytest.mark.parametrize("lang", ["ar", "fa", "ru", "el", "ja", "zh", "ko", "fr"])
def test_two_hundred_byte_snippets(lang: str) -> None:
    spec = TEXTS[lang]
    for codec in spec["codecs"]:  # type: ignore[attr-defined]
        data = legacy_bytes(str(spec["text"]), codec)[:200]
        expected = data.decode(codec, errors="ignore")
        got = decode(data)
        assert nfc(got).rstrip("\ufffd") == nfc(expected), codec


# ---------------------------------------------------------------- the Arabic family
def test_arabic_cp1256_iso8859_6_and_utf8_are_told_apart() -> None:
    text = str(TEXTS["ar"]["text"])
    assert detect_encoding(text.encode("cp1256")).codec == "cp1256"
    assert detect_encoding(text.encode("iso8859-6")).codec == "iso8859-6"
    assert detect_encoding(text.encode("utf-8")).codec == "utf-8"


def test_persian_in_cp1256_keeps_its_letters() -> None:
    text = str(TEXTS["fa"]["text"])
    out = decode(text.encode("cp1256"))
    assert out == text
    for letter in "پچژگ":
        assert letter in out or letter not in text
    assert "\u200c" in out  # the zero-width non-joiner of "برنامه‌هاي" survives


def test_arabic_indic_digits() -> None:
    for key in ("ar_digits", "fa_modern"):
        text = str(TEXTS[key]["text"])
        assert decode(text.encode("utf-8")) == text
    mixed = "العدد ٣٤٥ والرقم 678".encode("cp1256", errors="ignore")
    assert "678" in decode(mixed)


def test_iso8859_6_lie_declared_as_cp1256() -> None:
    text = str(TEXTS["ar"]["text"])
    page = b'<meta charset="windows-1256">' + text.encode("iso8859-6")
    assert decode(page).endswith(text)


# ---------------------------------------------------------------- declarations
def test_declarations_are_found_and_blanked_in_place() -> None:
    page = b'<?xml version="1.0" encoding="ISO-8859-6"?><meta charset=windows-1256>'
    assert find_declarations(page, "text/html; charset=utf-8") == (
        ("http", "utf-8"),
        ("xml", "ISO-8859-6"),
        ("meta", "windows-1256"),
    )
    blanked = blank_declarations(page)
    assert len(blanked) == len(page)
    assert b"1256" not in blanked and b"8859" not in blanked


def test_declaration_breaks_a_tie_between_identical_decodings() -> None:
    data = "Ελληνικά νέα σήμερα".encode("iso8859-7")  # decodes the same as cp1253
    for declared in ("iso-8859-7", "windows-1253"):
        guess = detect_encoding(data, content_type=f"text/plain; charset={declared}")
        assert guess.codec == codecs.lookup(declared).name
        assert any(
            "agrees with the bytes" in e or "decodes the sample exactly like" in e
            for e in guess.evidence
        )


def test_declared_utf8_over_legacy_bytes_is_ignored() -> None:
    data = str(TEXTS["ru"]["text"]).encode("koi8-r")
    guess = detect_encoding(data, content_type="text/html; charset=utf-8")
    assert guess.codec == "koi8-r"
    assert guess.declared == "utf-8"
    assert any("ignored" in e for e in guess.evidence)


# ---------------------------------------------------------------- structure
@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_byte_order_marks(codec: str) -> None:
    text = str(TEXTS["fa"]["text"])
    guess = detect_encoding(text.encode(codec))
    assert guess.method == "bom"
    assert decode(text.encode(codec)).lstrip("\ufeff") == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_utf16_32_without_bom(codec: str, lang: str) -> None:
    text = str(TEXTS[lang]["text"])
    guess = detect_encoding(text.encode(codec))
    assert guess.codec == codec
    assert decode(text.encode(codec)) == text


@pytest.mark.parametrize(("codec", "lang"), [("iso2022_jp", "ja"), ("iso2022_kr", "ko")])
def test_iso2022_escapes(codec: str, lang: str) -> None:
    text = str(TEXTS[lang]["text"])
    guess = detect_encoding(text.encode(codec))
    assert guess.method == "escape"
    assert decode(text.encode(codec)) == text


def test_ascii_and_empty() -> None:
    assert detect_encoding(b"").method == "empty"
    assert decode(b"") == ""
    assert detect_encoding(b"Hello\n").codec == "ascii"


# ---------------------------------------------------------------- bad input
def test_binary_junk_is_refused_with_a_reason() -> None:
    junk = random.Random(7).randbytes(5000)
    with pytest.raises(DecodeError, match="binary"):
        decode(junk)
    with pytest.raises(DecodeError, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    assert binary_reason(b"plain text") is None


def test_nul_padding_alone_is_not_binary() -> None:
    assert decode(b"\x00" * 100 + b"hello" + b"\x00" * 10).strip("\x00") == "hello"


def test_non_bytes_input_is_a_clear_error() -> None:
    with pytest.raises(DecodeError, match="expected bytes"):
        detect_encoding("already text")  # type: ignore[arg-type]


def test_truncated_utf8_is_reported_not_hidden() -> None:
    data = "وقال الوزير إن المشروع اكتمل".encode()[:-1]  # the last letter cut in two
    assert sniff_utf8(data) is not None
    text, guess = decode_explain(data)
    assert guess.codec == "utf-8"
    assert guess.replaced == 1
    assert text.endswith("\ufffd")
    assert any("cut off" in e or "replaced" in e for e in guess.evidence)


def test_undecodable_bytes_are_counted_in_the_evidence() -> None:
    text = str(TEXTS["ru"]["text"])
    data = text.encode("cp1251") + b" \x98 " + text.encode("cp1251")  # 0x98: undefined
    out, guess = decode_explain(data)
    assert guess.codec == "cp1251"
    assert guess.replaced == 1
    assert out.count("\ufffd") == 1
    assert any("U+FFFD" in e for e in guess.evidence)


def test_truncated_multibyte_legacy() -> None:
    data = str(TEXTS["ja"]["text"]).encode("shift_jis")[:-1]  # last character cut in two
    out, guess = decode_explain(data)
    assert guess.codec == "shift_jis"
    assert out.startswith(str(TEXTS["ja"]["text"])[:20])


def test_fifty_megabytes_detects_on_a_sample_and_decodes_everything() -> None:
    para = (str(TEXTS["ru"]["text"]) + "\n").encode("cp1251")
    data = para * (50_000_000 // len(para) + 1)
    out, guess = decode_explain(data)
    assert guess.codec == "cp1251"
    assert len(out) == len(data)
    assert any("sample" in e for e in guess.evidence)


def test_evidence_is_ordered_and_readable() -> None:
    guess = detect_encoding(b'<meta charset="utf-8">' + str(TEXTS["ar"]["text"]).encode("cp1256"))
    ev = guess.evidence
    assert ev[0].startswith("declared:")
    assert ev[1] == "not valid UTF-8"
    assert any(e.startswith("best fit: cp1256") for e in ev)
    assert guess.lang == "ar"
    assert 0.5 <= guess.confidence <= 1.0


# ---------------------------------------------------------------- properties
@settings(max_examples=60, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=300))
def test_any_utf8_text_round_trips(text: str) -> None:
    data = text.encode("utf-8")
    try:
        out = decode(data)
    except DecodeError:
        # control-heavy strings may look binary: that must be said, not crash
        assert binary_reason(data) is not None
        return
    assert out == text


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_crash(data: bytes) -> None:
    try:
        text, guess = decode_explain(data)
    except DecodeError as exc:
        assert str(exc)
        return
    assert isinstance(text, str)
    assert guess.replaced >= 0


def test_pipeline_uses_the_decoder() -> None:
    art = newsclean.clean(str(TEXTS["fa"]["text"]).encode("cp1256"))
    assert art.encoding is not None and art.encoding.codec == "cp1256"
    assert art.steps[0].name == "decode"


def test_gb18030_four_byte_characters() -> None:
    text = "国务院今天发布通知，要求各地加强管理𠀀。" * 10  # U+20000 needs the 4-byte form
    data = text.encode("gb18030")
    assert detect_encoding(data).codec == "gb18030"
    assert decode(data) == text


# ------------------------------------------- the fast paths agree with the plain steps
BYTES_MIX = st.lists(
    st.one_of(
        st.binary(max_size=12),
        st.sampled_from(
            [
                "خبر عاجل".encode(),
                "خبر عاجل".encode("cp1256"),
                "Привет".encode("koi8-r"),
                "naïve café".encode(),
                "naïve café".encode("cp1252"),
                "日本語".encode("shift_jis"),
                "كتب".encode()[:-1],
                b"\x00\x01\x1b\x7f\t\n",
                b"%PDF-1.4 ",
                b'<meta charset="windows-1256">',
            ]
        ),
    ),
    max_size=12,
).map(b"".join)


@settings(max_examples=200, deadline=None)
@given(BYTES_MIX)
def test_decoding_once_agrees_with_detect_then_decode(data: bytes) -> None:
    from newsclean.encoding.detect import decode_with, detect_and_decode

    try:
        guess = detect_encoding(data)
    except DecodeError as exc:
        with pytest.raises(DecodeError, match=re.escape(str(exc))):
            detect_and_decode(data)
        return
    assert detect_and_decode(data) == decode_with(data, guess)


@settings(max_examples=200, deadline=None)
@given(BYTES_MIX)
def test_utf8_sniffers_and_control_count_agree_with_their_definitions(data: bytes) -> None:
    from newsclean.encoding.sniff import _MAGIC, utf8_text

    found = utf8_text(data)
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None:
        assert found is not None and found[:2] == (text, 0)
        leads = sum(1 for b in data if b >= 0xC0)
        assert found[2] == f"valid UTF-8 ({leads} multi-byte characters)"
    else:
        assert found is None or found[:2] == (None, 1)
    assert sniff_utf8(data) == (None if found is None else (True, found[1], found[2]))
    core = data[:65536].strip(b"\x00")
    controls = sum(1 for b in core if b == 0x7F or (b < 0x20 and b not in b"\x00\t\n\x0c\r\x1b"))
    reason = binary_reason(data)
    if core and not any(data.startswith(magic) for magic, _ in _MAGIC):
        assert (reason is not None) == (controls * 50 > len(core)), reason


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600))
def test_byte_pair_counts_are_those_of_np_unique(data: bytes) -> None:
    import numpy as np

    from newsclean.encoding.candidates import _high_pairs

    arr = np.frombuffer(data, dtype=np.uint8)
    high = arr >= 0x80
    sel = high[:-1] | high[1:]
    keys = arr[:-1].astype(np.int32)[sel] * 256 + arr[1:][sel]
    want = np.unique(keys, return_counts=True)
    got = _high_pairs(arr, high)
    for a, b in zip(got, want, strict=True):
        assert a.dtype == b.dtype and a.tolist() == b.tolist()


def _decode_sample_plain(data: bytes, codec: str, n_high: int) -> str | None:
    """candidates._decode_sample without its UTF-8 shortcut: the definition."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        start = exc.start
    if start >= len(data) - 4:
        try:
            return data[:start].decode(codec)
        except UnicodeDecodeError:
            pass
    window = data[start : start + 2048]
    bad = window.decode(codec, errors="replace").count("\ufffd")
    if bad * 20 > max(1, sum(1 for b in window if b >= 0x80)):
        return None
    text = codecs.getincrementaldecoder(codec)("replace").decode(data, final=False)
    return None if text.count("\ufffd") * 20 > n_high else text


UTF8_WITH_LEGACY = st.lists(
    st.sampled_from(
        [
            "خبر عاجل ".encode(),
            "وكالة الأنباء ".encode(),
            "مرحبا".encode("cp1256"),
            b"\xe9",
            b"\xd8",
            b"\xef\xbf\xbd",
            "€".encode()[:2],
            b"plain words ",
        ]
    ),
    min_size=1,
    max_size=150,
).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(UTF8_WITH_LEGACY)
def test_utf8_sample_shortcut_agrees_with_the_definition(data: bytes) -> None:
    from newsclean.encoding.candidates import _decode_sample

    n_high = sum(1 for b in data if b >= 0x80)
    assert _decode_sample(data, "utf-8", n_high) == _decode_sample_plain(data, "utf-8", n_high)


def test_utf8_sample_shortcut_at_the_probe_boundary() -> None:
    from newsclean.encoding.candidates import UTF8_PROBE, _decode_sample

    # errors right at the rejection threshold, a character cut by the probe's end
    for n_bad in range(0, 40):
        for shift in range(4):
            head = b"\xd8" + b"a" * shift + b"\xd8" * n_bad
            body = head + "ب".encode() * ((UTF8_PROBE - len(head)) // 2)
            for tail in (b"", "€".encode(), b"\xe2\x82", "ب".encode() * 400):
                data = body + tail
                n_high = sum(1 for b in data if b >= 0x80)
                want = _decode_sample_plain(data, "utf-8", n_high)
                assert _decode_sample(data, "utf-8", n_high) == want, (n_bad, shift, tail)


def _odd_runs_plain(data: bytes) -> tuple[float, int]:
    """candidates.odd_runs by its definition, one run at a time."""
    import re as re_

    runs = [m for m in re_.finditer(rb"[\x80-\xff]+", data) if m.end() < len(data)]
    ended = [m for m in runs if data[m.end()] < 0x30]
    if not ended:
        return 0.0, 0
    return sum(len(m.group()) % 2 for m in ended) / len(ended), len(ended)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"\x80", b"\xe9\xa1", b"a", b" ", b"0", b"\n"]), max_size=60))
def test_odd_runs_counts_by_the_definition(parts: list[bytes]) -> None:
    import numpy as np

    from newsclean.encoding.candidates import odd_runs

    data = b"".join(parts)
    assert odd_runs(np.frombuffer(data, dtype=np.uint8)) == _odd_runs_plain(data)
