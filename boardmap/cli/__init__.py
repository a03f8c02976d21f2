"""The command line, a thin layer over the library: `run(argv) -> int`, `main()`.

One module per command group (`check`, `draw`, `build`, `compare`, `files`), the options and
printing they share (`common`), and the parser and the error handling around every command
(`app`). See docs/architecture.md.

Imports stand at the top of each module, except a command's heavy stage, imported by the
command that needs it: importing them all at the top would add more than 0.5 s to the start
of every command (`boardmap check` runs on every save). Measured as CPU time beyond
`import boardmap.cli` (best of seven): the checks 0.20 s, drawing 0.18 s (Graphviz's engines
0.18 s), the guide 0.31 s, the diff 0.37 s, compare 0.25 s, the protocol 0.10 s, Word and PDF 0.33 s,
spreadsheets 0.05 s, the build (which brings drawing and networkx) 0.20 s. Each such import
says so in a comment.
"""

from boardmap.collector import no_gc

# The collector paused while the commands' modules are imported, as the package is
# (boardmap/__init__.py): their objects are all kept.
with no_gc():
    from boardmap.cli.app import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
