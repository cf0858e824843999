"""A small, invented knowledge graph for examples and doctests.

Like `networkx.karate_club_graph`, `example_graph` returns the same graph on every call, so
that documentation can show queries on it without building one first. Its people are
invented; its countries and cities are real.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from .graph import add_edge, add_node, new_graph
from .schema import (
    Agreement,
    ArticleNode,
    CooperationArea,
    Country,
    Edge,
    Location,
    Meeting,
    Person,
    Source,
    node_id,
)

if TYPE_CHECKING:  # types only: the graph's readers never import the extraction
    from diplograph.dates import Precision
    from extract.records import Mode, Status

__all__ = ["example_graph"]

_ARTICLE = "oslo-talks-5e1c07a2"
_EVIDENCE = "Ingrid Dahl received Omar Nasser and his son Karim Omar Nasser in Oslo on 2 May 2024."


def example_graph() -> nx.MultiDiGraph:
    """Return a small diplograph knowledge graph of invented people.

    Five people from four countries, and six meetings:

    ==========  =========  ================  =========================  =============
    date        status     mode, place       people                     topics
    ==========  =========  ================  =========================  =============
    2023        held       in person, Amman  Dahl, Omar Nasser          energy
    2024-05-02  held       in person, Oslo   Dahl, both Nassers         energy, trade
    2024-09     held       phone call        Dahl, Yıldız               trade
    2024-10     cancelled  in person, Kyiv   Dahl, Kovalenko            energy
    2024-11-14  held       video call        Yıldız, Kovalenko          transport
    2025-06     planned    in person, Amman  Yıldız, Karim Omar Nasser  tourism
    ==========  =========  ================  =========================  =============

    The people: Ingrid Dahl (Norway), Omar Nasser and his son Karim Omar Nasser (Jordan, so
    that the surname "Nasser" alone is ambiguous), Ayşe Yıldız (Turkey) and Mykola Kovalenko
    (Ukraine, also spelt "Nikolai Kovalenko"). An energy memorandum was signed at the Oslo
    meeting, which one article reports.

    Returns
    -------
    networkx.MultiDiGraph
        A new graph on each call, built with `kg.add_node` and `kg.add_edge` from the
        `kg.schema` models; the same nodes, edges and attributes every time.

    Examples
    --------
    >>> import kg
    >>> G = kg.example_graph()
    >>> len(kg.nodes_of_type(G, "person")), len(kg.nodes_of_type(G, "meeting"))
    (5, 6)
    >>> G.nodes["meeting:2024-09-ayse-yildiz-ingrid-dahl"]["mode"]
    'phone_call'
    >>> [v for _, v, r in G.out_edges("person:karim-omar-nasser", keys=True) if r == "child_of"]
    ['person:omar-nasser']
    """
    G = new_graph()

    countries = {name: add_node(G, Country(id=node_id("country", name), label=name, name=name,
                                           iso=iso))
                 for name, iso in (("Norway", "NO"), ("Jordan", "JO"), ("Turkey", "TR"),
                                   ("Ukraine", "UA"))}
    places = {name: add_node(G, Location(id=node_id("location", name), label=name, name=name,
                                         country=country))
              for name, country in (("Oslo", "Norway"), ("Amman", "Jordan"),
                                    ("Kyiv", "Ukraine"))}
    areas = {name: add_node(G, CooperationArea(id=node_id("cooperation_area", name), label=name,
                                               name=name))
             for name in ("energy", "trade", "tourism", "transport")}

    people = {}
    for name, aliases, title, country in [
        ("Ingrid Dahl", (), "Minister of Foreign Affairs", "Norway"),
        ("Omar Nasser", (), "Prime Minister", "Jordan"),
        ("Karim Omar Nasser", (), "Special Envoy", "Jordan"),
        ("Ayşe Yıldız", (), "Minister of Trade", "Turkey"),
        ("Mykola Kovalenko", ("Nikolai Kovalenko",), "Deputy Prime Minister", "Ukraine"),
    ]:
        pid = add_node(G, Person(id=node_id("person", name), label=name, name=name,
                                 aliases=aliases, titles=(title,), countries=(country,)))
        add_edge(G, Edge(source=pid, target=countries[country], relation="affiliated_with"))
        people[name] = pid
    add_edge(G, Edge(source=people["Karim Omar Nasser"], target=people["Omar Nasser"],
                     relation="child_of"))

    article = add_node(G, ArticleNode(
        id=node_id("article", _ARTICLE), label="Norway and Jordan sign an energy memorandum",
        path="articles/oslo-talks.txt", published="2024-05-03",
        title="Norway and Jordan sign an energy memorandum",
        content_hash="5e1c07a2" * 5,
    ))
    source = Source(article=_ARTICLE, evidence=_EVIDENCE, start=0, end=len(_EVIDENCE))

    # date, precision, status, mode, place, {person: role}, topics
    plan: list[tuple[str, Precision, Status, Mode, str | None, dict[str, str], tuple[str, ...]]] = [
        ("2023", "year", "held", "in_person", "Amman",
         {"Ingrid Dahl": "guest", "Omar Nasser": "host"}, ("energy",)),
        ("2024-05-02", "day", "held", "in_person", "Oslo",
         {"Ingrid Dahl": "host", "Karim Omar Nasser": "participant",
          "Omar Nasser": "guest"}, ("energy", "trade")),
        ("2024-09", "month", "held", "phone_call", None,
         {"Ayşe Yıldız": "participant", "Ingrid Dahl": "participant"}, ("trade",)),
        ("2024-10", "month", "cancelled", "in_person", "Kyiv",
         {"Ingrid Dahl": "guest", "Mykola Kovalenko": "host"}, ("energy",)),
        ("2024-11-14", "day", "held", "video", None,
         {"Ayşe Yıldız": "participant", "Mykola Kovalenko": "participant"}, ("transport",)),
        ("2025-06", "month", "planned", "in_person", "Amman",
         {"Ayşe Yıldız": "guest", "Karim Omar Nasser": "host"}, ("tourism",)),
    ]
    for date, precision, status, mode, place, roles, topics in plan:
        slugs = "-".join(sorted(people[name].split(":", 1)[1] for name in roles))
        reported = date == "2024-05-02"
        meeting = add_node(G, Meeting(
            id=f"meeting:{date}-{slugs}", label=f"{' – '.join(roles)} ({date})", date=date,
            date_precision=precision, date_basis="explicit", status=status, location=place,
            mode=mode, confidence=0.9 if reported else 0.7,
            sources=(source,) if reported else (),
        ))
        for name, role in roles.items():
            add_edge(G, Edge(source=people[name], target=meeting, relation="participated_in",
                             role=role))
        if place is not None:
            add_edge(G, Edge(source=meeting, target=places[place], relation="held_in"))
        for topic in topics:
            add_edge(G, Edge(source=meeting, target=areas[topic], relation="discussed"))
        if reported:
            add_edge(G, Edge(source=meeting, target=article, relation="reported_by",
                             sources=(source,)))
            text = "memorandum of understanding on renewable energy"
            agreement = add_node(G, Agreement(
                id=f"agreement:{meeting.split(':', 1)[1]}-memorandum", label=text,
                kind="memorandum", text=text, sectors=("energy",), sources=(source,)))
            add_edge(G, Edge(source=agreement, target=meeting, relation="signed_at",
                             sources=(source,)))
            for target in (people["Ingrid Dahl"], people["Omar Nasser"], places["Oslo"]):
                add_edge(G, Edge(source=article, target=target, relation="mentions",
                                 sources=(source,)))
    return G
