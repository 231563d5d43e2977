// Draws the dashboard's charts from the JSON the page carries; no inline script, so the CSP holds.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("training-charts");
  if (!source || !window.Chart) return;
  const charts = JSON.parse(source.textContent);
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const chart = charts[Number(canvas.dataset.chart)];
    new window.Chart(canvas, {
      type: chart.kind,
      data: { labels: chart.labels, datasets: chart.datasets },
      options: { locale: "fa-IR", plugins: { legend: { rtl: true } } },
    });
  });
});
