"""Interview questions and cheat-sheet rows for the "Spam and languages" page; ``core.quiz`` puts the questions in
the quiz.

The rows are not on the cheat sheet yet (its counts are checked against fitted models, and these have none there);
the glossary has the page's terms. The questions follow ``core.quiz_bank``'s conventions, with ``page=WORDS``;
``view`` holds the words page's link parameters (``ui/words/state.py``: words_corpus, words_nb, words_alpha,
words_prior, words_class, words_text) for the view that shows the answer live. ``tests/words/test_quiz_words.py``
opens every view and checks what its explanation says there, and that no choice gives the answer away by its
length.
"""

from __future__ import annotations

from core.quiz_bank import WORDS, q

QUESTIONS: tuple = (
    q("words_bernoulli_vs_multinomial", "bayes",
      "For naive Bayes on text, what separates the Bernoulli model from the multinomial one?",
      "Bernoulli models each vocabulary word as present or absent, so an absent word is evidence too",
      ["Bernoulli smooths each word's count with α, multinomial leaves the raw counts unsmoothed",
       "Bernoulli needs exactly two classes, multinomial handles any number of classes at once",
       "Bernoulli fits one weight per word by gradient descent, while multinomial simply counts words per class"],
      "Multinomial naive Bayes reads how often each word occurs and ignores words that are absent. Bernoulli reads a "
      "yes/no per vocabulary word, repeats count once, and every absent word contributes log(1 − P(w | class)): the "
      "page shows it as the “every word absent” term. Both are smoothed with α and both handle any number of classes; "
      "neither is fitted by gradient descent.",
      {"words_nb": "bernoulli", "focus": "message"}, WORDS),
    q("words_laplace_zero", "bayes",
      "Naive Bayes is trained with α = 0. A message contains one word never seen in ham. What happens?",
      "P(ham | message) is exactly 0, whatever the other words in the message say",
      ["That word is skipped, since a model cannot score a word it has never seen in a class",
       "The word's evidence is small, because it was seen only a few times in spam",
       "P(ham | message) falls back to the prior, 87%, since the word's count is undefined"],
      "With α = 0, P(word | ham) = 0 / N = 0, and naive Bayes multiplies it into P(ham) p(message | ham): the product "
      "is 0, so Bayes' rule gives ham probability 0 however hammy the rest is. α = 1 (“add one”, Laplace) starts every "
      "count at 1, so no word has probability 0. Words never seen in any class are not in the vocabulary and are "
      "skipped; this word was seen in spam.",
      {"words_alpha": "0", "focus": "message"}, WORDS),
    q("words_double_counting", "data",
      "“free” and “entry” nearly always appear together in spam. How does naive Bayes treat the phrase?",
      "It counts the evidence twice, once per word, as if the two words were independent",
      ["It detects the pair and merges the two words into one feature before it counts anything",
       "It halves each word's evidence, since it knows the two words are correlated",
       "It keeps whichever of the two words has the larger evidence and drops the other"],
      "The naive assumption makes words independent given the class, so each adds its own log P(w | spam) − log P(w | "
      "ham) in full. The page's “What to notice” shows both words' live evidence: logistic regression, fitting all "
      "weights jointly, gives “entry” much less than naive Bayes does, since “free” already carries the shared signal.",
      {"words_text": "free entry", "focus": "message"}, WORDS),
    q("words_correlated_words", "data",
      "Why does logistic regression cope better than naive Bayes with words that occur together?",
      "It fits every weight jointly to predict the class, so correlated words share the credit",
      ["It removes any word that is strongly correlated with another word before fitting its weights",
       "It treats every pair of words as one extra feature, so it sees each phrase whole",
       "It uses the same per-word counts but smooths them more strongly with its α"],
      "Logistic regression maximises the conditional likelihood of the labels; if “entry” adds nothing once “free” is "
      "known, its weight need not be large. Naive Bayes estimates each word's P(w | class) on its own, so it cannot "
      "discount a word for travelling with another. Logistic regression has no α and no pair features; it does not "
      "drop words.",
      {"words_text": "free entry", "focus": "message"}, WORDS),
    q("words_generate", "powers",
      "Which of the page's models can write a new spam message, and why?",
      "Naive Bayes, because it models P(words | spam), a distribution to draw words from",
      ["Only logistic regression, because its weights say which words make a message spam",
       "Both, because each assigns a probability to every message it is given to classify",
       "Neither, because writing text needs a neural language model, not a classifier"],
      "A generative model has p(x | y): draw words from P(w | spam) and you get spam-like words. Naive Bayes' "
      "multinomial keeps no order, so its sample is a bag of words; a bigram model, also generative, keeps order. "
      "Logistic regression models P(class | text) only: it scores messages but has no distribution over them to "
      "sample.",
      {"words_class": "spam", "focus": "write"}, WORDS),
    q("words_minority_class", "probabilities",
      "13% of the SMS messages are spam. A filter is 87% accurate. What should you check next?",
      "Its per-class recall: always answering “ham” is already 87% accurate and catches no spam",
      ["Its training time: an accurate filter that fits slowly is no use on a phone",
       "Its vocabulary size: 87% means it needs more words to reach the usual 99%",
       "Its log-loss on the training data, which shows whether its 87% accuracy is real or a fluke"],
      "With a minority class, accuracy hides failure: the majority answer alone scores the majority share. The page "
      "puts per-class recall next to that baseline; moving P(spam) trades spam recall against ham recall. Training-set "
      "log-loss says nothing about held-out messages.",
      {"words_prior": "0.5", "focus": "prior"}, WORDS),
)

#: Cheat-sheet rows (same columns as ``core.cheatsheet.COLUMNS`` where they apply).
CHEATSHEET_ROWS: list = [
    dict(model="Multinomial naive Bayes", family="generative",
         models="P(y), and P(word | y) as one categorical distribution over the vocabulary per class; a document's "
                "words drawn independently", boundary="linear in the word counts", sample="yes (a bag of words)",
         parameters="K*V + K - 1 (V words)"),
    dict(model="Bernoulli naive Bayes", family="generative",
         models="P(y), and for each vocabulary word P(present | y); presence and absence both count",
         boundary="linear in the 0/1 presence features", sample="yes (a set of words)",
         parameters="K*V + K - 1"),
    dict(model="Logistic regression on counts", family="probabilistic discriminative",
         models="P(y | counts) as a softmax of one weight per word and class", boundary="linear in the word counts",
         sample="no", parameters="K*(V + 1) (two classes: V + 1)"),
]
