"""Reference project of m08-genai-gan: the solution's DCGAN learns to draw Fashion-MNIST clothes.

project.py: `run(run_dir, device=)` (`airoadmap run m08-genai-gan`): training on the 60,000
training images with a stage per epoch, a sample grid per epoch and the loss curves, the
samples judged by a classifier trained here, a model card.
quality.py: that classifier and the Inception-style score.

Importing this package before torch makes torch's idle OpenMP threads sleep instead of
spinning (OMP_WAIT_POLICY=PASSIVE, read once when torch loads; a value already set wins), as
for the m07-cnn project.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
