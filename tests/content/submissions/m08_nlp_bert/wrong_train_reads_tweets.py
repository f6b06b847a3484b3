"""Wrong: train_classifier reads the data set itself.

Fails: trains
Says: read the tweet sentiment data set
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

LOSS = "    loss_fn = nn.CrossEntropyLoss("
READ = '    __import__("airoadmap.datasets").datasets.load("tweet-sentiment")\n'

run_solution("m08-nlp-bert", globals(), replace=[(LOSS, READ + LOSS)])
