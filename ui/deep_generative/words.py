"""The sentences of the "GANs and VAEs" page, built from the numbers they report.

Every function takes the view and the facts computed for it (``ui.deep_generative.judged`` and
``explicit_facts``, the same pure functions the tests call) and returns markdown. Each checkable
claim is tested under the view where it is shown: ``tests/test_claims_deep.py``.
"""

from __future__ import annotations

import numpy as np

from core.evaluation import unpaired_half_width
from core.models import MODELS
from ui.deep_generative.state import DEEP_MODELS
from ui.timing import LIMIT_SECONDS

COLLAPSE_RATIO = 0.25  # a region with under a quarter of its real share of generated points is "dropped"
NEAR_HALF = 0.1  # P(real | x) within 0.1 of 1/2: the discriminator can barely tell
COLLAPSED_KL = 0.2  # nats per point: codes this uninformative mean the decoder ignores z
LOG2 = float(np.log(2))
INTRO = (
    "A **GAN** pairs a generator, which turns noise into points, with a discriminator, a discriminative model "
    "whose P(real | x) is the kind of posterior the explorer draws; each learns against the other. A **VAE** "
    "encodes each point into a code z and decodes it back, with codes kept close to a Gaussian so that new z "
    "decode into new points. Both learn from the points x alone (the dataset's labels are ignored), differently: "
    "a VAE defines a density p(x) and maximises a lower bound on it (the ELBO); a GAN learns only a sampler, with "
    "no density to evaluate. Both networks here are small multilayer perceptrons written in numpy, trained on "
    "this server when you press **Train** (under “Data, model and training”, just below) or open a link to a setting "
    "not trained yet.")
EXPLICIT_CAPTION = (
    "An explicit density can score any point, so it can flag unusual ones and be compared with another model by "
    "likelihood; a GAN's discriminator says how real a point looks against the current generator, and at the ideal "
    "equilibrium, where the generator's distribution is the data's, the best possible discriminator says 1/2 "
    "everywhere (Goodfellow et al., 2014). In exchange, a generator may be any function of its noise: it is a "
    "sampler with no density, so nothing has to integrate to 1.")
PRESET_NOTE = ("Mode collapse: XOR, learning rate 0.03, batches of 16, 1,000 steps. Whether it collapses depends on "
               "the training seed: seed 1 keeps all four blobs. Blurry: the VAE with β = 10.")


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def _where(centre) -> str:
    return f"({centre[0]:.1f}, {centre[1]:.1f})"


def coverage_sentence(facts: dict) -> str:
    k, ratio = facts["worst"]
    real, gen, where = facts["real_shares"][k], facts["shares"][k], _where(facts["centres"][k])
    if ratio < COLLAPSE_RATIO:
        return (f"**Mode collapse:** the region around {where} holds {_pct(real)} of the real points but only "
                f"{_pct(gen)} of the generated ones: the model has dropped that part of the data.")
    return (f"Every region of the data gets its share of generated points: the least covered, around {where}, "
            f"holds {_pct(gen)} of them against {_pct(real)} of the real points.")


def judge_clear(facts: dict) -> tuple:
    """(difference, half-width, clear): the judge's accuracy on generated against real points minus its accuracy
    on real against held-out real points, with the 95% half-width of two proportions on different points
    (2 x the smaller set each: the judge sees as many of each kind). Clear: the difference is larger."""
    n_gen, n_base = 2 * len(facts["samples"]), 2 * facts["n_test"]
    half = unpaired_half_width(facts["baseline"], n_base, facts["two_sample"], n_gen)
    diff = facts["two_sample"] - facts["baseline"]
    return diff, half, abs(diff) > half


def off_data_words(facts: dict) -> str:
    """The off-data share beside its reference: the same measure on fresh real points from the data's generator."""
    gen, ref, n = facts["off_data"], facts["off_data_real"], len(facts["samples"])
    half = unpaired_half_width(ref, facts["n_fresh"], gen, n)
    if gen - ref > half:
        reading = "more than real points: samples in the gaps or beyond the data (blur)"
    elif ref - gen > half:
        reading = "fewer than real points: the samples hug the training points (copies or near-copies)"
    else:
        reading = f"about as many as real points (the difference is within ± {100 * half:.0f} points at 95%)"
    return (f"{_pct(gen)} of the generated points lie off the data, farther from every training point than 95% of "
            f"the held-out real points are. For reference, {facts['n_fresh']} fresh real points from the data's "
            f"own generator, what a model matching the data would draw, score {_pct(ref)}: here {reading}.")


def judge_sentence(facts: dict) -> str:
    return (f"A random forest tells the generated points from the real training points with "
            f"**{_pct(facts['two_sample'])}** accuracy (50%: it cannot tell them apart; real training against "
            f"real held-out points: {_pct(facts['baseline'])}). " + off_data_words(facts))


def discriminator_sentence(facts: dict) -> str:
    d_real, d_fake = facts["d_real"], facts["d_fake"]
    text = (f"At the last step the discriminator gives the real points P(real | x) = **{d_real:.2f}** on average and "
            f"the generated ones **{d_fake:.2f}**: ")
    if not (abs(d_real - 0.5) < NEAR_HALF and abs(d_fake - 0.5) < NEAR_HALF):
        return text + "it still tells them apart."
    text += ("both near 1/2, so this discriminator hardly separates them. That is necessary for a GAN's "
             "equilibrium, not sufficient: there the *best possible* discriminator says 1/2 (Goodfellow et al., "
             "2014), and this one is only as good as its training so far. ")
    diff, half, clear = judge_clear(facts)
    if clear and diff > 0:
        return text + (f"A fresh judge still can: a random forest tells the samples from real points with "
                       f"**{_pct(facts['two_sample'])}** accuracy, against {_pct(facts['baseline'])} for real "
                       "against real.")
    return text + (f"A fresh judge does no clearly better: a random forest scores {_pct(facts['two_sample'])} on "
                   f"samples against real points and {_pct(facts['baseline'])} on real against real (± "
                   f"{100 * half:.0f} points at 95%); a judge finds only the differences it can learn.")


def gan_notes(view, facts: dict) -> list:
    return [
        discriminator_sentence(facts),
        coverage_sentence(facts),
        judge_sentence(facts),
        f"The losses do not fall to zero as a classifier's would: at the ideal equilibrium L_D = 2 log 2 ≈ 1.39 "
        f"and L_G = log 2 ≈ 0.69 (dotted). Over the last steps here: L_D = {facts['d_loss']:.2f}, "
        f"L_G = {facts['g_loss']:.2f}.",
    ]


def vae_notes(view, facts: dict) -> list:
    kl = facts["kl"]
    notes = [f"The KL term ends at **{kl:.2f}** nats per point (β = {view.beta:g} weights it in training). Its "
             "mean over the data is an upper bound on the information the code z carries about x (the mutual "
             "information between x and z under the encoder): a small KL means z says little about x."]
    if kl < COLLAPSED_KL:
        notes.append("**Posterior collapse:** q(z | x) is almost the prior for every x, so z tells the decoder "
                     "next to nothing and every sample comes from nearly the same wide Gaussian: a blurry cloud "
                     "over the data instead of its shape.")
    notes += [coverage_sentence(facts), judge_sentence(facts),
              f"On held-out points the ELBO averages **{facts['test_elbo']:.2f}** nats: a lower bound on the VAE's "
              "log p(x), which it cannot compute exactly."]
    return notes


def notes(view, facts: dict) -> list:
    return gan_notes(view, facts) if view.model == "gan" else vae_notes(view, facts)


def budget_note(view) -> str:
    """What training leaves out of the view to answer in time; "" when nothing."""
    if view.trained_steps == view.n_steps:
        return ""
    return (f"So that the page answers within {LIMIT_SECONDS} seconds, {DEEP_MODELS[view.model]}s of {view.hidden} "
            f"units with batches of {view.batch_size} train at most {view.trained_steps:,} steps here: this one "
            f"stops there instead of at {view.n_steps:,}. Narrower networks or smaller batches leave room for more.")


def replay_caption(view, snap) -> str:
    if view.model == "gan":
        losses = ("" if snap.step == 0 else
                  f": L_D = {snap.d_loss:.2f}, L_G = {snap.g_loss:.2f} (means over the steps just before)")
        return (f"Step {snap.step} of {view.trained_steps}{losses}. Black strokes: where the generator's loss pushes "
                "each sample, −∂L_G/∂x, uphill on P(real | x). The same 400 noise draws in every frame; the curves "
                "are moving means of 25 steps.")
    terms = ("" if snap.step == 0 else
             f": ELBO {snap.elbo:.2f} = E log p(x | z) {-snap.reconstruction:.2f} − KL {snap.kl:.2f} nats per point")
    return (f"Step {snap.step} of {view.trained_steps}{terms}. The same 400 draws of z (and of the decoder's noise) in "
            "every frame; the curves are moving means of 25 steps. The KL term's weight rises from 0 to β over the "
            "first 30% of the steps (KL annealing).")


def contrast(view, facts: dict, ex: dict) -> str:
    """Explicit density against the deep model: what each can do, and whose samples the judge finds closer."""
    name, deep = MODELS[view.explicit].label, DEEP_MODELS[view.model]
    can_px = {"gan": "no: it can only sample", "vae": "a lower bound (the ELBO), by sampling z"}[view.model]
    table = (f"| | {name} (explicit) | {deep} |\n|---|---|---|\n"
             f"| evaluate p(x) at a point | yes: log p(x), exactly | {can_px} |\n"
             "| draw new points | yes | yes |\n"
             f"| uses the labels | yes: p(x) = Σ_y P(y) p(x \\| y) | no |\n"
             f"| held-out points, mean | log p(x) = {ex['log_px_test']:.2f} | "
             + (f"ELBO = {facts['test_elbo']:.2f} |\n" if view.model == "vae" else "– |\n")
             + f"| judge's accuracy on its samples (50% best) | {_pct(ex['two_sample'])} | "
               f"{_pct(facts['two_sample'])} |")
    n_ex, n_deep = 2 * len(ex["samples"]), 2 * len(facts["samples"])
    half = unpaired_half_width(ex["two_sample"], n_ex, facts["two_sample"], n_deep)
    closer = (f"the two are about as hard to tell from real data (the judge's accuracies differ by less than ± "
              f"{100 * half:.0f} points, their 95% half-width)" if abs(ex["two_sample"] - facts["two_sample"]) <= half
              else f"the {deep}'s samples are the harder to tell from real data"
              if facts["two_sample"] < ex["two_sample"]
              else f"the samples of {name} are the harder to tell from real data")
    return table + f"\n\nHere {closer}."
