"""Every limit and tuned threshold of ``accord.ingest``, in one place.

Each value says how it was chosen. Calibration scripts were run over the dev
data in ``../shared/data`` (the 1,187 GVA local news texts and their titles, 84 PolNeAR
articles, the three seed reports) and over short non-English news paragraphs
written for the purpose (French, German, Spanish, Italian, Dutch, Russian, Urdu).
"""

from __future__ import annotations

# --------------------------------------------------------------------------- sizes

# A file larger than this is skipped from its ``stat`` size, without being read.
# Real news pages, boilerplate and inline scripts included, stay under 5 MB; 16 MiB
# leaves room for heavy pages while a stray dump or video is refused at once.
MAX_FILE_BYTES = 16 * 1024 * 1024

# Longest article text kept, after extraction and normalisation. Long-form features
# run to 60,000 characters; beyond 200,000 it is a book, a transcript or a page dump,
# and one such text would dominate the extraction time of a batch.
MAX_ARTICLE_CHARS = 200_000

# How much of a file is looked at to tell text from binary (magic numbers, NUL bytes).
SNIFF_BYTES = 8192

# Share of control characters (other than tab, newline, form feed, carriage return)
# in the decoded text above which a file is called binary. Text files have none;
# binary data decoded as a legacy code page has several per cent.
MAX_CONTROL_CHAR_SHARE = 0.01

# A file that is not valid UTF-8 is read as Windows-1252 when it decodes strictly and
# fewer than this share of its bytes are non-ASCII: Latin-script text with a few
# curly quotes, dashes and accents. Cyrillic, Greek or Arabic single-byte code pages
# have most letters above 0x7F (40-90 %), so they go to charset-normalizer instead,
# which names them correctly but mistakes English cp1252 text for cp775.
MAX_NON_ASCII_SHARE_FOR_CP1252 = 0.10

# --------------------------------------------------------------------------- language

# Characters of the text (from its start) given to the language identifier. py3langid
# costs about 1.3 ms per 1,000 characters (its n-gram walk is pure Python), the largest
# per-file cost of ingest. On the dev data, English 400-character windows were never
# misjudged, and every non-English paragraph scored >= 0.99 from 200 characters on.
LANGID_SAMPLE_CHARS = 1000

# Below this many letters (about 80 characters of prose) the language is not judged:
# the text is kept.
# On random 80-character windows of the English dev texts, the best non-English guess
# of py3langid (probabilities normalised) never exceeded 0.23 (bylines, lists of names);
# on 40-character windows it reached 0.65 ("Alex Wiederspiel in News | November 23,").
MIN_LANGID_LETTERS = 60

# A text is "not English" only when py3langid gives another language at least this
# probability. Every written French/German/Spanish/Italian/Dutch/Russian/Urdu paragraph
# scored >= 0.97 from 80 characters on; English windows never passed 0.23 (see above).
NOT_ENGLISH_MIN_CONFIDENCE = 0.90

# Fast path: a sample in which at least this share of the words are common English
# function words is English without asking py3langid. On the dev data 99 % of English
# texts pass (median 16 %); the French, German, Spanish, Italian, Dutch, Russian and Urdu
# paragraphs score 0 %. Words that are also words of other languages ("was", "is", "on",
# "for", "had", "in", "a") are left out. Texts below the share go to py3langid.
ENGLISH_FUNCTION_WORDS = frozenset(
    "the and of said that with from after they were been have which would their this when who".split()
)
ENGLISH_FUNCTION_WORD_SHARE = 0.05
MIN_WORDS_FOR_FAST_PATH = 20

# Labels that are not a reason to refuse a text: English itself, Nigerian Pidgin (an
# English creole py3langid picks for datelines and bylines), and "no linguistic content".
ENGLISH_LIKE_LABELS = frozenset({"en", "pcm", "zxx"})

# --------------------------------------------------------------------------- plain text

# The first line of a .txt file is its title when it reads like a headline: at most this
# many characters and words, no final full stop, and more text after it.
MAX_HEADLINE_CHARS = 200
MAX_HEADLINE_WORDS = 30

# --------------------------------------------------------------------------- near duplicates

# Words per shingle. Five words survive house-style edits ("on Tuesday" -> "Tuesday")
# that touch one shingle window at a time, while two independent reports of one event
# rarely share five words in a row outside quotations.
SHINGLE_WORDS = 5

# MinHash permutations: standard error of the Jaccard estimate ~ 1/sqrt(128) = 0.09.
NUM_PERM = 128

# Calibrated on the 870 pairs of reports of the same incident in gva-dev (exact shingle
# sets): independent reports, even ones rewritten from the same wire story with new
# facts, reach containment <= 0.51 (Jaccard <= 0.33); the same outlet's story updated
# with a new top paragraph, 0.57-0.68; copies of one story on two sites, or with a
# paragraph added or cut, 0.76-1.0 (Jaccard 0.59-1.0). The thresholds sit in the gap.

# Candidate retrieval threshold of the LSH index (estimated Jaccard). Set low so that
# a copy cut to a third of the original (Jaccard ~0.25) is still a candidate; every
# candidate is then checked with the two rules below, which are cheap.
LSH_CANDIDATE_THRESHOLD = 0.2

# A candidate is a near duplicate when the estimated Jaccard similarity of the shingle
# sets reaches this, ...
NEAR_DUPLICATE_JACCARD = 0.5
# ... or when the shorter text is contained in the longer one at least this much
# (a wire copy with paragraphs cut, or a paragraph added), provided the shorter text
# has enough shingles (about 45 words) for the containment estimate to mean something.
NEAR_DUPLICATE_CONTAINMENT = 0.7
MIN_SHINGLES_FOR_CONTAINMENT = 40

# --------------------------------------------------------------------------- HTML

# trafilatura falls back to any text it finds, so a 404 page or a section front still
# gives "text" (menu items, link lists). An HTML page is an article only when its
# extracted text has prose: lines of at least MIN_PROSE_LINE_WORDS words, together at
# least MIN_HTML_PROSE_CHARS characters. Menu entries and headline lists run 1-8
# words a line; one news paragraph is 25-60 words and 150-400 characters.
MIN_PROSE_LINE_WORDS = 10
MIN_HTML_PROSE_CHARS = 100
