"""Governance gap checks: the rule engine, the rules and the statutory rule packs."""
