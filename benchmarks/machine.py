"""What the benchmarks say about the machine they ran on (benchmarks/ is a folder of scripts)."""

from __future__ import annotations

import os

__all__ = ["load_average"]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: a figure taken while something else ran is not
    worth comparing."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
