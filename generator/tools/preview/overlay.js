// The preview's error overlay, never part of the published site: while the last save has
// errors, every page the preview serves (the last good one) shows them on top, as Hugo's
// server does. Text only (textContent), and styles from a same-origin sheet, so the site's
// Content-Security-Policy holds.
(function () {
  "use strict";
  fetch("/_preview/status.json", { cache: "no-store" })
    .then(function (response) {
      return response.json();
    })
    .then(function (status) {
      if (!status.errors) {
        return;
      }
      var sheet = document.createElement("link");
      sheet.rel = "stylesheet";
      sheet.href = "/_preview/overlay.css";
      document.head.appendChild(sheet);
      var box = document.createElement("section");
      box.className = "preview-errors";
      box.setAttribute("role", "alert");
      box.setAttribute("aria-labelledby", "preview-errors-title");
      var title = document.createElement("h2");
      title.id = "preview-errors-title";
      title.textContent = status.title;
      var text = document.createElement("pre");
      text.textContent = status.errors;
      var hide = document.createElement("button");
      hide.type = "button";
      hide.textContent = "Hide";
      hide.addEventListener("click", function () {
        box.remove();
      });
      box.append(title, text, hide);
      document.body.appendChild(box);
      hide.focus();
    })
    .catch(function () {
      // No overlay is better than a broken page: the terminal has the errors too.
    });
})();
