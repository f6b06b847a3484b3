"""Wrong: clean_lines keeps indented comments.

Fails: check_clean_lines
Says: returned 3, expected 2
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def clean_lines(src, dst):
    lines = Path(src).read_text(encoding='utf-8').splitlines()
    kept = [s.strip() for s in lines if s.strip() and not s.startswith('#')]
    Path(dst).parent.mkdir(parents=True, exist_ok=True)
    Path(dst).write_text(''.join(s + '\n' for s in kept), encoding='utf-8')
    return len(kept)
