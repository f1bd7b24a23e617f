// Small progressive enhancements; every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // A form came back with errors: the summary at its top (includes/error_summary.html) takes the focus, so
  // screen readers announce it and the keyboard continues from its links to the fields.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
  var toggle = document.querySelector(".nav-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.addEventListener("click", function () {
      var open = nav.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  // Grouped navigation (core/nav.py): disclosure menus. Without this script every group stays open.
  var groups = Array.prototype.slice.call(document.querySelectorAll(".nav-group-toggle"));
  function setOpen(button, open) {
    var menu = document.getElementById(button.getAttribute("aria-controls"));
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (menu) { menu.hidden = !open; }
  }
  function closeAll(except) {
    groups.forEach(function (b) { if (b !== except) { setOpen(b, false); } });
  }
  groups.forEach(function (button) {
    setOpen(button, false);
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      closeAll(button);
      setOpen(button, open);
    });
    var item = button.parentElement;
    item.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
        setOpen(button, false);
        button.focus();
      }
    });
    item.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !item.contains(event.relatedTarget)) { setOpen(button, false); }
    });
  });
  if (groups.length) {
    document.addEventListener("click", function (event) {
      if (!event.target.closest || !event.target.closest(".nav-group")) { closeAll(null); }
    });
  }
  document.querySelectorAll("[data-confirm]").forEach(function (el) {
    el.addEventListener("click", function (event) {
      if (!window.confirm(el.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
  document.querySelectorAll("[data-print]").forEach(function (el) {
    el.addEventListener("click", function () { window.print(); });
  });
});
// One submission per click: disable a form's submit buttons once it is being sent (double clicks).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitting === "1") { event.preventDefault(); return; }
  form.dataset.submitting = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit], input[type=submit]").forEach(function (b) { b.disabled = true; });
  }, 0);
});
