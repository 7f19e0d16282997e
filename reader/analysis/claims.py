"""Check-worthy claims: a small trained classifier decides, rules name the kind.

The classifier (``resources/claims_model.json``) is trained by
``scripts/train_claims.py`` on the CheckThat!/ClaimBuster debate sentences; it
scores how much a sentence reads like a checkable factual assertion. Rules name
the kind of checkable signal a sentence carries (a figure, a record, a dated
event, a comparison; else a plain statement), and the classifier's threshold
for each kind was calibrated on train (a sentence with a figure is a claim at a
lower score than a plain statement). One rule keeps out what the classifier,
having only heard debates, cannot know: an essay's value talk (see
``rhetoric``). ``benchmarks/claims_rules.py`` prints what that rule costs in
recall on the dev sentences (at most 0.05 by issue 10).
"""

from __future__ import annotations

import json
import logging
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.analysis.features import features
from reader.analysis.loading import collections_paused, load_arrays, names_of, text_array
from reader.analysis.quotes import letter_words

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger("reader.analysis")

MODEL_PATH = Path(__file__).resolve().parent.parent.parent / "resources" / "claims_model.json"
COMPILED_PATH = MODEL_PATH.with_suffix(".npz")  # the same model as arrays (``compile_model``), read first

_NUMBER_WORDS = (
    r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|dozens?|hundreds|thousands?|millions?|billions?|trillions?)"
)
FIGURE = re.compile(
    r"(?<![\w-])\d[\d,.]*\s*(?:%|per\s*cent|percent)|[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million|billion|trillion|thousand|km|kilometers|"
    r"kilometres|miles|tons?|tonnes|people|members|countries|years?|percent)\b|\b(?:more than|over|nearly|almost|about|"
    r"around|some|up to|at least|fewer than|less than|tens of)\s+(?:\d|" + _NUMBER_WORDS + r")|(?<![\w-])\d{2,}[\d,.]*\b",
    re.I,
)
_NOT_SUPERLATIVE = r"(?!(?:rest|test|west|east|interest|request|protest|forest|contest|harvest|guest|quest|chest|nest|"\
    r"crest|honest|modest|manifest|suggest|arrest|invest|digest|behest|conquest|inquest|unrest|pest|zest|priest|breast|"\
    r"feast|beast|vest|jest|earnest|tempest|midwest|northwest|southwest|northeast|southeast|request|bequest)\b)"
RECORD = re.compile(
    r"\b(?:the\s+(?:world'?s?\s+)?(?:" + _NOT_SUPERLATIVE + r"\w+est|most\s+\w+|largest|biggest|highest|lowest)\b|"
    r"\bthe\s+(?:first|only|last)\s+(?:\w+\s+){0,2}(?:to|in|of|ever|since)\b(?!\s+(?:all|them|us|these|those))|"
    r"record|unprecedented|never\s+(?:before|waged|been|had|lost)|for the first time|ever\s+\w+ed)",
    re.I,
)
HISTORY = re.compile(
    r"\b(?:in|since|by|until|from)\s+(?:1[5-9]\d\d|20\d\d)\b|\b(?:1[5-9]\d\d|20\d\d)\b|\b(?:founded|established|"
    r"incorporated|signed|enacted|ratified|launched|abolished|eliminated|elected|invaded|declared|built|completed|"
    r"came to power|centenary|anniversary|decades?|centuries|century)\b",
    re.I,
)
COMPARISON = re.compile(r"\b(?:more|less|fewer|higher|lower|larger|smaller|faster|slower|bigger)\s+than\b|\btwice\b|"
                        r"\b\w+-fold\b|\bdoubled\b|\btripled\b|\bhalved\b", re.I)
@dataclass
class Claim:
    text: str
    kind: str  # figure | record | history | comparison | statement
    score: float
    start: int
    end: int

    @property
    def key(self) -> str:
        """The claim's identity for its stored review: its words, not its offset,
        so a review survives repairs and edits elsewhere in the document."""
        import hashlib

        return hashlib.sha1(" ".join(self.text.split()).lower().encode()).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "score": round(self.score, 3), "start": self.start, "end": self.end}


class ClaimModel:
    """Logistic regression over TF-IDF features, evaluated in plain Python."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.threshold = float(data["threshold"])
        # one threshold per kind of signal (figure, record, comparison, history, statement)
        self.thresholds: dict[str, float] = {k: float(v) for k, v in data.get("thresholds", {}).items()}
        # no sentence scoring below this is a claim of any kind
        self.lowest = min([self.threshold, SCOPED_RECORD_SCORE, *self.thresholds.values()])
        self.intercept = float(data["intercept"])
        self.weights: dict[str, tuple[float, float]] = {k: (v[0], v[1]) for k, v in data["features"].items()}
        self.norm_idf: dict[str, float] = data.get("norm", {})

    @classmethod
    def from_compiled(cls, arrays: dict[str, np.ndarray]) -> ClaimModel:
        """The model from the arrays ``compile_model`` made of its JSON (no 1 MB of JSON parsed)."""
        data = json.loads(names_of(arrays["meta"])[0])
        data["features"] = {}
        self = cls(data)
        w = arrays["weights"]
        self.weights = dict(zip(names_of(arrays["names"]), zip(w[:, 0].tolist(), w[:, 1].tolist(), strict=True),
                                strict=True))
        return self

    def threshold_for(self, kind: str | None) -> float:
        return self.thresholds.get(kind or "statement", self.threshold)

    def score(self, sentence: str) -> float:
        counts: dict[str, int] = {}
        weights = self.weights
        for f in features(sentence):
            if f in weights:
                counts[f] = counts.get(f, 0) + 1
        dot, norm = 0.0, 0.0
        for f, c in counts.items():
            w = weights[f]
            v = w[0] if c == 1 else (1.0 + math.log(c)) * w[0]  # sublinear tf * idf
            norm += v * v
            dot += v * w[1]
        if norm:
            dot /= math.sqrt(norm)
        z = dot + self.intercept
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def compile_model(data: dict[str, Any]) -> dict[str, np.ndarray]:
    """The model of a JSON file (as ``scripts/train_claims.py`` writes it) as the arrays of its compiled file
    (``COMPILED_PATH``, ``loading.save_arrays``): the features' names, their (idf, weight), the rest."""
    import numpy as np

    names = list(data["features"])
    return {"names": text_array(names),
            "weights": np.array([data["features"][n] for n in names], dtype=np.float64).reshape(-1, 2),
            "meta": text_array([json.dumps({k: v for k, v in data.items() if k != "features"})])}


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> ClaimModel | None:
    """The shipped claim classifier: from its compiled file (``COMPILED_PATH``, written with the JSON by
    scripts/train_claims.py) when it is there."""
    try:
        with collections_paused():
            if path == MODEL_PATH and COMPILED_PATH.exists():
                return ClaimModel.from_compiled(load_arrays(COMPILED_PATH))
            return ClaimModel(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as exc:
        log.warning("claim model unavailable (%s): using rules only", exc)
        return None


# A superlative with a scope ("the longest ... in the world", "the first ever")
# is a record someone can look up, a fact debates rarely hold in this form: it is
# listed from a low score (the rule adds, it never cuts). A bare superlative ("the
# deepest hallmark") is often rhetoric and is left to the classifier.
SCOPED_RECORD = re.compile(r"\b(?:in|of)\s+(?:the\s+)?(?:world|history|all\s+time|the\s+country|europe|asia|africa|"
                           r"america)\b|\bever\b|\bon\s+record\b|\bsince\s+(?:\d|records)|worldwide|globally|nationwide",
                           re.I)
SCOPED_RECORD_SCORE = 0.15

# Case-insensitive alternations are slow in Python's re: match lowercase
# patterns against the lowered sentence (same length, so same offsets).
_LOWER = {rx: re.compile(rx.pattern) for rx in (FIGURE, RECORD, HISTORY, COMPARISON)}


def _search(rx: re.Pattern[str], sentence: str, low: str) -> bool:
    return bool(_LOWER[rx].search(low) if len(low) == len(sentence) else rx.search(sentence))


_DIGIT = re.compile(r"[\d$€£¥]")
_NUMBER_WORD_SET = frozenset(re.findall(r"[a-z]+", _NUMBER_WORDS))
_RECORD_WORDS = frozenset("record unprecedented never first only last ever most largest biggest highest lowest".split())
_COMPARE_WORDS = frozenset("than twice doubled tripled halved".split())
_HISTORY_WORDS = frozenset(re.findall(r"[a-z]+", HISTORY.pattern.split("|\\b(?:", 1)[-1]))
# Without a digit, FIGURE matches only as "<about> <number word>" ("about one", "some two hundred") and HISTORY only
# by one of its event words: in the lowered sentence each begins with one of these words, whole (a run of letters).
_ABOUT_WORDS = frozenset("more over nearly almost about around some up at fewer less tens".split())
_DATED_WORDS = frozenset("""founded established incorporated signed enacted ratified launched abolished eliminated
elected invaded declared built completed came centenary anniversary decade decades centuries century""".split())


def claim_kind(sentence: str, low: str | None = None, story: bool = False) -> str | None:
    """The kind of checkable signal in a sentence. Each pattern runs only when
    a cheap word-level test says it can match (this runs on every sentence).
    ``story``: only whether the kind is one of ``STORY_KINDS`` is asked; a sentence whose words cannot make a
    figure or a date (no digit, no number word, no history word) is None at once (most sentences of a novel)."""
    low = sentence.lower() if low is None else low
    words = letter_words(low)  # (a list, asked of by the word sets: no set of its own made)
    digit = bool(_DIGIT.search(low))
    if story and not digit and len(low) == len(sentence) and (
            _NUMBER_WORD_SET.isdisjoint(words) or _ABOUT_WORDS.isdisjoint(words)) and _DATED_WORDS.isdisjoint(words):
        return None  # neither FIGURE nor HISTORY can match (see _ABOUT_WORDS): whatever else it is, no story kind
    if (digit or not _NUMBER_WORD_SET.isdisjoint(words)) and _search(FIGURE, sentence, low):
        return "figure"
    if (not _RECORD_WORDS.isdisjoint(words) or "est " in low) and _search(RECORD, sentence, low):
        return "record"
    if (not _COMPARE_WORDS.isdisjoint(words) or "fold" in low) and _search(COMPARISON, sentence, low):
        return "comparison"
    if (digit or not _HISTORY_WORDS.isdisjoint(words)) and _search(HISTORY, sentence, low):
        return "history"
    return None


# References and tables of contents carry numbers but assert nothing.
REFERENCE = re.compile(r"https?://|www\.|\bsupra\b|\bibid\b|\bet al\.|\. \. \.|^\s*(?:see|cf\.)\s", re.I)


_NAMED = re.compile(r"\s[A-Z][\w'’.-]*[a-z]")


# Value talk. The classifier learnt from debates, where a claim is told from an
# opinion by its words ("we created 15 million jobs" / "we believe in jobs"); an
# essay or a speech written for a reader dresses its slogans in the words of
# facts ("the CPC has devoted major efforts to ... peace and stability"), and
# the debate-trained classifier lists them. A statement with no checkable signal
# (no figure, record, date or comparison) is value talk when it leans on what
# nobody can look up:
# - vague, collective sources or scopes ("many countries", "around the world");
# - praise and its adverbs ("speak highly", "acclaimed", "resolutely");
# - stance and commitment ("is committed to", "stands for", "strives", "upholds");
# - absolutes ("always", "each and every");
# - ideals as the subject matter ("peace", "justice", "progress", "mankind"), in
#   lower case: "Justice Breyer" is a person;
# - an exclamation.
# Each is rare among the debate sentences the classifier lists (which is why the
# rule costs little recall on dev; benchmarks/claims_rules.py prints how much) and
# common in essays' rhetoric. A sentence with a signal is never cut by them.
_VAGUE = (r"\b(?:many|various|certain|numerous|several)\s+(?:\w+\s+)?(?:countries|nations|parties|sectors|leaders|"
          r"politicians|observers|experts|governments)\b|\baround the world\b|\bworldwide\b|\binternational community\b|"
          r"\ba handful of\b")
_PRAISE = (r"\b(?:speak|speaks|speaking|spoken|spoke)\s+highly\b|\bacclaim|\bpraise|\brecognition\b|\bapplaud|\blofty\b|"
           r"\bprofound\b|\bstaunch\b|\bunswerving\b|\bunequivocally\b|\bresolutely\b|\bfirmly\b|\bwholeheartedly\b|"
           r"\bhelping hands?\b")
_STANCE = (r"\bcommitted to\b|\bstands? (?:for|ready)\b|\bstriv(?:e|es|ing)\b|\badher(?:e|es|ed|ing) to\b|\buphold|"
           r"\bresolved to\b|\bbelieve[sd]?\b|\bhope\b")
_ABSOLUTE = r"\balways\b|\beach and every\b|\ball-out\b"
VALUE_TALK = re.compile("|".join((_VAGUE, _PRAISE, _STANCE, _ABSOLUTE)), re.I)
IDEALS = re.compile(r"\b(?:peace|peaceful|development|cooperation|justice|stability|prosperity|progress|mankind|humanity|"
                    r"philosophy|spirit|principles?|vision|destiny|aspirations?|hegemony|equality|righteousness|"
                    r"wellbeing|well-being|harmony|mentality|civili[sz]ation|dividends|nature)\b")
EXCLAMATION = re.compile(r"!\W*$")


def rhetoric(sentence: str) -> bool:
    """Value talk rather than a checkable statement (see above)."""
    return bool(VALUE_TALK.search(sentence) or IDEALS.search(sentence) or EXCLAMATION.search(sentence))


# An editor's bracketed insertion: '[Video: FULL SPEECH: … Watch on YouTube.]', '[Photo: …]' (a caption or a
# link, not the article's assertion): the whole sentence in square brackets, or one that opens with a media word
CAPTION = re.compile(r"\s*\[(?:[^\[\]]*\][^\w\[\]]*$|(?:video|photos?|image|watch|listen|audio|graphic|"
                     r"related|read\s+more|see\s+also)\b)", re.I)
_STRAIGHT_CLOSE = re.compile(r'(?<=[^\s"\d])"(?=[\s,.;:!?)\]]|$)')


def starts_inside_quotation(sentence: str) -> bool:
    """'It went beyond the moment," said Donna Brazile, …': the sentence closes a quotation it never opened
    (the sentence splitter cut a quotation of two sentences after its first): it is the end of what someone
    said and the words that name them, not an assertion of its own."""
    close = sentence.find("”")
    if close > 0:
        opening = sentence.find("“")
        return opening == -1 or close < opening
    if sentence.count('"') % 2 == 1:
        m = _STRAIGHT_CLOSE.search(sentence)
        return m is not None and m.start() == sentence.find('"')
    return False


# What can be checked in a story's narration: the dates and figures of the real world it passes through
STORY_KINDS = frozenset(("figure", "history"))


def classify(sentence: str, model: ClaimModel | None, story: bool = False) -> tuple[str, float] | None:
    """(kind, score) when the sentence is a check-worthy claim, else None.

    The classifier decides, at the threshold calibrated for the sentence's kind
    of signal; a plain statement is also kept out when it is value talk. In a
    story (``genre.is_story``) only a sentence with a figure or a date or event
    can be a claim: its plain statements, superlatives and comparisons are made up."""
    if len(sentence) > 600:
        return None
    if len(sentence.split(maxsplit=3)) < 4:  # (split no further: most sentences stop below)
        return None  # titles and headers are not assertions
    if story and claim_kind(sentence, story=True) not in STORY_KINDS:
        return None
    score = model.score(sentence) if model is not None else 1.0
    if model is not None and score < model.lowest:
        return None  # below every kind's threshold: the rules below need not run (most sentences of a novel)
    if sum(1 for w in sentence.split() if w[:1].islower()) < 2 or REFERENCE.search(sentence):
        return None  # metadata lines and references carry figures but assert nothing
    if (sentence.lstrip()[:1] == "[" and CAPTION.match(sentence)) or starts_inside_quotation(sentence):
        return None  # a media caption or link; the rest of a quotation that began in the sentence before
    kind = claim_kind(sentence)
    if model is None:
        return (kind, 0.7) if kind else None
    if kind == "record" and score >= SCOPED_RECORD_SCORE and SCOPED_RECORD.search(sentence):
        return kind, score
    if score < model.threshold_for(kind):
        return None
    if kind is None and rhetoric(sentence):
        return None
    return kind or "statement", score
