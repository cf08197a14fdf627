"""Strings an attacker (or a careless file) puts where the app shows a user's text: link values, CSV headers and
labels, file names. Issue 25: none may become a link, an image, a coloured alert, an icon or math on our page.

Shared by tests/test_safe.py (the helper, every page under AppTest, a CSV) and tests/test_browser_injection.py.
"""

EVIL = "evil.example"  # every attack here points at this host

CORPUS = (
    "[Click here to sign in again](https://evil.example/login)",
    "![x](https://evil.example/track.png)",
    ":red-background[**Your session expired, visit evil.example**]",
    "https://evil.example/a",
    "www.evil.example",
    "WWW.EVIL.EXAMPLE/path",
    "<https://evil.example/angle>",
    "admin@evil.example",
    "mailto:admin@evil.example",
    '<a href="https://evil.example/html">x</a>',
    '<img src="https://evil.example/img.png" onerror="alert(1)">',
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    r"$\href{https://evil.example}{x}$",
    r"$$\href{https://evil.example}{x}$$",
    ":material/warning: x",
    ":streamlit: :smile:",
    "**bold** _em_ # heading",
    "# heading",
    "- list item",
    "1. numbered",
    "> quote",
    "a | b\n--|--\nc | d",
    "`code` ``two`` ```three```",
    "line one\nline two\n\n=====",
    "&lt;b&gt;entity&lt;/b&gt; &#x3C;a&#x3E;",
    "[ref]: https://evil.example/ref\n[ref]",
    "\\[escaped\\](https://evil.example/esc)",
    ":blue[x]{#id .cls}",
    "~~strike~~ ^sup^ %percent",
    "🔗🎓 emoji ✅ and שלום עולם RTL مرحبا",
    "\u202eevil.example\u202c control\x00\x07chars",
)

LONG_LIST = ",".join(["x"] * 20_000)  # /quiz?topic=x,x,… : once 20,000 warning boxes
LONG_VALUE = "A" * 120_000  # once 37 s for one box
DISTINCT_LIST = ",".join(f"[t{i}](https://evil.example/{i})" for i in range(2_000))

# Query strings, one per page, that put the corpus into every parameter the page echoes back when it is bad.
# Each page is (path, {param: value}); the values hold links, images, autolinks, colour directives and a long list.
ATTACK = CORPUS[0] + " " + CORPUS[1] + " " + CORPUS[2] + " " + CORPUS[3] + " " + CORPUS[4]
LINKS = {
    "pages/explorer.py": {"dataset": ATTACK, "seed": CORPUS[1], "gen": CORPUS[2], "gen.[x](https://evil.example)": "1",
                          "probe": CORPUS[3], "present": CORPUS[4], "n": LONG_VALUE},
    "pages/quiz.py": {"topic": LONG_LIST + "," + DISTINCT_LIST, "q": ATTACK, "seed": CORPUS[1]},
    "pages/learning_curves.py": {"lc_scenario": ATTACK, "lc_models": DISTINCT_LIST, "lc_repeats": CORPUS[2],
                                 "lc_[x](https://evil.example/k)": "1"},
    "pages/overview.py": {"step": ATTACK},
    "pages/generative_powers.py": {"dataset": ATTACK, "gen": CORPUS[1], "k": CORPUS[2], "disc": LONG_VALUE},
    "pages/deep_generative.py": {"model": ATTACK, "lr": CORPUS[1], "batch": CORPUS[2], "dataset": LONG_LIST},
    "pages/words.py": {"words_corpus": ATTACK, "words_alpha": CORPUS[1], "words_text": ATTACK + " " + CORPUS[5]},
    "pages/gallery.py": {"dataset": ATTACK, "noise": CORPUS[1], "contours": CORPUS[2], "seed": LONG_VALUE},
    "pages/pictures.py": {"pic_part": ATTACK, "pic_hidden": CORPUS[1], "pic_rare_model": CORPUS[2],
                          "pic_[x](https://evil.example/k)": LONG_LIST},
}
URL_PATHS = {"pages/explorer.py": "/explorer", "pages/quiz.py": "/quiz", "pages/learning_curves.py": "/learning_curves",
             "pages/overview.py": "/", "pages/generative_powers.py": "/generative_powers",
             "pages/deep_generative.py": "/deep_generative", "pages/words.py": "/words",
             "pages/pictures.py": "/pictures", "pages/gallery.py": "/gallery"}


def attack_csv() -> bytes:
    """A CSV whose headers and class labels are the corpus's links (two usable classes, two varying features)."""
    header = "[h1](https://evil.example/h1),https://evil.example/h2,www.evil.example"
    labels = ("https://evil.example/a", "[www.evil.example](https://evil.example/b)")
    rows = [f"{i % 7 + (k * 3)}.{i},{(i * 13) % 11 - k}.5,{label}" for k, label in enumerate(labels) for i in range(20)]
    return (header + "\n" + "\n".join(rows) + "\n").encode()
