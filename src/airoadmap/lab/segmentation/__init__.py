"""Reference project of month 5: customer segmentation of CDNOW with RFM and K-Means.

`airoadmap run m05-segmentation` calls `project.run`. The modules, one job each:

    project   load the transactions, run the steps, write the artifacts, return the metrics
    analysis  numbers behind the figures: inertia and silhouette per k, a 2-D PCA projection
    figures   the PNG figures (choice of k, PCA scatter, profile bars, snake plot)
    report    segment names and actions in tables, profile.md and report.md

The RFM features, the scaling, the choice of k, the clustering and the names are the
exercise's reference solution (content/exercises/m05-segmentation/solution/segmentation.py),
imported as it is: the code a learner reads is the code that ran.
"""
