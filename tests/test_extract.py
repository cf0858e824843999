"""Extraction on small invented articles: people, meetings, places, topics, noise."""

from __future__ import annotations

import pytest
from conftest import pairs

from extract import ArticleExtraction
from extract.clean import clean_page


def names(x: ArticleExtraction) -> set[str]:
    return {p.name for p in x.people}


def unordered(found: list[tuple[frozenset[str], str | None]]) -> list[tuple[list[str], str]]:
    """Meetings in an order of their own: a frozenset's str depends on the hash seed."""
    return sorted((sorted(people), date or "") for people, date in found)


def test_explicit_meeting_with_date_and_place(run):
    x = run("President Anna Kowalski of Poland held talks with Prime Minister Jonas Berg of "
            "Norway in Warsaw on March 3, 2024. They discussed energy and trade.")
    assert pairs(x) == [(frozenset({"Anna Kowalski", "Jonas Berg"}), "2024-03-03")]
    meeting = x.meetings[0]
    assert meeting.location == "Warsaw"
    assert meeting.status == "held"
    assert {t.area for t in meeting.topics} == {"energy", "trade"}
    people = {p.name: p for p in x.people}
    assert "Poland" in people["Anna Kowalski"].countries
    assert "President" in people["Anna Kowalski"].titles


def test_title_before_name_makes_a_person(run):
    x = run("Field Marshal Oskar Brandt received Deputy Foreign Minister Lea Moreau in Bern "
            "yesterday.")
    assert names(x) == {"Oskar Brandt", "Lea Moreau"}
    assert pairs(x) == [(frozenset({"Oskar Brandt", "Lea Moreau"}), "2024-03-04")]
    roles = {q.role for q in x.meetings[0].participants}
    assert roles == {"host", "guest"}


def test_delegation_head_takes_part(run):
    x = run("Chancellor Petra Lindqvist received a delegation led by Foreign Minister Ivo Saar "
            "at the Rosenborg Palace today.")
    assert pairs(x) == [(frozenset({"Petra Lindqvist", "Ivo Saar"}), "2024-03-05")]
    assert x.meetings[0].venue == "Rosenborg Palace"


def test_quoted_speech_states_no_meeting(run):
    x = run('"I met many friends in Paris," said Jonas Berg, the Norwegian Prime Minister, '
            "speaking about Anna Kowalski.")
    assert x.meetings == ()


def test_planned_meeting(run):
    x = run("Prime Minister Jonas Berg will meet President Anna Kowalski in Oslo in April.")
    assert len(x.meetings) == 1
    assert x.meetings[0].status == "planned"
    assert x.meetings[0].date is not None and x.meetings[0].date.value == "2024-04"


def test_historical_meeting(run):
    x = run("President Anna Kowalski recalled that she had visited Chile in 1999 to meet with "
            "President Ramon Ortiz.")
    assert pairs(x) == [(frozenset({"Anna Kowalski", "Ramon Ortiz"}), "1999")]
    assert x.meetings[0].historical


def test_surname_links_to_the_full_name(run):
    x = run("Minister Karel Novak arrived in Vienna on Monday. Novak met with Chancellor Eva "
            "Gruber on Tuesday.")
    assert names(x) == {"Karel Novak", "Eva Gruber"}
    assert pairs(x) == [(frozenset({"Karel Novak", "Eva Gruber"}), "2024-03-05")]


def test_phone_call_mode(run):
    x = run("President Anna Kowalski held a phone call with President Ramon Ortiz on Friday.")
    assert len(x.meetings) == 1
    assert x.meetings[0].mode == "phone_call"


def test_page_furniture_yields_nobody(run):
    text = (
        "date 2024-03-05 site.example https://img.example.com/a.jpg 480w\n\n"
        "Prime Minister Jonas Berg met President Anna Kowalski in Oslo.\n\n"
        "- PoliticsMinister Tove Lund resigns over budgetThe material is for subscribers\n"
        "Likes Author\n\n3 Comments\n\nAvatar of Bruno Marsh\n\nBruno Marsh\n\n"
        "Berg met Kowalski? A waste of time, says Bruno Marsh.\n"
    )
    x = run(text)
    assert names(x) == {"Jonas Berg", "Anna Kowalski"}
    assert len(x.meetings) == 1


def test_a_pages_header_fields_and_a_datelines_agency_yield_nobody(run):
    text = (
        "date 2024-03-05 site.example | Source: Nordwire | Editor: Tove Lund | Print | Email\n"
        "Ambassador Hosts Luncheon for Polish President, Talks Energy\n\n"
        "OSLO, March 5 (Nordwire) -- Prime Minister Jonas Berg met President Anna Kowalski in "
        "Oslo on Tuesday.\n"
    )
    x = run(text)
    assert names(x) == {"Jonas Berg", "Anna Kowalski"}
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski"}), "2024-03-05")]


def test_a_caption_and_its_credit_yield_nobody(run):
    text = (
        "Prime Minister Jonas Berg met President Anna Kowalski in Oslo on Tuesday.\n\n"
        "Photo: Minister Ivo Saar greets guests at the palace, March 5, 2024. | Photo Credit: "
        "Sushil Kumar Verma\nShare\n"
    )
    x = run(text)
    assert names(x) == {"Jonas Berg", "Anna Kowalski"}


def test_a_list_of_related_links_yields_no_meeting(run):
    text = (
        "Prime Minister Jonas Berg met President Anna Kowalski in Oslo on Tuesday.\n\n"
        "RELATED\n- President Ivo Saar and Prime Minister Tove Lund held talks in Bergen\n"
        "- Saar: Estonia ready to join the Baltic grid by next spring\n"
        "- Airline adds new routes\n\nThe talks lasted two hours.\n"
    )
    x = run(text)
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski"}), "2024-03-05")]


def test_evidence_points_into_the_original_text(run):
    text = ("date 2024-03-05 https://cdn.example.com/x.webp 768w\n"
            "Prime Minister Jonas Berg met President Anna Kowalski in Oslo.\n")
    x = run(text)
    evidence = x.meetings[0].evidence[0]
    assert text[evidence.start:evidence.end] == evidence.sentence
    assert evidence.sentence.startswith("Prime Minister Jonas Berg met")


def test_agreement_signed(run):
    x = run("President Anna Kowalski and Prime Minister Jonas Berg met in Oslo today and signed "
            "a memorandum of understanding on energy cooperation.")
    assert len(x.meetings) == 1
    agreement = x.meetings[0].agreements[0]
    assert agreement.kind == "memorandum"
    assert "energy" in agreement.sectors


def test_clean_page_maps_offsets_back():
    text = "date 2024-01-02 https://a.example/x.png 480w\nThe ministers met.\n5 Comments\nMe"
    clean = clean_page(text)
    assert clean.text == "The ministers met."
    start = clean.to_original(0)
    end = clean.to_original(len(clean.text), end=True)
    assert text[start:end] == "The ministers met."


@pytest.mark.parametrize("text", ["", " ", "\x00\x01", "😀" * 50, "Mr.", "met met met"])
def test_never_crashes_on_odd_text(run, text):
    assert isinstance(run(text), ArticleExtraction)


def test_hyphenated_and_particle_names_stay_whole(run):
    x = run("Foreign Minister Lee Seo-yeon met Sheikh Nasser bin Hamad al-Mansouri in Seoul "
            "yesterday. Lee thanked al-Mansouri for the visit.")
    assert names(x) == {"Lee Seo-yeon", "Nasser bin Hamad al-Mansouri"}
    assert pairs(x) == [(frozenset({"Lee Seo-yeon", "Nasser bin Hamad al-Mansouri"}),
                         "2024-03-04")]


def test_a_pair_named_again_as_the_two_ministers(run):
    x = run("Foreign Minister Ana Duarte spoke by phone with Foreign Minister Pieter de Vries on "
            "Monday.\n\nThe two ministers last met in person in Lisbon in January.")
    assert unordered(pairs(x)) == unordered([
        (frozenset({"Ana Duarte", "Pieter de Vries"}), "2024-03-04"),
        (frozenset({"Ana Duarte", "Pieter de Vries"}), "2024-01"),
    ])


def test_portfolio_ends_a_title(run):
    x = run("Minister of Natural Resources and Environment Nguyen Van Long met Minister for "
            "Foreign Affairs Keiko Sato in Hanoi on Friday.")
    assert names(x) == {"Nguyen Van Long", "Keiko Sato"}


def test_bylines_and_credits_are_not_people(run):
    text = ("date 2024-03-05\nBy Marta Kowalczyk\n4 min read | Updated 2 hours ago\n\n"
            "President Anna Kowalski met Prime Minister Jonas Berg in Oslo.\n\n"
            "(Reporting by Tom Ellis; Editing by Ruth Amsel)\n")
    assert names(run(text)) == {"Anna Kowalski", "Jonas Berg"}


def test_hard_wrapped_paragraph_is_one_sentence(run):
    text = ("date 2024-03-05\n\nPresident Anna Kowalski of Poland held talks with Prime\n"
            "Minister Jonas Berg of Norway in Warsaw on March 3, 2024, officials said.\n")
    assert pairs(run(text)) == [(frozenset({"Anna Kowalski", "Jonas Berg"}), "2024-03-03")]


def test_a_described_counterpart_is_kept_for_resolution(run):
    x = run("President Anna Kowalski recalled that she had visited Chile and met with the "
            "country's former president.")
    [meeting] = x.meetings
    assert [q.person for q in meeting.participants] == [x.people[0].key]
    assert meeting.counterpart == "the country's former president"
    assert meeting.historical


def test_words_before_a_name_and_places_are_not_people(run):
    x = run("When President Anna Kowalski visited Norway, she met Prime Minister Jonas Berg in "
            "Savusavu Levu and toured the North Harbour Railway.")
    assert names(x) == {"Anna Kowalski", "Jonas Berg"}


def test_a_title_word_inside_a_name_stays_in_it(run):
    x = run("President William Okoth hosted President Hassan Sheikh Ali in Nairobi on Monday.")
    assert "Hassan Sheikh Ali" in names(x)


def test_a_subject_pronoun_continues_the_last_subject(run):
    x = run("Foreign Minister Lea Moreau conveyed a message from President Oskar Brandt, who met "
            "Chancellor Ivo Marek last year. She will meet Prime Minister Jonas Berg on Friday.")
    assert (frozenset({"Lea Moreau", "Jonas Berg"}), "2024-03-08") in pairs(x)


def test_they_are_the_pair_named_just_before(run):
    x = run("Foreign Minister Lea Moreau received Deputy Minister Oskar Brandt on Monday.\n\n"
            "Moreau and Brandt are old friends. They first met in 2009 in Geneva.")
    assert (frozenset({"Lea Moreau", "Oskar Brandt"}), "2009") in pairs(x)


def test_who_comments_on_a_visit_did_not_take_part(run):
    x = run("President Anna Kowalski received Prime Minister Jonas Berg in Warsaw yesterday. "
            "Commenting on the visit, Professor Lena Holm said ties were improving.")
    assert pairs(x) == [(frozenset({"Anna Kowalski", "Jonas Berg"}), "2024-03-04")]


def test_a_ruler_is_named_with_the_title_and_kept_apart_from_a_namesake(run):
    x = run("Prime Minister Omar Ibrahim met President Sadyr Bekov on Tuesday. The previous day, "
            "Bekov was received in audience by His Majesty Sultan Ibrahim at the palace.")
    assert (frozenset({"Sultan Ibrahim", "Sadyr Bekov"}), "2024-03-04") in pairs(x)


def test_two_named_people_agreeing_together_tell_a_meeting(run):
    x = run("OSLO - Norwegian Foreign Minister Jonas Berg and his Polish counterpart Anna "
            "Kowalski agreed on Monday to expand energy cooperation.")
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski"}), "2024-03-04")]


@pytest.mark.parametrize("text", [
    "Foreign Minister Jonas Berg agreed on Monday to expand energy cooperation.",
    "The board named Jonas Berg and Anna Kowalski, who agreed on Monday to serve.",
])
def test_agreeing_alone_or_in_a_clause_about_them_tells_no_meeting(run, text):
    assert pairs(run(text)) == []


def test_people_after_the_date_of_a_meeting_noun_take_part(run):
    x = run("Rail dominated a trilateral meeting on Wednesday of the transport ministers of "
            "Norway, Poland and Estonia, Jonas Berg, Anna Kowalski and Ivo Saar.")
    assert pairs(x) == [(frozenset({"Jonas Berg", "Anna Kowalski", "Ivo Saar"}), "2024-02-28")]


def test_two_people_sitting_down_meet_and_the_two_men_are_them(run):
    x = run("When President Anna Kowalski and Prime Minister Jonas Berg sat down in Oslo last "
            "Sunday, the mood was warm. The two men first met in July 2014 in Gdansk.")
    assert unordered(pairs(x)) == unordered([
        (frozenset({"Anna Kowalski", "Jonas Berg"}), "2024-03-03"),
        (frozenset({"Anna Kowalski", "Jonas Berg"}), "2014-07"),
    ])


def test_no_meeting_is_no_meeting(run):
    x = run("For four years there was no formal meeting between President Anna Kowalski and "
            "Prime Minister Jonas Berg.")
    assert pairs(x) == []


def test_a_lone_person_at_the_talks_joins_the_meeting_of_their_own_sentence(run):
    x = run("President Anna Kowalski met Prime Minister Jonas Berg in Oslo on Monday. In "
            "Bergen on Friday, Foreign Minister Ivo Saar held talks with Minister Lea Moreau "
            "and sat in on the trade talks with adviser Tove Lund.")
    assert unordered(pairs(x)) == unordered([
        (frozenset({"Anna Kowalski", "Jonas Berg"}), "2024-03-04"),
        (frozenset({"Ivo Saar", "Lea Moreau", "Tove Lund"}), "2024-03-01"),
    ])


def test_a_dotted_honorific_keeps_its_name_in_the_sentence(nlp, run):
    text = ("The two Presidents directed their Ministers responsible for trade, Hon. Mercy "
            "Wanjiru of Kenya and Engr. Juma Athumani Salim of Tanzania, to convene a session.")
    doc = nlp(text)
    after = [doc[t.i + 1] for t in doc if t.text in ("Hon.", "Engr.")]
    assert [t.text for t in after] == ["Mercy", "Juma"]
    assert not any(t.is_sent_start for t in after)
    assert "Mercy Wanjiru" in names(run(text))


def test_a_sentence_glued_to_the_next_is_still_split_but_not_an_initial(nlp):
    doc = nlp("They held talks.The minister left with Ch.Ganbold.")
    assert [t.text for t in doc][2:5] == ["talks", ".", "The"]
    assert "Ch.Ganbold" in [t.text for t in doc]


@pytest.mark.parametrize(("text", "expected"), [
    ("Minister Anar Vagif oglu Mammadli met President Jonas Berg in Oslo.",
     {"Anar Vagif oglu Mammadli", "Jonas Berg"}),
    ("King Haakon VII received Prime Minister Jonas Berg in Oslo.",
     {"Haakon VII", "Jonas Berg"}),
    ("Minister B.Ganbold received President Jonas Berg in Ulaanbaatar.",
     {"B.Ganbold", "Jonas Berg"}),
    ("Minister Ch.Ganbold received President Jonas Berg in Ulaanbaatar.",
     {"Ch.Ganbold", "Jonas Berg"}),
    ("King Haakon held talks with then-President Jonas Berg in Oslo.",
     {"King Haakon", "Jonas Berg"}),
    ("Foreign Minister Anna Kowalski held talks with General Secretary To Lam in Hanoi.",
     {"Anna Kowalski", "To Lam"}),
    ("President Jonas Berg received the Minister of Energy Transition, Lea Moreau, in Oslo.",
     {"Jonas Berg", "Lea Moreau"}),
    ("When Prime Minister Shehzad Sharif met President Jonas Berg in Oslo, the talks went well.",
     {"Shehzad Sharif", "Jonas Berg"}),
])
def test_names_of_many_traditions(run, text, expected):
    x = run(text)
    assert names(x) == expected
    assert [set(p) for p, _ in pairs(x)] == [expected]


def test_the_name_before_a_verb_the_parser_left_without_subject_takes_part(nlp, run):
    text = ("On 16 June, in Colombo, Deputy Prime Minister, Minister Bui Thanh Son held talks "
            "with Minister Vijitha Herath.")
    held = next(t for t in nlp(text) if t.text == "held")
    assert not [c for c in held.children if c.dep_ == "nsubj"]  # the parse this is about
    assert pairs(run(text)) == [(frozenset({"Bui Thanh Son", "Vijitha Herath"}), "2023-06-16")]


def test_those_who_co_chair_the_consultations_take_part(run):
    x = run("Deputy Minister Anna Kowalski and Secretary Jonas Berg co-chaired the political "
            "consultations in Oslo on Monday.")
    assert pairs(x) == [(frozenset({"Anna Kowalski", "Jonas Berg"}), "2024-03-04")]


def test_names_with_marks_are_read_as_the_model_reads_them_without(run):
    x = run("The press conference he gave with Aleksandar Vučić, then Serbia's prime minister, "
            "was tense. Vučić returned the visit in May 2016, meeting Edi Rama in Tirana.")
    assert "Aleksandar Vučić" in names(x)  # the name keeps its marks
    assert (frozenset({"Aleksandar Vučić", "Edi Rama"}), "2016-05") in pairs(x)


def test_a_surname_of_two_words_met_first_joins_the_full_name(run):
    x = run("Garduño Rivas (left) and Ajú Xicay shook hands.\n\nDeputy Foreign Minister Lucía "
            "Garduño Rivas met Guatemalan Minister Héctor Ajú Xicay in Tapachula on Monday.")
    assert names(x) == {"Lucía Garduño Rivas", "Héctor Ajú Xicay"}


def test_a_father_named_first_is_not_his_son(run):
    x = run("Field Marshal Khalifa Haftar received the delegation in Benghazi. Later, his son "
            "Saddam Khalifa Haftar met Prime Minister Jonas Berg in Oslo.")
    assert {"Khalifa Haftar", "Saddam Khalifa Haftar"} <= names(x)


def test_a_suffix_and_a_short_given_name_stay_in_the_name(run):
    x = run("Agriculture Secretary Francisco Tiu Laurel Jr. met Ambassador Ma. Elena Villanueva "
            "and Minister Md. Touhid Hossain in Manila.")
    assert names(x) == {"Francisco Tiu Laurel Jr.", "Ma. Elena Villanueva",
                        "Md. Touhid Hossain"}


def test_a_bilateral_on_the_sidelines_is_its_own_meeting_on_the_summits_day(run):
    x = run("The summit in Oslo on Monday was attended by President Anna Kowalski, Prime "
            "Minister Jonas Berg and President Ivo Saar. On the sidelines, Kowalski held a "
            "bilateral meeting with Berg, at which the two leaders discussed energy.")
    assert unordered(pairs(x)) == unordered([
        (frozenset({"Anna Kowalski", "Jonas Berg", "Ivo Saar"}), "2024-03-04"),
        (frozenset({"Anna Kowalski", "Jonas Berg"}), "2024-03-04"),
    ])
