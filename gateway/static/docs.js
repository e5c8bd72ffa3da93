// Starts Swagger UI on /docs. A file of its own, not an inline script: the page's Content-Security-Policy
// allows scripts from the gateway only (gateway/headers.py).
window.ui = SwaggerUIBundle({url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout",
  persistAuthorization: true});
