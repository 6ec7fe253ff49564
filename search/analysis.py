"""The one Chinese text analyzer every search backend uses, for indexed text and queries alike.

Search engines split text into words at spaces and punctuation, which Chinese does not have:
SQLite's FTS5, PostgreSQL's text search and Elasticsearch's standard analyzer would see
宁德市零工市场规范化建设实施方案 as one word (or as single characters).  Here jieba, with the
project's domain dictionary (``dictionary.txt``), segments the text into words, which are
joined with spaces so that every backend's own tokenizer splits them back the same way.

- ``analyze_for_index`` emits each word, every dictionary word inside it (零工市场 also as
  零工 and 市场; 一次性建设补助 also as 建设补助) and its characters, so sub-words are found.
- ``analyze_query`` emits the words of a query (jieba's precise mode), which are therefore
  among the indexed tokens of any text containing them.
- Document numbers (宁人社规〔2024〕3号) become one token for the whole number plus its
  parts (宁人社规, 2024, 3) on both sides, so the whole number and each part are found.

Both sides normalise full-width forms (ＡＢＣ２０２４ → abc2024) and drop punctuation and
a few function words.
"""

import functools
import html
import logging
import re
import threading
import unicodedata
from pathlib import Path

import jieba

DICTIONARY = Path(__file__).resolve().parent / "dictionary.txt"

# 宁人社规〔2024〕3号, 闽人社文〔2022〕127号, also typed as 宁人社规2024年3号 or with [ ] ( ).
DOCUMENT_NUMBER = re.compile(
    r"(?P<prefix>[\u4e00-\u9fff]{1,12})\s*[〔［\[（(【]?\s*(?P<year>(?:19|20)\d{2})\s*[〕］\]）)】年]?\s*"
    r"(?P<serial>\d{1,4})\s*号"
)
TAGS = re.compile(r"<[^>]+>")
# Single-character function words: they carry no meaning in a query and would make AND searches miss.
STOP_WORDS = frozenset(
    "的 了 和 与 及 或 在 是 等 对 为 将 把 被 之 其 并 由 于 按 向 从 以 而 也 就 都 这 那 个".split()
)

_lock = threading.Lock()


@functools.cache
def tokenizer():
    """jieba's tokenizer with the domain dictionary, built once per process."""
    with _lock:
        jieba.setLogLevel(logging.WARNING)
        instance = jieba.Tokenizer()
        instance.initialize()
        instance.load_userdict(str(DICTIONARY))
        return instance


def normalise(text):
    """Plain, half-width, lower-case text (HTML tags and entities removed)."""
    text = html.unescape(TAGS.sub(" ", text or ""))
    return unicodedata.normalize("NFKC", text).lower()


def is_word(token):
    token = token.strip()
    return bool(token) and token not in STOP_WORDS and any(ch.isalnum() for ch in token)


def document_number_tokens(match):
    """The whole number as one token and its year and serial: 宁人社规2024年3号, 2024, 3.

    The issuer's abbreviation (宁人社规) is the last word of the text before the bracket,
    which is tokenised like any other text.
    """
    issuer = [word for word in tokenizer().lcut(match["prefix"], HMM=False) if is_word(word)][-1]
    year, serial = match["year"], str(int(match["serial"]))
    return [f"{issuer}{year}年{serial}号", year, serial]


def sub_words(word):
    """Every dictionary word strictly inside ``word``, and its single Chinese characters.

    The characters let a query word missing from the dictionary, which jieba splits into
    characters (运维 → 运 维), still find text where it is part of a longer word (运维补助).
    """
    frequencies = tokenizer().FREQ
    found = [char for char in word if "\u4e00" <= char <= "\u9fff"] if len(word) > 1 else []
    for length in range(2, len(word)):
        for start in range(len(word) - length + 1):
            piece = word[start : start + length]
            if frequencies.get(piece):
                found.append(piece)
    return found


def _segments(text):
    """Split text into (plain text, document number match) pieces in order."""
    position = 0
    for match in DOCUMENT_NUMBER.finditer(text):
        yield text[position : match.end("prefix")], None
        yield None, match
        position = match.end()
    yield text[position:], None


def _tokens(text, *, for_index):
    tokens = []
    for plain, number in _segments(normalise(text)):
        if number is not None:
            tokens.extend(document_number_tokens(number))
            continue
        for word in tokenizer().cut(plain, HMM=False):
            if not is_word(word):
                continue
            if for_index:
                tokens.extend(sub_words(word))
            tokens.append(word)
    return tokens


def analyze_for_index(text):
    """Text as space-separated tokens for the index (words and their sub-words)."""
    return " ".join(_tokens(text, for_index=True))


def query_terms(text):
    """The distinct words of a query, in order (also used to highlight matches)."""
    return list(dict.fromkeys(_tokens(text, for_index=False)))


def analyze_query(text):
    """A query as space-separated words, for any backend's query parser."""
    return " ".join(query_terms(text))
