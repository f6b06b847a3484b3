"""Wrong: forward() adds a skip of the features to the logits, so the model is not the head
applied to the backbone.

Fails: model_parts
Says: forward() is the head applied to the backbone's features
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "return self.head(self.backbone(x))",
            "features = self.backbone(x)\n"
            "        return self.head(features) + features[:, : self.head.out_features]",
        )
    ],
)
