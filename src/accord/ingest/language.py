"""Is this text English? py3langid, with probabilities normalised, decides.

Short texts and texts with few letters are not judged (they are kept): a
headline full of names can look Dutch or German to a character n-gram model.
"""

from __future__ import annotations

import re
from functools import lru_cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from accord.errors import NotEnglish
from accord.ingest.limits import (
    ENGLISH_FUNCTION_WORD_SHARE,
    ENGLISH_FUNCTION_WORDS,
    ENGLISH_LIKE_LABELS,
    LANGID_SAMPLE_CHARS,
    MIN_LANGID_LETTERS,
    MIN_WORDS_FOR_FAST_PATH,
    NOT_ENGLISH_MIN_CONFIDENCE,
)

_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639 code) and its probability."""
    language, probability = _identifier().classify(text[:LANGID_SAMPLE_CHARS])
    return language, float(probability)


def check_english(text: str) -> None:
    """Raise ``NotEnglish`` when the text is confidently in another language."""
    sample = text[:LANGID_SAMPLE_CHARS]
    words = _WORD.findall(sample.lower())
    if sum(map(len, words)) < MIN_LANGID_LETTERS:
        return  # too little text to judge: keep it
    if len(words) >= MIN_WORDS_FOR_FAST_PATH:
        common = sum(1 for word in words if word in ENGLISH_FUNCTION_WORDS)
        if common >= ENGLISH_FUNCTION_WORD_SHARE * len(words):
            return  # plainly English: py3langid would only confirm it, at 50 times the cost
    language, probability = detect_language(sample)
    if language not in ENGLISH_LIKE_LABELS and probability >= NOT_ENGLISH_MIN_CONFIDENCE:
        raise NotEnglish(f"not English (detected: {language})")
