"""Build ``src/newsclean/data/charmodels.npz``: per-language character unigram/bigram tables.

The decoder scores each candidate decoding of a byte string by how plausible the resulting
characters are in some language.  The statistics come from public word-frequency lists:

* wordfreq 3.x (``small_<lang>.msgpack.gz``; Robyn Speer et al., data CC-BY-SA 4.0),
* jusText stop-word lists (frequency-ordered, Wikipedia-derived; BSD) for languages that
  wordfreq lacks (Esperanto, Estonian, Maltese, Irish, Belarusian, ...),
* the Thai National Corpus word frequencies shipped by PyThaiNLP (Apache-2.0),
* Traditional Chinese derived from the Simplified list through wordfreq's own
  traditional->simplified character mapping.

Only aggregate character statistics end up in the package.  Each word ``w`` with frequency
``f`` contributes the characters and adjacent pairs of ``" " + w + " "`` with weight ``f``.

Run (paths to the unpacked wheels)::

    python tools/build_encoding_models.py --wordfreq /tmp/wf/wordfreq/data \
        --justext .../justext/stoplists --thai .../pythainlp/corpus/tnc_freq.txt
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

WORDFREQ_LANGS = (  # noqa: SIM905
    "ar bg ca cs da de el en es fa fi fil fr he hu id is it ja ko lt lv mk ms nb nl pl pt ro ru "
    "sh sk sl sv tr uk ur vi zh"
).split()
JUSTEXT_LANGS = {
    "eo": "Esperanto",
    "et": "Estonian",
    "mt": "Maltese",
    "ga": "Irish",
    "be": "Belarusian",
    "sq": "Albanian",
    "eu": "Basque",
    "gl": "Galician",
    "cy": "Welsh",
    "af": "Afrikaans",
    "la": "Latin",
    "sr": "Serbian",
    "kk": "Kazakh",
    "az": "Azerbaijani",
}
CJK = {"ja", "zh", "zh-hant", "ko"}
MAX_WORDS = 60_000
MAX_CHARS_ALPHA = 400
MAX_CHARS_CJK = 7000
MIN_CHAR_SHARE = 2e-7


def _wordfreq(path: Path, lang: str) -> list[tuple[str, float]]:
    import msgpack  # build-time only

    with gzip.open(path / f"small_{lang}.msgpack.gz") as f:
        data = msgpack.load(f, raw=False)
    out: list[tuple[str, float]] = []
    for i, bucket in enumerate(data[1:], start=1):
        freq = 10.0 ** (-i / 100.0)
        out.extend((w, freq) for w in bucket)
        if len(out) >= MAX_WORDS:
            break
    return out


def _ranked(words: list[str]) -> list[tuple[str, float]]:
    return [(w, 1.0 / (r + 10.0)) for r, w in enumerate(words)]


def _justext(path: Path, name: str) -> list[tuple[str, float]]:
    words = [w.strip().lower() for w in (path / f"{name}.txt").read_text("utf-8").splitlines()]
    return _ranked([w for w in words if w])


def _thai(path: Path) -> list[tuple[str, float]]:
    out = []
    for line in path.read_text("utf-8").splitlines()[:MAX_WORDS]:
        parts = line.split("\t")
        if len(parts) == 2 and parts[1].isdigit():
            out.append((parts[0], float(parts[1])))
    return out


#: Letters written two ways in real text (Romanian comma-below vs the older cedilla forms that
#: the legacy code pages carry): each word is counted once in each spelling.
VARIANTS = {"ro": str.maketrans("șțȘȚ", "şţŞŢ")}


TONES = "\u0300\u0301\u0303\u0309\u0323"  # tone marks windows-1258 writes as combining


def _cp1258_form(word: str) -> str:
    """Vietnamese as windows-1258 writes it: tone marks as combining characters after a
    precomposed base letter (``ế`` -> ``ê`` + U+0301)."""
    out = []
    for ch in unicodedata.normalize("NFC", word):
        try:
            ch.encode("cp1258")
            out.append(ch)
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in TONES)
        out.append(unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES)) + tones)
    return "".join(out)


#: Languages also counted in a legacy decomposed spelling (as its code page decodes).
DECOMPOSED = {"vi": _cp1258_form}


def _count(
    words: list[tuple[str, float]], cjk: bool, lang: str = ""
) -> tuple[Counter[str], Counter[str]]:
    uni: Counter[str] = Counter()
    bi: Counter[str] = Counter()
    variant = VARIANTS.get(lang)
    if variant:
        words = [(w, f / 2) for w, f in words] + [(w.translate(variant), f / 2) for w, f in words]
    if lang in DECOMPOSED:
        words = [(w, f / 2) for w, f in words] + [(DECOMPOSED[lang](w), f / 2) for w, f in words]
    for word, freq in words:
        w = word.lower() if lang in DECOMPOSED else unicodedata.normalize("NFC", word.lower())
        if not any(ch.isalpha() for ch in w):
            continue
        s = w if cjk else f" {w} "
        for ch in s:
            uni[ch] += freq
        if not cjk:
            for a, b in itertools.pairwise(s):
                bi[a + b] += freq
    return uni, bi


def build(args: argparse.Namespace) -> dict[str, np.ndarray]:
    sources: dict[str, list[tuple[str, float]]] = {}
    for lang in WORDFREQ_LANGS:
        sources[lang] = _wordfreq(Path(args.wordfreq), lang)
    for lang, name in JUSTEXT_LANGS.items():
        sources[lang] = _justext(Path(args.justext), name)
    sources["th"] = _thai(Path(args.thai))

    import msgpack

    with gzip.open(Path(args.wordfreq) / "_chinese_mapping.msgpack.gz") as f:
        t2s = msgpack.load(f, raw=False, strict_map_key=False)
    s2t: dict[str, list[str]] = defaultdict(list)
    for trad, simp in t2s.items():
        if len(simp) == 1:
            s2t[simp].append(chr(trad))

    out: dict[str, np.ndarray] = {}
    langs = sorted([*sources, "zh-hant"])
    out["langs"] = np.array(langs)
    for lang in langs:
        cjk = lang in CJK
        if lang == "zh-hant":
            uni_s, _ = _count(sources["zh"], True)
            uni: Counter[str] = Counter()
            for ch, c in uni_s.items():
                trads = s2t.get(ch)
                if trads:
                    for t in trads:
                        uni[t] += c / len(trads)
                else:
                    uni[ch] += c
            bi: Counter[str] = Counter()
        else:
            uni, bi = _count(sources[lang], cjk, lang)
        total = sum(uni.values())
        limit = MAX_CHARS_CJK if cjk else MAX_CHARS_ALPHA
        chars = [ch for ch, c in uni.most_common(limit) if c / total >= MIN_CHAR_SHARE]
        if not cjk and " " not in chars:
            chars.append(" ")
        index = {ch: i for i, ch in enumerate(chars)}
        kept = np.array([uni[ch] for ch in chars], dtype=np.float64)
        out[f"{lang}/chars"] = np.array([ord(ch) for ch in chars], dtype=np.int32)
        out[f"{lang}/uni"] = (kept / kept.sum()).astype(np.float32)
        pairs = [
            (index[p[0]], index[p[1]], c) for p, c in bi.items() if p[0] in index and p[1] in index
        ]
        if pairs:
            arr = np.array(pairs, dtype=np.float64)
            arr[:, 2] /= arr[:, 2].sum()
            keep = arr[:, 2] >= 1e-7
            arr = arr[keep]
            out[f"{lang}/bi_ij"] = arr[:, :2].astype(np.uint16)
            out[f"{lang}/bi_p"] = arr[:, 2].astype(np.float32)
        print(
            f"{lang:8s} words={len(sources.get(lang, sources.get('zh', [])))} "
            f"chars={len(chars)} bigrams={len(pairs)}"
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--wordfreq", required=True, help="wordfreq/data directory")
    ap.add_argument("--justext", required=True, help="justext/stoplists directory")
    ap.add_argument("--thai", required=True, help="pythainlp/corpus/tnc_freq.txt")
    ap.add_argument("--out", default="src/newsclean/data/charmodels.npz")
    args = ap.parse_args()
    np.savez_compressed(args.out, **build(args))
    print("wrote", args.out, Path(args.out).stat().st_size, "bytes")


if __name__ == "__main__":
    main()
