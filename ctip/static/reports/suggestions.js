// Suggestions: a click on [data-suggestion] appends its sentence to the narrative editor
// (#id_narrative); the author then edits and saves as usual.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-suggestion]");
    if (!button) { return; }
    var editor = document.getElementById("id_narrative");
    if (!editor) { return; }
    var text = button.getAttribute("data-suggestion");
    var current = editor.value.replace(/\s+$/, "");
    editor.value = current ? current + "\n\n" + text : text;
    editor.dispatchEvent(new Event("input", { bubbles: true }));
    editor.focus();
    button.disabled = true;
    button.closest("li").classList.add("accepted");
  });
}());
