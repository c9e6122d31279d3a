// "Add another person" on the intake form: a copy of the empty block kept in a <template>.
// Without JavaScript the same button asks the server to draw the form again with one more block.
(function () {
  var button = document.querySelector(".js-add-person");
  var template = document.getElementById("person-template");
  var list = document.getElementById("persons");
  if (!button || !template || !list) { return; }
  var total = button.form.querySelector("input[name$='-TOTAL_FORMS']");
  var max = button.form.querySelector("input[name$='-MAX_NUM_FORMS']");
  button.type = "button"; // Enter in a field now registers, as on every other form
  button.addEventListener("click", function () {
    var n = parseInt(total.value, 10);
    var limit = parseInt(max.value, 10);
    if (n >= limit) { return; }
    list.insertAdjacentHTML("beforeend",
      template.innerHTML.replace(/__prefix__/g, String(n)).replace(/__number__/g, String(n + 1)));
    total.value = String(n + 1);
    var first = list.lastElementChild.querySelector("input, select, textarea");
    if (first) { first.focus(); }
    if (n + 1 >= limit) { button.hidden = true; }
  });
})();
