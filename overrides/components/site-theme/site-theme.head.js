// Material's page-setup helpers (MIT, squidfunk/mkdocs-material partials/javascripts/base.html),
// loaded from a file so the Content-Security-Policy can forbid inline scripts. Material scopes
// them to the folder of the page; this file sits in assets/, so that folder is its parent.
(function () {
  var scope = new URL("..", document.currentScript.src);
  window.__md_scope = scope;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage || localStorage;
    base = base || window.__md_scope;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* private mode, full */ }
  };
})();
