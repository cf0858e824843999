"""Reading articles from text, HTML and JSON-lines files, folders and standard input."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import types
from pathlib import Path

import pytest
from conftest import read

from extract.sources import Problem, read_article, read_articles

SEEDS = Path(__file__).parent.parent / "seeds"
STORY = "Belarus and Libya agreed to expand trade in Minsk on Tuesday.\n"
CAFE = "The ministers met at the café in Minsk and discussed trade in crème and naïve hopes.\n"
PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Ministers meet in Minsk</title>
<meta property="article:published_time" content="2025-10-21">
<link rel="canonical" href="https://news.example.org/2025/ministers-meet">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li></ul></nav>
<article>
<h1>Ministers meet in Minsk</h1>
<p>The foreign ministers of Belarus and Libya met in Minsk on Tuesday to discuss trade, energy
and food security, and agreed to prepare a roadmap of cooperation for the coming year.</p>
</article>
<section class="comments" id="comments"><h3>Comments</h3>
<div class="comment"><p>Commenter Ivan Petrov wrote: a great day for everyone.</p></div>
</section>
<footer><p>Copyright 2025 Example News. All rights reserved.</p></footer>
</body></html>
"""


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


# --- the seeds ---------------------------------------------------------------------------------


def test_seeds_give_five_articles_with_their_dates():
    articles, problems = read(SEEDS)
    assert problems == []
    assert [a.published for a in articles] == [
        dt.date(2025, 10, 20),
        dt.date(2025, 2, 17),
        dt.date(2025, 3, 10),
        None,
        None,
    ]
    files = sorted(SEEDS.glob("*.txt"))
    assert [a.path for a in articles] == [str(path) for path in files]
    assert [a.text for a in articles] == [path.read_text(encoding="utf-8") for path in files]


def test_seed_ids_are_readable_and_stable_across_reads():
    first, _ = read(SEEDS)
    second, _ = read(SEEDS)
    assert [a.id for a in first] == [a.id for a in second]
    assert [a.id for a in first] == [
        f"{path.stem.replace('_', '-')}-{sha1(path.read_text(encoding='utf-8'))[:8]}"
        for path in sorted(SEEDS.glob("*.txt"))
    ]
    assert [a.content_hash for a in first] == [sha1(a.text) for a in first]


def test_seed_headlines_become_titles():
    articles, _ = read(SEEDS)
    assert [a.title for a in articles] == [
        None,
        None,
        None,
        "Lukashenko Meets Libyan Deputy Commander Haftar to Bolster Bilateral Ties and Support "
        "Unification Efforts",
        "Łukašenka pledges “all possible support” to Libyan general",
    ]


# --- text files: date lines and titles ---------------------------------------------------------


@pytest.mark.parametrize(
    "head",
    [
        "date 2025-10-21",
        " date 2025-10-21 news.by https://example.org/a.webp 480w, https://example.org/b.webp 768w",
        "Date: 2025-10-21",
        "date:2025-10-21",
        "DATE 2025-10-21",
        "date 2025-10-21T08:30:00Z",
        "date 2025-10-21T08:30:00+03:00",
        "date 2025-10-21T08:30",
        "Published: 2025-10-21",
        "published 2025-10-21 08:30 Minsk",
        "\n  \n date 2025-10-21",
    ],
)
def test_date_line_variants(write, head):
    text = f"{head}\n{STORY}"
    path = write("story.txt", text)
    articles, problems = read(path)
    assert problems == []
    assert [(a.published, a.text, a.title) for a in articles] == [
        (dt.date(2025, 10, 21), text, None)
    ]


@pytest.mark.parametrize(
    "head",
    [
        "Ministry of Foreign Affairs\n21 October 2025, 13:40",
        "Masthead | Home | Tuesday, October 21, 2025 | Sport",
        "By Staff | Updated: Tue, 21 Oct 2025 14:05 CST | 5 min read",
        "Agency | Economy | 21 October 2025 11:42 (UTC +04:00)",
        "Published : 2025-10-21 09:12 KST | Updated : 2025-10-23 11:40 KST",
        "Talks in Minsk\nOctober 21st, 2025",
        "Home > Press Release\nPublished: 21/10/2025",
        "Home > Opinion\nUpdated - October 21, 2025 10:14 pm IST",
    ],
)
def test_a_page_date_below_the_masthead_dates_the_article(write, head):
    articles, problems = read(write("story.txt", f"{head}\n\n{STORY}"))
    assert problems == []
    assert [a.published for a in articles] == [dt.date(2025, 10, 21)]


@pytest.mark.parametrize(
    "text",
    [
        STORY,
        "Date palms grow well in Libya's oases.\n",
        "The date 2025-10-21 was set for the talks.\n",
        "Talks in Minsk\ndate 2025-10-21\n",
        "dated 2025-10-21: talks in Minsk\n",
        "Talks in Minsk\nThe ministers met in Minsk on October 21, 2025.\n",
        "Talks in Minsk\nUpdated 6:42 PM\n",
        "Talks in Minsk\nPublished: 05/06/2025\n",
    ],
)
def test_no_date_line_means_undated_without_warning(write, text):
    articles, problems = read(write("story.txt", text))
    assert problems == []
    assert [(a.published, a.text) for a in articles] == [(None, text)]


@pytest.mark.parametrize(
    ("text", "line", "shown"),
    [
        ("date 2025-13-45 news.by\nText.", 1, "'date 2025-13-45'"),
        ("date 2025-10- news.by\nText.", 1, "'date 2025-10-'"),
        ("Date: 21 October 2025\nText.", 1, "'Date: 21'"),
        ("date 2025-10-21T25:00 news\nText.", 1, "'date 2025-10-21T25:00'"),
        ("Published:\nText.", 1, "'Published:'"),
        ("\n\ndate 2025-02-30\nText.", 3, "'date 2025-02-30'"),
    ],
)
def test_malformed_date_line_warns_and_reads_undated(write, text, line, shown):
    path = write("story.txt", text)
    articles, problems = read(path)
    assert [(a.published, a.text) for a in articles] == [(None, text)]
    assert [(p.severity, str(p)) for p in problems] == [
        ("warning", f"{path}:{line}: malformed date line {shown}, treated as undated")
    ]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Leaders meet in Minsk\n\nThe leaders met.\n", "Leaders meet in Minsk"),
        ("Leaders meet in Minsk?\r\n\r\nThe leaders met.\r\n", "Leaders meet in Minsk?"),
        ("Leaders meet in Minsk\nThe leaders met.\n", None),
        ("The leaders met in Minsk.\n\nThey talked.\n", None),
        ("Leaders meet in Minsk\n", None),
        (f"{'Long ' * 40}headline\n\nThe leaders met.\n", None),
    ],
)
def test_a_short_first_line_before_a_blank_line_is_the_title(write, text, title):
    articles, _ = read(write("story.txt", text))
    assert [a.title for a in articles] == [title]


# --- folders -----------------------------------------------------------------------------------


def test_folder_reads_every_good_file_and_reports_each_bad_one_once(write, tmp_path):
    write("in/a.txt", STORY)
    write("in/b.txt", "")
    write("in/c.bin", b"\x00\x01")
    write("in/notes.md", STORY)
    write("in/.hidden.txt", STORY)
    write("in/.git/config.txt", STORY)
    write("in/f.jsonl", '{"text": "One."}\n{"text": ""}\n')
    write("in/g.html", "<html><head><title>Nothing here</title></head><body></body></html>")
    write("in/sub/d.TXT", STORY)
    write("in/sub/e.htm", PAGE)
    write("in/sub/z.text", b"\x00binary")
    folder = tmp_path / "in"
    articles, problems = read(folder)
    assert [a.path for a in articles] == [
        f"{folder}/a.txt",
        f"{folder}/f.jsonl:1",
        f"{folder}/sub/d.TXT",
        f"{folder}/sub/e.htm",
    ]
    assert [(p.severity, str(p)) for p in problems] == [
        ("skipped", f"{folder}/b.txt: empty file"),
        ("skipped", f"{folder}/f.jsonl:2: no 'text', or it is empty"),
        ("skipped", f"{folder}/g.html: no article text found in HTML"),
        ("skipped", f"{folder}/sub/z.text: binary file"),
    ]


def test_a_file_named_explicitly_is_read_whatever_its_suffix(write):
    path = write("story.md", STORY)
    articles, problems = read(path)
    assert problems == []
    assert [(a.path, a.text) for a in articles] == [(str(path), STORY)]


def test_paths_are_read_in_the_order_given(write):
    first, second = write("b.txt", "Second story."), write("a.txt", "First story.")
    articles, _ = read(first, second)
    assert [a.text for a in articles] == ["Second story.", "First story."]


# --- JSON lines --------------------------------------------------------------------------------


def test_jsonl_reads_good_lines_and_reports_bad_ones_by_line(write):
    lines = [
        {
            "id": "Talks 1",
            "text": "First story.",
            "date": "2025-10-21",
            "title": "First",
            "url": "https://example.org/1",
        },
        "",
        '{"text": "broken',
        "[1, 2]",
        {"title": "no text"},
        {"text": "Second story.", "date": "2025-13-01"},
        {"text": "Third story.", "date": "2025-10-22T08:30:00Z", "id": 7},
        {"text": "Fourth story.", "title": 3.5},
    ]
    path = write(
        "news.jsonl",
        "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines),
    )
    articles, problems = read(path)
    assert [(a.id, a.path, a.published, a.title, a.url) for a in articles] == [
        (
            f"talks-1-{sha1('First story.')[:8]}",
            f"{path}:1",
            dt.date(2025, 10, 21),
            "First",
            "https://example.org/1",
        ),
        (f"news-l6-{sha1('Second story.')[:8]}", f"{path}:6", None, None, None),
        (f"7-{sha1('Third story.')[:8]}", f"{path}:7", dt.date(2025, 10, 22), None, None),
        (f"news-l8-{sha1('Fourth story.')[:8]}", f"{path}:8", None, None, None),
    ]
    assert [(p.severity, str(p)) for p in problems] == [
        ("skipped", f"{path}:3: invalid JSON: Unterminated string starting at (column 10)"),
        ("skipped", f"{path}:4: not a JSON object"),
        ("skipped", f"{path}:5: no 'text', or it is empty"),
        ("warning", f"{path}:6: malformed date '2025-13-01', treated as undated"),
    ]


def test_jsonl_article_text_is_the_text_field(write):
    articles, _ = read(write("news.jsonl", json.dumps({"text": CAFE}) + "\r\n"))
    assert [(a.text, a.content_hash) for a in articles] == [(CAFE, sha1(CAFE))]


# --- HTML --------------------------------------------------------------------------------------


def test_html_gives_main_text_title_date_and_url(write):
    path = write("page.html", PAGE)
    articles, problems = read(path)
    assert problems == []
    [article] = articles
    assert "agreed to prepare a roadmap of cooperation" in article.text
    for furniture in ("World news menu", "Ivan Petrov", "Comments", "Copyright"):
        assert furniture not in article.text
    assert (article.title, article.published, article.url, article.path) == (
        "Ministers meet in Minsk",
        dt.date(2025, 10, 21),
        "https://news.example.org/2025/ministers-meet",
        str(path),
    )
    assert article.id == f"page-{sha1(article.text)[:8]}"


# --- standard input ----------------------------------------------------------------------------


def test_dash_reads_one_article_from_standard_input(monkeypatch):
    text = "date 2025-10-21 news.by\nTalks in Minsk.\n"
    monkeypatch.setattr("sys.stdin", types.SimpleNamespace(buffer=io.BytesIO(text.encode())))
    articles, problems = read("-")
    assert problems == []
    assert [(a.id, a.path, a.text, a.published) for a in articles] == [
        (f"stdin-{sha1(text)[:8]}", "-", text, dt.date(2025, 10, 21))
    ]


@pytest.mark.parametrize(
    ("stdin", "reason"),
    [
        (types.SimpleNamespace(buffer=io.BytesIO(b"")), "empty file"),
        (None, "standard input is not available"),
    ],
)
def test_unusable_standard_input_is_skipped(monkeypatch, stdin, reason):
    monkeypatch.setattr("sys.stdin", stdin)
    assert read("-") == ([], [Problem(path="-", reason=reason, severity="skipped")])


# --- the API -----------------------------------------------------------------------------------


def test_read_articles_takes_one_path_or_many(write):
    path = write("story.txt", STORY)
    assert list(read_articles(path)) == list(read_articles([str(path)]))


def test_read_articles_checks_paths_before_reading():
    with pytest.raises(TypeError):
        read_articles([SEEDS, 42])


def test_read_article_returns_the_one_article(write):
    path = write("story.txt", "Date: 2025-13-01\nText.")  # a warning does not stop it
    article = read_article(path)
    assert (article.path, article.published) == (str(path), None)
