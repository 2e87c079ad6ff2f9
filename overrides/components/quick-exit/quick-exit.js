/* Quick exit: leave at once, by the button or by pressing Shift three times (as on GOV.UK).
   The page is blanked first, then replaced in the tab's history by a neutral site. */
(function () {
  "use strict";
  var link = document.querySelector("[data-sg-exit]");
  var status = document.querySelector("[data-sg-exit-status]");
  if (!link) return;
  var presses = 0;
  var timer = null;

  function say(text) { if (status) status.textContent = text; }

  function leave(event) {
    if (event) event.preventDefault();
    var overlay = document.createElement("div");
    overlay.className = "sg-exit-overlay";
    overlay.setAttribute("role", "status");
    overlay.textContent = link.getAttribute("data-sg-exiting");
    document.body.appendChild(overlay);
    document.documentElement.classList.add("sg-exiting");
    document.title = link.getAttribute("data-sg-exiting");
    window.location.replace(link.href);
  }

  link.addEventListener("click", leave);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    window.clearTimeout(timer);
    if (presses >= 3) { presses = 0; leave(); return; }
    say(link.getAttribute(presses === 1 ? "data-sg-press-two" : "data-sg-press-one"));
    timer = window.setTimeout(function () {
      presses = 0;
      say(link.getAttribute("data-sg-expired"));
    }, 5000);
  });
  // Coming back with the Back button must not show a blank page.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) document.documentElement.classList.remove("sg-exiting");
  });
})();
