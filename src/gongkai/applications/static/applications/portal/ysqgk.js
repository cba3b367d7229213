// 依申请公开: progressive enhancements only; every page works without this file.
(function () {
  "use strict";
  // Receipt: a print button.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Apply form: show the chosen agency's guidance beside the form.
  var aside = document.querySelector(".ysq-guidance[data-guide-url]");
  var select = document.getElementById("id_department");
  if (aside && select) {
    select.addEventListener("change", function () {
      if (!select.value) { return; }
      var url = aside.getAttribute("data-guide-url").replace(/0\/$/, select.value + "/");
      fetch(url, { headers: { "X-Requested-With": "fetch" } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (!html) { return; }
          var doc = new DOMParser().parseFromString(html, "text/html");
          var body = doc.getElementById("ysq-guidance-body");
          var current = document.getElementById("ysq-guidance-body");
          if (body && current) { current.replaceWith(document.importNode(body, true)); }
        })
        .catch(function () {});
    });
  }
  // Error summary: move focus to it so screen readers announce the errors.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
