"use strict";
// Starts Swagger UI for /docs (kept out of the HTML so the page needs no inline script).
if (typeof window.SwaggerUIBundle === "function") {
  window.ui = window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
}
