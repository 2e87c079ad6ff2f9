/* Quick exit: leave at once, by the button or by pressing Shift three times (as on GOV.UK).
   Each press fills one dot beside the button and is said to screen readers; the count starts
   again after 5 seconds or on any other key. Leaving blanks the page first (it and the tab's
   title say only "Loading…", which tells someone looking over a shoulder nothing), then replaces
   it in the tab's history by a neutral site. */
(function () {
  "use strict";
  var link = document.querySelector("[data-sg-exit]");
  if (!link) return;
  var root = link.closest("[data-sg-exit-root]") || link.parentNode;
  var status = document.querySelector("[data-sg-exit-status]");
  var dots = root.querySelectorAll(".sg-exit__dot");
  var NEEDED = 3;
  var WAIT = 5000;
  var presses = 0;
  var timer = null;
  var overlay = null;
  var hidden = [];
  var title = document.title;

  function say(text) { if (status) status.textContent = text; }

  function show(count) {
    root.classList.toggle("sg-exit--counting", count > 0);
    for (var i = 0; i < dots.length; i += 1) dots[i].classList.toggle("sg-exit__dot--on", i < count);
  }

  // Nothing of the page stays visible, only a neutral "Loading…". Set through the CSSOM, not by
  // the stylesheet's rules: the page hides at once even before its stylesheet, last in the page,
  // has come on a slow line (the policy refuses style attributes, not the CSSOM).
  var OVERLAY = {
    position: "fixed", inset: "0", "z-index": "2000", padding: "1rem",
    background: "#fff", color: "#000", font: "16px/1.5 system-ui, sans-serif",
  };
  function hidePage() {
    for (var name in OVERLAY) overlay.style.setProperty(name, OVERLAY[name]);
    hidden = [].filter.call(document.body.children, function (el) { return el !== overlay; });
    hidden.forEach(function (el) { el.style.setProperty("display", "none", "important"); });
  }

  function leave(event) {
    if (event) event.preventDefault();
    var loading = link.getAttribute("data-sg-loading");
    window.clearTimeout(timer);
    presses = 0;
    show(0);
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.className = "sg-exit-overlay";
      overlay.setAttribute("role", "status");
      overlay.textContent = loading;
      document.body.appendChild(overlay);
    }
    hidePage();
    title = document.title;
    document.title = loading;
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") {
      if (presses) { presses = 0; window.clearTimeout(timer); show(0); }
      return;
    }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= NEEDED) { leave(); return; }
    show(presses);
    say(link.getAttribute(presses === 1 ? "data-sg-press-two" : "data-sg-press-one"));
    timer = window.setTimeout(function () {
      presses = 0;
      show(0);
      say(link.getAttribute("data-sg-expired"));
    }, WAIT);
  });
  // Coming back with the Back button must show the page again, not a blank one.
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) return;
    hidden.forEach(function (el) { el.style.removeProperty("display"); });
    hidden = [];
    if (overlay) { overlay.remove(); overlay = null; }
    document.title = title;
  });
})();
