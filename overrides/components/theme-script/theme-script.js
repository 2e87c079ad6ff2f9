// The theme's script (search, and niceties such as the header's title on scroll) weighs more
// than a whole page, and most readers never search; everything else works without it. So it
// is fetched when the reader reaches for search: focus on the search box, the search button, or
// one of the theme's search keys (/, s, f). Until then no search file is fetched either.
(function () {
  var data = document.getElementById("sitegen-theme-script");
  var input = document.querySelector("input.md-search__input");
  var toggle = document.getElementById("__search");
  if (!data || !input) return;
  var config = JSON.parse(data.textContent);
  var src = config.src;
  var loading = null;
  // Opened from disk, search needs its stand-in for the worker (components/offline-search),
  // beside this script in assets/; served pages never fetch it.
  var here = document.currentScript && document.currentScript.src;
  var offline = location.protocol === "file:" && here ? new URL("offline-search/frame-worker.js", here).href : null;

  // The rules that only the theme's script or open search use (sitegen build moves them out of
  // the site's stylesheet). Placed right after that stylesheet (at the end of the page once
  // built; the theme's main.css in a preview), so they override what they did before the move.
  function loadStyles() {
    if (!config.css) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = config.css;
    var site = document.querySelector('link[rel="stylesheet"][href*="assets/site."], link[rel="stylesheet"][href*="stylesheets/main."]');
    if (site) site.after(link);
    else document.head.appendChild(link);
  }

  function loadScript(address) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = address;
      script.onload = resolve;
      script.onerror = reject;
      document.body.appendChild(script);
    });
  }

  // The theme reads its settings from #__config as its script starts. The page carries them
  // without the theme's words (the same on every page of a language): those come in a file.
  function writeSettings() {
    var settings = JSON.parse(document.getElementById("sitegen-theme-config").textContent);
    settings.translations = window.sitegenThemeWords || {};
    var block = document.createElement("script");
    block.id = "__config";
    block.type = "application/json";
    block.textContent = JSON.stringify(settings);
    document.body.appendChild(block);
  }

  function load() {
    if (!loading) {
      loadStyles();
      loading = loadScript(config.words)
        .then(function () {
          // Before the theme's script, which starts its worker as it starts.
          return offline && loadScript(offline);
        })
        .then(function () {
          writeSettings();
          return loadScript(src);
        })
        .then(function () {
          // The theme starts on DOMContentLoaded, which has passed: announce it again.
          document.dispatchEvent(new Event("DOMContentLoaded"));
          document.documentElement.classList.add("sg-theme-ready");
        });
    }
    return loading;
  }

  function engage() {
    load().then(function () {
      // The theme opens its results when the box gains focus; it was not listening yet.
      if (document.activeElement === input) {
        input.blur();
        input.focus();
      } else if (toggle && toggle.checked) {
        input.focus();
      }
    });
  }

  // This script comes after the first paint: a reader may already be in the search box, or have
  // opened search, and may have typed (the theme searches for what the box holds as it gains focus).
  if (document.activeElement === input || (toggle && toggle.checked)) engage();
  else {
    input.addEventListener("focus", engage, { once: true });
    if (toggle) toggle.addEventListener("change", engage, { once: true });
  }
  document.addEventListener("keydown", function onKey(event) {
    var target = event.target;
    if (loading || event.ctrlKey || event.metaKey || event.altKey) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      document.removeEventListener("keydown", onKey);
      if (toggle) toggle.checked = true;
      input.focus();
    }
  });
})();
