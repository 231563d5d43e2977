// Small behaviours shared by every page; no inline scripts, so the CSP can forbid them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
});
document.addEventListener("change", (event) => {
  if (event.target.matches("[data-select-all]")) {
    document.querySelectorAll(event.target.dataset.selectAll).forEach((box) => {
      box.checked = event.target.checked;
    });
  }
  if (event.target.matches("[data-reason-template]")) {
    const target = document.querySelector(event.target.dataset.reasonTemplate);
    if (target && event.target.value) target.value = event.target.value;
  }
});
