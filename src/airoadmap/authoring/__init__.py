"""Tools for content authors: run an exercise's checks in-process on a submission (`runner`),
for the held-back submissions' tests and the mutation testing of the checks."""
