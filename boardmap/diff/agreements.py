"""What changed in the map's agreements between two maps, for `boardmap diff` (issue 15):
agreements made, withdrawn or removed, approvals recorded (signed) or no longer recorded,
what they cover, their review dates, and agreements that lapsed (their review date or end
date passed between the two maps' dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from boardmap import agreements
from boardmap.diff.records import Change, FieldChange
from boardmap.model import Agreement, GovernanceMap
from boardmap.say.grammar import join, long_date, sentence


def agreement_changes(
    old: GovernanceMap, new: GovernanceMap, the: Callable[[str], str], renames: dict[str, str]
) -> list[Change]:
    """Changes to agreements, matched by id: new ones first, then removed, then changed."""
    before = {a.id: a for a in old.agreements}
    after = {a.id: a for a in new.agreements}
    # An agreement that ended between the two dates: a history, not a deletion.
    whole = (old._undated or old).agreements
    ended = {a.id: a for a in whole if a.until is not None and old.as_of < a.until <= new.as_of}
    found: list[Change] = []
    for agreement in new.agreements:
        if agreement.id not in before:
            found.append(
                Change(
                    "agreement",
                    "added",
                    (agreement.id,),
                    agreement.name,
                    (
                        f"There is a new agreement, “{agreement.name}”, between "
                        f"{_all(the, agreement.between)}: {agreements.standing(new, agreement)}.",
                    ),
                )
            )
    for agreement in old.agreements:
        if agreement.id not in after:
            if agreement.id in ended:
                assert agreement.until is not None
                text = f"The agreement “{agreement.name}” lapsed: it ended on {long_date(agreement.until)}."
            else:
                text = f"The agreement “{agreement.name}” is no longer in the map."
            found.append(Change("agreement", "removed", (agreement.id,), agreement.name, (text,)))
    for agreement in new.agreements:
        was = before.get(agreement.id)
        if was is None:
            continue
        sentences: list[str] = []
        fields: list[FieldChange] = []
        for field, said in _compare(was, agreement, old, new, the, renames):
            fields.append(FieldChange(field, _plain(getattr(was, field)), _plain(getattr(agreement, field))))
            sentences.extend(said)
        if sentences:
            found.append(
                Change(
                    "agreement", "changed", (agreement.id,), agreement.name, tuple(sentences), tuple(fields)
                )
            )
    return found


def _all(the: Callable[[str], str], ids: list[str]) -> str:
    return join([the(i) for i in ids])


def _plain(value: object) -> object:
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _compare(
    old: Agreement,
    new: Agreement,
    old_map: GovernanceMap,
    new_map: GovernanceMap,
    the: Callable[[str], str],
    renames: dict[str, str],
) -> list[tuple[str, list[str]]]:
    quoted = f"“{new.name}”"
    out: list[tuple[str, list[str]]] = []
    if old.name != new.name:
        out.append(("name", [f"The agreement “{old.name}” is now called {quoted}."]))
    if old.status != new.status:
        said = {
            "withdrawn": f"The agreement {quoted} has been withdrawn.",
            "agreed": f"The agreement {quoted} is now agreed.",
            "draft": f"The agreement {quoted} is a draft again.",
        }[new.status]
        out.append(("status", [said]))
    signed_before = {renames.get(s.by, s.by): s for s in old.agreed}
    said_signed: list[str] = []
    for signature in new.agreed:
        held = signed_before.get(signature.by)
        if held is None or held.on != signature.on:
            ref = f" ({' '.join(signature.ref.split())})" if signature.ref else ""
            said_signed.append(
                sentence(f"{the(signature.by)} agreed {quoted} on {long_date(signature.on)}{ref}")
            )
    now = {s.by for s in new.agreed}
    for board_id, signature in signed_before.items():
        if board_id not in now:
            said_signed.append(
                f"The map no longer records that {the(board_id)} agreed {quoted} "
                f"(on {long_date(signature.on)})."
            )
    if said_signed:
        out.append(("agreed", said_signed))
    between = [renames.get(b, b) for b in old.between]
    if between != new.between:
        out.append(
            (
                "between",
                [
                    f"The agreement {quoted} is now between "
                    f"{_all(the, new.between)} (previously {_all(the, between)})."
                ],
            )
        )
    if old.covers != new.covers:
        count = len(agreements.covered_links(new_map, new))
        out.append(
            (
                "covers",
                [f"The agreement {quoted} now sets out {count} link{'' if count == 1 else 's'} of this map."],
            )
        )
    if old.review_by != new.review_by:
        if new.review_by is None:
            said = f"The agreement {quoted} no longer has a review date."
        else:
            said = f"The agreement {quoted} is now due for review by {long_date(new.review_by)}"
            said += f" (previously {long_date(old.review_by)})." if old.review_by else "."
        out.append(("review_by", [said]))
    elif (
        new.review_by is not None
        and new.status != "withdrawn"
        and old_map.as_of <= new.review_by < new_map.as_of
    ):
        out.append(
            (
                "review_by",
                [
                    f"The agreement {quoted} lapsed: its review was due by "
                    f"{long_date(new.review_by)}, and the map records no "
                    "new review date."
                ],
            )
        )
    for field, label in (("description", "description"), ("url", "web address")):
        if getattr(old, field) != getattr(new, field):
            out.append((field, [f"The {label} of the agreement {quoted} has changed."]))
    return out
