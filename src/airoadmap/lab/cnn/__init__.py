"""Reference projects of m07-cnn: the solution's CNN on Fashion-MNIST and CIFAR-10.

project.py: `run(run_dir, data=, device=)` (`airoadmap run m07-cnn`) and
`run_cifar10(run_dir, device=)` (`airoadmap run m07-cifar10`). device.py: which torch device,
threads and precision a run uses (also shown by `airoadmap doctor`). data.py: the images
from the registry. figures.py: curves, confusion matrix, the most confident mistakes.
cifar_fast.py: the fast CIFAR-10 schedule for one GPU.

Importing this package before torch makes torch's idle OpenMP threads sleep instead of
spinning (OMP_WAIT_POLICY=PASSIVE, read once when torch loads; a value already set wins):
on this project's 2-core machine, busy with other work, spinning threads made one epoch of
the m07-cnn net take 143 s instead of 15 s.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
