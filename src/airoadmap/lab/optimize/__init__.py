"""Reference project of month 9: the month-7 CNN tuned, retrained, compressed and shipped.

project.py: `run(run_dir, device=)` (`airoadmap run m09-optimize`): Optuna tunes the m07-cnn
training with two worker processes on one SQLite study, the net is retrained, its last
convolution block is pruned to fewer channels and fine-tuned, batch norm is folded into the
convolutions, the net is exported to ONNX and quantized to int8 with onnxruntime (static,
calibrated), and every variant is benchmarked: size, latency at batch 1 and 256 on one
thread, test accuracy; a figure, a report and a model card.
tuning.py: the study and its worker processes. compression.py: channel pruning, batch-norm
folding, ONNX export and int8 quantization of the m07-cnn net.

Importing this package before torch makes torch's idle OpenMP threads sleep instead of
spinning (OMP_WAIT_POLICY=PASSIVE, read once when torch loads; a value already set wins), as
for the m07-cnn project.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
