"""Wrong: the service keeps the champion's version in a variable, moved on promotion; a
rollback moves the alias, but the service goes on serving the promoted model.

Fails: rollback_restores_previous
Says: After rollback(), predict does not serve version
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[
        (
            "        version = self.champion\n        predictions",
            "        version = getattr(self, '_serving', None) or self.champion\n"
            "        predictions",
        ),
        (
            "            self._set_alias(CHAMPION, challenger)\n",
            "            self._set_alias(CHAMPION, challenger)\n"
            "            self._serving = challenger\n",
        ),
    ],
)
