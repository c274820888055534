#!/usr/bin/env python3
"""Makes the score and recusal files of the 32-application test round, and the expected results.

The expected results are computed here, independently of Samvurd's Rust code, with exact
fractions (Python's `fractions`), straight from PRODUCT.md's reference definition:

    S(a,c) = mean of the numeric scores on c by members not recused from a
    T(a)   = sum over criteria with a numeric score of w_c * S(a,c) / sum of those w_c

Ranks are competition ranks on exact totals, with exact ties broken by the default tie-break
ladder (docs/engine.md): higher S(a,c) on the criteria in descending weight order (equal weights
in the round's order; a criterion only separates a tied group when every application in it has a
value there), then the lower requested amount; what the ladder cannot separate shares the rank.
The allocation grants each request in rank order if it fits in what is left of the frame, and
otherwise skips it (0) and goes on.

Run from this directory: `python3 make_round32.py`. It reads ../import/soknader-excel.csv for the
requested amounts and writes skarer-mNN.csv, inhabilitet.csv and expected.json. The output is
committed; the script documents where it came from. Two totals are also worked out by hand in
expected.json's "hand_checked" entries.
"""

import csv
import io
import json
import random
from fractions import Fraction

CRITERIA = [("baerekraft", 2, False), ("beon", 2, False), ("samiske-pasienter", 1, True),
            ("minste-sykehus", 1, True), ("spredning", 1, False)]
MEMBERS = [f"m{index:02d}" for index in range(1, 11)]
FRAME = 20_500_000
RECUSALS = [("m03", "VV-2026-005", "Er gift med prosjektlederen."),
            ("m07", "VV-2026-012", "Sitter i styringsgruppa for prosjektet."),
            ("m01", "VV-2026-020", "Har vært med på å skrive søknaden.")]


def parse_amount(text):
    cleaned = text.replace("NOK", "").replace("kr", "").replace(".", "").replace(",-", "").replace("\u00a0", "").replace(" ", "").strip()
    # Amounts may have øre (`487 500,50`); keep them exact.
    return Fraction(cleaned.replace(",", "."))


def read_applications():
    with open("../import/soknader-excel.csv", encoding="cp1252", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    return [(row["Søknadsnr"], parse_amount(row["Omsøkt beløp"])) for row in rows
            if row["Søknadsnr"].strip()]


def make_scores(references):
    generator = random.Random(2026)
    quality = {reference: generator.randint(2, 6) for reference in references}
    bias = {member: generator.choice([-1, 0, 0, 0, 1]) for member in MEMBERS}
    scores = {}  # (member, reference, criterion) -> int or "IR"
    for index, reference in enumerate(references, start=1):
        for member in MEMBERS:
            # m10 has not finished: nothing from VV-2026-025 on.
            if member == "m10" and index >= 25:
                continue
            for criterion, _weight, allows_ir in CRITERIA:
                if criterion == "samiske-pasienter" and index % 4 == 0:
                    scores[(member, reference, criterion)] = "IR"
                    continue
                if criterion == "minste-sykehus" and generator.random() < 0.2:
                    scores[(member, reference, criterion)] = "IR"
                    continue
                value = quality[reference] + bias[member] + generator.choice([-1, 0, 0, 1])
                scores[(member, reference, criterion)] = max(1, min(7, value))
    # VV-2026-030 and VV-2026-031 get identical scores, so they tie exactly.
    for member in MEMBERS:
        for criterion, _weight, _allows in CRITERIA:
            key = (member, "VV-2026-030", criterion)
            twin = (member, "VV-2026-031", criterion)
            if key in scores:
                scores[twin] = scores[key]
            else:
                scores.pop(twin, None)
    return scores


def write_score_files(scores):
    # Different members send different kinds of CSV, as they do in real life.
    styles = {"m01": ("cp1252", ";"), "m02": ("utf-8-sig", ";"), "m03": ("utf-8", ","),
              "m04": ("cp1252", ";"), "m05": ("utf-8-sig", ","), "m06": ("cp1252", ";"),
              "m07": ("utf-8", ";"), "m08": ("cp1252", ";"), "m09": ("utf-8-sig", ";"),
              "m10": ("cp1252", ",")}
    for member in MEMBERS:
        encoding, delimiter = styles[member]
        header = ["Medlem", "Søknad", "Kriterium", "Skår", "Begrunnelse"] if delimiter == ";" \
            else ["member", "application", "criterion", "score", "justification"]
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        for (who, reference, criterion), value in sorted(scores.items()):
            if who != member:
                continue
            text = "ikke relevant" if value == "IR" and member == "m05" else str(value)
            writer.writerow([member, reference, criterion, text,
                             f"Vurdert ut fra søknadens beskrivelse; særlig vekt på {criterion}."])
        with open(f"skarer-{member}.csv", "w", encoding=encoding, newline="") as handle:
            handle.write(buffer.getvalue())


def ladder():
    """The default ladder as steps: criteria by descending weight (stable), then the amount."""
    by_weight = sorted(CRITERIA, key=lambda criterion: -criterion[1])
    return [("criterion", name) for name, _weight, _allows in by_weight] + [("amount", None)]


def break_ties(group, amounts, steps=None):
    """Splits a group of exactly tied entries into ordered parts, as the tie-break ladder does."""
    if steps is None:
        steps = ladder()
    if len(group) == 1:
        return [group]
    if not steps:
        return [sorted(group, key=lambda entry: entry["reference"])]
    (kind, name), rest = steps[0], steps[1:]
    if kind == "criterion":
        keys = [criterion_values[entry["reference"]][name] for entry in group]
        if any(key is None for key in keys):
            return break_ties(group, amounts, rest)
        keyed = [(-key, entry["reference"], entry) for key, entry in zip(keys, group)]
    else:
        keyed = [(amounts[entry["reference"]], entry["reference"], entry) for entry in group]
    keyed.sort(key=lambda item: (item[0], item[1]))
    parts = []
    for key, _reference, entry in keyed:
        if parts and parts[-1][0] == key:
            parts[-1][1].append(entry)
        else:
            parts.append((key, [entry]))
    ordered = []
    for _key, part in parts:
        ordered.extend(break_ties(part, amounts, rest))
    return ordered


criterion_values = {}  # reference -> {criterion: S(a,c) as a Fraction or None}


def expected(references, amounts, scores):
    recused = {(member, reference) for member, reference, _ in RECUSALS}
    results = []
    for reference in references:
        criteria = []
        numerator = Fraction(0)
        denominator = Fraction(0)
        counted_total = 0
        for criterion, weight, _allows in CRITERIA:
            values = [value for (member, ref, crit), value in scores.items()
                      if ref == reference and crit == criterion and value != "IR"
                      and (member, reference) not in recused]
            not_applicable = sum(1 for (member, ref, crit), value in scores.items()
                                 if ref == reference and crit == criterion and value == "IR"
                                 and (member, reference) not in recused)
            excluded = sum(1 for (member, ref, crit) in scores
                           if ref == reference and crit == criterion and (member, reference) in recused)
            mean = Fraction(sum(values), len(values)) if values else None
            if mean is not None:
                numerator += weight * mean
                denominator += weight
            counted_total += len(values)
            criteria.append({"id": criterion, "value": fraction_text(mean), "scores_counted": len(values),
                             "not_applicable": not_applicable, "recused_excluded": excluded,
                             "_mean": mean})
        total = numerator / denominator if denominator else None
        criterion_values[reference] = {criterion: mean for (criterion, _w, _a), mean in
                             zip(CRITERIA, (criteria_entry["_mean"] for criteria_entry in criteria))}
        for criteria_entry in criteria:
            del criteria_entry["_mean"]
        results.append({"reference": reference, "amount_requested": money_text(amounts[reference]),
                        "total": fraction_text(total), "total_2dp": two_decimals(total),
                        "scores_counted": counted_total, "criteria": criteria, "_total": total})
    results.sort(key=lambda entry: (-entry["_total"], entry["reference"]))
    groups = []  # one list per rank; more than one entry only where the ladder cannot separate
    for entry in results:
        if groups and groups[-1][0]["_total"] == entry["_total"]:
            groups[-1].append(entry)
        else:
            groups.append([entry])
    ordered_groups = []
    for group in groups:
        ordered_groups.extend(break_ties(group, amounts))
    results = []
    for group in ordered_groups:
        rank = len(results) + 1
        for entry in group:
            entry["rank"] = rank
            results.append(entry)
    remaining = FRAME
    for entry in results:
        requested = amounts[entry["reference"]]
        if requested <= remaining:
            remaining -= requested
            entry["proposed_amount"], entry["reason"] = money_text(requested), "funded"
        else:
            entry["proposed_amount"], entry["reason"] = "0", "over_frame"
        del entry["_total"]
    proposed = FRAME - remaining
    return {"frame": money_text(FRAME), "total_requested": money_text(sum(amounts.values())),
            "proposed": money_text(proposed), "remaining": money_text(remaining),
            "applications": results}


def money_text(value):
    """The canonical decimal text of an amount: `1200000` or `487500.5`."""
    value = Fraction(value)
    whole, cents = divmod(value * 100, 1)
    assert cents == 0, value
    cents_total = int(value * 100)
    text = f"{cents_total // 100}.{cents_total % 100:02d}".rstrip("0").rstrip(".")
    return text


def fraction_text(value):
    if value is None:
        return None
    return f"{value.numerator}/{value.denominator}"


def two_decimals(value):
    # Round half away from zero, as the program shows totals.
    scaled = value * 100
    whole = int(scaled)
    if scaled - whole >= Fraction(1, 2):
        whole += 1
    return f"{whole // 100},{whole % 100:02d}"


def main():
    applications = read_applications()
    references = [reference for reference, _ in applications]
    amounts = dict(applications)
    scores = make_scores(references)
    write_score_files(scores)
    with open("inhabilitet.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(["Medlem", "Søknad", "Begrunnelse"])
        writer.writerows(RECUSALS)
    result = expected(references, amounts, scores)
    with open("expected.json", "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


if __name__ == "__main__":
    main()
