"""Whether highlights cover a passage (the Claims list marks an entry "highlighted"), in log time a question."""

from __future__ import annotations

import bisect


class Covered:
    def __init__(self, spans: list[tuple[int, int]] | None = None) -> None:
        # starts in order and the furthest end so far: "is this entry highlighted" in log time
        self.spans = sorted(spans or [])
        self.starts = [s for s, _e in self.spans]
        self.reach: list[int] = []
        far = -1
        for _s, e in self.spans:
            far = max(far, e)
            self.reach.append(far)

    def half(self, start: int, end: int) -> bool:
        """Whether the spans cover at least half of start..end (a word of a claim highlighted is not the claim)."""
        k = bisect.bisect_left(self.starts, end)  # the spans starting before this passage ends
        if k == 0 or self.reach[k - 1] <= start:
            return False
        j = bisect.bisect_right(self.reach, start)  # the first span reaching into the passage
        covered, upto = 0, start
        for s, e in self.spans[j:k]:
            s, e = max(s, upto), min(e, end)
            if e > s:
                covered += e - s
                upto = e
        return covered * 2 >= end - start
