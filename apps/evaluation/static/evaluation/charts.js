// Draws every dashboard chart from the JSON the page put right after its canvas.
document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
  const spec = JSON.parse(canvas.nextElementSibling.textContent);
  new Chart(canvas, {
    type: spec.kind,
    data: { labels: spec.labels, datasets: spec.datasets },
    options: { locale: "fa-IR", plugins: { legend: { rtl: true } }, scales: spec.kind === "pie" ? {} : { y: { beginAtZero: true } } },
  });
});
