"""Loading the shipped models: without the cyclic garbage collector running meanwhile.

Parsing a model file makes a few hundred thousand objects (dictionaries, lists, strings) and no garbage at
all, yet each thousand new objects sets off a collection, and the older generations' collections walk
everything made so far, freeing nothing (measured, CPU: the claims model 0.085 -> 0.06 s, the attribution
models 0.32 -> 0.30 s).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


@contextmanager
def collections_paused() -> Iterator[None]:
    """No cyclic collection inside the block (it is run again as before after it, if it was on)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def save_arrays(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """Arrays by name in one compressed numpy file (``load_arrays`` reads them back; no pickled objects)."""
    import numpy as np
    with path.open("wb") as fh:
        np.savez_compressed(fh, **arrays)  # type: ignore[arg-type]  # (names, arrays: no keyword of its own)


def load_arrays(path: Path) -> dict[str, np.ndarray]:
    import numpy as np

    with np.load(path, allow_pickle=False) as data:
        return {name: data[name] for name in data.files}


def names_of(arr: np.ndarray) -> list[str]:
    """Strings stored as one UTF-8 text, one a line (``text_array``; no name holds a line break)."""
    text = arr.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def text_array(names: Sequence[str]) -> np.ndarray:
    import numpy as np

    if any("\n" in n for n in names):
        raise ValueError("a name with a line break cannot be stored one a line")
    return np.frombuffer("\n".join(names).encode("utf-8"), dtype=np.uint8)
