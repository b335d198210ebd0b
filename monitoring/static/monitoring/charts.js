// Draws each table's chart from the figures in its <script type="application/json">; the
// table under it stays the text alternative. Without JavaScript the tables are the page.
(function () {
  "use strict";
  var print = document.querySelectorAll("[data-print]");
  print.forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  if (typeof window.Chart === "undefined") { return; }
  var rtl = document.documentElement.dir === "rtl";
  var colours = ["#1d4f91", "#b85c00", "#2e7d32", "#8e24aa", "#c62828", "#00838f"];
  document.querySelectorAll("figure[data-chart-for]").forEach(function (figure) {
    var script = figure.querySelector("script[type='application/json']");
    var canvas = figure.querySelector("canvas");
    if (!script || !canvas) { return; }
    var data = JSON.parse(script.textContent);
    if (!data) { return; }
    var chart = new window.Chart(canvas, {
      type: data.kind === "line" ? "line" : "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (series, index) {
          return {
            label: series.label,
            data: series.data,
            backgroundColor: colours[index % colours.length],
            borderColor: colours[index % colours.length],
            tension: 0.2
          };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        locale: document.documentElement.lang || undefined,
        scales: { x: { reverse: rtl }, y: { beginAtZero: true, position: rtl ? "right" : "left" } },
        plugins: {
          legend: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" },
          tooltip: { rtl: rtl, textDirection: rtl ? "rtl" : "ltr" }
        }
      }
    });
    figure.setAttribute("data-drawn", "true");
    window.addEventListener("beforeprint", function () { chart.resize(); });
  });
})();
