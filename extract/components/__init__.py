"""The extraction pipeline's own spaCy components, and the Doc extensions they write.

The model's ``attribute_ruler`` is replaced by ``diplograph_attributes``: the same patterns and
annotations, matched by table (`extract.components.attributes`). Then, in pipeline order (see
`extract.model.load_pipeline`), after the model's components:

- ``diplograph_line_breaks`` (before the parser): sentences start at line ends;
- ``diplograph_letters``: the Doc gets its own letters back (the model read them unmarked);
- ``diplograph_lexicon``: spaCy's span ruler marks titles, meeting words, topics, agreements;
- ``diplograph_context``: ``doc._.body``, ``doc._.story``, ``doc._.quoted``, ``doc._.dateline``;
- ``diplograph_people``: ``doc._.cast`` (``doc._.people``);
- ``diplograph_dates``: ``doc._.story_dates``;
- ``diplograph_meetings``: ``doc._.drafts`` and ``doc._.meetings``, as the rules read them;
- ``diplograph_meeting_pairs``: a learned model decides the meetings again, the rules' among
  its features (`extract.learned`);
- ``diplograph_topics``: each meeting's topics and agreements.

Importing this package registers the factories and the extensions.
"""

from spacy.tokens import Doc

from ..learned import PAIRS
from .attributes import ATTRIBUTES
from .context import CONTEXT, Page
from .letters import LETTERS, FoldingTokenizer
from .rules import DATES, MEETINGS, PEOPLE, TOPICS
from .sentences import LINE_BREAKS

__all__ = ["ATTRIBUTES", "CONTEXT", "DATES", "LETTERS", "LINE_BREAKS", "MEETINGS", "PAIRS",
           "PEOPLE", "RULES", "TOPICS", "FoldingTokenizer", "Page"]

# The components that read a whole story: a long text is parsed in pieces, joined, then read.
RULES = (CONTEXT, PEOPLE, DATES, MEETINGS, PAIRS, TOPICS)

for _name, _default in {
    "page": None,  # Page: the article and its clean text (set before the pipeline runs)
    "body": None,  # list of bool: per token, whether it stands in a line of prose
    "story": None,  # list of bool: prose, and headings that prose follows
    "quoted": None,  # list of bool: per token, whether it stands in quoted speech
    "dateline": None,  # Date: the dateline's day
    "dateline_span": (0, 0),  # (start, end) characters of the dateline
    "cast": None,  # extract.people.Cast
    "story_dates": None,  # extract.dating.story.StoryDates
    "drafts": None,  # list of extract.meetings.Draft, one per meeting word
    "meetings": None,  # list of extract.meetings.Draft, merged: one per meeting
}.items():
    Doc.set_extension(_name, default=_default, force=True)
Doc.set_extension("people", getter=lambda doc: doc._.cast.people if doc._.cast else [],
                  force=True)
