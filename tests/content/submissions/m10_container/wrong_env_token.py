"""Wrong: a Hugging Face token is baked into the image with ENV.

Fails: no_secrets
Says: HF_TOKEN, puts a secret in the image
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "Dockerfile",
    [
        (
            "    MODEL_URI=/app/model\n",
            "    MODEL_URI=/app/model \\\n    HF_TOKEN=hf_0123456789abcdef\n",
        )
    ],
)
run_solution("m10-container", globals())
