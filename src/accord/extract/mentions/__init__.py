"""accord_mentions: split one article among the incidents it mentions.

Index 0 is the article's main incident; the others are *background* incidents
the article recalls ("In November, a suicide bombing at Quetta's railway
station killed at least 32"), and at most one more mention, flagged
``statistic``, holds aggregate figures ("more than 2,500 killed in 2024") that
belong to no incident. Every claim, quote, date, place and actor of the doc
gets the index of the mention it belongs to in ``.mention``; statistic claims
move from ``doc._.claims`` to ``doc._.statistics``.

The work is done on *units*: sentences, or the two halves of a sentence split
at a comparison cue ("the deadliest since ..."). A unit opens a background
incident when it carries an incident word and anchors to another time (a
temporal cue, or a resolved date away from the main incident's), or to a
place the main incident is not in. A following unit of the same paragraph that
opens with an anaphor ("The blast ...") continues it.

Some articles are made of several incidents, and their structure says so:

- a round-up turns to another incident at a sentence opening on a separation
  cue ("In a separate shooting, ..."), or opens on a count over several
  incidents ("Seven people shot in 72 hours", "in three separate shootings",
  also in the headline above such a count, or right under a headline); from
  there on each sentence goes on with the incident being told, and one opening
  on a clock time ("About 2:05 a.m., a man ...", a paragraph's first even
  before it names the shooting), naming the next ("Officers responded to the
  second shooting") or bringing new people in with a time or place of their
  own ("Two teenage boys were shot around 11:30 p.m.") tells the next; the
  sentences with figures after a count over several incidents, in its
  paragraph, are the incidents it counts;
- a round-up printed in sections: three or more crossheads after the lead that
  name an incident and a place or person ("Shooting behind Nobby's") each open
  a background incident holding their section;
- lists of other stories (a video playlist "1:51 Boy killed ...", the headlines
  and cut teasers after "Related Articles" or "More from ...") are background
  incidents, one per line;
- page furniture (:mod:`accord.extract.furniture`: rights notices, sign-up
  prompts, blocks of teasers printed twice) is no part of the report: nothing
  found on it is kept and it opens no incident;
- a count over a period or over several incidents ("18 people were shot between
  Tuesday afternoon and early Wednesday", "in separate shootings") is a statistic.

History is often told without a time of its own, and its cues are lexicon
comparisons (the rest of the sentence after them speaks of the other incident):
a gathering for somebody "who was fatally shot", "the same block where",
"a similar shooting", "spent 16 years in prison for"; or sentences opening on
an incident just named as another ("In that case, ...", "In the shooting that
left a man dead Friday, ...", "Several other incidents were reported ..."),
and people "also" hurt "in a" shooting of their own.

A sentence in the paragraph of another incident that speaks again of its
people ("Five of the officers died.", "... convicted of murdering Gunn"), of
"the incident", or of nothing countable goes on with it, as does one pointing
at it ("That shooting happened ..."); a time phrase after a speech verb ("told
the paper this week") is when it was said, no other time.

Places say where only when they are the incident's: where somebody lives
("Johnson, 29, of Dayton") or was arrested, the outlet's town at the end of a
page title, and a town of the county named are no other place; nor does any
place make the lede under a headline another incident.
A follow-up keeps its incident: an arrest made elsewhere or days later is the
main incident's, as is a victim's death days later; a lead that reports an
arrest, or a date of a hearing, does not date the incident; and a report with
no date of its own keeps the week before its publication. A place
name that is a person's ("Austin was pronounced dead") anchors nothing.

The package, one concern a module, in the order the split runs:

- :mod:`.cue_lexicon`: the compiled cue patterns of ``background_cues.json`` and what they say of a unit;
- :mod:`.units`: sentences cut into units, and the records that fall in each;
- :mod:`.time_cues`, :mod:`.place_cues`: whether a date, a time phrase or a place is the main incident's;
- :mod:`.page_structure`: headlines, lists of other stories, crossheads;
- :mod:`.anchors`: the main incident's date and place;
- :mod:`.unit_facts`: what the split reads off the units before labelling them;
- :mod:`.background`, :mod:`.labels`: each unit's label, by ordered lists of rules;
- :mod:`.split`: labels into mentions (plain Python over ``models`` records, testable without spaCy);
- :mod:`.write_back`: the split written back onto the records;
- :mod:`.component`: the spaCy component, which only cuts the doc into sentences.
"""

from accord.extract.mentions.component import COMPONENT_VERSION
from accord.extract.mentions.cue_lexicon import Cues, cues, is_statistic, unit_event_type, vague_cue
from accord.extract.mentions.page_structure import crosshead_sections, is_crosshead, related_units
from accord.extract.mentions.place_cues import places_compatible
from accord.extract.mentions.split import Split, split_article
from accord.extract.mentions.time_cues import (
    FOLLOW_UP_DAYS,
    PUBLICATION_LAG_DAYS,
    SAME_INCIDENT_DAYS,
    dates_differ,
    parse_date,
    temporal_cue,
)
from accord.extract.mentions.units import Unit, units_from_sentences
from accord.extract.mentions.write_back import SplitRecords, apply_split, figure_date, split_records

__all__ = ["COMPONENT_VERSION", "FOLLOW_UP_DAYS", "PUBLICATION_LAG_DAYS", "SAME_INCIDENT_DAYS", "Cues", "Split",
           "SplitRecords", "Unit", "apply_split", "crosshead_sections", "cues", "dates_differ", "figure_date",
           "is_crosshead", "is_statistic", "parse_date", "places_compatible", "related_units", "split_article",
           "split_records", "temporal_cue", "unit_event_type", "units_from_sentences", "vague_cue"]
