"""boardmap.collector.no_gc: the cyclic collector paused for a stretch, and given back as it was."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from boardmap.collector import no_gc
from tests.conftest import ROOT


def test_the_collector_is_paused_inside_and_enabled_again_after() -> None:
    assert gc.isenabled()
    with no_gc():
        assert not gc.isenabled()
        with no_gc():  # nested: the inner one leaves the outer's pause alone
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0  # nothing left in the permanent generation


def test_what_was_made_while_paused_is_not_walked_at_once_but_still_collected() -> None:
    """Objects made in the pause go to the oldest generation, so the next young collection
    does not walk them; a full collection still frees their cycles."""
    with no_gc():
        made = [[] for _ in range(10_000)]
        cycle: list[object] = []
        cycle.append(cycle)
    young = gc.get_count()[0]
    assert young < 1_000  # not the 10,000 lists made in the pause
    del made, cycle
    assert gc.collect() >= 1  # the cycle made in the pause is still found and freed


def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    try:
        with no_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_command_line_leaves_its_objects_out_of_the_last_collection_and_loses_no_output(
    tmp_path: Path,
) -> None:
    """main() freezes what is alive at exit, so Python's final collection does not walk the
    whole map; what the command printed and wrote is complete all the same."""
    out = tmp_path / "map.json"
    code = (
        "import atexit, gc, sys\n"
        "from boardmap.cli.app import main\n"
        f"sys.argv = ['boardmap', 'export', {str(ROOT / 'data' / 'boards.yaml')!r}, '--to', 'json',"
        f" '-o', {str(out)!r}]\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("frozen True")  # atexit runs last-registered first
    assert json.loads(out.read_text(encoding="utf-8"))["nodes"]


def test_check_ends_the_process_at_once_with_its_whole_report_and_its_status(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`boardmap check` ends the process as the command returns (boardmap.cli.app's
    _end_at_once), without Python's clean-up, which would free the map's objects one by one:
    a clean-up handler set before it does not run, and what it prints and its exit status
    are exactly those of run(). Another command still ends as usual."""
    from boardmap.cli.app import run

    code = (
        "import atexit, sys\n"
        "from boardmap.cli.app import main\n"
        "atexit.register(lambda: print('cleaned up'))\n"
        "sys.argv = ['boardmap', *sys.argv[1:]]\n"
        "main()\n"
    )
    medway = str(ROOT / "data" / "boards.yaml")
    for args, expected in ((["check", "--format", "json", medway], 0), (["check", "--strict", medway], 1)):
        done = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=120
        )
        status = run(args)
        report = capsys.readouterr().out
        assert "cleaned up" not in done.stdout
        assert done.stdout == report and report.count("\n") > 20
        assert done.returncode == status == expected  # --strict: the example's warnings fail it
    done = subprocess.run([sys.executable, "-c", code, "rules"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.endswith("cleaned up\n")


def test_importing_boardmap_pauses_the_collector_and_gives_it_back() -> None:
    """The package and the command line import their modules with the collector paused
    (boardmap/__init__.py, boardmap/cli/__init__.py): after the import it is on again, as it
    was, with nothing left frozen; a collector the program had switched off stays off."""
    code = (
        "import gc, sys\n"
        "if sys.argv[1] == 'off': gc.disable()\n"
        "import boardmap.cli\n"
        "print(gc.isenabled(), gc.get_freeze_count(), gc.get_count()[0] < 2000)\n"
    )
    # On: what the import made went to the oldest generation, not the youngest.
    for given, expected in (("on", "True 0 True"), ("off", "False 0 False")):
        done = subprocess.run(
            [sys.executable, "-c", code, given], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == expected


def test_kept_holds_values_only_once_the_command_line_will_end_the_process() -> None:
    """boardmap.collector.kept holds nothing until keep_until_exit is called (by main(), for a
    command that ends the process at once), then holds what it is given; run() alone, as a
    program or a test calls it, never switches it on."""
    code = (
        "import weakref\n"
        "from boardmap import collector\n"
        "from boardmap.cli.app import run\n"
        "class Thing: pass\n"
        "thing = Thing(); ref = weakref.ref(thing)\n"
        "assert collector.kept(thing) is thing\n"
        "del thing\n"
        "print('freed', ref() is None)\n"
        f"run(['check', {str(ROOT / 'data' / 'boards.yaml')!r}])\n"
        "print('not keeping', collector._KEPT is None)\n"
        "collector.keep_until_exit()\n"
        "thing = Thing(); ref = weakref.ref(thing)\n"
        "collector.kept(thing)\n"
        "del thing\n"
        "print('freed', ref() is None)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith(("freed", "not keeping"))]
    assert said == ["freed True", "not keeping True", "freed False"]
