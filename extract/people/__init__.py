"""Find the people of one article: names, titles, countries, and every way the text refers to them.

spaCy's small model often tags "General X Y" as an organisation or misses a name in a
speaker line, so names come from three sources: PERSON entities, names anchored by a title
("Deputy Prime Minister X Y", "Chief of Staff of the Z Forces X Y") and names followed by an
appositive title ("X Y, head of the Z Company:"). Mentions are then linked within the article
(`extract.people.linking`).
"""

from .find import find_people
from .linking import HEAD_RANK, Cast, Person

__all__ = ["HEAD_RANK", "Cast", "Person", "find_people"]
