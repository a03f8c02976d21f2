"""A synthetic governance map for benchmarks: N boards and about 5N links, seeded and deterministic.

    python bench/generate.py 10000 -o /tmp/national.yaml [--seed 1]

The map follows format v1 (format.md) and has the shape of the real examples: each area has
its council, full council and cabinet, the statutory boards (with the 2019 move from a
Safeguarding Children Board to a safeguarding partnership, and the 2022 move from CCGs to
ICBs held as history), scrutiny committees, the office-holders who chair and attend them,
the agencies that send members, and many sub-groups and officer groups beneath them. Police
forces, PCCs, probation, fire and ICBs are shared by regions of about five areas, and a few
national bodies (Ofsted, DfE, ...) by everyone. At N=10,000 there are about 150 areas.

Every governance body but a few (about 3%, left as gaps for `check` to find) answers to
another through a reporting tree topped by each area's Full Council. Reporting and
escalation links always run from a deeper body to a shallower one, so neither forms cycles.

The same N and seed give byte-identical output: one seeded random.Random drives every choice
and nothing is ever taken from a set's (hash-randomised) order.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# Boards per area; with the shared regional and national bodies, ~150 areas at N=10,000.
AREA_SIZE = 67
# Areas per police force area / ICB footprint.
REGION_SIZE = 5
LINKS_PER_BOARD = 5
AS_OF = "2024-06-01"
ID_RE = re.compile(r"^[a-z][a-z0-9-]{0,63}$")

GOVERNANCE = ("statutory-board", "partnership", "committee", "sub-group", "officer-group")

FIRST = (
    "Ash",
    "Black",
    "Bram",
    "Brad",
    "Cal",
    "Carn",
    "Chester",
    "Dun",
    "East",
    "Elm",
    "Fair",
    "Glen",
    "Green",
    "Hart",
    "High",
    "Kings",
    "Lang",
    "Long",
    "Mar",
    "Mid",
    "Nor",
    "Oak",
    "Pen",
    "Red",
    "Rom",
    "Salt",
    "Shel",
    "South",
    "Stan",
    "Stock",
    "Tam",
    "Thorn",
    "Wal",
    "West",
    "Whit",
    "Wood",
)
LAST = (
    "bury",
    "by",
    "caster",
    "chester",
    "don",
    "field",
    "ford",
    "ham",
    "ley",
    "mouth",
    "port",
    "stead",
    "stoke",
    "ton",
    "wick",
    "worth",
)

# Topics of the groups beneath the statutory boards, as council papers name them.
TOPICS = (
    "Child Sexual Exploitation",
    "Learning and Improvement",
    "Quality Assurance",
    "Training",
    "Domestic Abuse",
    "Mental Health",
    "Substance Misuse",
    "Reducing Reoffending",
    "Anti-social Behaviour",
    "Early Help",
    "Neglect",
    "Performance",
    "Policy and Procedures",
    "Serious Case Review",
    "Safeguarding Adults Review",
    "Prevent",
    "Community Cohesion",
    "Best Start",
    "Healthy Weight",
    "Tobacco Control",
    "Winter Planning",
    "Better Care Fund",
    "Dementia",
    "Carers",
    "Learning Disability",
    "Transitions",
    "Missing Children",
    "Children in Care",
    "Health Protection",
    "Suicide Prevention",
    "Housing and Health",
    "Modern Slavery",
    "Hate Crime",
    "Youth Violence",
    "Workforce",
    "Joint Commissioning",
    "Special Educational Needs",
    "Private Fostering",
    "Female Genital Mutilation",
    "Online Safety",
    "Integrated Care",
    "Health Inequalities",
    "Road Safety",
    "Troubled Families",
)
FILLER_KINDS = (
    ("sub-group", 45),
    ("officer-group", 12),
    ("partnership", 8),
    ("committee", 5),
    ("role", 13),
    ("organisation", 14),
    ("external", 3),
)
SUFFIX = {
    "sub-group": ("Sub-group", "Task Group", "Panel"),
    "officer-group": ("Officers' Group", "Operational Group"),
    "partnership": ("Partnership", "Board"),
    "committee": ("Sub-committee", "Committee"),
}
ROLE_TITLES = (
    "Principal Social Worker",
    "Designated Nurse",
    "Designated Doctor",
    "Community Safety Manager",
    "Board Business Manager",
    "Head of Early Help",
    "Local Authority Designated Officer",
    "Assistant Director of Public Health",
    "Head of Commissioning",
    "Portfolio Holder for Adult Services",
)
ORGS = (
    "Voluntary Action",
    "Housing Trust",
    "Schools Forum",
    "Community Health Services",
    "Mental Health Trust",
    "Council for Voluntary Service",
    "Ambulance Service",
    "Further Education College",
    "Citizens Advice",
    "Youth Service",
)
EXTERNALS = ("Improvement Board Sponsor", "Peer Review Team", "Regional Adoption Agency")
NATIONAL = (
    ("ofsted", "Ofsted"),
    ("dfe", "Department for Education"),
    ("cqc", "Care Quality Commission"),
    ("dhsc", "Department of Health and Social Care"),
    ("home-office", "Home Office"),
    ("nhs-england", "NHS England"),
    ("lga", "Local Government Association"),
)
MEETS = ("every two months", "quarterly", "monthly", "four times a year", "six times a year", "as needed")
CADENCES = ("as-needed", "monthly", "quarterly", "six-monthly", "annual", "each meeting")
WHATS = (
    "annual report",
    "minutes of each meeting",
    "performance dashboard",
    "risk register",
    "action plan and progress",
    "findings of case reviews",
    "draft strategy",
    "budget report",
)
COUNCILLORS = (
    "Councillor A. Patel",
    "Councillor J. Brown",
    "Councillor S. Khan",
    "Councillor M. Jones",
    "Councillor R. Evans",
    "Councillor L. Wright",
)
# What the core bodies are for, in the words of council papers ({a} is the area).
CORE_PURPOSES = {
    "full-council": "All the councillors of {a}; sets the budget and the policy framework.",
    "cabinet": "The Leader and portfolio holders; takes the council's executive decisions.",
    "hwbb": "Plans how health and care services work together to improve health in {a}.",
    "lscb": "Coordinates what partners do to safeguard children in {a} and checks it works.",
    "scp": "The safeguarding partners' arrangements to safeguard and promote the welfare of children.",
    "sab": "Makes sure local safeguarding arrangements for adults at risk work well.",
    "csp": "Partners working together to reduce crime, disorder and reoffending in {a}.",
    "os-children": "Scrutinises services for children and young people.",
    "os-health": "Scrutinises health services and adult social care.",
    "os-crime": "Scrutinises the Community Safety Partnership's work.",
    "childrens-trust": "Partners planning services for children and young people together.",
    "corporate-parenting": "Makes sure the council acts as a good parent to children in its care.",
    "cmt": "The council's senior officers; manages the council day to day.",
    "business-managers": "The boards' business managers, keeping the boards' work joined up.",
    "cdop": "Reviews the death of every child in the area to learn lessons.",
    "yot": "Oversees the youth offending service.",
}
# Extra link types beyond the structure, by weight: informs and attends dominate real maps.
EXTRA_TYPES = (
    ("informs", 38),
    ("challenges", 16),
    ("attends", 12),
    ("consults", 11),
    ("escalates-to", 11),
    ("reports-to", 8),
    ("sub-group-of", 4),
)


@dataclass
class Board:
    id: str
    name: str
    kind: str
    area: int  # index of its area; -1 for regional and national bodies
    rank: int = 0  # depth in the reporting tree: reporting and escalation go to a lower rank
    short: str | None = None
    purpose: str | None = None
    basis: str | None = None
    statutory_role: str | None = None
    chair: str | list[str] | None = None
    independent_chair: bool = False
    members: list[str] = field(default_factory=list)
    meets: str | None = None
    areas: list[str] = field(default_factory=list)
    top: bool = False
    since: str | None = None
    until: str | None = None
    url: str | None = None


@dataclass
class Link:
    from_: str
    to: str
    type: str
    says: str | None = None
    what: str | None = None
    cadence: str | None = None
    basis: str | None = None
    review_by: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass
class Area:
    index: int
    name: str
    slug: str
    region: int
    boards: list[Board] = field(default_factory=list)
    by_key: dict[str, Board] = field(default_factory=dict)  # template key -> board
    gaps: list[Board] = field(default_factory=list)  # governance bodies left unaccountable


class Generator:
    def __init__(self, n: int, seed: int) -> None:
        if n < 1:
            raise ValueError("N must be at least 1")
        self.n = n
        self.rng = random.Random(seed)
        self.seed = seed
        self.boards: list[Board] = []
        self.by_id: dict[str, Board] = {}
        self.links: list[Link] = []
        self.link_keys: set[tuple[str, str, str]] = set()
        self.areas: list[Area] = []
        self.regional: list[dict[str, Board]] = []
        self.national: list[Board] = []

    # -- boards ------------------------------------------------------------------------

    def add_board(self, board: Board) -> Board | None:
        if len(self.boards) >= self.n:
            return None
        base, i = board.id[:60], 2
        while board.id in self.by_id:
            board.id = f"{base}-{i}"
            i += 1
        assert ID_RE.match(board.id), board.id
        self.boards.append(board)
        self.by_id[board.id] = board
        return board

    def area_names(self, count: int) -> list[tuple[str, str]]:
        names = [f + last for f in FIRST for last in LAST]
        self.rng.shuffle(names)
        out = []
        for i in range(count):
            name = names[i % len(names)] + ("" if i < len(names) else f" {i // len(names) + 1}")
            out.append((name, slug(name)))
        return out

    def build(self) -> None:
        n_areas = max(1, round(self.n / AREA_SIZE))
        n_regions = (n_areas + REGION_SIZE - 1) // REGION_SIZE
        names = self.area_names(n_areas)
        self.areas = [Area(i, name, s, i // REGION_SIZE) for i, (name, s) in enumerate(names)]
        national = NATIONAL[:2] if self.n < 500 else NATIONAL
        for key, name in national:
            b = self.add_board(Board(key, name, "external", -1, purpose=f"{name}: a national body."))
            if b:
                self.national.append(b)
        for r in range(n_regions):
            self.regional.append(self.region_boards(r))
        remaining = self.n - len(self.boards)
        for area in self.areas:
            quota = remaining // n_areas + (1 if area.index < remaining % n_areas else 0)
            self.area_boards(area, quota)
        for area in self.areas:
            self.area_links(area)
        for r, region in enumerate(self.regional):
            self.region_links(r, region)
        self.extra_links()
        self.committees_in_common()

    def committees_in_common(self) -> None:
        """Committees in common (meets-with) as real maps have them, few: the last informs
        link between two boards of an area becomes one. A change of type, not a new link,
        so the number of links, and every random choice, stay as they were."""
        boards = {b.id: b for b in self.boards}
        for i in range(len(self.links) - 1, -1, -1):
            link = self.links[i]
            a, b = boards.get(link.from_), boards.get(link.to)
            if (
                link.type == "informs"
                and a
                and b
                and a.kind in ("statutory-board", "partnership")
                and b.kind in ("statutory-board", "partnership")
                and (link.from_, link.to, "meets-with") not in self.link_keys
            ):
                self.link_keys.discard((link.from_, link.to, "informs"))
                self.link_keys.add((link.from_, link.to, "meets-with"))
                link.type = "meets-with"
                link.says = "meets in common with it on shared business"
                return

    def region_boards(self, r: int) -> dict[str, Board]:
        members = [a for a in self.areas if a.region == r]
        label = members[0].name if len(members) == 1 else f"{members[0].name} and District"
        footprint = [a.slug for a in members]
        rid = slug(label)
        specs = [
            ("police", f"{label} Police", "organisation", "police", None, None),
            ("pcc", f"{label} Police and Crime Commissioner", "role", "pcc", "PCC", None),
            ("pcp", f"{label} Police and Crime Panel", "committee", "police-and-crime-panel", "PCP", None),
            ("probation", f"{label} Probation Service", "organisation", "probation", None, None),
            ("fire", f"{label} Fire and Rescue Service", "organisation", "fire-and-rescue", None, None),
            ("icb", f"{label} Integrated Care Board", "organisation", "icb", "ICB", "2022-07-01"),
        ]
        out: dict[str, Board] = {}
        for key, name, kind, role, short, since in specs:
            b = self.add_board(
                Board(
                    f"{rid}-{key}",
                    name,
                    kind,
                    -1,
                    short=short,
                    statutory_role=role,
                    areas=list(footprint),
                    since=since,
                )
            )
            if b:
                out[key] = b
        if "pcp" in out:
            out["pcp"].top = True  # a joint committee of the region's councils
            out["pcp"].purpose = "Scrutinises the Police and Crime Commissioner's plan and report."
        return out

    def area_boards(self, area: Area, quota: int) -> None:
        a = area.name
        # key, name, kind, statutory_role, short, since, until
        core = [
            ("council", f"{a} Council", "organisation", "local-authority", None, None, None),
            ("full-council", f"{a} Full Council", "committee", None, None, None, None),
            ("leader", f"Leader of {a} Council", "role", "leader", None, None, None),
            (
                "chief-executive",
                f"Chief Executive of {a} Council",
                "role",
                "chief-executive",
                "CX",
                None,
                None,
            ),
            ("cabinet", f"{a} Cabinet", "committee", None, None, None, None),
            ("hwbb", f"{a} Health and Wellbeing Board", "statutory-board", "hwb", "HWBB", "2013-04-01", None),
            ("dcs", f"{a} Director of Children's Services", "role", "dcs", "DCS", None, None),
            ("dass", f"{a} Director of Adult Social Services", "role", "dass", "DASS", None, None),
            ("dph", f"{a} Director of Public Health", "role", "director-public-health", "DPH", None, None),
            (
                "lead-member",
                f"{a} Lead Member for Children's Services",
                "role",
                "lead-member",
                None,
                None,
                None,
            ),
            ("healthwatch", f"Healthwatch {a}", "organisation", "healthwatch", None, None, None),
            ("ccg", f"{a} Clinical Commissioning Group", "organisation", "ccg", "CCG", None, "2022-07-01"),
            (
                "lscb",
                f"{a} Safeguarding Children Board",
                "statutory-board",
                "lscb",
                "LSCB",
                None,
                "2019-09-29",
            ),
            (
                "scp",
                f"{a} Safeguarding Children Partnership",
                "statutory-board",
                "safeguarding-partnership",
                "SCP",
                "2019-09-29",
                None,
            ),
            (
                "scrutineer",
                f"{a} Independent Scrutineer",
                "role",
                "independent-scrutineer",
                None,
                "2019-09-29",
                None,
            ),
            ("sab", f"{a} Safeguarding Adults Board", "statutory-board", "sab", "SAB", "2015-04-01", None),
            ("csp", f"{a} Community Safety Partnership", "partnership", "csp", "CSP", None, None),
            (
                "os-children",
                f"{a} Children and Young People Overview and Scrutiny Committee",
                "committee",
                "overview-and-scrutiny",
                None,
                None,
                None,
            ),
            (
                "os-health",
                f"{a} Health and Adult Social Care Overview and Scrutiny Committee",
                "committee",
                "health-scrutiny",
                None,
                None,
                None,
            ),
            (
                "os-crime",
                f"{a} Crime and Disorder Committee",
                "committee",
                "crime-and-disorder-committee",
                None,
                None,
                None,
            ),
            (
                "nhs-trust",
                f"{a} Hospitals NHS Foundation Trust",
                "organisation",
                "nhs-trust",
                None,
                None,
                None,
            ),
            ("childrens-trust", f"{a} Children's Trust Board", "partnership", None, None, None, None),
            ("corporate-parenting", f"{a} Corporate Parenting Panel", "committee", None, None, None, None),
            ("cmt", f"{a} Corporate Management Team", "officer-group", None, "CMT", None, None),
            (
                "business-managers",
                f"{a} Boards' Business Managers Group",
                "officer-group",
                None,
                None,
                None,
                None,
            ),
            ("cdop", f"{a} Child Death Overview Panel", "sub-group", None, "CDOP", None, None),
            ("yot", f"{a} Youth Offending Management Board", "partnership", None, None, None, None),
        ]
        for key, name, kind, role, short, since, until in core[:quota]:
            b = self.add_board(
                Board(
                    f"{area.slug}-{key}",
                    name,
                    kind,
                    area.index,
                    short=short,
                    statutory_role=role,
                    since=since,
                    until=until,
                    areas=[area.slug],
                )
            )
            if b:
                area.boards.append(b)
                area.by_key[key] = b
                if key in CORE_PURPOSES:
                    b.purpose = CORE_PURPOSES[key].format(a=a)
        full = area.by_key.get("full-council")
        if full:
            full.top = True
        for i in range(quota - len(area.boards)):
            self.filler(area, i)
        for b in area.boards:
            self.describe(area, b)

    def filler(self, area: Area, i: int) -> None:
        kind = weighted(self.rng, FILLER_KINDS)
        topic = TOPICS[(i + area.index) % len(TOPICS)]
        if kind in SUFFIX:
            name = f"{area.name} {topic} {self.rng.choice(SUFFIX[kind])}"
        elif kind == "role":
            name = f"{area.name} {ROLE_TITLES[i % len(ROLE_TITLES)]}"
        elif kind == "organisation":
            name = f"{area.name} {ORGS[i % len(ORGS)]}"
        else:
            name = f"{area.name} {EXTERNALS[i % len(EXTERNALS)]}"
        b = Board(
            f"{area.slug}-{slug(name[len(area.name) + 1 :])}"[:64].rstrip("-"),
            name,
            kind,
            area.index,
            areas=[area.slug],
        )
        r = self.rng.random()
        if r < 0.03:
            b.until = f"20{self.rng.randint(16, 23)}-0{self.rng.randint(1, 9)}-01"  # wound up
        elif r < 0.13:
            b.since = f"20{self.rng.randint(14, 23)}-{self.rng.randint(10, 12)}-01"
        added = self.add_board(b)
        if added:
            area.boards.append(added)

    def describe(self, area: Area, b: Board) -> None:
        rng = self.rng
        if b.kind in GOVERNANCE:
            if b.purpose is None and rng.random() < 0.85:
                b.purpose = (
                    f"Brings partners together on {topic_of(b.name, area.name).lower()} "
                    f"in {area.name}, and agrees what each will do."
                )
            b.meets = rng.choice(MEETS)
            roles = [x.id for x in area.boards if x.kind == "role"]
            r = rng.random()
            if r < 0.6 and roles:
                b.chair = rng.choice(roles)
            elif r < 0.65 and len(roles) > 1:
                b.chair = rng.sample(roles, 2)
            elif r < 0.85:
                b.chair = rng.choice(COUNCILLORS)
            pool = [x.id for x in area.boards if x.kind in ("role", "organisation") and x.id != b.id]
            pool += (
                [x.id for x in self.regional[area.region].values() if x.kind in ("organisation", "role")]
                if area.region < len(self.regional)
                else []
            )
            if pool and rng.random() < 0.7:
                b.members = rng.sample(pool, min(len(pool), rng.randint(3, 9)))
            if rng.random() < 0.2:
                b.url = f"https://www.{area.slug}.gov.uk/boards/{b.id}"
        elif b.purpose is None and rng.random() < 0.5:
            b.purpose = f"{b.name}."
        if b.statutory_role in ("lscb", "sab", "safeguarding-partnership"):
            b.independent_chair = True
            b.chair = (
                f"{area.name} Independent Chair"
                if b.statutory_role != "safeguarding-partnership"
                else [x for x in (self.key(area, "chief-executive"), self.key(area, "dcs")) if x] or None
            )
            b.basis = {
                "lscb": "Children Act 2004, section 13",
                "sab": "Care Act 2014, section 43",
                "safeguarding-partnership": "Children Act 2004, section 16E",
            }[b.statutory_role]
        if b.statutory_role == "hwb":
            b.basis = "Health and Social Care Act 2012, section 194"
            b.chair = self.key(area, "leader")
            b.members = [
                x
                for x in (self.key(area, k) for k in ("dass", "dcs", "dph", "healthwatch", "ccg", "leader"))
                if x
            ]
            if area.region < len(self.regional) and "icb" in self.regional[area.region]:
                b.members.append(self.regional[area.region]["icb"].id)
        if b.statutory_role == "csp":
            b.basis = "Crime and Disorder Act 1998, section 5"
        if b.id == self.key(area, "full-council"):
            b.chair, b.members = f"the Mayor of {area.name}", []
        elif b.id == self.key(area, "cabinet"):
            b.chair = self.key(area, "leader")

    def key(self, area: Area, key: str) -> str | None:
        b = area.by_key.get(key)
        return b.id if b else None

    # -- links -------------------------------------------------------------------------

    def link(self, a: str | None, b: str | None, type_: str, **extra: str | None) -> bool:
        if a is None or b is None or a == b or (a, b, type_) in self.link_keys:
            return False
        self.link_keys.add((a, b, type_))
        link = Link(a, b, type_, **extra)
        rng = self.rng
        if link.cadence is None and rng.random() < 0.4:
            link.cadence = rng.choice(CADENCES)
        if link.what is None and type_ in ("informs", "reports-to") and rng.random() < 0.3:
            link.what = rng.choice(WHATS)
        if rng.random() < 0.1:  # about one in eight of these is overdue on the map's date
            link.review_by = f"20{rng.randint(24, 27)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if link.since is None and link.until is None and rng.random() < 0.06:
            link.since = f"20{rng.randint(14, 23)}-{rng.randint(1, 12):02d}-01"
        self.links.append(link)
        return True

    def report(
        self, child: Board | None, parent: Board | None, type_: str = "reports-to", **extra: str | None
    ) -> None:
        if child is None or parent is None:
            return
        if self.link(child.id, parent.id, type_, **extra):
            child.rank = max(child.rank, parent.rank + 1)

    def area_links(self, area: Area) -> None:
        k = area.by_key.get
        region = self.regional[area.region] if area.region < len(self.regional) else {}
        ids = {key: b.id for key, b in area.by_key.items()}
        g = ids.get
        self.report(k("cabinet"), k("full-council"))
        self.report(k("hwbb"), k("full-council"))
        for os_ in ("os-children", "os-health", "os-crime"):
            self.report(k(os_), k("full-council"))
        self.report(k("lscb"), k("chief-executive"), says="the chief executive holds the chair to account")
        self.report(k("scp"), k("cabinet"))
        self.report(k("sab"), k("chief-executive"), basis="Care Act 2014, Schedule 2")
        self.report(k("csp"), k("cabinet"))
        self.report(k("childrens-trust"), k("hwbb"))
        self.report(k("corporate-parenting"), k("cabinet"))
        self.report(k("cmt"), k("chief-executive"))
        self.report(k("business-managers"), k("cmt"))
        self.report(k("cdop"), k("lscb"), "sub-group-of", until="2019-09-29")
        self.report(k("cdop"), k("scp"), "sub-group-of", since="2019-09-29")
        self.report(k("yot"), k("csp"))
        pcc = region.get("pcc")
        for target in ("chief-executive", "leader", "hwbb"):
            self.link(
                g("lscb"),
                g(target),
                "informs",
                what="annual report on the effectiveness of safeguarding",
                cadence="annual",
            )
            self.link(g("sab"), g(target), "informs", what="annual report", cadence="annual")
        if pcc:
            self.link(g("lscb"), pcc.id, "informs", what="annual report", cadence="annual")
            self.link(g("sab"), pcc.id, "informs", what="annual report", cadence="annual")
            self.link(g("csp"), pcc.id, "informs", says="has regard to the police and crime plan")
        self.link(g("sab"), g("healthwatch"), "consults", what="strategic plan", cadence="annual")
        self.link(g("scrutineer"), g("scp"), "challenges", says="scrutinises the arrangements")
        self.link(g("scp"), g("hwbb"), "informs", what="yearly report", cadence="annual")
        self.link(g("lead-member"), g("lscb"), "attends", says="attends as a participating observer")
        self.link(g("os-crime"), g("csp"), "challenges")
        self.link(g("os-health"), g("hwbb"), "challenges")
        self.link(g("os-children"), g("scp"), "challenges")
        self.link(g("lscb"), g("hwbb"), "challenges", says="holds the board to account on safeguarding")
        self.link(g("hwbb"), g("council"), "informs", what="Joint Strategic Needs Assessment")
        self.link(g("hwbb"), g("ccg"), "informs", what="Joint Strategic Needs Assessment", until="2022-07-01")
        self.link(g("ccg"), g("hwbb"), "consults", what="draft commissioning plan", until="2022-07-01")
        if "icb" in region:
            self.link(region["icb"].id, g("hwbb"), "consults", what="joint forward plan")
            self.link(g("hwbb"), region["icb"].id, "informs", what="Joint Strategic Needs Assessment")
        # The fillers: each governance body under a parent of this area, a few left without one.
        core = {b.id for b in area.by_key.values()}
        parents = [
            b
            for b in area.boards
            if b.id in core and b.until is None and b.kind in ("statutory-board", "partnership", "committee")
        ]
        for b in area.boards:
            if b.id in core or b.kind not in GOVERNANCE:
                continue
            if self.rng.random() < 0.03:
                area.gaps.append(b)  # an accountability gap, as real maps have
                continue
            if b.kind == "sub-group":
                pool = parents + [x for x in area.boards if x.kind == "sub-group" and x.rank and x.rank < 4]
                self.report(b, self.rng.choice(pool) if pool else None, "sub-group-of")
            elif b.kind == "officer-group":
                self.report(b, k("cmt") or (self.rng.choice(parents) if parents else None))
            elif b.kind == "committee":
                self.report(b, self.rng.choice([x for x in (k("full-council"), k("cabinet")) if x] or [None]))
            else:
                self.report(
                    b, self.rng.choice([x for x in (k("hwbb"), k("csp"), k("cabinet")) if x] or [None])
                )
            # Parents always have their rank before their children, so ranks never change later.
            if b.rank and b.kind in ("partnership", "committee"):
                parents.append(b)

    def region_links(self, r: int, region: dict[str, Board]) -> None:
        if "pcp" in region and "pcc" in region:
            self.link(
                region["pcp"].id,
                region["pcc"].id,
                "challenges",
                what="police and crime plan; annual report",
                cadence="annual",
            )

    def extra_links(self) -> None:
        """Links of every type between boards of an area (and its region), to about 5N in all."""
        target = LINKS_PER_BOARD * self.n
        pools = []
        for area in self.areas:
            region = list(self.regional[area.region].values()) if area.region < len(self.regional) else []
            gov = [b for b in area.boards if b.kind in GOVERNANCE]
            people = [b for b in area.boards if b.kind in ("role", "organisation")]
            people += [b for b in region if b.kind in ("role", "organisation")]
            everyone = area.boards + region + self.national
            pools.append((gov, people, everyone))
        weights = [len(a.boards) for a in self.areas]
        if not any(weights):
            return
        tries = 0
        while len(self.links) < target and tries < target * 20:
            tries += 1
            gov, people, everyone = self.rng.choices(pools, weights)[0]
            if not gov:
                continue
            type_ = weighted(self.rng, EXTRA_TYPES)
            rng = self.rng
            if type_ == "attends":
                if not people:
                    continue
                a, b = rng.choice(people), rng.choice(gov)
            elif type_ in ("reports-to", "escalates-to", "sub-group-of"):
                a = rng.choice(gov)
                higher = (
                    [x for x in gov if x.rank < a.rank]
                    if type_ != "escalates-to"
                    else [x for x in everyone if x.rank < a.rank and x.kind != "organisation"]
                )
                if not higher:
                    continue
                b = rng.choice(higher)
                if type_ == "sub-group-of" and a.kind != "sub-group":
                    continue
            elif type_ == "challenges":
                a = rng.choice(gov)
                if a.kind not in ("committee", "statutory-board", "partnership"):
                    continue
                b = rng.choice(gov)
            else:
                a, b = rng.choice(gov), rng.choice(everyone)
            says = "keeps the other board up to date" if rng.random() < 0.05 else None
            if self.link(a.id, b.id, type_, says=says) and type_ == "challenges" and rng.random() < 0.8:
                # Most bodies held to account answer the challenger, as real protocols ask.
                self.link(b.id, a.id, "informs", what="response to the challenge")

    # -- the rest of the map -----------------------------------------------------------

    def escalations(self) -> Iterator[dict[str, object]]:
        for area in self.areas:
            top = [b for b in area.boards if b.kind in ("statutory-board", "partnership")]
            roles = [b.id for b in area.boards if b.kind == "role"]
            for i in range(min(4, len(top) * (len(top) - 1) // 2)):
                a, b = self.rng.sample(top, 2)
                steps: list[dict[str, object]] = [
                    {"action": "Either chair writes to the other board asking it to consider the concern."},
                    {"action": "The two chairs meet.", "involves": [a.id, b.id]},
                ]
                if roles and self.rng.random() < 0.7:
                    steps.append(
                        {
                            "action": "A resolution meeting with senior officers.",
                            "involves": self.rng.sample(roles, min(2, len(roles))),
                        }
                    )
                yield {
                    "id": f"{area.slug}-route-{i + 1}",
                    "name": f"When the {short_name(a, area)} and the {short_name(b, area)} disagree",
                    "between": [a.id, b.id],
                    "steps": steps,
                }

    def themes(self) -> Iterator[dict[str, object]]:
        for area in self.areas:
            gov = [b.id for b in area.boards if b.kind in GOVERNANCE]
            if len(gov) < 3:
                continue
            for i in range(5):
                topic = TOPICS[(area.index * 5 + i) % len(TOPICS)]
                theme: dict[str, object] = {
                    "id": f"{area.slug}-{slug(topic)}"[:64].rstrip("-"),
                    "name": topic,
                }
                picks = self.rng.sample(gov, min(len(gov), self.rng.randint(3, 6)))
                if self.rng.random() < 0.9:
                    theme["lead"] = picks[0]  # else no lead: a gap for check to find
                theme["supports"] = picks[1:]
                yield theme

    def accepted(self) -> Iterator[dict[str, object]]:
        """Findings judged and accepted, as real maps record them: about two per area."""
        for area in self.areas:
            for b in area.gaps[::2]:
                yield {
                    "rule": "no-accountability",
                    "board": b.id,
                    "reason": "Managed inside one of the partner agencies, outside this map.",
                    "until": "2025-03-31",
                }
            os_health, hwbb = area.by_key.get("os-health"), area.by_key.get("hwbb")
            if os_health and hwbb:
                yield {
                    "rule": "challenge-without-response",
                    "link": {"from": os_health.id, "to": hwbb.id, "type": "challenges"},
                    "reason": "The board answers the committee in its annual report.",
                }


# -- YAML text ---------------------------------------------------------------------------

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,.()'/&-]*[A-Za-z0-9.)]$")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


def scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", text):
        return text  # a date
    if _PLAIN.match(text) and text.lower() not in _RESERVED and ": " not in text and " #" not in text:
        return text
    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


def flow(values: list[str]) -> str:
    return "[" + ", ".join(scalar(v) for v in values) + "]"


BOARD_FIELDS = (
    "short",
    "kind",
    "purpose",
    "basis",
    "statutory_role",
    "chair",
    "independent_chair",
    "members",
    "meets",
    "areas",
    "top",
    "since",
    "until",
    "url",
)
LINK_FIELDS = ("says", "what", "cadence", "basis", "review_by", "since", "until")


def emit(gen: Generator) -> str:
    n_areas = len(gen.areas)
    title = f"Strategic boards of {n_areas} areas (synthetic, {gen.n} boards, seed {gen.seed})"
    out = [
        "boardmap: 1",
        f"area: {scalar('England' if n_areas > 1 else gen.areas[0].name)}",
        f"title: {scalar(title)}",
        f"as_of: {AS_OF}",
        "rules: [england-2013, england-2019]",
        "",
        "glossary:",
        "  CDOP: Child Death Overview Panel",
        "  CMT: Corporate Management Team",
        "  PCP: Police and Crime Panel",
        "",
        "boards:",
    ]
    for b in gen.boards:
        out.append(f"  - id: {b.id}")
        out.append(f"    name: {scalar(b.name)}")
        for name in BOARD_FIELDS:
            value = getattr(b, name)
            if value is None or value is False or value == []:
                continue
            text = flow(value) if isinstance(value, list) else scalar(value)
            out.append(f"    {name}: {text}")
    out += ["", "links:" if gen.links else "links: []"]
    for link in gen.links:
        out.append(f"  - from: {link.from_}")
        out.append(f"    to: {link.to}")
        out.append(f"    type: {link.type}")
        for name in LINK_FIELDS:
            value = getattr(link, name)
            if value is not None:
                out.append(f"    {name}: {scalar(value)}")
    routes = list(gen.escalations())
    out += ["", "escalations:" if routes else "escalations: []"]
    for route in routes:
        out.append(f"  - id: {route['id']}")
        out.append(f"    name: {scalar(route['name'])}")
        out.append(f"    between: {flow(route['between'])}")  # type: ignore[arg-type]
        out.append("    steps:")
        for step in route["steps"]:  # type: ignore[attr-defined]
            out.append(f"      - action: {scalar(step['action'])}")
            if "involves" in step:
                out.append(f"        involves: {flow(step['involves'])}")
    themes = list(gen.themes())
    out += ["", "themes:" if themes else "themes: []"]
    for theme in themes:
        out.append(f"  - id: {theme['id']}")
        out.append(f"    name: {scalar(theme['name'])}")
        if "lead" in theme:
            out.append(f"    lead: {theme['lead']}")
        out.append(f"    supports: {flow(theme['supports'])}")  # type: ignore[arg-type]
    accepted = list(gen.accepted())
    out += ["", "accepted:" if accepted else "accepted: []"]
    for entry in accepted:
        out.append(f"  - rule: {entry['rule']}")
        if "board" in entry:
            out.append(f"    board: {entry['board']}")
        if "link" in entry:
            ref = entry["link"]
            out.append(f"    link: {{from: {ref['from']}, to: {ref['to']}, type: {ref['type']}}}")  # type: ignore[index]
        out.append(f"    reason: {scalar(entry['reason'])}")
        if "until" in entry:
            out.append(f"    until: {entry['until']}")
    return "\n".join(out) + "\n"


# -- helpers -------------------------------------------------------------------------------


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def topic_of(name: str, area: str) -> str:
    rest = name[len(area) + 1 :] if name.startswith(area + " ") else name
    for end in (
        " Sub-group",
        " Task Group",
        " Panel",
        " Officers' Group",
        " Operational Group",
        " Partnership",
        " Board",
        " Sub-committee",
        " Committee",
    ):
        if rest.endswith(end) and len(rest) > len(end):
            return rest[: -len(end)]
    return rest


def short_name(b: Board, area: Area) -> str:
    return b.short or b.name.removeprefix(area.name + " ")


def weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def generate(n: int, seed: int = 1) -> str:
    """The YAML text of a synthetic map of `n` boards."""
    gen = Generator(n, seed)
    gen.build()
    return emit(gen)


def dense(n: int, seed: int = 1, pool: int = 200, members: int = 5) -> str:
    """The YAML text of a map whose `n` boards each draw `members` members from one pool of
    `pool` organisations, uniformly: the worst case for the membership-overlap rule's
    similarity join (issue 23), where prefix filtering alone prunes almost nothing. Each
    board is a sub-group of one ten times nearer the top, so the map is one tree."""
    rng = random.Random(seed)
    out = [
        "boardmap: 1",
        "area: Densham",
        f"title: {scalar(f'Dense uniform members (synthetic, {n} boards, pool {pool})')}",
        f"as_of: {AS_OF}",
        "",
        "boards:",
    ]
    for i in range(pool):
        out += [f"  - id: org-{i:04d}", f"    name: Organisation {i}", "    kind: organisation"]
    for i in range(n):
        chosen = rng.sample(range(pool), members)
        out += [
            f"  - id: b-{i:05d}",
            f"    name: Board {i}",
            "    kind: partnership",
            f"    members: {flow([f'org-{m:04d}' for m in chosen])}",
        ]
        if i == 0:
            out.append("    top: true")
    out += ["", "links:" if n > 1 else "links: []"]
    for i in range(1, n):
        out += [f"  - from: b-{i:05d}", f"    to: b-{(i - 1) // 10:05d}", "    type: sub-group-of"]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("n", type=int, metavar="N", help="the number of boards")
    parser.add_argument("-o", "--output", type=Path, help="write here (default: standard output)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default: 1)")
    parser.add_argument(
        "--dense",
        action="store_true",
        help="N boards each with five members drawn from one pool of 200 "
        "(the membership-overlap rule's worst case), not an England-shaped map",
    )
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    text = dense(args.n, args.seed) if args.dense else generate(args.n, args.seed)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
