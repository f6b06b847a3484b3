"""Wrong: clean_lines appends instead of replacing.

Fails: check_clean_lines
Says: open it with 'w', not 'a'
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def clean_lines(src, dst):
    lines = [s.strip() for s in Path(src).read_text(encoding='utf-8').splitlines()]
    kept = [s for s in lines if s and not s.startswith('#')]
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    with open(dst, 'a', encoding='utf-8') as f:
        f.writelines(s + '\n' for s in kept)
    return len(kept)
