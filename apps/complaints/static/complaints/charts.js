// Draws every dashboard chart: a <canvas data-chart> followed by its JSON data (json_script).
// Charts take the card's whole width; a bar chart whose labels are many or long lies on its side, one row
// per label with the height it needs, so no two labels overlap and none is skipped.
document.addEventListener("DOMContentLoaded", () => {
  if (typeof Chart === "undefined") return;
  Chart.defaults.font.family = "Vazirmatn, sans-serif";
  document.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
    const data = JSON.parse(canvas.nextElementSibling.textContent);
    const labels = data.labels || [];
    const longest = Math.max(0, ...labels.map((label) => String(label).length));
    const sideways = data.kind === "bar" && (labels.length > 6 || longest > 14);
    const box = document.createElement("div");
    box.className = "chart-box";
    box.style.position = "relative";
    box.style.width = "100%";
    box.style.height = sideways ? `${Math.max(220, labels.length * 34 + 70)}px` : "320px";
    canvas.parentNode.insertBefore(box, canvas);
    box.appendChild(canvas);
    const ticks = { autoSkip: false };
    const scales =
      data.kind === "bar"
        ? sideways
          ? { x: { beginAtZero: true }, y: { position: "right", ticks } }
          : { x: { ticks: { ...ticks, maxRotation: 0, minRotation: 0 } }, y: { beginAtZero: true } }
        : undefined;
    new Chart(canvas, {
      type: data.kind,
      data: { labels, datasets: data.datasets },
      options: {
        locale: "fa-IR",
        maintainAspectRatio: false,
        indexAxis: sideways ? "y" : "x",
        scales,
        plugins: { legend: { rtl: true, position: "bottom" }, tooltip: { rtl: true } },
      },
    });
  });
});
