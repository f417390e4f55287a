"""How long the word-level redline of one paragraph takes, as the paragraph and the number of changes grow.

Run: .venv/bin/python bench/redline.py
Prints the median of 5 runs per case. The diff is Myers' algorithm, whose cost grows with the size of the change;
the last cases are adversarial (two random texts over a two-word vocabulary), where the diff stops at its bound
and shows the paragraph replaced.
"""

from __future__ import annotations

import random
import statistics
import time

from notice.redline import word_diff

VOCABULARY = ["personal", "data", "is", "kept", "for", "the", "purposes", "of", "billing", "and", "support", "SipSim", "retains"]


def paragraph(words: int, changes: int, seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    old = [rng.choice(VOCABULARY) for _ in range(words)]
    new = list(old)
    for index in rng.sample(range(words), changes):
        new[index] = rng.choice(["amended", "processed", "erased"])
    return " ".join(old), " ".join(new)


def adversarial(words: int, seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    return " ".join(rng.choice("ab") for _ in range(words)), " ".join(rng.choice("ab") for _ in range(words))


def measure(old: str, new: str) -> tuple[float, int]:
    times, changed = [], 0
    for _ in range(5):
        start = time.perf_counter()
        runs = word_diff(old, new)
        times.append(time.perf_counter() - start)
        changed = sum(operation == "insert" for operation, _ in runs)
    return statistics.median(times), changed


def main() -> None:
    print(f"{'paragraph':<34}{'seconds':>10}{'insertions shown':>20}")
    for words, changes in [(400, 5), (4_000, 20), (20_000, 50), (20_000, 500)]:
        seconds, shown = measure(*paragraph(words, changes, seed=words + changes))
        print(f"{f'{words:,} words, {changes} changed':<34}{seconds:>10.3f}{shown:>20}")
    for words in (2_000, 30_000):
        seconds, shown = measure(*adversarial(words, seed=words))
        print(f"{f'{words:,} random a/b words (bounded)':<34}{seconds:>10.3f}{shown:>20}")


if __name__ == "__main__":
    main()
