// airoadmap dashboard: draw the Plotly charts embedded as JSON; small conveniences.
"use strict";

function drawCharts() {
  if (typeof Plotly === "undefined") return;
  const dark = window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;
  for (const el of document.querySelectorAll("[data-figure]")) {
    const source = document.getElementById(el.dataset.figure);
    if (!source) continue;
    const fig = JSON.parse(source.textContent);
    if (dark) {
      fig.layout.font = Object.assign({}, fig.layout.font, { color: "#e6edf3" });
      for (const axis of ["xaxis", "yaxis"]) {
        fig.layout[axis] = Object.assign({}, fig.layout[axis], { gridcolor: "#3d444d", linecolor: "#3d444d" });
      }
    }
    Plotly.newPlot(el, fig.data, fig.layout, {
      displaylogo: false,
      responsive: true,
      modeBarButtonsToRemove: ["select2d", "lasso2d"],
    }).then(() => el.setAttribute("data-rendered", "true"));
  }
}

function autosubmit() {
  for (const el of document.querySelectorAll("[data-autosubmit]")) {
    el.addEventListener("change", () => el.form.submit());
  }
}

document.addEventListener("DOMContentLoaded", () => {
  drawCharts();
  autosubmit();
});
