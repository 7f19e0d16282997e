"""Train the attribution models shipped in resources/attribution_model.json (linear cue, role and verifier
models; beside it the same models as numpy arrays, attribution_model.npz, which the app reads) and
resources/attribution_model.crfsuite + attribution_model_crf.json (the CRF and its verifier).

    python scripts/train_attribution.py [--data ../shared/data/attribution] [--out resources/attribution_model.json]
    python scripts/train_attribution.py crf --fold 0 & python scripts/train_attribution.py crf --fold 1; wait
    python scripts/train_attribution.py crf          # (see crf_main)
    python scripts/train_attribution.py compile [resources/attribution_model.json]  # its .npz only
    python scripts/train_attribution.py crf-forms [--out resources/attribution_model.crfsuite]  # its forms table

Data: PolNeAR (Newell, Margolin and Ruths, LREC 2018), news articles with
every attribution marked as Source, Cue and Content (see the data folder's
README); read where it lies, never copied here. Fits both models on train/,
chooses the cue threshold on dev/ with the criteria of
``../shared/eval/score_attribution.py`` (recall, precision, F1, speaker), and
prints them. Needs the ``train`` extra (scikit-learn); the app does not.
"""

from __future__ import annotations

import argparse
import collections
import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


DATA = ROOT.parent / "shared" / "data" / "attribution"


def training_parser(out: Path, data: Path = DATA, description: str | None = None) -> argparse.ArgumentParser:
    """The options every training script here starts with: where the annotated articles are (--data) and where the
    model it trains is written (--out); each script adds its own after them."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--data", type=Path, default=data)
    ap.add_argument("--out", type=Path, default=out)
    return ap

from reader.analysis import sentences  # noqa: E402
from reader.analysis.attribution import (  # noqa: E402
    FUNCTION_WORDS,
    AttributionModel,
    Sentence,
    analysis_text,
    block_sentences,
    cue_features,
    punct_prefix,
    role_features,
)
from reader.analysis.quotes import quote_spans  # noqa: E402

log = logging.getLogger("train_attribution")
Gold = dict[str, object]


def parse_ann(text: str) -> list[dict[str, list[tuple[int, int]]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    rels: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            tid, mid, _ = line.split("\t", 2)
            kind, rng = mid.split(" ", 1)
            spans[tid] = (kind, [(int(p.split()[0]), int(p.split()[1])) for p in rng.split(";")])
        elif line.startswith("E"):
            rels.append(dict(p.split(":") for p in line.split("\t")[1].split()))
    out = []
    for r in rels:
        if r.get("Content") not in spans:
            continue
        out.append({role: spans[r[role]][1] for role in ("Source", "Cue", "Content") if r.get(role) in spans})
    return out


def paragraphs(raw: str) -> Iterator[tuple[int, str]]:
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", raw):
        if m.group().strip():
            yield m.start(), m.group()


def articles(folder: Path) -> Iterator[tuple[str, str, list[dict[str, list[tuple[int, int]]]]]]:
    for txt in sorted(folder.glob("*.txt")):
        yield txt.stem, txt.read_text(encoding="utf-8"), parse_ann(txt.with_suffix(".ann").read_text(encoding="utf-8"))


def sentence_objects(raw: str) -> Iterator[tuple[int, Sentence]]:
    for base, text in paragraphs(raw):
        text = analysis_text(text)
        spans = quote_spans(text)
        for s in block_sentences(text, sentences(text), spans):
            yield base, s


Article = tuple[str, str, list[dict[str, list[tuple[int, int]]]]]


def examples(data: list[Article], min_cue: int = 3, min_share: float = 0.15
             ) -> tuple[list[list[str]], list[int], list[list[str]], list[str], dict[str, float]]:
    """Cue examples (features, is-cue) and role examples (features, S/T/O)."""
    cue_count: collections.Counter[str] = collections.Counter()
    all_count: collections.Counter[str] = collections.Counter()
    prepared = []
    for _, raw, gold in data:
        role_at: dict[int, tuple[int, str]] = {}
        for k, g in enumerate(gold):
            for role, key in (("Source", "S"), ("Content", "T"), ("Cue", "c")):
                for a, b in g.get(role, []):
                    for x in range(a, b):
                        role_at[x] = (k, key)
            # the cue's head: its first word that is not a function word or an adverb ("has *said*")
            cue_words = [(m.start() + a, m.group().lower()) for a, b in g.get("Cue", [])
                         for m in re.finditer(r"\w+(?:[’'-]\w+)*|[^\w\s]", raw[a:b])]
            heads = [x for x, w in cue_words if w not in FUNCTION_WORDS and not w.endswith("ly")] or \
                [x for x, _ in cue_words[:1]]
            if heads:
                role_at[heads[0]] = (k, "C")
        sents = list(sentence_objects(raw))
        for base, s in sents:
            for (a, _, _), w in zip(s.toks, s.low, strict=True):
                all_count[w] += 1
                if role_at.get(base + a, (0, ""))[1] == "C":
                    cue_count[w] += 1
        prepared.append((sents, role_at))
    # Candidates: words that were a cue's head at least min_cue times and in at least 15% of their uses
    # (rarer ones cost time on every sentence and add almost nothing: dev recall -0.006).
    vocab = {w: round(c / (all_count[w] + 2), 4) for w, c in cue_count.items()
             if c >= min_cue and c / (all_count[w] + 2) >= min_share and w not in FUNCTION_WORDS}
    xc: list[list[str]] = []
    yc: list[int] = []
    xr: list[list[str]] = []
    yr: list[str] = []
    for sents, role_at in prepared:
        for base, s in sents:
            labels = [role_at.get(base + a, (-1, "O")) for a, _, _ in s.toks]
            labels = [(k, "O") if lab == "c" else (k, lab) for k, lab in labels]
            cue_rel: dict[int, list[int]] = {}
            for i, w in enumerate(s.low):
                if w in vocab:
                    xc.append(cue_features(s, i))
                    yc.append(int(labels[i][1] == "C"))
                    if labels[i][1] == "C":
                        cue_rel.setdefault(labels[i][0], []).append(i)
            pp = punct_prefix(s)
            for rel, idx in cue_rel.items():
                c0, c1 = min(idx), max(idx) + 1
                if s.low[c0] == "according" and c1 < len(s.low) and s.low[c1] == "to":
                    c1 += 1
                for j in range(len(s.low)):
                    if c0 <= j < c1:
                        continue
                    xr.append(role_features(s, c0, c1, j, pp))
                    k, lab = labels[j]
                    yr.append(lab if k == rel and lab in "ST" else "O")
    return xc, yc, xr, yr, vocab


# The scorer's criteria, in process (see ../shared/eval/score_attribution.py).
STOP = set("the a an of and in on to for by with his her their its this that these those mr mrs ms dr".split())


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", (s or "").lower()) if w not in STOP}


def score(folder: Path, predict: Callable[[str, Path], list[tuple[int, int, str]]]) -> dict[str, float]:
    n_gold = n_pred = gold_hit = pred_right = spk_ok = spk_n = 0
    for name, raw, gold in articles(folder):
        golds = []
        for g in gold:
            content: set[int] = set()
            for a, b in g["Content"]:
                content.update(range(a, b))
            src = " ".join(raw[a:b] for a, b in g.get("Source", []))
            golds.append((content, src))
        preds = [(set(range(a, b)) if b - a <= 600 else set(), spk) for a, b, spk in predict(raw, folder / (name + ".txt"))]
        n_gold += len(golds)
        n_pred += len(preds)
        for content, src in golds:
            hit = next((i for i, (ps, _) in enumerate(preds) if content and len(ps & content) >= 0.3 * len(content)), None)
            if hit is None:
                continue
            gold_hit += 1
            if _words(src):
                spk_n += 1
                spk_ok += bool(_words(src) & _words(preds[hit][1]))
        for ps, _ in preds:
            if any(len(ps & c) >= 0.3 * len(c) or (ps and len(ps & c) >= 0.3 * len(ps)) for c, _ in golds):
                pred_right += 1
    r = gold_hit / n_gold if n_gold else 0.0
    p = pred_right / n_pred if n_pred else 0.0
    return {"recall": r, "precision": p, "f1": 2 * r * p / (r + p) if r + p else 0.0,
            "speaker": spk_ok / spk_n if spk_n else 0.0}


def fit(x: list[list[str]], y: list[Any], c: float, min_count: int = 3) -> tuple[list[str], Any]:
    from sklearn.feature_extraction import DictVectorizer  # type: ignore[import-untyped]
    from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

    counts = collections.Counter(f for fs in x for f in set(fs))
    vec = DictVectorizer()
    m = vec.fit_transform([{f: 1 for f in fs if counts[f] >= min_count} for fs in x])
    clf = LogisticRegression(C=c, max_iter=400)
    clf.fit(m, y)
    return list(vec.get_feature_names_out()), clf


def fit_verifier(train: list[Article], found: Callable[[int, list[Article]], tuple[list[list[str]], list[int]]],
                 c: float) -> dict[str, float]:
    """The verifier's weights, learnt from what a model that did not see the article finds in it (two folds:
    ``found(k, held)`` gives the features and rightness of each find in fold ``k``'s held-out articles)."""
    xv: list[list[str]] = []
    yv: list[int] = []
    for k in range(2):
        x, y = found(k, [a for i, a in enumerate(train) if i % 2 == k])
        log.info("fold %d: %d found, %d right", k, len(y), sum(y))
        xv += x
        yv += y
    names_v, clf_v = fit(xv, yv, c, min_count=2)
    verify_w = {n: round(float(w), 3) for n, w in zip(names_v, clf_v.coef_[0], strict=True) if abs(w) >= 0.01}
    verify_w["b"] = verify_w.get("b", 0.0) + round(float(clf_v.intercept_[0]), 3)
    return verify_w


def source_heads(data: list[Article], min_count: int = 2) -> list[str]:
    """The last word of each gold Source (lowered), kept when seen ``min_count`` times: who can be a source."""
    c: collections.Counter[str] = collections.Counter()
    for _, raw, gold in data:
        for g in gold:
            spans = g.get("Source", [])
            if spans:
                a, b = spans[-1]
                words = re.findall(r"\w+(?:[’'-]\w+)*", raw[a:b].lower())
                if words:
                    c[words[-1]] += 1
    return sorted(w for w, n in c.items() if n >= min_count)


def fit_models(data: list[Article], args: argparse.Namespace, tag: str) -> dict[str, Any]:
    """The cue and role models (no verifier) fitted on ``data``; kept in ``--cache`` when given (the
    verifier can then be trained again without fitting them again)."""
    if args.cache is not None:
        key = f"{tag}-{args.min_cue}-{args.min_share}-{args.c_cue}-{args.c_role}-{args.cue_floor}.json"
        path = args.cache / key
        if path.exists():
            cached: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return cached
        model = _fit_models(data, args)
        args.cache.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(model), encoding="utf-8")
        return model
    return _fit_models(data, args)


def _fit_models(data: list[Article], args: argparse.Namespace) -> dict[str, Any]:
    xc, yc, xr, yr, vocab = examples(data, args.min_cue, args.min_share)
    log.info("cue vocabulary %d words; %d cue examples (%d cues); %d role examples", len(vocab), len(xc), sum(yc),
             len(xr))
    names_c, clf_c = fit(xc, yc, args.c_cue)
    names_r, clf_r = fit(xr, yr, args.c_role)
    cue_w = {n: round(float(w), 3) for n, w in zip(names_c, clf_c.coef_[0], strict=True) if abs(w) >= 0.05}
    cue_w["b"] = cue_w.get("b", 0.0) + round(float(clf_c.intercept_[0]), 3)
    classes = [str(c) for c in clf_r.classes_]
    role_w = {}
    for k, n in enumerate(names_r):
        ws = [round(float(clf_r.coef_[m][k]), 3) for m in range(len(classes))]
        if max(abs(w) for w in ws) >= 0.05:
            role_w[n] = ws
    return {
        "source_heads": source_heads(data),
        "about": "PolNeAR attribution cue, role and verifier models (logistic regression), by "
                 "scripts/train_attribution.py",
        "cue_vocab": sorted(vocab),
        "cue_share": vocab,
        "cue_threshold": args.cue_floor,
        "cue_weights": cue_w,
        "role_classes": classes,
        "role_weights": role_w,
        "role_bias": [round(float(b), 3) for b in clf_r.intercept_],
    }


def found_in(raw: str, m: AttributionModel) -> Iterator[tuple[int, int, Any]]:
    from reader.analysis.attribution import find_block

    for base, text in paragraphs(raw):
        text = analysis_text(text)
        for f in find_block(text, sentences(text), quote_spans(text), m):
            yield base + f.content[0], base + f.content[1], f


def gold_contents(gold: list[dict[str, Any]]) -> list[set[int]]:
    """The characters of each gold attribution's Content, as the scorer reads them."""
    contents = []
    for g in gold:
        c: set[int] = set()
        for a, b in g["Content"]:
            c.update(range(a, b))
        contents.append(c)
    return contents


def verifier_examples(data: list[Article], model: dict[str, Any]) -> tuple[list[list[str]], list[int]]:
    """Each attribution the cue and role models find (at the cue floor), labelled as the scorer would
    count it: right when it covers 30% of a gold content or lies 30% inside one."""
    m = AttributionModel(model)
    x: list[list[str]] = []
    y: list[int] = []
    for _, raw, gold in data:
        contents = gold_contents(gold)
        for a, b, f in found_in(raw, m):
            ps = set(range(a, b)) if b - a <= 600 else set()
            ok = any(len(ps & c) >= 0.3 * len(c) or (ps and len(ps & c) >= 0.3 * len(ps)) for c in contents)
            x.append(f.features)
            y.append(int(ok))
    return x, y


def engine_score(folder: Path, model: AttributionModel) -> dict[str, float]:
    """The whole engine (rules and model, as ``reader extract`` runs it) scored on ``folder``."""
    from reader.analysis import analyse, attribution
    from reader.loaders import load

    saved = attribution.load_model
    attribution.load_model = lambda path=attribution.MODEL_PATH: model  # type: ignore[assignment, misc]
    try:
        def predict(raw: str, path: Path) -> list[tuple[int, int, str]]:
            out = []
            for q in analyse(load(path)).quotes:
                loc = _locate(raw, q.text, q.start)
                if loc:
                    out.append((loc[0], loc[1], q.speaker or ""))
            return out

        return score(folder, predict)
    finally:
        attribution.load_model = saved  # type: ignore[method-assign]


def _locate(raw: str, needle: str, hint: int) -> tuple[int, int] | None:
    """Where the scorer places a predicted quote: the match of its words nearest its offset."""
    ws = needle.split()
    if not ws:
        return None
    best = None
    for m in re.finditer(r"\s+".join(re.escape(w) for w in ws), raw):
        if best is None or abs(m.start() - hint) < abs(best.start() - hint):
            best = m
    return (best.start(), best.end()) if best else None


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ap = training_parser(ROOT / "resources" / "attribution_model.json")
    ap.add_argument("--c-cue", type=float, default=1.0)
    ap.add_argument("--c-role", type=float, default=1.0)
    ap.add_argument("--c-verify", type=float, default=0.3)
    ap.add_argument("--cache", type=Path, help="a folder to keep the cue and role models in between runs")
    ap.add_argument("--min-cue", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.15)
    # Cues the cue model gives less than this are not decoded at all (speed); the verifier decides the rest.
    ap.add_argument("--cue-floor", type=float, default=0.1)
    # The verifier threshold: the one with the best dev F1 among those whose dev precision reaches this.
    # Essays and novels hold many more words that look like cues than news does, so the engine must stay
    # precise on news to stay right elsewhere.
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--shares", type=float, nargs="+", default=[0.02, 0.05, 0.1, 0.15])
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
    args = ap.parse_args()

    train = list(articles(args.data / "train"))
    # The verifier learns from attributions found by models that did not see the article (two folds):
    # on their own training articles the cue and role models are surer than they will ever be on new text.
    verify_w = fit_verifier(train, lambda k, held: verifier_examples(
        held, fit_models([a for i, a in enumerate(train) if i % 2 != k], args, f"fold{k}")), args.c_verify)

    model = fit_models(train, args, "all")
    if "cue_share" not in model:  # a model kept by an earlier version of this script
        model["cue_share"] = examples(train, args.min_cue, args.min_share)[4]
    model["verify_weights"] = verify_w
    # The operating point: which candidate words are looked at (those a cue in at least this share of their
    # uses in train) and the verifier threshold. The best dev F1 among the points whose dev precision
    # reaches --min-precision and that keep the sample article at issue 10's thresholds (quotes
    # P >= 0.85 there: an essay, where many more words look like cues than in news).
    best = None
    for share in args.shares:
        for t in args.thresholds:
            model["min_share"] = share
            model["verify_threshold"] = t
            m = AttributionModel(model)
            s = engine_score(args.data / "dev", m)
            sample = sample_precision(m)
            ok = s["precision"] >= args.min_precision and sample >= 0.85
            log.info("share %.2f verifier %.2f: dev R %.3f P %.3f F1 %.3f speaker %.3f; sample quotes P %.2f%s", share,
                     t, s["recall"], s["precision"], s["f1"], s["speaker"], sample, "" if ok else " (not kept)")
            if best is None or (ok, s["f1"]) > (best[2], best[0]["f1"]):
                best = (s, (share, t), ok)
    assert best is not None
    model["min_share"], model["verify_threshold"] = best[1]
    # candidate words below the chosen share are never looked at: out of the file
    model["cue_vocab"] = sorted(w for w in model["cue_vocab"] if model["cue_share"].get(w, 0.0) >= best[1][0])
    del model["cue_share"]
    prune(model)
    model["dev"] = {k: round(v, 4) for k, v in best[0].items()}
    args.out.write_text(json.dumps(model, separators=(",", ":")), encoding="utf-8")
    log.info("wrote %s (%.0f KB): share %.2f, verifier threshold %.2f, dev %s", args.out,
             args.out.stat().st_size / 1024, best[1][0], best[1][1], model["dev"])
    write_compiled(args.out)


def write_compiled(path: Path) -> Path:
    """The model of ``path`` (its JSON) as the arrays the app reads first (``attribution.compile_model``),
    beside it with the suffix .npz."""
    from reader.analysis.attribution import compile_model
    from reader.analysis.loading import save_arrays

    out = path.with_suffix(".npz")
    save_arrays(out, compile_model(AttributionModel(json.loads(path.read_text(encoding="utf-8")))))
    log.info("wrote %s (%.0f KB)", out, out.stat().st_size / 1024)
    return out


def prune(model: dict[str, Any]) -> None:
    """Drop the cue model's weights for words that are no longer candidates ("w=X", "w|...=X|...")."""
    vocab = set(model["cue_vocab"])
    keep = {}
    for f, w in model["cue_weights"].items():
        name, _, value = f.partition("=")
        if name == "w" or name.startswith("w|"):
            if value.split("|")[0] not in vocab:
                continue
        keep[f] = w
    model["cue_weights"] = keep


def sample_precision(model: AttributionModel) -> float:
    """Quote precision on the sample article by ../shared/eval/score_extraction.py's criterion."""
    from reader.analysis import analyse, attribution
    from reader.loaders import load

    gold_path = ROOT.parent / "shared" / "eval" / "seed-article.gold.json"
    if not gold_path.exists():
        return 1.0
    gold = json.loads(gold_path.read_text(encoding="utf-8"))

    def norm(s: str | None) -> str:
        s = s or ""
        for ch in "\"“”„‟«»‘’‚‛'":
            s = s.replace(ch, "")
        return re.sub(r"\s+", " ", s).strip().lower()

    anchors = [norm(g["anchor"]) for g in gold["quotes"]]
    saved = attribution.load_model
    attribution.load_model = lambda path=attribution.MODEL_PATH: model  # type: ignore[assignment, misc]
    try:
        quotes = analyse(load(ROOT / "resources" / "sample-article.md")).quotes
    finally:
        attribution.load_model = saved  # type: ignore[method-assign]
    right = sum(1 for q in quotes if len(norm(q.text)) <= 600 and any(a and a in norm(q.text) for a in anchors))
    return right / len(quotes) if quotes else 0.0


# -- the CRF (reader/analysis/attribution_crf.py) -----------------------------------------------------------


def crf_cue_share(data: list[Article], min_count: int = 2) -> dict[str, float]:
    """How often each word (and, as "~stem", each crude lemma) heads a cue in ``data``: its share of its uses."""
    from reader.analysis.attribution_crf import stem

    cue: collections.Counter[str] = collections.Counter()
    every: collections.Counter[str] = collections.Counter()
    for _, raw, gold in data:
        heads = set()
        for g in gold:
            for a, b in g.get("Cue", []):
                ws = [(m.start() + a, m.group().lower()) for m in re.finditer(r"\w+(?:[’'-]\w+)*|[^\w\s]", raw[a:b])]
                h = [x for x in ws if x[1] not in FUNCTION_WORDS and not x[1].endswith("ly")] or ws[:1]
                if h:
                    heads.add(h[0][0])
        for m in re.finditer(r"\w+(?:[’'-]\w+)*|[^\w\s]", raw):
            w = m.group().lower()
            every[w] += 1
            every["~" + stem(w)] += 1
            if m.start() in heads:
                cue[w] += 1
                cue["~" + stem(w)] += 1
    return {w: round(c / (every[w] + 2), 3) for w, c in cue.items() if c >= min_count}


def crf_sequences(data: list[Article], share: dict[str, float]
                  ) -> Iterator[tuple[list[list[str]], list[str]]]:
    """(features, BIO labels) of each paragraph. A relation's Content that goes on after its cue or source
    ("“A,” he said, “B”") goes on as I-Content: one attribution, as in the annotation."""
    from reader.analysis.attribution_crf import features, paragraph_tokens

    for _, raw, gold in data:
        role_at: dict[int, tuple[int, str]] = {}
        for k, g in enumerate(gold):
            for role in ("Source", "Cue", "Content"):
                for a, b in g.get(role, []):
                    for x in range(a, b):
                        role_at[x] = (k, role)
        for base, text in paragraphs(raw):
            text = analysis_text(text)
            toks, sid, inq = paragraph_tokens(text, sentences(text), quote_spans(text))
            if not toks:
                continue
            labels = []
            prev: tuple[int, str] | None = None
            started: set[int] = set()
            for s, _, _ in toks:
                r = role_at.get(base + s)
                if r is None:
                    labels.append("O")
                elif r == prev or (r[1] == "Content" and r[0] in started):
                    labels.append("I-" + r[1])
                else:
                    labels.append("B-" + r[1])
                if r is not None and r[1] == "Content":
                    started.add(r[0])
                prev = r
            yield features(toks, sid, inq, share), labels


def train_crf(data: list[Article], out: Path, c1: float, c2: float, iterations: int) -> dict[str, float]:
    import pycrfsuite  # type: ignore[import-untyped]

    share = crf_cue_share(data)
    trainer = pycrfsuite.Trainer(verbose=False)
    n = 0
    for x, y in crf_sequences(data, share):
        trainer.append(x, y)
        n += len(y)
    log.info("CRF: %d words; c1 %s c2 %s, %d iterations", n, c1, c2, iterations)
    trainer.set_params({"c1": c1, "c2": c2, "max_iterations": iterations, "feature.possible_transitions": True})
    trainer.train(str(out))
    return share


def crf_found(data: list[Article], model: Any) -> tuple[list[list[str]], list[int]]:
    """Each attribution the CRF decodes in ``data`` (before its verifier), labelled as the scorer would count
    it: right when it covers 30% of a gold content or lies 30% inside one."""
    x: list[list[str]] = []
    y: list[int] = []
    for _, raw, gold in data:
        contents = gold_contents(gold)
        for base, text in paragraphs(raw):
            text = analysis_text(text)
            for f in model.find_all(text, sentences(text), quote_spans(text)):
                a, b = base + f.content[0], base + f.content[1]
                ps = set(range(a, b)) if b - a <= 600 else set()
                ok = any(len(ps & c) >= 0.3 * len(c) or (ps and len(ps & c) >= 0.3 * len(ps)) for c in contents)
                x.append(f.features)
                y.append(int(ok))
    return x, y


def crf_paths(model: Path) -> tuple[Path, Path]:
    """The CRF's word lists and its table of word forms, beside the model file (the shipped ones for the shipped
    model): MODEL.crfsuite -> MODEL_crf.json, MODEL_crf_forms.npz."""
    return model.with_name(model.stem + "_crf.json"), model.with_name(model.stem + "_crf_forms.npz")


def training_forms(data: list[Article], least: int = 2) -> list[str]:
    """The word forms of the training articles as the CRF reads them, those met ``least`` times or more, the most
    frequent first (War and Peace's first megabyte: 5,475 of its 11,588 forms)."""
    from reader.analysis.attribution_base import tokenize

    count: collections.Counter[str] = collections.Counter()
    for _, raw, _ in data:
        for _, text in paragraphs(raw):
            count.update(w for _, _, w in tokenize(analysis_text(text)))
    return [w for w, c in sorted(count.items(), key=lambda x: (-x[1], x[0])) if c >= least and "\n" not in w]


def write_crf_forms(data: list[Article], model: Path) -> Path:
    """The table of the training articles' word forms the tagger reads for a long text (``Tagger.read_table``),
    made by the tagger itself from ``model`` and its word lists, beside the model."""
    from reader.analysis import attribution_crf

    lists, out = crf_paths(model)
    crf = attribution_crf.CrfAttributor(model, json.loads(lists.read_text(encoding="utf-8")))
    crf.fast.write_table(training_forms(data), out)
    log.info("wrote %s (%.0f KB)", out, out.stat().st_size / 1024)
    return out


def crf_forms_main(argv: list[str]) -> None:
    """python scripts/train_attribution.py crf-forms [--data DIR] [--out MODEL.crfsuite]: the table of word forms of
    the CRF model named (the shipped one by default), from the training articles of --data."""
    from reader.analysis import attribution_crf

    args = training_parser(attribution_crf.MODEL_PATH).parse_args(argv)
    train = list(articles(args.data / "train"))
    if not train:
        sys.exit(f"no training articles in {args.data / 'train'}")
    write_crf_forms(train, args.out)


def crf_main(argv: list[str]) -> None:
    """python scripts/train_attribution.py crf [--folds DIR] [--c1 X] [--iterations N]

    1. ``--fold K --folds DIR``: the CRF on half of train (articles i % 2 != K), into DIR (run K = 0 and 1,
       two processes at once);
    2. without ``--fold``: the CRF on all of train (unless ``--reuse``), the verifier fitted on what the fold
       models decode in the half they did not see, and the verifier threshold chosen on dev: the best F1
       among the points that keep dev precision >= --min-precision and the sample article's quote precision
       >= 0.85. Writes resources/attribution_model.crfsuite, attribution_model_crf.json and the table of word forms
       (``crf-forms``), attribution_model_crf_forms.npz."""
    from reader.analysis import attribution, attribution_crf

    ap = training_parser(attribution_crf.MODEL_PATH)
    ap.add_argument("--lists", type=Path, default=attribution_crf.LISTS_PATH)
    ap.add_argument("--folds", type=Path, default=Path("/tmp/reader-attribution-folds"))
    ap.add_argument("--fold", type=int)
    ap.add_argument("--c1", type=float, default=1.0)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--c-verify", type=float, default=0.3)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--reuse", action="store_true", help="keep the model file, fit the verifier again")
    ap.add_argument("--min-precision", type=float, default=0.88)
    ap.add_argument("--thresholds", type=float, nargs="+", default=[0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9])
    args = ap.parse_args(argv)
    train = list(articles(args.data / "train"))
    if args.fold is not None:
        args.folds.mkdir(parents=True, exist_ok=True)
        part = [a for i, a in enumerate(train) if i % 2 != args.fold]
        share = train_crf(part, args.folds / f"fold{args.fold}.crfsuite", args.c1, args.c2, args.iterations)
        lists = {"cue_share": share, "source_heads": source_heads(part)}
        (args.folds / f"fold{args.fold}.json").write_text(json.dumps(lists), encoding="utf-8")
        return
    if args.reuse and args.lists.exists():
        lists = json.loads(args.lists.read_text(encoding="utf-8"))
    else:
        lists = {"cue_share": train_crf(train, args.out, args.c1, args.c2, args.iterations)}
    lists["source_heads"] = source_heads(train)
    # The verifier learns from what models that did not see the article decode: on its own training
    # articles the CRF is surer than it will ever be on new text.
    def fold_crf(k: int) -> attribution_crf.CrfAttributor:
        fold_lists = json.loads((args.folds / f"fold{k}.json").read_text(encoding="utf-8"))
        return attribution_crf.CrfAttributor(args.folds / f"fold{k}.crfsuite", fold_lists)

    lists["verify_weights"] = fit_verifier(train, lambda k, held: crf_found(held, fold_crf(k)), args.c_verify)
    lists["about"] = ("PolNeAR attribution CRF (python-crfsuite, BIO Source/Cue/Content) and its verifier "
                      f"(logistic regression), by scripts/train_attribution.py crf; c1 {args.c1} c2 {args.c2}")
    best = None
    for t in args.thresholds:
        lists["verify_threshold"] = t
        m = AttributionModel(json.loads(attribution.MODEL_PATH.read_text(encoding="utf-8")))
        m.crf = attribution_crf.CrfAttributor(args.out, lists)
        s = engine_score(args.data / "dev", m)
        sample = sample_precision(m)
        ok = s["precision"] >= args.min_precision and sample >= 0.85
        log.info("verifier %.2f: dev R %.3f P %.3f F1 %.3f speaker %.3f; sample quotes P %.2f%s", t,
                 s["recall"], s["precision"], s["f1"], s["speaker"], sample, "" if ok else " (not kept)")
        if best is None or (ok, s["f1"]) > (best[2], best[0]["f1"]):
            best = (s, t, ok)
    assert best is not None
    lists["verify_threshold"] = best[1]
    lists["dev"] = {k: round(v, 4) for k, v in best[0].items()}
    args.lists.write_text(json.dumps(lists, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    attribution.load_model.cache_clear()
    attribution_crf.load.cache_clear()
    log.info("wrote %s (%.0f KB) and %s: verifier threshold %.2f, dev %s", args.out, args.out.stat().st_size / 1024,
             args.lists, best[1], lists["dev"])
    if args.lists == crf_paths(args.out)[0]:
        write_crf_forms(train, args.out)
    else:
        log.warning("word lists not beside the model: no table of word forms written (crf-forms)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["crf"]:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        crf_main(sys.argv[2:])
    elif sys.argv[1:2] == ["crf-forms"]:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        crf_forms_main(sys.argv[2:])
    elif sys.argv[1:2] == ["compile"]:  # the shipped JSON (or the one named) as its .npz, without training
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        write_compiled(Path(sys.argv[2]) if sys.argv[2:] else ROOT / "resources" / "attribution_model.json")
    else:
        main()
