// Small progressive enhancements; no inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (e) {
  if (e.target.classList && e.target.classList.contains("js-autosubmit")) { e.target.form.submit(); }
});
document.addEventListener("click", function (e) {
  var t = e.target.closest ? e.target.closest("[data-confirm]") : null;
  if (t && !window.confirm(t.getAttribute("data-confirm"))) { e.preventDefault(); }
});
