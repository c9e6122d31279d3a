// Small progressive enhancements; no inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (e) {
  if (e.target.classList && e.target.classList.contains("js-autosubmit")) { e.target.form.submit(); }
});
document.addEventListener("click", function (e) {
  var t = e.target.closest ? e.target.closest("[data-confirm]") : null;
  if (t && !window.confirm(t.getAttribute("data-confirm"))) { e.preventDefault(); }
});
// A table wider than the screen scrolls in its own box (ctip.css, narrow screens): such a table
// takes the keyboard focus so it can be scrolled without a mouse; one that fits does not.
function ctipMarkScrollingTables() {
  document.querySelectorAll("main table:not(.matrix)").forEach(function (t) {
    if (t.scrollWidth > t.clientWidth + 1) { t.setAttribute("tabindex", "0"); }
    else if (t.getAttribute("tabindex") === "0") { t.removeAttribute("tabindex"); }
  });
}
document.addEventListener("DOMContentLoaded", ctipMarkScrollingTables);
window.addEventListener("resize", ctipMarkScrollingTables);
document.addEventListener("htmx:afterSettle", ctipMarkScrollingTables);
