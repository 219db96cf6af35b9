"use strict";
// Progressive enhancement only: every feature works without this file.
(function () {
  function citations() {
    return Array.prototype.slice.call(document.querySelectorAll("details.cite"));
  }

  // One citation popover open at a time.
  document.addEventListener("toggle", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLDetailsElement) || !target.classList.contains("cite") || !target.open) return;
    citations().forEach(function (d) {
      if (d !== target) d.open = false;
    });
  }, true);

  // Escape closes an open citation and returns focus to its number; a click elsewhere closes it.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    citations().forEach(function (d) {
      if (d.open) {
        d.open = false;
        var summary = d.querySelector("summary");
        if (summary) summary.focus();
      }
    });
  });
  document.addEventListener("click", function (event) {
    citations().forEach(function (d) {
      if (d.open && !d.contains(event.target)) d.open = false;
    });
  });

  // Show that an answer is being generated, and prevent double submission.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    if (form.hasAttribute("data-plain")) return; // review and sign-in forms do not write an article
    var button = form.querySelector("button[type=submit]");
    if (button) {
      form.setAttribute("aria-busy", "true");
      window.setTimeout(function () {
        button.disabled = true;
        button.textContent = "Writing the article…";
      }, 0);
    }
  });
})();
