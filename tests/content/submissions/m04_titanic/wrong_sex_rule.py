"""Wrong: a fixed rule ("women survive") that ignores the labels fit receives.

Fails: learns_from_labels
Says: flipped
"""


class WomenSurvive:
    def fit(self, X, y):
        self.fitted_ = True
        return self

    def predict(self, X):
        return (X["sex"] == "female").to_numpy().astype(int)


def make_model():
    return WomenSurvive()
