"""The command line, a thin layer over the library: `run(argv) -> int`, `main()`.

One module per command group (`check`, `draw`, `build`, `compare`, `files`), the options and
printing they share (`common`), and the parser and the error handling around every command
(`app`). See docs/architecture.md.
"""

from boardmap.cli.app import build_parser, main, run

__all__ = ["build_parser", "main", "run"]
