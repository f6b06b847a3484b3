"""Reference project of month 2: an EDA report generator (one self-contained HTML file).

`airoadmap run m02-eda` profiles Titanic and Ames with it. The modules, one job each:
config (what to look at per data set), stats (tables and hypothesis tests), bias (group
rates and a simple model's disparity), figures (matplotlib figures), report (HTML
assembly), project (puts them together, writes the files).
"""
