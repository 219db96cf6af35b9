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

  // With an LLM engine, stream drafted statements while the article is written, then open the stored article.
  function streamAsk(form, event) {
    var url = form.getAttribute("data-stream");
    if (!url || !window.fetch || !window.TextDecoder) return false;
    var data = new FormData(form);
    var audience = data.get("audience");
    var body = { question: String(data.get("question") || "") };
    if (audience) body.audience = String(audience);
    var preview = form.querySelector(".stream-preview");
    event.preventDefault();
    if (preview) { preview.hidden = false; preview.textContent = ""; }
    fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) })
      .then(function (response) {
        if (!response.ok || !response.body) { form.removeAttribute("data-stream"); form.submit(); return; }
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function handle(block) {
          var kind = "", payload = "";
          block.split("\n").forEach(function (line) {
            if (line.indexOf("event: ") === 0) kind = line.slice(7);
            if (line.indexOf("data: ") === 0) payload = line.slice(6);
          });
          if (!kind) return;
          var obj = JSON.parse(payload || "{}");
          if (kind === "token" && preview) {
            var p = document.createElement("p");
            p.textContent = obj.text; // text only: never parsed as markup
            preview.appendChild(p);
          } else if (kind === "final" && obj.url) {
            window.location.assign(obj.url);
          } else if (kind === "error" && preview) {
            preview.textContent = obj.message || "Something went wrong; please try again.";
          }
        }
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) return;
            buffer += decoder.decode(chunk.value, { stream: true });
            var parts = buffer.split("\n\n");
            buffer = parts.pop();
            parts.forEach(handle);
            return pump();
          });
        }
        return pump();
      })
      .catch(function () { form.removeAttribute("data-stream"); form.submit(); });
    return true;
  }

  // Show that an answer is being generated, and prevent double submission.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || form.method.toLowerCase() !== "post") return;
    if (streamAsk(form, event)) return;
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
