"""Running the checks: every registered rule over a map, then the accepted findings set aside.

A rule is a small function over a `Context` (the map plus views built once and shared by
every rule: the reporting graph, links by pair, boards by statutory role...). It yields
`Finding`s; `check()` runs every rule, then sets aside the findings the map's owners have
accepted and brings back those whose acceptance has expired. The findings and the registry
are in `registry.py`, the shared views in `context.py`, accepting in `accept.py`; the rule
modules import those, never this module, which imports the rule modules (so there is no
circle) and re-exports the names its callers use.
"""

from __future__ import annotations

from dataclasses import replace

from boardmap.checks import roles_read, tiers
from boardmap.checks.accept import CheckResult, _settle, describe_entry
from boardmap.checks.context import Context
from boardmap.checks.registry import (
    RULES,
    SEVERITIES,
    Finding,
    LinkKey,
    Rule,
    RuleCheck,
    Severity,
    rule,
)
from boardmap.collector import kept, no_gc
from boardmap.model import GovernanceMap
from boardmap.origins import Loaded, located
from boardmap.say import findings as say_findings
from boardmap.say.vocab import ROLE_NAMES

# The rule modules, imported for the rules each registers (registry.rule), in catalogue
# order: the general rules, the law's, the agreements' (issue 15), the map's own words'
# (issue 12), the map's date. The order is the catalogue's, so it is kept by hand.
# isort: off
from boardmap.checks import rules  # noqa: F401
from boardmap.checks import lawrules  # noqa: F401
from boardmap.checks import agreements  # noqa: F401
from boardmap.checks import wording  # noqa: F401
from boardmap.checks import dates  # noqa: F401

# isort: on

__all__ = [
    "RULES",
    "SEVERITIES",
    "CheckResult",
    "Context",
    "Finding",
    "LinkKey",
    "Rule",
    "RuleCheck",
    "Severity",
    "catalogue",
    "check",
    "describe_entry",
    "inference_sentence",
    "rule",
    "run_checks",
]


def catalogue() -> dict[str, Rule]:
    """Every rule, in catalogue order."""
    return RULES


def check(gmap: GovernanceMap | Loaded) -> CheckResult:
    """Run every rule over a map; set aside accepted findings; bring back expired ones.

    Each finding is placed at its declaration through the map's side table: pass what
    `load_located` returned, or a map `load` returned (boardmap.origins.located)."""
    registered_rules = catalogue()
    with no_gc():  # a large map holds millions of objects: collections would cost seconds
        loaded = located(gmap)
        inferred = roles_read.infer_roles(loaded.undated)
        # Kept where the process ends as the command returns (boardmap.collector.kept): its
        # views are not freed one by one first (5 ms at 10,000 boards).
        ctx = kept(Context(roles_read.with_roles(loaded, inferred), inferred))
        findings: list[Finding] = []
        for registered in registered_rules.values():
            if registered.check is not None:
                findings.extend(registered.check(ctx))
        if inferred:
            findings = [_with_inference(ctx, f) for f in findings]
        finish = (lambda f: _with_inference(ctx, f)) if inferred else None
        result = _settle(ctx, findings, finish)
        result.inferred = [(b, inference_sentence(ctx, b)) for b in ctx.sorted_ids(inferred)]
        tiers_read: dict[str, tiers.Tier] = ctx.memo("council-tiers", tiers.council_tiers)
        result.tiers_read = [
            (b, tier_sentence(ctx, b, tiers_read[b]))
            for b in ctx.sorted_ids(tiers_read)
            if tiers_read[b].why is not None
        ]
        return result


def inference_sentence(ctx: Context, board_id: str) -> str:
    """'The MSCB is treated as the Local Safeguarding Children Board because its basis is
    Children Act 2004, section 13; add `statutory_role: lscb` to confirm.'"""
    inference = ctx.inferred[board_id]
    return (
        f"{ctx.The(board_id)} is treated as the {ROLE_NAMES[inference.role]} because "
        f"{inference.why}; add `statutory_role: {inference.role}` to confirm."
    )


def tier_sentence(ctx: Context, board_id: str, tier: tiers.Tier) -> str:
    """How boardmap read a council's tier from its name (boardmap.say.findings.tier_read)."""
    assert tier.why is not None
    return say_findings.tier_read(ctx.The(board_id), tier.tier, tier.why)


def _with_inference(ctx: Context, finding: Finding) -> Finding:
    """A statutory finding about a body whose role was inferred says so, and how to confirm."""
    if finding.source is None:
        return finding
    said = [inference_sentence(ctx, b) for b in dict.fromkeys(finding.boards) if b in ctx.inferred]
    if not said:
        return finding
    return replace(finding, message=" ".join([finding.message, *said]))


def run_checks(gmap: GovernanceMap | Loaded) -> list[Finding]:
    """Every open finding of every registered rule, sorted by file and line."""
    return check(gmap).open
