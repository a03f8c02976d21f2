"""The build's manifest records a hash of the code that draws the outputs, not of all of
boardmap: an edit to the command line, diff, import or export leaves committed outputs
current (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boardmap.build import fingerprints as build

ROOT = Path(build.__file__).resolve().parent.parent


def _names() -> set[str]:
    return {str(p.relative_to(ROOT)) for p in build._drawing_code(ROOT)}


def test_the_drawing_code_is_what_render_and_guide_import() -> None:
    names = _names()
    for drawing in (
        "render/dot.py",
        "render/views.py",
        "render/engines.py",
        "guide/html.py",
        "guide/builder.py",
        "model.py",
        "origins.py",
        "outputs.py",
    ):
        assert drawing in names, drawing
    for other in (
        "cli/app.py",
        "cli/check.py",
        "diff/__init__.py",
        "diff/compare.py",
        "export.py",
        "build/__init__.py",
        "__init__.py",
        "api.py",
    ):
        assert other not in names, other


def test_every_module_the_drawing_code_imports_is_drawing_code() -> None:
    """What each module imports of boardmap, as Python reads it (ast), is followed: one
    import on each line, one over several lines in brackets, one with a comment after it."""
    import ast

    code = build._drawing_code(ROOT)
    for file in code:
        imported: set[str] = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("boardmap"):
                imported.add(node.module)
                imported.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                imported.update(a.name for a in node.names if a.name.startswith("boardmap."))
        for name in imported - {"boardmap"}:
            module = build._module_file(ROOT, name)
            if module is not None:
                assert module in code, f"{file.relative_to(ROOT)} imports {name}"


def test_the_fingerprint_follows_the_drawing_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    copy = tmp_path / "boardmap"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__"))

    def fingerprint() -> str:
        build._CODE = None
        monkeypatch.setattr(build, "__file__", str(copy / "build" / "fingerprints.py"))
        try:
            return build.code_fingerprint()
        finally:
            build._CODE = None

    before = fingerprint()
    (copy / "cli" / "app.py").write_text((copy / "cli" / "app.py").read_text() + "\n# an unrelated edit\n")
    assert fingerprint() == before
    (copy / "render" / "dot.py").write_text((copy / "render" / "dot.py").read_text() + "\n#\n")
    assert fingerprint() != before


def test_loading_a_map_knows_the_packs_without_importing_the_checks() -> None:
    from boardmap.checks.packs import available_packs
    from boardmap.load import pack_names

    assert pack_names() == available_packs()
