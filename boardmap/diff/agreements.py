"""What changed in the map's agreements between two maps (issue 15), as records: agreements
made, withdrawn or removed, approvals recorded (signed) or no longer recorded, what they
cover, their review dates, and agreements that lapsed (their review date or end date passed
between the two maps' dates)."""

from __future__ import annotations

import datetime as dt

from boardmap import agreements
from boardmap.diff.records import AgreementFacts, Approval, Change, FieldChange
from boardmap.model import Agreement, GovernanceMap
from boardmap.origins import located


def agreement_changes(old: GovernanceMap, new: GovernanceMap, renames: dict[str, str]) -> list[Change]:
    """Changes to agreements, matched by id: new ones first, then removed, then changed."""
    before = {a.id: a for a in old.agreements}
    after = {a.id: a for a in new.agreements}
    # An agreement that ended between the two dates: a history, not a deletion.
    whole = located(old).undated.agreements
    ended = {a.id: a.until for a in whole if a.until is not None and old.as_of < a.until <= new.as_of}
    found: list[Change] = []
    for agreement in new.agreements:
        if agreement.id not in before:
            facts = AgreementFacts(standing=agreements.standing(new, agreement))
            found.append(
                Change(
                    "agreement", "added", (agreement.id,), agreement.name, after=agreement, agreement=facts
                )
            )
    for agreement in old.agreements:
        if agreement.id not in after:
            facts = AgreementFacts(ended_on=ended.get(agreement.id))
            found.append(
                Change(
                    "agreement", "removed", (agreement.id,), agreement.name, before=agreement, agreement=facts
                )
            )
    for agreement in new.agreements:
        was = before.get(agreement.id)
        if was is None:
            continue
        change = _changed(was, agreement, old, new, renames)
        if change is not None:
            found.append(change)
    return found


def _plain(value: object) -> object:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _changed(
    old: Agreement, new: Agreement, old_map: GovernanceMap, new_map: GovernanceMap, renames: dict[str, str]
) -> Change | None:
    names: list[str] = []
    if old.name != new.name:
        names.append("name")
    if old.status != new.status:
        names.append("status")
    approvals = _approvals(old, new, renames)
    if approvals:
        names.append("agreed")
    if [renames.get(b, b) for b in old.between] != new.between:
        names.append("between")
    covered = 0
    if old.covers != new.covers:
        names.append("covers")
        covered = len(agreements.covered_links(new_map, new))
    lapsed = (
        old.review_by == new.review_by
        and new.review_by is not None
        and new.status != "withdrawn"
        and old_map.as_of <= new.review_by < new_map.as_of
    )
    if old.review_by != new.review_by or lapsed:
        names.append("review_by")
    names += [f for f in ("description", "url") if getattr(old, f) != getattr(new, f)]
    if not names:
        return None
    fields = tuple(FieldChange(f, _plain(getattr(old, f)), _plain(getattr(new, f))) for f in names)
    facts = AgreementFacts(approvals=approvals, covered=covered, review_lapsed=lapsed)
    return Change("agreement", "changed", (new.id,), new.name, fields, before=old, after=new, agreement=facts)


def _approvals(old: Agreement, new: Agreement, renames: dict[str, str]) -> tuple[Approval, ...]:
    """Approvals newly recorded (or recorded on another day), then those no longer recorded."""
    signed_before = {renames.get(s.by, s.by): s for s in old.agreed}
    found = [
        Approval(s.by, s.on, s.ref, True)
        for s in new.agreed
        if s.by not in signed_before or signed_before[s.by].on != s.on
    ]
    now = {s.by for s in new.agreed}
    found += [Approval(b, s.on, None, False) for b, s in signed_before.items() if b not in now]
    return tuple(found)
