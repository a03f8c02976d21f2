"""Statutory rule packs: what the law requires of boards in England, era by era, and the gaps a
map has against them. The rules (rules.py, lawrules.py) and the catalogue use this module's
names; the work is done in four modules with one job each:

- packs_data.py: the pack files (boardmap/checks/packs/*.yaml), their schema and loading;
- packs_links.py: required links a map lacks, duties whose counterpart it does not show,
  and links a board must not have;
- packs_members.py: members a statutory board lacks;
- packs_bodies.py: bodies every area must have that the map lacks on its date.
"""

from __future__ import annotations

from boardmap.checks.packs_bodies import BodyGap as BodyGap
from boardmap.checks.packs_bodies import missing_bodies as missing_bodies
from boardmap.checks.packs_data import FORCE_SEVERITY as FORCE_SEVERITY
from boardmap.checks.packs_data import PACK_DIR as PACK_DIR
from boardmap.checks.packs_data import IndependenceRule as IndependenceRule
from boardmap.checks.packs_data import LinkRule as LinkRule
from boardmap.checks.packs_data import MemberItem as MemberItem
from boardmap.checks.packs_data import MemberRule as MemberRule
from boardmap.checks.packs_data import Pack as Pack
from boardmap.checks.packs_data import PackError as PackError
from boardmap.checks.packs_data import ProtocolRule as ProtocolRule
from boardmap.checks.packs_data import RequiredBody as RequiredBody
from boardmap.checks.packs_data import available_packs as available_packs
from boardmap.checks.packs_data import load_pack as load_pack
from boardmap.checks.packs_data import load_pack_file as load_pack_file
from boardmap.checks.packs_data import out_of_era as out_of_era
from boardmap.checks.packs_data import packs_in_force as packs_in_force
from boardmap.checks.packs_links import SATISFIES as SATISFIES
from boardmap.checks.packs_links import Breach as Breach
from boardmap.checks.packs_links import PackGap as PackGap
from boardmap.checks.packs_links import UnshownDuty as UnshownDuty
from boardmap.checks.packs_links import _RoleIndex as _RoleIndex
from boardmap.checks.packs_links import duty_lacking as duty_lacking
from boardmap.checks.packs_links import duty_text as duty_text
from boardmap.checks.packs_links import gap_message as gap_message
from boardmap.checks.packs_links import independence_breaches as independence_breaches
from boardmap.checks.packs_links import link_gaps as link_gaps
from boardmap.checks.packs_links import role_index as role_index
from boardmap.checks.packs_links import sole_area as sole_area
from boardmap.checks.packs_links import unshown_duties as unshown_duties
from boardmap.checks.packs_members import COUNCIL_OFFICERS as COUNCIL_OFFICERS
from boardmap.checks.packs_members import MemberGap as MemberGap
from boardmap.checks.packs_members import MissingMember as MissingMember
from boardmap.checks.packs_members import member_gaps as member_gaps
from boardmap.checks.packs_members import required_member_roles as required_member_roles
from boardmap.checks.packs_members import required_roles as required_roles
from boardmap.say.grammar import a
from boardmap.say.vocab import role_name as role_name

# The wording lives in boardmap.say; this name stays for callers (checks.rules).
article = a
