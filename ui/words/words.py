"""The words page's sentences, each built from the view and the numbers it describes.

``tests/test_claims_words_page.py`` checks each checkable claim on the view where it is shown.
"""

from __future__ import annotations

import numpy as np

from core.text_generate import leader
from core.text_models import Explanation, rounded_terms
from ui.words.escape import escape_text

INTRO = ("**Naive Bayes** (generative) learns P(class) and P(word | class), classifies by Bayes' rule and can write a "
         "message; **logistic regression** (discriminative) learns a weight per word for P(class | text) and can only "
         "classify. Both read the same features: word counts for SMS, character n-grams for languages.")
STRONG = 0.5  # evidence (in log-odds) a highlighted word carries at least: odds times e^0.5 ≈ 1.6
NB_NAMES = {"multinomial": "Multinomial naive Bayes", "bernoulli": "Bernoulli naive Bayes"}
NO_SAMPLER = ("Logistic regression has nothing to sample from: it models P(class | text) only, and has no "
              "P(text | class) to draw a message from.")


def percent(p: float, exact: bool = False) -> str:
    """A probability as a percentage that never rounds a possible answer to a certain one: 0% and 100% only when
    ``exact`` (a class ruled out by a zero probability at α = 0)."""
    if not np.isfinite(p):
        return "undefined"
    if p < 0.001 and not (exact and p == 0):
        return "under 0.1%"
    if p > 0.999 and not (exact and p == 1):
        return "over 99.9%"
    return f"{p:.1%}"


def signed(x: float) -> str:
    if np.isposinf(x):
        return "+∞"
    if np.isneginf(x):
        return "−∞"
    if np.isnan(x):
        return "undefined"
    return f"{x:+.2f}".replace("-", "−")


def verdict(name: str, e: Explanation, class_names) -> str:
    """"**Name**: P(spam | text) = 98.2%, spam." For more classes, the two likeliest."""
    if not np.all(np.isfinite(e.proba)):
        return (f"**{name}**: every class has probability 0 for this text (0/0): no answer. Raise α above 0 to "
                "give unseen features a probability.")
    a, b = e.pair
    exact = not np.isfinite(e.log_odds)
    if len(class_names) == 2:
        label = class_names[int(np.argmax(e.proba))]
        return f"**{name}**: P(spam | text) is {percent(e.proba[1], exact)}, so **{label}**."
    return (f"**{name}**: **{class_names[a]}** {percent(e.proba[a], exact)}, then {class_names[b]} "
            f"{percent(e.proba[b], exact)}.")


def terms(e: Explanation, prior_label: str, base_label: str | None, top: int = 8) -> list:
    """Rows (term, log-odds) whose values add up to the last row, the total, as shown (rounded to 0.01)."""
    pieces = sorted(range(len(e.pieces)), key=lambda i: -abs(e.pieces[i].evidence))
    known = [i for i in pieces if e.pieces[i].known]
    shown, rest = known[:top], known[top:]
    labels = [prior_label] + ([base_label] if base_label else []) + [f"“{e.pieces[i].text}”" for i in shown]
    values = [e.prior] + ([e.base] if base_label else []) + [e.pieces[i].evidence for i in shown]
    if rest:
        labels.append(f"the other {len(rest)} known word{'s' if len(rest) > 1 else ''}")
        values.append(sum(e.pieces[i].evidence for i in rest))
    values = rounded_terms(values)
    return list(zip(labels, values)) + [("= log-odds", float(np.sum(values)))]


def pair_heading(e: Explanation, class_names) -> str:
    a, b = e.pair
    return f"log P({class_names[a]} | text) / P({class_names[b]} | text)"


def highlighted(e: Explanation, text: str, class_names) -> str:
    """The message as markdown, every character escaped; words pushing toward the first class of the pair on
    red, toward the second on blue, words no model saw on grey."""
    out, at = [], 0
    for p in e.pieces:
        out.append(escape_text(text[at:p.start]))
        body = escape_text(p.text)
        if not p.known:
            body = f":gray-background[{body}]"
        elif p.evidence >= STRONG:
            body = f":red-background[{body}]"
        elif p.evidence <= -STRONG:
            body = f":blue-background[{body}]"
        out.append(body)
        at = p.end
    out.append(escape_text(text[at:]))
    return "".join(out)


def legend(e: Explanation, class_names) -> str:
    a, b = e.pair
    return (f":red-background[toward {class_names[a]}] :blue-background[toward {class_names[b]}] "
            f"(log-odds ±{STRONG} or more) :gray-background[never seen in training]")


def unknown_note(e: Explanation, corpus: str) -> str:
    """Which words no model saw; "" if none."""
    unknown = [p.text for p in e.pieces if not p.known]
    if not unknown:
        return ""
    unit = "word" if corpus == "spam" else "word (none of its character n-grams)"
    listed = ", ".join(f"“{escape_text(w)}”" for w in unknown[:10]) + (" …" if len(unknown) > 10 else "")
    all_unknown = (" None of the words is known, so each model answers as for an empty message: naive Bayes from "
                   "its prior (Bernoulli adds its every-word-absent term), logistic regression from its intercept."
                   if len(unknown) == len(e.pieces) else "")
    return (f"Never seen in training, so they count for nothing in either model: {len(unknown)} {unit}"
            f"{'s' if len(unknown) > 1 else ''}: {listed}.{all_unknown}")


def empty_note(corpus: str) -> str:
    what = "words of two letters or more" if corpus == "spam" else "characters other than spaces"
    return f"Type a message above: both models need at least one of its {what} to read."


SMOOTHING = {
    "multinomial": "α is added to every word's count in every class before dividing: P(w | class) = (count + α) / "
                   "(total + α V) for V words. ",
    "bernoulli": "α is added to every word's document count in every class before dividing: P(w present | class) "
                 "= (documents with w + α) / (documents + 2α). ",
}


def alpha_note(alpha: float, e: Explanation, class_names, kind: str = "multinomial") -> str:
    """What α does (as ``core.text_models.nb_log_theta`` computes it for ``kind``), and at α = 0 what a word unseen
    in one class does to this message."""
    text = SMOOTHING[kind]
    if alpha == 1:
        return text + "α = 1 is **add one** (Laplace): every word starts one count up, so none has probability 0."
    if alpha > 0:
        return text + f"At α = {alpha:g} no word has probability 0; smaller α trusts the counts more."
    zero = [p.text for p in e.pieces if p.known and not np.isfinite(p.evidence)]
    if not np.all(np.isfinite(e.proba)):
        return text + ("At **α = 0** this message has features never seen in any of the classes' training "
                       "texts: every class's probability is 0 and Bayes' rule divides 0 by 0.")
    if zero:
        a, b = e.pair
        winner = class_names[a] if e.proba[a] > e.proba[b] else class_names[b]
        return text + (f"At **α = 0**, “{escape_text(zero[0])}” never appeared in one class's training texts, "
                       f"so that class has probability exactly 0 **whatever the other words say**: "
                       f"{winner} wins outright.")
    return text + "At **α = 0** every word of this message was seen in both classes, so nothing is ruled out yet."


def prior_note(prior: float | None, train_share: float, before: dict, after: dict) -> str:
    """What P(spam) does: Bayes' rule for naive Bayes, reweighting for logistic regression; ``before``/``after``:
    model name -> predicted class at the trained and at the chosen prior."""
    if prior is None:
        return (f"P(spam) is the training share, {train_share:.1%}. Move it: naive Bayes puts the new prior into "
                "Bayes' rule, logistic regression's odds are reweighted by new/old prior odds.")
    shift = np.log(prior / (1 - prior)) - np.log(train_share / (1 - train_share))
    changed = [f"{name} from {before[name]} to {after[name]}" for name in before if before[name] != after[name]]
    effect = ("It changes the verdict of " + " and of ".join(changed) + "."
              if changed else "Neither verdict on this message changes.")
    return (f"P(spam) = {prior:.0%} instead of the training share {train_share:.1%} adds {signed(shift)} to both "
            f"models' log-odds of spam (naive Bayes: a new prior term; logistic regression: reweighting). {effect}")


def recall_caption(corpus: str, majority_name: str, majority_acc: float) -> str:
    if corpus != "spam":
        return "Per-class recall on the held-out quarter: the share of each language's sentences named right."
    return (f"Spam is a minority: always answering **{majority_name}** is right on {majority_acc:.1%} of the test "
            "messages and catches no spam at all, so accuracy alone says little. Per-class recall on the "
            "held-out quarter:")


def bernoulli_sentence(r: dict) -> str:
    """A winner only when McNemar's exact test on the paired predictions gives p < 0.05 (``r["verdict"]``, a
    ``core.evaluation.PairedVerdict`` with B = Bernoulli), else "no clear change" with the difference's 95%
    half-width."""
    v = r["verdict"]
    test = "exact McNemar test on the paired predictions, " + (
        "p < 0.001" if v.p_value < 0.001 else f"p = {v.p_value:.3f}")
    if v.clear:
        says = (f"{'presence beats counts' if v.sign > 0 else 'counts beat presence'} here "
                f"({100 * v.difference:+.1f} points for Bernoulli; {test})")
    else:
        says = f"no clear change (±{100 * v.half_width:.1f} points at 95%; {test})"
    return (f"**Bernoulli or multinomial?** Bernoulli naive Bayes reads only whether a word is present; in short "
            f"messages words rarely repeat, so counts add little. On the {r['n']:,} test documents of at most "
            f"{r['max_words']} words: Bernoulli {r['bernoulli']:.1%} right, multinomial {r['multinomial']:.1%}: "
            f"{says}.")


def curves_sentence(curves: dict, crossover: float | None) -> str:
    """Who is ahead at the smallest and the largest size, only beyond two standard errors of the paired
    difference; the crossover if ``core.experiments.family_crossover`` finds one."""
    names = {"nb": "naive Bayes", "logreg": "logistic regression"}
    sizes, means = curves["sizes"], curves["means"]
    parts = []
    for i in (0, len(sizes) - 1):
        who = leader(means, curves["diff_se"], i)
        nums = f"naive Bayes {means['nb'][i]:.1%}, logistic regression {means['logreg'][i]:.1%}"
        parts.append(f"At n = {sizes[i]:,}: {nums}: " + (f"**{names[who]} is ahead**." if who else
                                                          "no clear difference."))
    if crossover is not None:
        parts.append(f"The curves cross near n ≈ {crossover:.0f}.")
    return " ".join(parts)


NG_JORDAN = ("Ng & Jordan (2002) found naive Bayes often ahead with few examples and logistic regression with many. "
             "That is a tendency for this pair, not a law: real text decides, as the curves show.")


def sample_notes(corpus: str, cls: str) -> dict:
    order = ("a word-bigram model: each word drawn given the one before" if corpus == "spam"
             else "a character model: each character drawn given the three before")
    unit = "words" if corpus == "spam" else "character n-grams"
    return {
        "bag": f"From multinomial naive Bayes' P(· | {cls}): the right {unit} for {cls}, in **no order**: the "
               "model never learned one (the naive assumption).",
        "order": f"From {order} ({cls} texts only). Also generative; order makes it readable, and it can repeat "
                 "whole phrases of its training texts.",
    }


def phrase_note(p: dict) -> str:
    """Naive Bayes' double counting on "free entry", with the numbers ``ui.words.cache.phrase_stats`` gives."""
    return (f"Naive Bayes adds one independent piece of evidence per word, so a phrase counts once per word: in the "
            f"training messages {p['both']} of the {p['n_b']} with “entry” also have “free”, yet naive Bayes adds "
            f"{signed(p['nb_a'])} for “free” and {signed(p['nb_b'])} for “entry”. Logistic regression fits its "
            f"weights jointly: {signed(p['lr_a'])} and {signed(p['lr_b'])}, so “entry” adds "
            f"{'less' if p['lr_b'] < p['lr_a'] else 'more'} than “free” there, "
            f"{'less' if p['nb_b'] < p['nb_a'] else 'more'} in naive Bayes.")


def notice(corpus: str, phrase: str = "") -> list:
    unit = "word" if corpus == "spam" else "character n-gram"
    first = phrase or (f"Naive Bayes adds one independent piece of evidence per {unit}, though neighbouring "
                       f"{unit}s overlap and travel together; logistic regression fits its weights jointly.")
    return [
        first,
        "Set α to 0: a word never seen in a class's training texts makes that class's probability exactly 0, "
        "whatever the rest of the message says.",
        "Only the generative side can write: press **Write one** and compare the bag of words with the "
        "order-keeping model.",
    ]
