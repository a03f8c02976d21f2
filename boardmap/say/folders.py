"""The words of the output folder's refusals: a manifest boardmap did not write, and files it
would replace but cannot prove it wrote. Each says what is wrong, then what to do."""

from __future__ import annotations

from collections.abc import Sequence

from boardmap.say.grammar import agree

SHOWN = 10  # how many files a refusal names before it counts the rest


def manifest_not_ours(path: str, what: str) -> str:
    return (
        f"{path} is not a manifest boardmap wrote: {what}. boardmap records in it which files in "
        "the folder are its own, so nothing was written. Run the command again with --force to "
        "remake the outputs and write a new manifest (even then, no file is deleted unless a "
        "manifest proves boardmap wrote it)"
    )


def not_ours(paths: Sequence[str], manifest: str) -> str:
    """`paths`: every file, in order; the first SHOWN are named, the rest counted."""
    shown = ", ".join(paths[:SHOWN])
    if len(paths) > SHOWN:
        shown += f" and {len(paths) - SHOWN} more"
    n = len(paths)
    them = "it" if n == 1 else "them"
    return (
        f"{shown} {agree('is', n)} already there and boardmap did not write {them} (not in "
        f"{manifest} as {'it' if n == 1 else 'they'} {agree('is', n)} now), so nothing was written. "
        f"Move {them} away, choose another folder with --out, or add --force to replace {them}"
    )
