// Draws every dashboard chart: a <canvas data-chart> followed by its JSON data (json_script).
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  Chart.defaults.font.family = "Vazirmatn, sans-serif";
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const data = JSON.parse(canvas.nextElementSibling.textContent);
    new Chart(canvas, {
      type: data.kind,
      data: { labels: data.labels, datasets: data.datasets },
      options: { locale: "fa-IR", plugins: { legend: { rtl: true, position: "bottom" } } },
    });
  });
});
