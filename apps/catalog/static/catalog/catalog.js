// Print button of a service card; kept in a static file because the CSP forbids inline scripts.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
