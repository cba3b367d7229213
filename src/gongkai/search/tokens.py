"""Turning Chinese (and other) text into index tokens, in Python, before any engine sees it.

Two token streams are made from every text:

* **grams** — what matching is done on. Text is NFKC-normalised and lower-cased,
  then cut into *segments*: runs of CJK ideographs and runs of other letters or
  digits (``2026``, ``g20``, ``gdp``). A CJK run of one character gives that
  character; a longer run gives its overlapping bigrams followed by its last
  character (``成纪新城`` → ``成纪 纪新 新城 城``). Other segments are one token
  each. The trailing character makes every character of a run the start of
  some token, so a one-character query (``城``) is found as the prefix query
  ``城*``, and it separates neighbouring runs so a phrase never spans a comma.
* **words** — jieba in search mode (the words and the dictionary words inside
  them: ``棚户 棚户区``), CJK words of two or more characters only. Words never
  decide whether something matches; they add relevance, so an item where the
  query is a real word ranks above one where its characters meet by accident.

A query term is matched as the *phrase* of its grams (see ``query_grams``): a
contiguous substring of the indexed text, however jieba would have segmented
either side. Grams and words live in separate columns so adjacency in the
grams stream is never broken by interleaved words.

jieba is imported and initialised on first use only (importing it costs about
a second, building its dictionary a few more), with its chatter silenced.
jieba runs without its HMM new-word discovery: twice as fast, and new words
are found through the grams anyway.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
import warnings
from dataclasses import dataclass
from math import log

# Longest token kept (longer ones are cut): PostgreSQL refuses words of more
# than 2,047 bytes in a tsquery, and nobody searches for 60 letters.
MAX_TOKEN_CHARS = 60

_CJK = (
    "\u3400-\u4dbf"  # Extension A
    "\u4e00-\u9fff"  # Unified Ideographs
    "\uf900-\ufaff"  # Compatibility Ideographs (NFKC maps most of them away)
    "\U00020000-\U0002ebef"  # Extensions B–F
    "\U00030000-\U0003134f"  # Extension G
)
SEGMENT_RE = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\W_])+)")
CJK_ONLY_RE = re.compile(rf"[{_CJK}]+")
JIEBA_HAN_RE = re.compile("[\u4e00-\u9fd5]+")  # the Chinese characters jieba segments

_jieba = None
_jieba_lock = threading.Lock()


def _tokenizer():
    """jieba's default tokenizer, initialised once, quietly."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                with warnings.catch_warnings():
                    # jieba 0.42 imports setuptools' pkg_resources, which warns that it
                    # is deprecated on every start; nothing for an operator to act on.
                    warnings.filterwarnings("ignore", "pkg_resources is deprecated", UserWarning)
                    import jieba

                jieba.setLogLevel(logging.WARNING)
                jieba.initialize()
                _jieba = jieba.dt
    return _jieba


# Marks that sit inside a phrase without ending it: quotation marks, book-title marks,
# the middle dot of foreign names. They are dropped, so “三公”经费 is 三公经费 to the
# index and to a query, and 印发《办法》的通知 is found by 印发办法. Commas, stops and
# other punctuation still separate.
JOINERS = "\"'“”‘’「」『』《》〈〉﹁﹂﹃﹄·・"
_DROP_JOINERS = str.maketrans("", "", JOINERS)


def normalise(text: str) -> str:
    """NFKC (full-width letters and digits become ASCII), lower case, no ``JOINERS``."""
    return unicodedata.normalize("NFKC", text).lower().translate(_DROP_JOINERS)


@dataclass(frozen=True)
class Segment:
    text: str
    cjk: bool


def segments(text: str) -> list[Segment]:
    """The CJK runs and other letter/digit runs of a text, in order, normalised."""
    return [
        Segment(
            m.group()[:MAX_TOKEN_CHARS] if m.lastgroup == "word" else m.group(),
            m.lastgroup == "cjk",
        )
        for m in SEGMENT_RE.finditer(normalise(text))
    ]


def _segment_grams(segment: Segment) -> list[str]:
    run = segment.text
    if not segment.cjk or len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def grams(text: str) -> list[str]:
    """The gram tokens of an indexed text (see the module docstring)."""
    out: list[str] = []
    for segment in segments(text):
        out.extend(_segment_grams(segment))
    return out


def query_grams(text: str) -> tuple[list[str], bool]:
    """The gram phrase that finds ``text`` as a contiguous substring, and whether
    its last token is a prefix.

    Same tokens as ``grams`` except at the end: the indexed text may go on after
    the query stops, so the last run's trailing character is dropped (``新城``,
    not ``新城 城``), and a last run of a single character becomes a prefix
    (``2026年`` → ``2026 年*``, which finds ``年度`` as well as a lone ``年``).
    """
    segs = segments(text)
    out: list[str] = []
    for segment in segs:
        out.extend(_segment_grams(segment))
    prefix = False
    if segs and segs[-1].cjk:
        if len(segs[-1].text) > 1:
            out.pop()
        else:
            prefix = True
    return out, prefix


def _jieba_words(run: str, freq: dict[str, int], logtotal: float) -> list[str]:
    """jieba's segmentation of a run of its Chinese characters without HMM: its
    ``get_DAG`` and ``calc`` (the most probable route through the dictionary
    words), the same arithmetic in the same order, in one backward pass."""
    n = len(run)
    best = [0.0] * (n + 1)  # log probability of the best route from i to the end
    ends = list(range(1, n + 2))  # where the word starting at i ends on that route
    for i in range(n - 1, -1, -1):
        top = None
        j = i + 1
        frag = run[i]
        while frag in freq:  # prefixes of dictionary words are in it with 0
            count = freq[frag]
            if count:
                score = log(count) - logtotal + best[j]
                if top is None or score >= top:  # jieba's max() of (score, end): ties to longer
                    top, ends[i] = score, j
            if j == n:
                break
            j += 1
            frag = run[i:j]
        best[i] = -logtotal + best[i + 1] if top is None else top
    out = []
    i = 0
    while i < n:
        out.append(run[i : ends[i]])
        i = ends[i]
    return out


def words(text: str) -> list[str]:
    """jieba search-mode words of two or more CJK characters, in order.

    What ``jieba.cut_for_search(segment, HMM=False)`` gives for every CJK
    segment (filtered to words of two or more characters), from rjieba (jieba's
    algorithm and dictionary in Rust, 3–4 times faster; a test checks that the
    two agree on the demo's texts). jieba only knows the characters
    U+4E00–U+9FD5; the others (rare extensions) are single characters to it,
    which are no words.
    """
    cut = _rjieba()
    return [
        word
        for run in JIEBA_HAN_RE.findall(normalise(text))
        if len(run) > 1
        for word in cut(run, False)
        if len(word) > 1
    ]


_rjieba_cut = None


def _rjieba():
    global _rjieba_cut
    if _rjieba_cut is None:
        import rjieba

        _rjieba_cut = rjieba.cut_for_search
    return _rjieba_cut


def cut(run: str) -> list[str]:
    """jieba's (precise mode, no HMM) segmentation of a run of Chinese characters."""
    import rjieba

    return rjieba.cut(normalise(run), False)


def python_words(text: str) -> list[str]:
    """``words`` computed in Python from jieba's own dictionary: the reference the
    agreement test holds rjieba to."""
    tokenizer = _tokenizer()
    freq = tokenizer.FREQ
    logtotal = log(tokenizer.total)
    out: list[str] = []
    for run in JIEBA_HAN_RE.findall(normalise(text)):
        if len(run) < 2:
            continue
        for word in _jieba_words(run, freq, logtotal):
            size = len(word)
            if size > 2:
                out.extend(g for i in range(size - 1) if freq.get(g := word[i : i + 2]))
            if size > 3:
                out.extend(g for i in range(size - 2) if freq.get(g := word[i : i + 3]))
            if size > 1:
                out.append(word)
    return out


def split_words(text: str) -> list[str]:
    """jieba's segmentation of a query term into words (for suggestions), with
    HMM new-word discovery, consecutive single characters joined again
    (``成/纪`` → ``成纪``), non-CJK runs kept whole and punctuation dropped."""
    tokenizer = _tokenizer()
    out: list[str] = []
    for segment in segments(text):
        if not segment.cjk or len(segment.text) <= 2:
            out.append(segment.text)
            continue
        single = ""
        for word in tokenizer.cut(segment.text, HMM=True):
            if len(word) == 1:
                single += word
                continue
            if single:
                out.append(single)
                single = ""
            out.append(word)
        if single:
            out.append(single)
    return out
