// Complaint form helpers (no inline script: CSP). Without JavaScript everything stays visible and the server
// still checks every rule.
// 1. The consent box is shown only when the chosen category is marked sensitive (data-sensitive on its option).
// 2. The district list shows only the districts of the chosen province (data-province on each option).
(function () {
  "use strict";
  function setup() {
    var form = document.querySelector(".complaint-form");
    if (!form) { return; }
    var category = form.querySelector("select[name=category]");
    var box = form.querySelector("[data-consent-box]");
    if (category && box) {
      var updateConsent = function () {
        var option = category.options[category.selectedIndex];
        box.hidden = !(option && option.getAttribute("data-sensitive") === "1");
      };
      category.addEventListener("change", updateConsent);
      updateConsent();
    }
    var province = form.querySelector("select[name=province]");
    var district = form.querySelector("select[name=district]");
    if (province && district) {
      var updateDistricts = function () {
        var chosen = province.value;
        Array.prototype.forEach.call(district.options, function (option) {
          var of = option.getAttribute("data-province");
          var show = !of || of === chosen;
          option.hidden = !show;
          option.disabled = !show;
          if (!show && option.selected) { district.value = ""; }
        });
      };
      province.addEventListener("change", updateDistricts);
      updateDistricts();
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", setup); } else { setup(); }
})();
