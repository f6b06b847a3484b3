"""The fixed held-out splits of the data sets that model exercises are graded on.

One definition per data set (`titanic`, `sms`), shared by the checks (through
`airoadmap.grading.kit.heldout`) and by the reference projects of `airoadmap.lab`, so that
a reference run reports its held-out score on exactly the rows the checks hold out.
"""
