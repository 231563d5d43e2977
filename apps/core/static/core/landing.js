// Draws the landing page's charts: a <canvas data-chart> followed by its JSON data (json_script).
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  Chart.defaults.font.family = "Vazirmatn, sans-serif";
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const data = JSON.parse(canvas.nextElementSibling.textContent);
    const round = data.kind === "doughnut" || data.kind === "pie";
    new Chart(canvas, {
      type: data.kind,
      data: { labels: data.labels, datasets: data.datasets },
      options: {
        locale: "fa-IR",
        maintainAspectRatio: false,
        indexAxis: data.horizontal ? "y" : "x",
        scales: round ? {} : { x: { stacked: !!data.stacked, ticks: { autoSkip: false } }, y: { stacked: !!data.stacked, beginAtZero: true } },
        plugins: { legend: { rtl: true, position: "bottom", display: round || data.datasets.length > 1 } },
      },
    });
  });
});
