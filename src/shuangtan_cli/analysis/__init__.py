"""Corpus-linguistic analysis of the remarks: pure functions, no I/O.

Everything here takes text (or counts) and returns numbers or rows; nothing
reads files except :func:`shuangtan_cli.analysis.terms.load_terms`, which reads
the bundled vocabulary, and nothing prints.  Each statistic's formula is
written once, in the module that owns it, with its reference.

Modules, imported on their own (this package imports none of them, so that a
command pays only for what it uses):

``units``
    What is counted: runs of Han characters and the character n-grams inside
    them; counting over many documents gives each n-gram's count and range.
``terms``
    The bundled 双碳 vocabulary (``terms.json``) and whole-term matching,
    longest variant first.
``frequency``
    Counts grouped by any key, with the group's size and a rate per 10,000
    characters, and dispersion across the parts of each group.
``dispersion``
    Range, Gries' DP and its normalised form, and where hits fall in a text.
``keyness``
    Log-likelihood (Rayson's two-term form), its p-value, Log Ratio and %DIFF,
    and keyword rows for a study and a reference corpus.
``collocation``
    Surface co-occurrence within a window inside the sentence, and logDice,
    MI, t-score and log-likelihood.
``concordance``
    Key-word-in-context lines and sort keys by position (1R, 2L, the match).
``display``
    Display width of text at a terminal (CJK characters take two columns) and
    padding or trimming to a width without splitting a character.
``segment``
    Optional word segmentation with rjieba (the ``words`` extra).

The units are characters because Chinese is written without spaces: counting
needs no segmenter, and every count can be checked with ``str.count``.
"""
