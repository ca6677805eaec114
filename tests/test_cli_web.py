"""`bilateral plot` and `bilateral serve` as a user runs them: files written, clean errors."""

from __future__ import annotations

import struct

import pytest
from click.testing import CliRunner

from bilateral.cli.main import cli

from .web_fixtures import build_database

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(coder, tmp_path_factory):
    return build_database(coder, tmp_path_factory.mktemp("plot") / "plot.duckdb")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_plot_dyad_writes_a_png_and_an_svg_for_names_or_codes(db, tmp_path):
    png, svg = tmp_path / "cb.png", tmp_path / "cb.svg"
    result = run("plot", "dyad", "China", "Belarusian", "--db", db, "--out", png)
    assert result.exit_code == 0, result.output
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", data[16:24])[0] > 1000
    result = run("plot", "dyad", "CHN", "BLR", "--db", db, "--out", svg, "--freq", "year")
    assert result.exit_code == 0, result.output
    text = svg.read_text()
    assert "China – Belarus: events per year" in text and "partnership" in text


def test_plot_network_writes_the_network_of_a_period(db, tmp_path):
    out = tmp_path / "net.svg"
    result = run("plot", "network", "--db", db, "--out", out, "--since", "2022-01-01", "--until", "2022-12-31")
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Events between actors, 2022-01-01 to 2022-12-31" in text and ">BLR<" in text
    assert ">HND<" not in text  # Honduras's events are in 2023


@pytest.mark.parametrize("args, message", [
    (["plot", "dyad", "Chna", "BLR", "--out", "x.png"], "did you mean China (CHN)?"),
    (["plot", "dyad", "CHN", "BLR", "--out", "x.gif"], "must end in .png or .svg"),
    (["plot", "dyad", "CHN", "USA", "--out", "x.png"], "nothing to draw"),
])
def test_plot_errors_are_clean_messages_with_exit_status_2(db, tmp_path, args, message):
    out = tmp_path / args[-1]
    result = run(*args[:-1], out, "--db", db)
    assert result.exit_code == 2, result.output
    assert not out.exists()
    assert message in result.output and "Traceback" not in result.output


def test_plot_and_serve_without_a_database_say_so(tmp_path):
    for args in (["plot", "dyad", "CHN", "BLR", "--out", str(tmp_path / "x.png")], ["serve"]):
        result = run(*args, "--db", tmp_path / "none.duckdb")
        assert result.exit_code == 2 and "no database at" in result.output


def test_serve_listens_on_this_machine_only_unless_told_otherwise():
    result = run("serve", "--help")
    assert "--host TEXT" in result.output and "[default: 127.0.0.1]" in result.output
    for command in (cli.commands["serve"], cli.commands["plot"], *cli.commands["plot"].commands.values()):
        assert "Example:" in command.help and command.help.rstrip().splitlines()[-1].strip().startswith(
            ("bilateral ", "(then open")), command.name
