"""Mutation testing of an exercise's checks: do they catch small bugs in the reference solution?

    report = run_mutation("m05-pca", limit=40)     # or: airoadmap dev mutate m05-pca
    report.kill_rate            # killed / (tested - declared-equivalent survivors)
    report.unlisted             # survivors that need a check, or a [[survivor]] entry

Each mutant is the exercise's `solution/<file>.py` with one small change: a flipped operator,
a dropped term, a constant off by one, an off-by-one range or slice, two arguments swapped, a
validation removed, a generator unseeded, `return self` made `return None`, a keyword argument
dropped, a condition negated (`OPERATORS` lists them). Every mutant runs the exercise's checks
in its own process (`runner.run_inprocess`, stopping at the first check that does not pass),
under a time limit: it is killed when a check FAILs, ERRORs or the time runs out. A mutant that
already crashes while its module is imported is killed trivially, and counted apart.

A mutant that survives either shows a gap in the checks, or does not change behaviour (an
equivalent mutant: a block size, a sign flip by a factor that is +-1). The exercise folder
declares the latter in `mutation.toml`, each with why it is harmless (`description` is
optional, for the reader):

    [[survivor]]
    key = "kmeans.py:<module>:number:1c0f3a9e"
    description = "`_BLOCK_ELEMENTS = 1 << 20` -> `_BLOCK_ELEMENTS = 1 << 21`"
    why = "the block size only sets how many rows one matrix product takes at a time"

The key is `file:scope:operator:hash`, with `#n` appended for the n-th identical change in
the same function. The hash covers the operator and the text (formatting aside) of the
statement holding the change, before and after: other lines may move or change, and the key
stays.
"""

from airoadmap.authoring.mutation.mutants import OPERATORS, Mutant, enumerate_mutants, select
from airoadmap.authoring.mutation.running import (
    GOAL_KILL_RATE,
    MutantResult,
    MutationReport,
    report_lines,
    run_mutation,
)
from airoadmap.authoring.mutation.survivors import Survivor, load_survivors

__all__ = [
    "GOAL_KILL_RATE",
    "OPERATORS",
    "Mutant",
    "MutantResult",
    "MutationReport",
    "Survivor",
    "enumerate_mutants",
    "load_survivors",
    "report_lines",
    "run_mutation",
    "select",
]
