"""The digits page's sentences, built from the view and the measurements they describe.

``tests/test_claims_pictures.py`` checks each checkable claim on the numbers the page computes.
"""

from __future__ import annotations

from core.images import DIGIT_MODELS
from core.models import MODELS

LABELS = {**{k: s.label for k, s in DIGIT_MODELS.items()}, "logreg": "Logistic regression",
          "mlp": MODELS["mlp"].label, "logreg_mean": "Logistic regression, mean filled in",
          "logreg_visible": "Logistic regression, retrained on the visible rows"}
SHORT = {"gnb": "naive Bayes", "ppca": "probabilistic PCA", "pca_gmm": "the mixture"}
ALPHA = 0.05


def p_value(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def intro(n_train: int, n_test: int) -> str:
    return ("scikit-learn's 8×8 handwritten digits (1,797 images, ink 0-16 per pixel; UCI, Alpaydin & Kaynak): "
            "three generative models learn p(x | y), logistic regression and a small neural network learn "
            f"P(y | x), all on the same {n_train:,} images, tested on the other {n_test:,} (70/30 split, seed 0).")


def sample_lines(m: dict) -> list:
    """What the samples show, from ``compute.sample_measures()``."""
    names = list(DIGIT_MODELS)
    rec = ", ".join(f"{pct(m[n]['recognised'])} of {SHORT[n]}'s" for n in names)
    lines = [f"Logistic regression on raw pixels, trained on real digits, labels {rec} samples as the digit "
             "they were drawn from (540 samples each)."]
    if all(m[n]["recognised"] >= 0.9 for n in names):
        lines[0] += " Every model's samples are readable digits."
    corr, real = m["gnb"]["correlation"], m["real_correlation"]
    if abs(corr) < 0.1 < real:
        lines.append(f"Naive Bayes' samples are speckled: it draws every pixel on its own (independent given the "
                     f"digit), so a pixel's deviation from the digit's mean says nothing about its neighbour's "
                     f"(correlation {corr:.2f}, against {real:.2f} in real digits).")
    if all(m[n]["correlation"] > 0.1 for n in ("ppca", "pca_gmm")):
        lines.append("The PCA models draw along a few stroke directions, so their samples keep neighbours "
                     f"correlated: {m['ppca']['correlation']:.2f} and {m['pca_gmm']['correlation']:.2f}.")
    judges = ", ".join(f"{m[n]['judge']:.2f} for {SHORT[n]}" for n in names)
    if all(m[n]["judge"] > 0.6 for n in names):
        lines.append(f"Still, none passes for real: a random forest tells samples from test digits with accuracy "
                     f"{judges} (0.5 would mean it cannot; the two-sample judge of the powers page).")
    else:
        lines.append(f"A random forest tells samples from test digits with accuracy {judges} (0.5: it cannot).")
    lines.append("Samples are clipped to 0-16, the range of real pixels: a Gaussian spills beyond it.")
    return lines


def mean_lines(name: str, grey_means: float, grey_real: float, average_pct: float) -> list:
    label = SHORT[name]
    lines = ["The mean of each digit is one picture, the same however often you press **Sample**; every sample is a "
             "new digit, because a generative model is random: it draws x from p(x | y). A deterministic generator "
             "that returns the mean can make one picture per digit, never the variety of the samples."]
    if grey_means > grey_real:
        lines.append(f"The mean is a blur of many hands: {pct(grey_means)} of its pixels are mid-grey (ink 5-11), "
                     f"against {pct(grey_real)} in real test digits.")
    lines.append(f"Under {label}, the average of *all* training digits, which is no digit, has a higher p(x) than "
                 f"{average_pct:.0f}% of real test digits: a likely picture is not a typical one.")
    return lines


def classify_lines(acc: dict) -> list:
    whole = ", ".join(f"{LABELS[n]} {pct(acc[n])}" for n in ("gnb", "ppca", "pca_gmm", "logreg", "mlp"))
    b, c, p = acc["mcnemar_ppca_logreg"]
    diff = 100 * (acc["ppca"] - acc["logreg"])
    if p < ALPHA:
        better = "probabilistic PCA" if diff > 0 else "logistic regression"
        verdict = (f"On this split {better} is more accurate ({abs(diff):.1f} points; exact McNemar test on the "
                   f"paired test predictions {p_value(p)}).")
    else:
        verdict = (f"Probabilistic PCA against logistic regression: no clear change ({diff:+.1f} points; exact "
                   f"McNemar p = {p:.2f}).")
    return [f"Test accuracy on whole images: {whole}.",
            "The generative models classify by Bayes' rule, P(y | x) ∝ P(y) p(x | y); the other two learn "
            "P(y | x) directly.", verdict]


def hide_lines(rows: int, acc: dict, tests: dict) -> list:
    if rows == 0:
        return ["Nothing is hidden: move the slider to hide the bottom rows of every test image."]
    share = rows / 8
    gen = ", ".join(f"{SHORT[n]} {pct(acc[n][rows])}" for n in ("pca_gmm", "ppca", "gnb"))
    lines = [f"With the bottom {rows} rows hidden ({pct(share)} of the pixels), integrating them out: {gen}. "
             f"Logistic regression with the training mean filled in: {pct(acc['logreg_mean'][rows])}; retrained "
             f"on the visible rows: {pct(acc['logreg_visible'][rows])}."]
    for key, what in (("logreg_mean", "filling in the mean"), ("logreg_visible", "retraining on the visible rows")):
        b, c, p = tests[key]
        diff = 100 * (acc["pca_gmm"][rows] - acc[key][rows])
        if p < ALPHA:
            word = "beats" if diff > 0 else "trails"
            lines.append(f"The mixture, integrating out, {word} {what} by {abs(diff):.1f} points (exact McNemar "
                         f"{p_value(p)}).")
        else:
            lines.append(f"The mixture against {what}: no clear change ({diff:+.1f} points, McNemar p = {p:.2f}).")
    lines.append("Retraining needs a new classifier for every pattern of hidden pixels; the generative models use the "
                 "same fitted model for any pattern.")
    return lines


def draw_lines(blank: bool, percentiles: dict) -> list:
    if blank:
        return ["Click the grid to paint: each click adds ink (0 → 8 → 16 → 0). Both families answer here."]
    where = ", ".join(f"{SHORT[n]} {v:.0f}%" for n, v in percentiles.items())
    typical = [n for n, v in percentiles.items() if v >= 5]
    verdict = ("digit-like by every model's p(x)" if len(typical) == len(percentiles) else
               "unusual to every model (below 5% of real digits)" if not typical else
               "digit-like to " + ", ".join(SHORT[n] for n in typical) + " only")
    return [f"How digit-like, by p(x): your drawing scores higher than this share of real test digits: {where}; "
            f"{verdict}. The discriminative models have no p(x): they give a P(y | x) for anything."]


def failure_lines(typ: dict, name: str = "ppca") -> list:
    t = typ[name]
    return [f"Where p(x) misleads, under {SHORT[name]} (Nalisnick et al., 2019, *Do deep generative models know what "
            "they don't know?*, found deep models giving images from another dataset a higher p(x) than their own):",
            f"the average of all training digits, a grey blob, scores above {t['average']:.0f}% of real digits;",
            f"a real test digit redrawn with this grid's three ink levels scores above only {t['quantised']:.0f}% "
            "of them (median), though it is as readable;",
            f"a real digit moved one column to the right scores above {t['shifted']:.1f}% (median)."]


def rare_lines(digit: int, n_rare: int, n_usual: int, n_generated: int, model: str, runs: list,
               verdict: tuple) -> list:
    r = runs[0]
    lines = [f"Logistic regression trained with only {n_rare} images of {digit} (instead of {n_usual}) recognises "
             f"{pct(r['recall'][0])} of the test {digit}s (seed 0; accuracy on all digits {pct(r['accuracy'][0])})."]
    if n_generated == 0:
        lines.append("Nothing is added yet: pick how many samples to generate.")
        return lines
    lines.append(f"With {n_generated} samples of {digit} from {SHORT[model]} (fitted on the same few) added: "
                 f"{pct(r['recall'][1])} of the test {digit}s, accuracy {pct(r['accuracy'][1])}.")
    word, spread = verdict
    ps = ", ".join("< 0.001" if x["p"] < 0.001 else f"{x['p']:.3f}" for x in runs)
    if word == "no clear change":
        lines.append(f"**Verdict: no clear change (±{spread:.1f} points).** A verdict needs an exact McNemar test "
                     f"p < 0.05 on the paired test predictions on each of seeds 0, 1, 2, all the same way; "
                     f"p-values {ps}.")
    else:
        lines.append(f"**Verdict: the generated samples {'help' if word == 'gains' else 'hurt'}** on seeds 0, 1 "
                     f"and 2 alike (exact McNemar p-values {ps}; accuracy changes up to {spread:.1f} points).")
    return lines


NOTICE = [
    "A generative model is random: sampling gives a new digit every time, the mean is one blurry picture.",
    "How well a model's samples look and how well it classifies are different questions: naive Bayes' speckled "
    "samples are still mostly recognisable, and it is the least accurate classifier here.",
    "Hidden pixels need no retraining in a generative model: it integrates them out with the model it has.",
    "p(x) measures how likely a picture is under the model, not whether a person would call it a digit.",
]
