"""Watchlist YAML -> compiled rules, with every problem reported at once.

A rule fires when all its present conditions hold:
  any: [terms]   at least one term matched      all: [terms]  every term matched
  none: [terms]  no term matched                 near: {a: [...], b: [...], within: N}
  fact: name     a fact from extraction holds (see FACTS)
  scope: title | body | any (default any)
Terms are lexicon references ("@isis_actor", "@incident_terms:raid") or inline
words; an inline term may carry its own weight ({term: "...", weight: 2}).
A fired rule adds `weight` (+ weights of matched weighted terms). `required: true`
blocks a match when the rule does not fire; `veto: true` blocks it when it does.
The item matches when no block applies and the score reaches `threshold`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from monitor.detect.knowledge import Knowledge
from monitor.errors import ConfigError, ConfigProblem
from monitor.text.matcher import fold

FACTS = {
    "isis": "ISIS is really meant (not «الدولة» the state, the river Isis, 'an Islamic state')",
    "syria": "the item is about Syria (a Syrian place or Syria outside a border phrase)",
    "concrete_incident": "a concrete new ISIS incident located in Syria",
    "incident_abroad": "a concrete ISIS incident located outside Syria",
    "no_concrete_incident": "no concrete new ISIS incident in Syria",
    "isis_branch_abroad": "an ISIS branch outside Syria (ISWAP, ISKP, ...) is named",
}
KINDS = ("incident", "digest")
SCOPES = ("title", "body", "any")
_RULE_KEYS = {"name", "why", "any", "all", "none", "near", "fact", "scope", "weight", "required", "veto"}
_TOP_KEYS = {"name", "description", "kind", "tags", "threshold", "rules", "priority"}


@dataclass(frozen=True)
class TermRef:
    lexicon: str
    id: str | None = None  # None: whole lexicon
    weight: float = 0.0
    label: str = ""


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    any: tuple[TermRef, ...] = ()
    all: tuple[TermRef, ...] = ()
    none: tuple[TermRef, ...] = ()
    near: tuple[tuple[TermRef, ...], tuple[TermRef, ...], int] | None = None
    fact: str | None = None
    scope: str = "any"
    weight: float = 1.0
    required: bool = False
    veto: bool = False


@dataclass(frozen=True)
class Watchlist:
    name: str
    description: str
    kind: str
    tags: tuple[str, ...]
    threshold: float
    rules: tuple[Rule, ...] = field(default_factory=tuple)
    file: str = ""
    priority: int = 100  # lower first; ties keep file-name order


def load_watchlists(folder: Path, k: Knowledge) -> list[Watchlist]:
    """Parse every *.yaml in folder (sorted by name); raise ConfigError listing all problems."""
    problems: list[ConfigProblem] = []
    out: list[Watchlist] = []
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        raise ConfigError([ConfigProblem(str(folder), "", "no watchlist *.yaml files found")])
    for path in files:
        try:
            doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as e:
            problems.append(ConfigProblem(str(path), "", f"invalid YAML: {e}"))
            continue
        wl = _parse(str(path), doc, k, problems)
        if wl is not None:
            out.append(wl)
    out.sort(key=lambda w: w.priority)  # stable: file-name order within a priority
    names = [w.name for w in out]
    for w in out:
        if names.count(w.name) > 1:
            problems.append(ConfigProblem(w.file, "name", f"duplicate watchlist name {w.name!r}"))
    if problems:
        raise ConfigError(problems)
    return out


def _parse(file: str, doc: Any, k: Knowledge, problems: list[ConfigProblem]) -> Watchlist | None:
    def bad(key: str, msg: str) -> None:
        problems.append(ConfigProblem(file, key, msg))

    if not isinstance(doc, dict):
        bad("", "expected a mapping with name, kind, tags, threshold, rules")
        return None
    for key in sorted(set(doc) - _TOP_KEYS):
        bad(key, f"unknown key (expected one of {', '.join(sorted(_TOP_KEYS))})")
    name = doc.get("name")
    if not isinstance(name, str) or not name.strip():
        bad("name", "required: a non-empty string")
    kind = doc.get("kind", "incident")
    if kind not in KINDS:
        bad("kind", f"must be one of {', '.join(KINDS)}, got {kind!r}")
    tags = doc.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) and t for t in tags):
        bad("tags", "must be a list of non-empty strings")
        tags = []
    thr = doc.get("threshold")
    if not isinstance(thr, (int, float)) or isinstance(thr, bool):
        bad("threshold", "required: a number")
        thr = 0
    prio = doc.get("priority", 100)
    if not isinstance(prio, int) or isinstance(prio, bool):
        bad("priority", "must be a whole number (lower is evaluated and listed first)")
        prio = 100
    rules_doc = doc.get("rules")
    if not isinstance(rules_doc, list) or not rules_doc:
        bad("rules", "required: a non-empty list of rules")
        rules_doc = []
    rules = []
    for i, r in enumerate(rules_doc):
        rule = _parse_rule(f"rules.{i}", r, k, bad, f"inline:{name}")
        if rule:
            rules.append(rule)
    if not isinstance(name, str) or not name.strip() or kind not in KINDS:
        return None
    return Watchlist(name, str(doc.get("description", "")), kind, tuple(tags), float(thr),
                     tuple(rules), file, prio)


def _parse_rule(key: str, r: Any, k: Knowledge, bad, inline_lex: str) -> Rule | None:
    if not isinstance(r, dict):
        bad(key, "a rule must be a mapping")
        return None
    for x in sorted(set(r) - _RULE_KEYS):
        bad(f"{key}.{x}", f"unknown key (expected one of {', '.join(sorted(_RULE_KEYS))})")
    if not isinstance(r.get("name"), str):
        bad(f"{key}.name", "required: a string")
    conds = [c for c in ("any", "all", "none", "near", "fact") if c in r]
    if not conds:
        bad(key, "a rule needs at least one of any, all, none, near, fact")
    scope = r.get("scope", "any")
    if scope not in SCOPES:
        bad(f"{key}.scope", f"must be one of {', '.join(SCOPES)}, got {scope!r}")
    w = r.get("weight", 1)
    if not isinstance(w, (int, float)) or isinstance(w, bool):
        bad(f"{key}.weight", "must be a number")
        w = 0
    fact = r.get("fact")
    if fact is not None and fact not in FACTS:
        bad(f"{key}.fact", f"unknown fact {fact!r} (known: {', '.join(FACTS)})")
    groups: dict[str, tuple[TermRef, ...]] = {}
    for g in ("any", "all", "none"):
        if g in r:
            groups[g] = _terms(f"{key}.{g}", r[g], k, bad, inline_lex)
    near = None
    if "near" in r:
        n = r["near"]
        if not isinstance(n, dict) or set(n) - {"a", "b", "within"} or not {"a", "b"} <= set(n):
            bad(f"{key}.near", "must be a mapping with a, b and within")
        else:
            within = n.get("within", 10)
            if not isinstance(within, int) or isinstance(within, bool) or within < 1:
                bad(f"{key}.near.within", "must be a positive whole number of words")
                within = 10
            near = (_terms(f"{key}.near.a", n["a"], k, bad, inline_lex),
                    _terms(f"{key}.near.b", n["b"], k, bad, inline_lex), within)
    return Rule(str(r.get("name", key)), str(r.get("why", "")), groups.get("any", ()),
                groups.get("all", ()), groups.get("none", ()), near, fact, scope, float(w),
                bool(r.get("required", False)), bool(r.get("veto", False)))


def _terms(key: str, v: Any, k: Knowledge, bad, inline_lex: str) -> tuple[TermRef, ...]:
    if isinstance(v, (str, dict)):
        v = [v]
    if not isinstance(v, list) or not v:
        bad(key, "must be a non-empty list of terms")
        return ()
    out = []
    for j, t in enumerate(v):
        weight = 0.0
        if isinstance(t, dict):
            weight = t.get("weight", 0)
            if not isinstance(weight, (int, float)) or isinstance(weight, bool):
                bad(f"{key}.{j}.weight", "must be a number")
                weight = 0
            t = t.get("term")
        if not isinstance(t, str) or not t.strip():
            bad(f"{key}.{j}", "a term must be a non-empty string or {term, weight}")
            continue
        if t.startswith("@"):
            lex, _, eid = t[1:].partition(":")
            if lex not in k.lexicons:
                bad(f"{key}.{j}", f"unknown lexicon {t!r} (known: {', '.join(sorted(k.lexicons))})")
                continue
            if eid and (lex, eid) not in k.entries and not any(p == eid for p in k.places):
                bad(f"{key}.{j}", f"unknown entry {eid!r} in lexicon {lex!r}")
                continue
            out.append(TermRef(lex, eid or None, float(weight), t))
        else:
            if len(fold(t.rstrip("*"))) < 2:
                bad(f"{key}.{j}", "inline term too short after normalisation")
                continue
            try:
                term = k.index.add(t, inline_lex, fold(t.rstrip("*")))
            except ValueError as e:
                bad(f"{key}.{j}", str(e).partition(": ")[2])
                continue
            out.append(TermRef(inline_lex, term.id if term else t, float(weight), t))
    return tuple(out)
