#!/usr/bin/env python3
"""The grey-zone lottery replayed independently of the Rust code (docs/engine.md, «Loddtrekning»).

Prints the seed the digits give and the drawn order for the test vectors that docs/engine.md and
cases/loddtrekning.toml state. Run: python3 tests/data/engine/make_lottery.py
"""

MASK = (1 << 64) - 1
GAMMA = 0x9E3779B97F4A7C15


def seed_of(text):
    """The decimal digits of the text, in order, read as one number modulo 2^64."""
    seed = 0
    for character in text:
        if character.isdigit() and character.isascii():
            seed = (seed * 10 + int(character)) & MASK
    return seed


class SplitMix64:
    def __init__(self, seed):
        self.state = seed

    def next(self):
        self.state = (self.state + GAMMA) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, bound):
        return (self.next() * bound) >> 64


def shuffle(candidates, seed):
    drawn = list(candidates)
    generator = SplitMix64(seed)
    for position in range(len(drawn) - 1, 0, -1):
        other = generator.below(position + 1)
        drawn[position], drawn[other] = drawn[other], drawn[position]
    return drawn


if __name__ == "__main__":
    for text, candidates in [
        ("Terninger: 3 5 1 6 2 4", ["R2", "R3", "R4"]),
        ("Terninger: 6 6 1 2 3 4", ["R2", "R3", "R4"]),
        ("Lotto 28.11.2026: 2 9 14 17 22 28 31", ["A", "B", "C", "D", "E"]),
    ]:
        seed = seed_of(text)
        print(f"«{text}» -> seed {seed} -> {' '.join(shuffle(candidates, seed))}")
