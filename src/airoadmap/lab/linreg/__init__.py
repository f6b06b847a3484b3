"""Reference project of m03-linreg: the from-scratch LinearRegression on Ames house prices.

data.py: the numeric features of Ames, imputed, cleaned of redundant columns and
standardised on the training split only. fitting.py: every model (ours with the three
methods, scikit-learn's LinearRegression and Ridge) fitted, timed and compared.
figures.py: loss curves, coefficients, predictions. project.py: `run(run_dir)`, the study.
"""
