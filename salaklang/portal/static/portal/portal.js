/* The public portal: photo gallery lightbox (keyboard and touch) and the print button. No inline script (CSP). */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
    var gallery = document.querySelector("[data-gallery]");
    var dialog = document.querySelector("dialog.lightbox");
    if (!gallery || !dialog || typeof dialog.showModal !== "function") return;
    var links = Array.prototype.slice.call(gallery.querySelectorAll("a[data-full]"));
    var img = dialog.querySelector("img");
    var caption = dialog.querySelector(".lightbox-caption");
    var current = 0;
    var opener = null;
    function show(i) {
      current = (i + links.length) % links.length;
      img.src = links[current].getAttribute("data-full");
      img.alt = links[current].querySelector("img").alt;
      caption.textContent = links[current].getAttribute("data-caption") || "";
    }
    links.forEach(function (a, i) {
      a.addEventListener("click", function (e) {
        e.preventDefault(); opener = a; show(i); dialog.showModal();
      });
    });
    dialog.addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-lb");
      if (action === "prev") show(current - 1);
      else if (action === "next") show(current + 1);
      else if (action === "close" || e.target === dialog) dialog.close();
    });
    dialog.addEventListener("keydown", function (e) {
      if (e.key === "ArrowLeft") show(current - 1);
      if (e.key === "ArrowRight") show(current + 1);
    });
    var startX = null;
    dialog.addEventListener("touchstart", function (e) { startX = e.touches[0].clientX; }, { passive: true });
    dialog.addEventListener("touchend", function (e) {
      if (startX === null) return;
      var dx = e.changedTouches[0].clientX - startX;
      if (Math.abs(dx) > 40) show(current + (dx < 0 ? 1 : -1));
      startX = null;
    });
    dialog.addEventListener("close", function () { if (opener) opener.focus(); });
  });
})();
