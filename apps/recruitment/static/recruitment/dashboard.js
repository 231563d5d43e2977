// Draws the dashboard's Chart.js charts from the JSON the page embeds; fonts and digits follow the page.
(function () {
  const source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") return;
  Chart.defaults.font.family = "Vazirmatn, sans-serif";
  const charts = JSON.parse(source.textContent);
  charts.forEach(function (chart, index) {
    const canvas = document.getElementById("chart-" + (index + 1));
    if (!canvas) return;
    new Chart(canvas, {
      type: chart.kind,
      data: { labels: chart.labels, datasets: chart.datasets },
      options: { locale: "fa-IR", plugins: { legend: { rtl: true } } },
    });
  });
})();
