"""Wrong: ConfigSyntaxError keeps the path as a str.

Fails: check_exceptions
Says: expected Path('run.json')
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


_init = ConfigSyntaxError.__init__
def _str_path(self, path, line, detail):
    _init(self, path, line, detail)
    self.path = str(path)
ConfigSyntaxError.__init__ = _str_path
