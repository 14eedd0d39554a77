"""A blank line ends a sentence: set before the parser, so a paragraph is never parsed into the next.

Reports and their extracted text run paragraphs without a final stop: bullet summaries ("Two hundred
people were injured, 80 of them seriously" and the next point on its own line), headlines, photo
captions, datelines. The parser joins such a paragraph to the next one and the sentence's words then
hang off the wrong verb. A sentence start the parser is given is one it keeps.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from accord.extract.figures.layout import PARAGRAPH_NEWLINES

#: The component's name: no "accord_" prefix, as it belongs to the parse (evaluations that switch accord's
#: components off keep it).
PARAGRAPH_BREAKS = "paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the first word after a blank line as a sentence start."""
    for token in doc[:-1]:
        if token.is_space and token.text.count("\n") >= PARAGRAPH_NEWLINES:
            following = doc[token.i + 1]
            if not following.is_space:
                following.is_sent_start = True
    return doc
