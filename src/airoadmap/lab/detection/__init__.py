"""Reference project of m08-cv-detection: the solution's grid detector on many generated scenes.

project.py: `run(run_dir, device=)` (`airoadmap run m08-cv-detection`): training with a stage
per epoch, mAP on held-out scenes by the solution's own measure and by pycocotools, figures
and a model card. scenes.py: the scenes of shapes. coco.py: pycocotools' evaluation.
figures.py: the learning curve, boxes on held-out scenes, precision-recall curves.

Importing this package before torch makes torch's idle OpenMP threads sleep instead of
spinning (OMP_WAIT_POLICY=PASSIVE, read once when torch loads; a value already set wins), as
for the m07-cnn project.
"""

import os

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
