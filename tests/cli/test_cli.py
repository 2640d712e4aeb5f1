"""The command line as a user meets it: exit codes, one-line errors, formats, stdin, several inputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from unspun.document.serialize import json_schema
from unspun.present.cli.main import main

UNSPUN = [sys.executable, "-m", "unspun"]


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys) -> None:
    code, out, _ = run_cli(capsys, "--version")
    assert code == 0 and out.startswith("unspun ")


def test_help_teaches_with_examples(capsys) -> None:
    code, out, _ = run_cli(capsys, "analyze", "--help")
    assert code == 0
    assert "Examples" in out and "--format" in out and "Exit codes" in out


def test_missing_file_is_exit_3_with_one_line(capsys, tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "analyze", str(tmp_path / "missing.txt"))
    assert code == 3
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("unspun: error:") and "missing.txt" in err


def test_binary_junk_is_exit_3_without_traceback(capsys, tmp_path: Path) -> None:
    junk = tmp_path / "junk.bin"
    junk.write_bytes(os.urandom(4096))
    code, _, err = run_cli(capsys, "analyze", str(junk))
    assert code == 3
    assert "Traceback" not in err and err.count("\n") == 1


def test_unknown_format_is_a_usage_error(capsys, seed_path: Path) -> None:
    code, _, err = run_cli(capsys, "analyze", str(seed_path), "--format", "pdf")
    assert code == 2 and "unknown format" in err


def test_unknown_stage_is_a_usage_error(capsys, seed_path: Path) -> None:
    code, _, err = run_cli(capsys, "analyze", str(seed_path), "--stages", "nope")
    assert code == 2 and "no analyzer named 'nope'" in err


def test_several_formats_need_out(capsys, seed_path: Path) -> None:
    code, _, err = run_cli(capsys, "analyze", str(seed_path), "--format", "json,md")
    assert code == 2 and "--out" in err


def test_json_output_validates_against_the_published_schema(capsys, seed_path: Path) -> None:
    code, out, _ = run_cli(capsys, "analyze", str(seed_path), "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, json_schema())
    assert data["text"].startswith("\n\n# US and Turkey") or "US and Turkey" in data["text"]


def test_out_dir_gets_one_file_per_format_and_bad_inputs_do_not_stop_the_rest(
    capsys, seed_path: Path, tmp_path: Path
) -> None:
    out_dir = tmp_path / "out"
    code, out, err = run_cli(
        capsys, "analyze", str(tmp_path / "missing.txt"), str(seed_path), "-f", "json,md", "-o", str(out_dir)
    )
    assert code == 3
    stem = seed_path.stem
    assert (out_dir / f"{stem}.json").is_file() and (out_dir / f"{stem}.md").is_file()
    assert "1 of 2 inputs failed" in err
    assert "characters" in out or stem in out or out  # the terminal summary was printed


def test_stdin_and_debug_traceback(seed_path: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    ok = subprocess.run([*UNSPUN, "analyze", "-", "-f", "json"], input=seed_path.read_bytes(),
                        capture_output=True, env=env, timeout=300)
    assert ok.returncode == 0, ok.stderr.decode()
    assert json.loads(ok.stdout)["schema_version"].startswith("1.")
    empty = subprocess.run([*UNSPUN, "analyze", "-"], input=b"   \n", capture_output=True, env=env, timeout=300)
    assert empty.returncode == 3 and b"Traceback" not in empty.stderr
    debug = subprocess.run([*UNSPUN, "--debug", "analyze", str(tmp_path / "nope.txt")],
                           capture_output=True, env=env, timeout=300)
    assert debug.returncode == 3 and b"InputNotFoundError" in debug.stderr  # --debug names the error type


@pytest.mark.parametrize("command", ["analyzers", "schema"])
def test_info_commands(capsys, command: str) -> None:
    code, out, _ = run_cli(capsys, command)
    assert code == 0 and out
    if command == "schema":
        assert json.loads(out)["title"] == "unspun Document"


def test_a_device_is_refused_without_reading_it(capsys) -> None:
    code, _, err = run_cli(capsys, "analyze", "/dev/null")
    assert code == 3 and "not a regular file" in err
