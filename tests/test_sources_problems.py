"""Reading what goes wrong: other encodings, bad, unreadable and missing files, any bytes."""

from __future__ import annotations

import builtins
import hashlib
import os
from pathlib import Path

import pytest
from conftest import read
from hypothesis import given, settings
from hypothesis import strategies as st

from diplograph.errors import InputError
from extract import decoding
from extract.sources import Problem, read_article

STORY = "Belarus and Libya agreed to expand trade in Minsk on Tuesday.\n"
CAFE = "The ministers met at the café in Minsk and discussed trade in crème and naïve hopes.\n"


# --- decoding and bad files --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file"),
        (b"\xef\xbb\xbf\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file"),
        (b"Belarus\x00and Libya", "binary file"),
    ],
)
def test_empty_and_binary_files_are_skipped(write, content, reason):
    path = write("story.txt", content)
    articles, problems = read(path)
    assert articles == []
    assert [(p.severity, str(p)) for p in problems] == [("skipped", f"{path}: {reason}")]


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (CAFE.encode("cp1252"), "cp1252"),
        (CAFE.encode("latin-1"), "cp1252"),
        (CAFE.encode("utf-16"), "utf-16"),
        (CAFE.encode("utf-32"), "utf-32"),
    ],
)
def test_non_utf8_text_is_decoded_with_a_warning_naming_the_encoding(write, content, encoding):
    path = write("story.txt", content)
    articles, problems = read(path)
    assert [a.text for a in articles] == [CAFE]
    assert [(p.severity, str(p)) for p in problems] == [
        ("warning", f"{path}: not UTF-8, decoded as {encoding}")
    ]


def test_utf8_byte_order_mark_is_dropped_silently(write):
    articles, problems = read(write("story.txt", b"\xef\xbb\xbf" + CAFE.encode("utf-8")))
    assert problems == []
    assert [a.text for a in articles] == [CAFE]


@pytest.fixture
def denied(monkeypatch):
    """Make opening or listing the paths added to the returned set fail as permission denied."""
    paths: set[Path] = set()
    real_scandir = os.scandir

    def deny(path):
        if Path(path) in paths:
            raise PermissionError(13, "Permission denied", str(path))

    def open_(path, *args, **kwargs):
        deny(path)
        return builtins.open(path, *args, **kwargs)

    def scandir(path):
        deny(path)
        return real_scandir(path)

    monkeypatch.setattr(decoding, "open", open_, raising=False)
    monkeypatch.setattr(os, "scandir", scandir)
    return paths


def test_unreadable_file_and_folder_are_skipped_with_the_os_reason(write, tmp_path, denied):
    secret = write("news/secret.txt", STORY)
    locked = write("news/locked/inner.txt", STORY).parent
    good = write("news/public.txt", STORY)
    denied.update({secret, locked})
    articles, problems = read(tmp_path / "news")
    assert [a.path for a in articles] == [str(good)]
    assert [(p.severity, str(p)) for p in problems] == [
        ("skipped", f"{locked}: Permission denied"),
        ("skipped", f"{secret}: Permission denied"),
    ]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_chmod_000_file_is_skipped(write):
    path = write("secret.txt", STORY)
    path.chmod(0)
    try:
        articles, problems = read(path)
    finally:
        path.chmod(0o644)
    assert articles == []
    assert [str(p) for p in problems] == [f"{path}: Permission denied"]


def test_missing_path_is_reported_as_missing(tmp_path):
    path = tmp_path / "nowhere" / "story.txt"
    articles, problems = read(path)
    assert articles == []
    assert [(p.severity, str(p)) for p in problems] == [
        ("missing", f"{path}: no such file or folder")
    ]


def test_files_over_the_cap_are_refused(write, monkeypatch):
    monkeypatch.setattr(decoding, "MAX_FILE_BYTES", 100)
    fits = write("fits.txt", "x" * 100)
    too_big = write("big.txt", "x" * 101)
    articles, problems = read(fits, too_big)
    assert [a.path for a in articles] == [str(fits)]
    assert [(p.severity, str(p)) for p in problems] == [
        ("skipped", f"{too_big}: file too large (over 100 bytes)")
    ]


# --- the API -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("problem", "shown"),
    [
        (Problem(path="a.txt", reason="empty file", severity="skipped"), "a.txt: empty file"),
        (
            Problem(path="a.jsonl", line=4, reason="not a JSON object", severity="skipped"),
            "a.jsonl:4: not a JSON object",
        ),
    ],
)
def test_problem_prints_as_one_line(problem, shown):
    assert str(problem) == shown


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty file"),
        ("two.jsonl", '{"text": "One."}\n{"text": "Two."}\n', "expected one article, found 2"),
    ],
)
def test_read_article_raises_input_error(write, name, content, reason):
    path = write(name, content)
    with pytest.raises(InputError) as caught:
        read_article(path)
    assert str(caught.value) == f"{path}: {reason}"


def test_read_article_raises_for_a_missing_file(tmp_path):
    with pytest.raises(InputError) as caught:
        read_article(tmp_path / "nope.txt")
    assert str(caught.value) == f"{tmp_path / 'nope.txt'}: no such file or folder"


# --- never crashes -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".jsonl", ".html"]))
def test_any_bytes_give_an_article_or_a_problem(tmp_path_factory, content, suffix):
    path = tmp_path_factory.getbasetemp() / f"arbitrary{suffix}"
    path.write_bytes(content)
    articles, problems = read(path)
    assert articles or problems
    assert all(
        a.content_hash == hashlib.sha1(a.text.encode("utf-8", "surrogatepass")).hexdigest()
        for a in articles
    )
