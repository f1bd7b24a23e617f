// Shows the consent box only when the chosen category is marked sensitive (data-sensitive on its option).
// Without JavaScript the box stays visible and the server still checks it.
(function () {
  "use strict";
  function setup() {
    var select = document.querySelector(".complaint-form select[name=category]");
    var box = document.querySelector("[data-consent-box]");
    if (!select || !box) { return; }
    function update() {
      var option = select.options[select.selectedIndex];
      box.hidden = !(option && option.getAttribute("data-sensitive") === "1");
    }
    select.addEventListener("change", update);
    update();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
