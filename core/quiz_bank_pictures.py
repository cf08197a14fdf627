"""Interview questions that open the digits page (``pages/pictures.py``); ``core.quiz`` puts them in the quiz.

They follow ``core.quiz_bank``'s conventions, with ``page=PICTURES``; ``view`` holds the digits page's link
parameters (``ui/pictures/state.py``). ``tests/pictures/test_claims_pictures.py`` checks every number an
explanation quotes against the page's measurements, and ``tests/pictures/test_pictures_page.py`` opens every view.
"""

from __future__ import annotations

from core.quiz_bank import PICTURES, q

QUESTIONS: tuple = (
    q("digits_mean_is_not_a_sample", "powers",
      "A Gaussian model of handwritten 3s is fitted. Why is its mean image not a new 3?",
      "The mean is one fixed, blurry picture; new 3s come from drawing x at random from p(x | y)",
      ["The mean is the least likely image under that Gaussian, so sampling never lands near it",
       "The mean falls outside the 0-16 ink range, so it must be clipped before it reads as a digit",
       "It is a new 3: averaging the training 3s is the same as drawing one from p(x | y)"],
      "A generative model is random: each sample is a different digit, while the mean is the same picture every time, "
      "a blur of many hands (32.3% of its pixels are mid-grey, against 16.9% in real digits). Far from being unlikely, "
      "the mean is the single most likely image of a Gaussian; its ink stays within 0-16 since it averages images that "
      "do.",
      {"pic_part": "mean"}, PICTURES),
    q("digits_hidden_rows", "powers",
      "The bottom half of every test digit is hidden. What does a generative classifier do with it?",
      "Integrates it out: each class is scored by the marginal of its p(x | y) on the visible pixels",
      ["Fills it with the training mean, as logistic regression must, then classifies the result",
       "Has to be retrained on the visible top half, like logistic regression, before it can answer",
       "Reads the hidden pixels as zero ink, since a Gaussian model has no notion of a missing value at all"],
      "A Gaussian (or a mixture of them) over all 64 pixels has an exact marginal over the visible ones: drop the "
      "hidden rows and columns of each covariance. On the page, with 4 of 8 rows hidden, the mixture on PCA scores "
      "gets 90.6% right, logistic regression with the mean filled in 70.2%, and logistic regression retrained on the "
      "visible rows 86.1%; retraining needs a new classifier for every pattern of hidden pixels.",
      {"pic_part": "hide"}, PICTURES),
    q("digits_p_of_x_misleads", "powers",
      "Under probabilistic PCA of digits, how does p(x) of the average of all training digits (a grey blob, no digit "
      "at all) compare with real test digits?",
      "Higher than most of them: under this model it scores above 78% of the real test digits",
      ["Lower than every one of them, since nobody writes grey blobs and the model has learnt that",
       "About at their median, because p(x) averages over the ten digits as the image does",
       "Undefined, because p(x) exists only for images that belong to one of the ten digits"],
      "A Gaussian's density peaks at its mean, and the blob lies near every digit's mean, so its p(x) is high although "
      "no one would call it a digit; a real digit moved one column scores below nearly all. p(x) measures likelihood "
      "under the model, not digit-ness (Nalisnick et al., 2019, found deep generative models fooled the same way). "
      "p(x) = sum over y of P(y) p(x | y) is defined for any image.",
      {"pic_part": "draw"}, PICTURES),
    q("digits_rare_class", "powers",
      "With only 3 training images of the digit 2, you add 300 samples of 2 drawn from Gaussian naive Bayes and "
      "retrain logistic regression. What does the page measure on seeds 0, 1 and 2?",
      "Accuracy rises on every seed, each beyond noise by an exact McNemar test (p < 0.05)",
      ["Accuracy falls on every seed: naive Bayes' speckled samples teach strokes no 2 has",
       "No clear change on any seed: samples carry nothing the three real images lacked",
       "A rise on one seed and a fall on another, so the change stays within the data's noise"],
      "The samples spread the three 2s into the space around them, and logistic regression recognises more test 2s: "
      "the paired predictions change in the samples' favour on all three seeds, p < 0.05 each. It is not a law: with 5 "
      "images of 8 and 100 samples from probabilistic PCA, the page finds no clear change.",
      {"pic_part": "rare"}, PICTURES),
)
