"use strict";
// Starts Swagger UI for /docs (kept out of the HTML so the page needs no inline script), then keeps the parts
// Swagger UI renders on demand accessible: names for its selects and result tables, keyboard access to its
// scrollable examples, and a heading outline under the page's own <h1>.
(function () {
  if (typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  var root = document.getElementById("swagger-ui");

  function mend() {
    var title = root.querySelector(".info .title");
    if (title && title.getAttribute("aria-level") !== "2") {
      title.setAttribute("aria-level", "2");
    }
    root.querySelectorAll("select:not([aria-label])").forEach(function (select) {
      var box = select.closest(".response-control-media-type, .content-type-wrapper, .body-param-content-type");
      var what = box ? "Media type" : select.closest(".servers") ? "Server" : "Value";
      select.setAttribute("aria-label", what);
    });
    root.querySelectorAll("table[aria-live]:not([aria-label]), table.responses-table:not([aria-label])").forEach(
      function (table) {
        var block = table.closest(".opblock");
        var path = block && block.querySelector(".opblock-summary-path");
        var method = block && block.querySelector(".opblock-summary-method");
        var name = (method ? method.textContent + " " : "") + (path ? path.textContent : "");
        var live = table.classList.contains("live-responses-table") ? "Server response" : "Responses";
        table.setAttribute("aria-label", (live + " " + name).trim());
      }
    );
    root.querySelectorAll("pre:not([tabindex]), .highlight-code:not([tabindex])").forEach(function (pre) {
      pre.setAttribute("tabindex", "0");
    });
  }

  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: false, // its links would sit inside the operation buttons (nested interactive controls)
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null, // never send the schema to an outside validator
    tryItOutEnabled: false,
    onComplete: mend,
  });
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
})();
