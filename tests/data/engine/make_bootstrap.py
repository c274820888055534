#!/usr/bin/env python3
"""Writes cases/usikkerhet-replikert.toml and cases/usikkerhet-replikert-median.toml: a small round
(with the mean, and with the median as its aggregation) and the bootstrap's rank intervals and
funding labels for it, computed here independently of Samvurd's Rust code.

The bootstrap is specified in docs/engine.md; this script implements that text:

- SplitMix64 (Steele, Lea and Flood 2014; Vigna's reference C code), seeded with the round's seed;
  a member is picked as floor(x * P / 2^64) of the next output x, P times per draw, where P is the
  number of members with at least one numeric score (in the round's member order).
- In a draw, S(a, c) is the mean (or median) of the picked, non-recused members' numeric scores (a
  member picked k times counts k times), T(a) the weighted mean over the criteria with a value.
  Exact fractions here (Python's `fractions`).
- The draw's order: applications with a total by (total descending, proposal position); those
  without a total after them, in proposal order. Rank = position.
- The allocation replayed on that order: gates failed or no total -> not eligible; a request that
  fits is granted; otherwise with partial funding, what is left if it is at least the minimum share
  of the request (and more than 0); otherwise skip and continue.
- 90 % interval: the ceil(0.05 B)-th and ceil(0.95 B)-th smallest ranks; label clearly funded when
  funded in >= 95 % of the B draws, clearly not funded when <= 5 %, grey zone otherwise.

Run from tests/data/engine: `python3 make_bootstrap.py`. It also prints SplitMix64's first outputs
for seed 1234567, which the Rust unit test checks.
"""

from fractions import Fraction
import math

MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        return (self.next() * bound) >> 64


CRITERIA = [("a", 2, False), ("b", 1, True)]
MEMBERS = ["m1", "m2", "m3", "m4", "m5"]
FRAME = 900_000
PARTIAL_SHARE = Fraction(1, 2)
DRAWS = 400
SEED = 2026
RECUSALS = {("m2", "R3")}
GATES = ["avtale"]
# reference -> (requested, {member: "a b"}, gate answers)
APPLICATIONS = {
    "R1": (300_000, {"m1": "6 5", "m2": "5 5", "m3": "6 6", "m4": "4 5", "m5": "7 6"}, {}),
    "R2": (250_000, {"m1": "5 4", "m2": "6 6", "m3": "4 4", "m4": "5 3", "m5": "5 5"}, {}),
    "R3": (400_000, {"m1": "5 5", "m2": "7 7", "m3": "6 5", "m4": "4 4", "m5": "6 -"}, {}),
    "R4": (200_000, {"m1": "4 IR", "m2": "5 IR", "m3": "5 IR", "m4": "3 IR"}, {"avtale": True}),
    "R5": (300_000, {"m1": "3 4", "m2": "5 5", "m3": "4 3", "m4": "4 5"}, {}),
    "R6": (150_000, {"m1": "6 6", "m2": "6 7", "m3": "7 6", "m4": "6 6"}, {"avtale": False}),
}


def scores():
    """(reference, criterion index, member) -> int, for numeric, non-recused scores."""
    table = {}
    for reference, (_requested, rows, _gates) in APPLICATIONS.items():
        for member, text in rows.items():
            for index, value in enumerate(text.split()):
                if value in ("IR", "-") or (member, reference) in RECUSALS:
                    continue
                table[(reference, index, member)] = int(value)
    return table


def middle(values):
    """The median of a list of (value, times): the middle one, or the mean of the two middle ones."""
    expanded = sorted(value for value, times in values for _ in range(times))
    half = len(expanded) // 2
    if len(expanded) % 2:
        return Fraction(expanded[half])
    return Fraction(expanded[half - 1] + expanded[half], 2)


def totals(table, picks, aggregation):
    """T(a) per reference with each member counted picks[member] times; None without a value."""
    result = {}
    for reference in APPLICATIONS:
        weighted, weight = Fraction(0), Fraction(0)
        for index, (_name, criterion_weight, _ir) in enumerate(CRITERIA):
            values = [(table[(reference, index, member)], picks.get(member, 0))
                      for member in MEMBERS if (reference, index, member) in table]
            count = sum(times for _value, times in values)
            if count == 0:
                continue
            if aggregation == "mean":
                value = Fraction(sum(value * times for value, times in values), count)
            else:
                value = middle(values)
            weighted += criterion_weight * value
            weight += criterion_weight
        result[reference] = weighted / weight if weight else None
    return result


def allocate(order, eligible):
    remaining = FRAME * 100  # øre
    funded = set()
    for reference in order:
        if not eligible[reference]:
            continue
        requested = APPLICATIONS[reference][0] * 100
        if requested <= remaining:
            funded.add(reference)
            remaining -= requested
        elif remaining > 0 and remaining >= math.ceil(PARTIAL_SHARE * requested):
            funded.add(reference)
            remaining = 0
    return funded


def main():
    generator = SplitMix64(1234567)
    print("SplitMix64(1234567):", [generator.next() for _ in range(3)])
    write_case("mean", "cases/usikkerhet-replikert.toml")
    write_case("median", "cases/usikkerhet-replikert-median.toml")


def write_case(aggregation, path):
    table = scores()
    gates_passed = {reference: all(answers.get(gate, True) for gate in GATES)
                    for reference, (_r, _s, answers) in APPLICATIONS.items()}
    proposal_totals = totals(table, {member: 1 for member in MEMBERS}, aggregation)
    ranked = [reference for reference in APPLICATIONS if proposal_totals[reference] is not None]
    proposal = sorted(ranked, key=lambda reference: (-proposal_totals[reference], reference))
    values = [proposal_totals[reference] for reference in proposal]
    assert len(set(values)) == len(values), "keep the proposal free of ties"
    position = {reference: index for index, reference in enumerate(proposal)}

    panel = [member for member in MEMBERS if any(key[2] == member for key in table)]
    generator = SplitMix64(SEED)
    ranks = {reference: [] for reference in proposal}
    funded_count = {reference: 0 for reference in proposal}
    for _ in range(DRAWS):
        picks = {}
        for _ in range(len(panel)):
            member = panel[generator.below(len(panel))]
            picks[member] = picks.get(member, 0) + 1
        draw = totals(table, picks, aggregation)
        with_total = sorted((reference for reference in proposal if draw[reference] is not None),
                            key=lambda reference: (-draw[reference], position[reference]))
        without = [reference for reference in proposal if draw[reference] is None]
        order = with_total + without
        for rank, reference in enumerate(order, start=1):
            ranks[reference].append(rank)
        eligible = {reference: gates_passed[reference] and draw[reference] is not None
                    for reference in proposal}
        for reference in allocate(order, eligible):
            funded_count[reference] += 1

    low = math.ceil(0.05 * DRAWS)
    high = math.ceil(0.95 * DRAWS)
    expectations = []
    for reference in proposal:
        sorted_ranks = sorted(ranks[reference])
        funded = funded_count[reference]
        if 100 * funded >= 95 * DRAWS:
            label = "clearly_funded"
        elif 100 * funded <= 5 * DRAWS:
            label = "clearly_not_funded"
        else:
            label = "grey_zone"
        expectations.append((reference, f"{sorted_ranks[low - 1]}-{sorted_ranks[high - 1]} "
                                         f"{funded}/{DRAWS} {label}"))
    proposal_funded = allocate(proposal, {reference: gates_passed[reference] for reference in proposal})

    lines = [
        f'description = "The bootstrap replayed independently ({aggregation}): rank intervals and '
        'funding labels from make_bootstrap.py (exact fractions, SplitMix64 written out in Python)."',
        "",
        "# Generated by ../make_bootstrap.py; do not edit by hand, change the script and run it.",
        "# The round: weights a = 2, b = 1 (ikke relevant allowed); m2 is recused from R3; m5 scored",
        "# R1–R3 only (and not b on R3); everyone says IR on b for R4; R6 fails the gate «avtale»;",
        f"# frame {FRAME}, partial funding down to half the request, {DRAWS} draws with seed {SEED}.",
        f"# Proposal order: {', '.join(proposal)}; funded: {', '.join(sorted(proposal_funded))}.",
        "",
        "[round]",
        f'aggregation = "{aggregation}"',
        f'frame = "{FRAME}"',
        'criteria = [["a", "2"], ["b", "1", "ir"]]',
        f"members = {MEMBERS!r}".replace("'", '"'),
        f'gates = {GATES!r}'.replace("'", '"'),
        'recusals = [["m2", "R3"]]',
        "",
        "[options]",
        f'partial_funding_min_share = "{float(PARTIAL_SHARE)}"',
        f"bootstrap_draws = {DRAWS}",
        f"bootstrap_seed = {SEED}",
    ]
    for reference, (requested, rows, answers) in APPLICATIONS.items():
        lines += ["", "[[application]]", f'reference = "{reference}"', f'requested = "{requested}"']
        rendered = ", ".join(f'"{member}: {text}"' for member, text in rows.items())
        lines.append(f"scores = [{rendered}]")
        if answers:
            rendered = ", ".join(f"{gate} = {'true' if passed else 'false'}"
                                 for gate, passed in answers.items())
            lines.append(f"gates = {{ {rendered} }}")
    lines += ["", "[expect]", f"order = {proposal!r}".replace("'", '"')]
    for reference, text in expectations:
        lines += ["", "[[expect.application]]", f'reference = "{reference}"',
                  f'uncertainty = "{text}"']
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
    print(path)
    for reference, text in expectations:
        print(" ", reference, text)


if __name__ == "__main__":
    main()
