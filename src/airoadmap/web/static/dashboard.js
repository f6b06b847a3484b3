// airoadmap dashboard: draw the Plotly charts embedded as JSON; small conveniences; the
// exercise page's live reload.
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

// The exercise page reloads itself when a new attempt is recorded (by "Check now", or by
// `airoadmap check` / `watch` in a terminal): the server sends one "attempt" event.
let events = null;

function liveReload() {
  const el = document.getElementById("live");
  if (!el || !window.EventSource) return;
  events = new EventSource(el.dataset.events);
  events.addEventListener("attempt", () => {
    events.close();
    window.location.reload();
  });
  window.addEventListener("pagehide", () => events.close());
}

function checkNow() {
  const form = document.getElementById("check-now");
  if (!form) return;
  form.addEventListener("submit", () => {
    if (events) events.close(); // the answer to the form shows the new attempt
    const button = form.querySelector("button");
    button.disabled = true;
    button.textContent = button.dataset.busy || "Checking…";
  });
}

document.addEventListener("DOMContentLoaded", () => {
  drawCharts();
  autosubmit();
  liveReload();
  checkNow();
});
