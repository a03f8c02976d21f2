"""The command line, a thin layer over the library: `run(argv) -> int`, `main()`.

One module per command group (`check`, `draw`, `build`, `compare`, `files`), the options and
printing they share (`common`), and the parser and the error handling around every command
(`app`). See docs/architecture.md.

Imports stand at the top of each module, except a command's heavy stage, imported by the
command that needs it: importing every stage at the top would add more than 0.4 s to the
start of every command (`boardmap check` runs on every save), measured beyond
`import boardmap.cli` (best of five): checks 0.08 s, render 0.17 s, its engines 0.19 s,
guide 0.20 s, diff 0.13 s, compare 0.16 s, protocol 0.08 s, office 0.27 s, spreadsheets
0.13 s, the build (which brings drawing and networkx) 0.45 s. Each such import says so in a
comment.
"""

from boardmap.cli.app import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
