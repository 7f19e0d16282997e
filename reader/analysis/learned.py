"""A learned choice shipped as a small JSON file in resources/: the weights of a logistic model over string
features and the probability a choice must reach (written by a script in scripts/, read once by the module that
makes the choice: reading_choice.py, passage_order.py)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import NamedTuple


class Choice(NamedTuple):
    weights: dict[str, float]
    threshold: float  # the probability the choice must reach

    def probability(self, feats: list[str]) -> float:
        """The logistic model's probability for a pair's features."""
        z = sum(self.weights.get(x, 0.0) for x in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def read_choice(path: Path) -> Choice | None:
    """The choice in ``path``; None without the file or with a damaged one (the caller then keeps its rule)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Choice(dict(data["weights"]), float(data["threshold"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def bucket(x: float) -> str:
    """A share or a probability as one of ten features ('0' … '9')."""
    return str(min(9, max(0, int(x * 10))))
