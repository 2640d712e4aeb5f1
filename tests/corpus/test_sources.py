"""Folder expansion for the workers: sorted as paths (part by part), hidden files and folders skipped."""

from __future__ import annotations

from pathlib import Path

from unspun.corpus.sources import FileSource, StreamSource, split_sources


def test_a_folder_expands_in_path_order_without_hidden_entries(tmp_path: Path) -> None:
    names = ["a/x.txt", "a-b/x.txt", "a.txt", "ab/x.txt", "a/b/y.txt", ".hidden/x.txt", "a/.h.txt"]
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Some article text.\n", encoding="utf-8")
    got = [u.path for u in split_sources([str(tmp_path)]) if isinstance(u, FileSource)]
    # plain string order would put "a-b/x.txt" and "a.txt" before "a/b/y.txt" ('-' and '.' sort before '/')
    assert got == [str(tmp_path / n) for n in ["a/b/y.txt", "a/x.txt", "a-b/x.txt", "a.txt", "ab/x.txt"]]


def test_a_glob_expands_in_path_order_and_a_missing_source_is_left_to_ingest(tmp_path: Path) -> None:
    for name in ["b/1.txt", "b-c/1.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Some article text.\n", encoding="utf-8")
    got = [u.path for u in split_sources([str(tmp_path / "**" / "*.txt")]) if isinstance(u, FileSource)]
    assert got == [str(tmp_path / "b/1.txt"), str(tmp_path / "b-c/1.txt")]
    assert list(split_sources([str(tmp_path / "nope")])) == [StreamSource(str(tmp_path / "nope"))]
