"""Wrong: train ignores the ids it is given and reads the briefs itself, validation text included.

Fails: train_follows_config
Says: read the corpus itself
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            ("    torch.manual_seed(config.seed)\n    model = GPT(vocab_size, config)"),
            (
                "    from airoadmap.curriculum.paths import content_root\n"
                "\n"
                '    briefs = sorted((content_root() / "exercises").glob("m0[1-7]-*/brief.md"))\n'
                '    text = "\\n".join(path.read_text(encoding="utf-8") for path in briefs)\n'
                "    ids = torch.tensor(CharTokenizer(text).encode(text))\n"
                "    torch.manual_seed(config.seed)\n"
                "    model = GPT(vocab_size, config)"
            ),
        ),
    ],
)
