// 互动交流: progressive enhancements only; every page works without this file.
(function () {
  "use strict";
  // Receipt: a print button.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Error summary: move focus to it so screen readers announce the errors.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }

  // Writing: similar answered messages, refreshed as the subject and text change. The text
  // is POSTed with the form's CSRF token, never put in a URL (it may hold a phone number).
  var form = document.querySelector("form[data-similar-url]");
  var panel = document.querySelector(".hd-similar-live");
  if (!form || !panel || !window.fetch) { return; }
  var subject = document.getElementById("id_subject");
  var text = document.getElementById("id_text");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!token) { return; }
  panel.hidden = false;  // the live region exists before anything is announced in it
  var timer = null;
  var last = "";
  function refresh() {
    var s = (subject.value || "").trim();
    var t = (text.value || "").trim();
    if (s.length + t.length < 4) { return; }
    var data = new URLSearchParams({ subject: s, text: t.slice(0, 1000), channel: form.getAttribute("data-channel") });
    var asked = data.toString();
    if (asked === last) { return; }
    last = asked;
    fetch(form.getAttribute("data-similar-url"), {
      method: "POST",
      body: data,
      mode: "same-origin",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value, "X-Requested-With": "fetch" }
    })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var body = doc.getElementById("hd-similar-body");
        var current = document.getElementById("hd-similar-body");
        if (!body || !current) { return; }
        current.replaceChildren.apply(current, Array.prototype.map.call(body.childNodes, function (node) {
          return document.importNode(node, true);
        }));
      })
      .catch(function () {});
  }
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 700);
  }
  if (subject && text) {
    subject.addEventListener("input", later);
    text.addEventListener("input", later);
    if (subject.value) { later(); }
  }
})();
