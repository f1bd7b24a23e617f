// The header search box: its suggestions are plain links (no listbox: the focus really moves to each link, so
// screen readers read it as a link and Enter opens it). Arrow keys move between the box and the links, Escape
// closes the suggestions and gives the focus back to the box (a second Escape closes the pop-up), and a click
// anywhere else closes both. Without this script the links are reached with Tab.
(function () {
  function parts(el) {
    var details = el && el.closest ? el.closest(".site-search") : null;
    if (!details) { return null; }
    return {
      details: details,
      box: details.querySelector("#site-search-q"),
      suggest: details.querySelector("#site-search-suggest"),
    };
  }
  function links(p) { return Array.prototype.slice.call(p.suggest.querySelectorAll("a")); }
  function clear(p) { if (p.suggest.firstChild) { p.suggest.innerHTML = ""; return true; } return false; }
  function close(p) {
    clear(p);
    if (!p.details.hasAttribute("data-stay-open")) { p.details.open = false; }
  }
  document.addEventListener("keydown", function (event) {
    var p = parts(event.target);
    if (!p || !p.box) { return; }
    var list = links(p);
    var i = list.indexOf(event.target);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!list.length || (i < 0 && event.target !== p.box)) { return; }
      event.preventDefault();
      if (event.key === "ArrowDown") {
        list[i < 0 ? 0 : Math.min(i + 1, list.length - 1)].focus();
      } else if (i <= 0) {
        p.box.focus();
      } else {
        list[i - 1].focus();
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (clear(p)) {
        p.box.focus();
      } else if (!p.details.hasAttribute("data-stay-open") && p.details.open) {
        p.details.open = false;
        p.details.querySelector("summary").focus();
      }
    }
  });
  document.addEventListener("click", function (event) {
    document.querySelectorAll(".site-search").forEach(function (details) {
      if (!details.contains(event.target)) { close(parts(details)); }
    });
  });
  document.addEventListener("focusin", function (event) {
    document.querySelectorAll(".site-search").forEach(function (details) {
      if (!details.contains(event.target)) { clear(parts(details)); }
    });
  });
  // Back/forward from the browser's page cache shows the page as it was left: with the pop-up closed.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll(".site-search").forEach(function (details) { close(parts(details)); });
    }
  });
  // A late suggestion response for a box that was closed meanwhile is dropped.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var p = parts(event.detail.target);
    if (p && p.suggest === event.detail.target && !p.details.open) { event.detail.shouldSwap = false; }
  });
})();
