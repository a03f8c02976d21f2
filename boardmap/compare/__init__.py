"""Compare several areas' maps side by side: `boardmap compare MAP MAP [MAP ...]`.

    from boardmap.compare import compare_paths, render
    cmp = compare_paths(["examples/islington-hwbb-iscb.yaml", "examples/hillingdon-2023.yaml"])
    print(render(cmp, "text"))

Bodies are matched across maps by statutory role, then by a common name, then by kind and
name; never by id (boardmap.compare.match), and a mapping file can override the match
(boardmap.compare.mapping). The comparison is data (boardmap.compare.analyse); its words come
from boardmap.compare.say; text, Markdown, JSON and one HTML page render it.
"""

from __future__ import annotations

from boardmap.compare.analyse import CompareError, compare_maps, compare_paths
from boardmap.compare.records import Comparison

__all__ = ["FORMATS", "CompareError", "Comparison", "compare_maps", "compare_paths", "render"]

FORMATS: tuple[str, ...] = ("text", "md", "html", "json")


def render(cmp: Comparison, fmt: str = "text") -> str:
    """The comparison as text, md (Markdown), html (one self-contained page) or json."""
    from boardmap.compare import html, report

    if fmt == "json":
        return report.json_text(cmp)
    doc = report.document(cmp)
    if fmt in ("md", "markdown"):
        return report.to_markdown(doc)
    if fmt == "html":
        return html.render(doc)
    if fmt == "text":
        return report.to_text(doc)
    raise CompareError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
