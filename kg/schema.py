"""Node and edge kinds of the diplograph knowledge graph, and their stable ids.

The graph itself is a plain `networkx.MultiDiGraph` whose attributes are plain JSON values;
these models validate what goes in and document what comes out. A node's kind is its `type`
attribute; an edge's kind is its `relation` attribute (never `type`, which GEXF reserves).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from diplograph.dates import interval_of
from diplograph.slugs import slugify

from .nodelink import SCHEMA_VERSION

__all__ = [
    "NODE_TYPES",
    "RELATIONS",
    "SCHEMA_VERSION",
    "Agreement",
    "ArticleNode",
    "CooperationArea",
    "Country",
    "Edge",
    "Location",
    "Meeting",
    "Node",
    "Organisation",
    "Person",
    "Relation",
    "Source",
    "as_relation",
    "node_id",
    "slugify",
    "validate_node",
]


NODE_TYPES = (
    "person",
    "organisation",
    "country",
    "location",
    "meeting",
    "cooperation_area",
    "agreement",
    "article",
)

Relation = Literal[
    "participated_in",  # person -> meeting, with `role`
    "held_in",  # meeting -> location or country
    "discussed",  # meeting -> cooperation_area
    "reported_by",  # meeting -> article
    "affiliated_with",  # person -> organisation or country
    "child_of",  # person -> person
    "signed_at",  # agreement -> meeting
    "mentions",  # article -> any entity
]
RELATIONS: tuple[Relation, ...] = get_args(Relation)



def node_id(kind: str, name: str) -> str:
    """Return the stable, readable id of a node: ``kind:slug``.

    >>> node_id("person", "Karim Omar Nasser")
    'person:karim-omar-nasser'
    """
    if kind not in NODE_TYPES:
        raise ValueError(f"unknown node type {kind!r}")
    return f"{kind}:{slugify(name)}"


def as_relation(value: str) -> Relation:
    """Return `value` as an edge's relation, or raise ValueError if it is none of `RELATIONS`.

    >>> as_relation("child_of")
    'child_of'
    """
    if value in RELATIONS:
        return value
    raise ValueError(f"unknown relation {value!r}")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Model):
    """One report of a fact: the article and the sentence, with offsets into the article."""

    article: str
    evidence: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class _NodeBase(_Model):
    id: str
    label: str
    sources: tuple[Source, ...] = ()


class Person(_NodeBase):
    type: Literal["person"] = "person"
    name: str
    aliases: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    # alias -> the articles that spell the person that way
    alias_sources: dict[str, tuple[str, ...]] = {}
    # how the node came to hold more than one spelling: "exact", "transliteration", "user:merge"...
    merged_by: tuple[str, ...] = ()


class Organisation(_NodeBase):
    type: Literal["organisation"] = "organisation"
    name: str


class Country(_NodeBase):
    type: Literal["country"] = "country"
    name: str
    iso: str | None = None  # ISO 3166-1 alpha-2


class Location(_NodeBase):
    type: Literal["location"] = "location"
    name: str
    country: str | None = None


class CooperationArea(_NodeBase):
    type: Literal["cooperation_area"] = "cooperation_area"
    name: str


class Agreement(_NodeBase):
    type: Literal["agreement"] = "agreement"
    kind: str
    text: str
    sectors: tuple[str, ...] = ()


class ArticleNode(_NodeBase):
    type: Literal["article"] = "article"
    path: str
    published: str | None = None  # ISO date
    title: str | None = None
    url: str | None = None
    content_hash: str


class Meeting(_NodeBase):
    type: Literal["meeting"] = "meeting"
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    date_precision: Literal["day", "month", "year"] | None = None
    date_basis: str | None = None  # explicit, relative, article, partial (+ how it was resolved)
    status: Literal["held", "planned", "cancelled"] = "held"
    historical: bool = False
    location: str | None = None
    venue: str | None = None
    mode: Literal["in_person", "phone_call", "video"] = "in_person"
    confidence: float = Field(default=0.5, ge=0.0, le=1.0)
    # Human-readable disagreements between sources: "date: 2024-05-02 (a) vs 2024-05-03 (b)"
    conflicts: tuple[str, ...] = ()

    @field_validator("date")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None and interval_of(value) is None:
            raise ValueError(f"meeting date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        return value


Node = Annotated[
    Person
    | Organisation
    | Country
    | Location
    | Meeting
    | CooperationArea
    | Agreement
    | ArticleNode,
    Field(discriminator="type"),
]


class Edge(_Model):
    """An edge's attributes; `source` and `target` are node ids."""

    source: str
    target: str
    relation: Relation
    role: str | None = None  # participated_in: host, guest, delegation_head, participant
    sources: tuple[Source, ...] = ()

    @property
    def key(self) -> str:
        """A stable key, unique among the edges between two nodes: the relation."""
        return self.relation


class _NodeAdapter(BaseModel):
    node: Node


def validate_node(attrs: dict[str, Any]) -> BaseModel:
    """Validate a node's attribute dict against its kind and return the model.

    >>> validate_node({"id": "country:kenya", "label": "Kenya", "type": "country",
    ...                "name": "Kenya"}).name
    'Kenya'
    """
    return _NodeAdapter.model_validate({"node": attrs}).node
