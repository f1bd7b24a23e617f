/* A small rich-text editor for the portal's posts: a contenteditable area kept in step with the form's
   <textarea data-richtext> (which stays the form field, and the fallback without JavaScript). Pasting from
   Word or a web page keeps the HTML (the server sanitises it: headings, lists, links, tables, images survive;
   styles, classes and scripts do not). No inline script (CSP). */
(function () {
  "use strict";
  var BUTTONS = [
    ["h2", "formatBlock", "<h2>"], ["h3", "formatBlock", "<h3>"], ["p", "formatBlock", "<p>"],
    ["b", "bold"], ["i", "italic"], ["ul", "insertUnorderedList"], ["ol", "insertOrderedList"],
    ["link", "createLink"], ["unlink", "unlink"], ["table", "table"], ["html", "source"]
  ];
  var DROP = "style,script,xml,meta,link,title,head,iframe,object,embed,svg,template";
  // A first clean-up in an inert document, so that no pasted style attribute is ever applied (CSP) and Word's
  // islands never reach the page; the server's sanitiser is the real guard.
  // Whether pasted HTML carries active content (scripts, frames, event handlers, javascript: links) that clean()
  // takes out: the editor then says so instead of dropping it silently.
  var ACTIVE = /<\s*(script|iframe|object|embed)\b|\son[a-z]+\s*=|(href|src)\s*=\s*["']?\s*(javascript|vbscript):/i;
  function clean(html) {
    // Even an inert document reports pasted <style>, style="" and on…="" to the page's CSP: cut them out first.
    html = html.replace(/<!--[\s\S]*?-->/g, "")
      .replace(/<(style|xml|head|script|title)\b[\s\S]*?<\/\1\s*>/gi, "")
      .replace(/\s(style|on[a-z]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/gi, "");
    var doc = new DOMParser().parseFromString(html, "text/html");
    doc.body.querySelectorAll(DROP).forEach(function (el) { el.remove(); });
    var walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_COMMENT);
    var comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    comments.forEach(function (c) { c.remove(); });
    doc.body.querySelectorAll("*").forEach(function (el) {
      Array.prototype.slice.call(el.attributes).forEach(function (a) {
        var keep = ["href", "src", "alt", "colspan", "rowspan"].indexOf(a.name) >= 0;
        if (!keep || /^\s*(javascript|vbscript|data):/i.test(a.value)) el.removeAttribute(a.name);
      });
    });
    return doc.body.innerHTML;
  }
  // Insert HTML at the caret with the Range API (execCommand("insertHTML") adds inline styles, which CSP refuses).
  function insertHtml(area, html) {
    var sel = window.getSelection();
    var range = sel.rangeCount && area.contains(sel.getRangeAt(0).commonAncestorContainer) ? sel.getRangeAt(0) : null;
    if (!range) {
      range = document.createRange();
      range.selectNodeContents(area);
      range.collapse(false);
    }
    range.deleteContents();
    var fragment = range.createContextualFragment(html);
    var last = fragment.lastChild;
    range.insertNode(fragment);
    if (last) {
      range = document.createRange();
      range.setStartAfter(last);
      range.collapse(true);
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }
  function labelOf(root, key) {
    return root.getAttribute("data-label-" + key) || key;
  }
  function setup(textarea) {
    var wrap = document.createElement("div");
    wrap.className = "rte";
    var bar = document.createElement("div");
    bar.className = "rte-toolbar";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", labelOf(textarea, "toolbar"));
    var area = document.createElement("div");
    area.className = "rte-area richtext";
    area.contentEditable = "true";
    area.setAttribute("role", "textbox");
    area.setAttribute("aria-multiline", "true");
    area.setAttribute("aria-label", labelOf(textarea, "area"));
    area.setAttribute("data-testid", "richtext-area");
    area.innerHTML = clean(textarea.value);
    var notice = document.createElement("p");
    notice.className = "rte-notice";
    notice.setAttribute("role", "status");
    notice.setAttribute("data-testid", "richtext-notice");
    var sourceMode = false;
    function sync() { if (!sourceMode) textarea.value = area.innerHTML; }
    BUTTONS.forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = labelOf(textarea, b[0]);
      btn.addEventListener("mousedown", function (e) { e.preventDefault(); });
      btn.addEventListener("click", function () {
        if (b[1] === "source") {
          sourceMode = !sourceMode;
          if (sourceMode) { sync(); textarea.hidden = false; area.hidden = true; textarea.focus(); }
          else { area.innerHTML = clean(textarea.value); textarea.hidden = true; area.hidden = false; area.focus(); }
          btn.setAttribute("aria-pressed", sourceMode ? "true" : "false");
          return;
        }
        area.focus();
        if (b[1] === "createLink") {
          var url = window.prompt(labelOf(textarea, "link-prompt"), "https://");
          if (url) document.execCommand("createLink", false, url);
        } else if (b[1] === "table") {
          insertHtml(area,
            "<table><tbody><tr><th>&nbsp;</th><th>&nbsp;</th></tr><tr><td>&nbsp;</td><td>&nbsp;</td></tr></tbody></table><p></p>");
        } else {
          document.execCommand(b[1], false, b[2] || null);
        }
        sync();
      });
      bar.appendChild(btn);
    });
    area.addEventListener("input", sync);
    area.addEventListener("paste", function (e) {
      var data = e.clipboardData;
      if (!data) return;
      var html = data.getData("text/html");
      e.preventDefault();
      if (html) {
        insertHtml(area, clean(html));
        if (ACTIVE.test(html)) notice.textContent = labelOf(textarea, "stripped");
      } else {
        document.execCommand("insertText", false, data.getData("text/plain"));
      }
      sync();
    });
    textarea.form && textarea.form.addEventListener("submit", sync);
    textarea.parentNode.insertBefore(wrap, textarea);
    wrap.appendChild(bar);
    wrap.appendChild(area);
    wrap.appendChild(notice);
    wrap.appendChild(textarea);
    textarea.hidden = true;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-richtext]").forEach(setup);
  });
})();
