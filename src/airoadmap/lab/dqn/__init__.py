"""Reference project of m08-rl-dqn: the solution's double DQN learns CartPole-v1.

project.py: `run(run_dir, device=)` (`airoadmap run m08-rl-dqn`): training with a stage per
evaluation, 100 greedy episodes on held-out seeds, the learning curve, a model card.
figures.py: the learning curve and the held-out returns.

Importing this package before torch makes torch's idle OpenMP threads sleep instead of
spinning (OMP_WAIT_POLICY=PASSIVE, read once when torch loads; a value already set wins), as
for the m07-cnn project.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
