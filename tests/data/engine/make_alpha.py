#!/usr/bin/env python3
"""Computes Krippendorff's interval alpha of the data sets in alpha/, independently of Samvurd.

It follows Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E, with exact
fractions (Python's `fractions`): build the coincidence matrix o_ck from the pairable units
(m_u >= 2; each ordered pair of values (c, k) of a unit adds 1/(m_u - 1)), the marginals n_c,
n = sum n_c, and

    alpha = 1 - (n - 1) * sum_{c,k} o_ck (c - k)^2 / sum_{c,k} n_c n_k (c - k)^2

This is the coincidence-matrix route; Samvurd's Rust code takes the pairwise route (sums of
squared differences per unit), so the two are independent computations of one definition.

Where the `krippendorff` package from PyPI is installed (`pip install krippendorff`), the script
also prints its value for comparison. Run from this directory: `python3 make_alpha.py`; it
prints, for each file, the exact fraction and the decimal written into the file's
`interval_alpha` and `interval_alpha_fraction`. It does not rewrite the files.
"""

import glob
import tomllib
from collections import defaultdict
from fractions import Fraction


def parse(rows):
    table = [[None if cell == "." else Fraction(cell) for cell in row.split()] for row in rows]
    return [[row[unit] for row in table if row[unit] is not None] for unit in range(len(table[0]))]


def interval_alpha(units):
    coincidences = defaultdict(Fraction)
    for values in units:
        m = len(values)
        if m < 2:
            continue
        for i, c in enumerate(values):
            for j, k in enumerate(values):
                if i != j:
                    coincidences[(c, k)] += Fraction(1, m - 1)
    marginals = defaultdict(Fraction)
    for (c, _k), count in coincidences.items():
        marginals[c] += count
    n = sum(marginals.values())
    observed = sum(count * (c - k) ** 2 for (c, k), count in coincidences.items())
    expected = sum(n_c * n_k * (c - k) ** 2 for c, n_c in marginals.items()
                   for k, n_k in marginals.items())
    return 1 - (n - 1) * observed / expected


def decimal(fraction, digits=20):
    sign = "-" if fraction < 0 else ""
    fraction = abs(fraction)
    whole, rest = divmod(fraction.numerator, fraction.denominator)
    text = f"{sign}{whole}."
    for _ in range(digits):
        rest *= 10
        digit, rest = divmod(rest, fraction.denominator)
        text += str(digit)
    return text


def main():
    try:
        import krippendorff
        import numpy
    except ImportError:
        krippendorff = None
    for path in sorted(glob.glob("alpha/*.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        alpha = interval_alpha(parse(data["data"]))
        print(f"{path}: {alpha.numerator}/{alpha.denominator} = {decimal(alpha)}")
        if krippendorff is not None:
            rows = [[numpy.nan if cell == "." else float(cell) for cell in row.split()]
                    for row in data["data"]]
            value = krippendorff.alpha(reliability_data=rows, level_of_measurement="interval")
            print(f"    krippendorff package: {value!r}")


if __name__ == "__main__":
    main()
