/* The theme's menus open by hidden checkboxes and <label for>: a tap works, but a label takes
   no keyboard focus and has no name or state for a screen reader. With JavaScript, buttons do
   the same job (header.html renders them), and the labels become plain boxes. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("[data-sg-toggle]");
  if (!buttons.length) return;

  function sync(box) {
    for (var i = 0; i < buttons.length; i++) {
      if (buttons[i].getAttribute("data-sg-toggle") === box.id) {
        buttons[i].setAttribute("aria-expanded", String(box.checked));
      }
    }
  }

  function set(box, open) {
    if (box.checked === open) return;
    box.checked = open;
    // The theme's script, once loaded for search, listens for this.
    box.dispatchEvent(new Event("change", { bubbles: true }));
    sync(box);
  }

  var drawer = document.getElementById("__drawer");
  var nav = document.getElementById("__drawer-nav");
  var menuButton = document.querySelector('[data-sg-toggle="__drawer"]');

  for (var i = 0; i < buttons.length; i++) {
    buttons[i].addEventListener("click", function (event) {
      var box = document.getElementById(event.currentTarget.getAttribute("data-sg-toggle"));
      if (!box) return;
      set(box, !box.checked);
      if (box === drawer && box.checked && nav) {
        var first = nav.querySelector("a[href], button");
        if (first) first.focus();
      }
    });
  }

  // Every other label of a toggle: the search box's back arrow, the drawer's overlay and title,
  // the page's contents in the menu. A label with no text becomes a plain box that still
  // closes what it closed; one with text (the contents) becomes a button.
  var labels = document.querySelectorAll("label[for]");
  for (var j = 0; j < labels.length; j++) {
    var label = labels[j];
    var box = document.getElementById(label.htmlFor);
    if (!box || !box.classList.contains("md-toggle")) continue;
    // The header's own labels stay, hidden by CSS: the theme's script looks for them.
    if (label.classList.contains("sg-toggle-label")) continue;
    var isLink = label.classList.contains("md-nav__link");
    var plain = document.createElement(isLink ? "button" : "div");
    plain.className = label.className;
    if (isLink) {
      plain.type = "button";
      plain.setAttribute("aria-expanded", String(box.checked));
      plain.setAttribute("data-sg-toggle", box.id);
      plain.classList.add("sg-toggle-button");
    }
    while (label.firstChild) plain.appendChild(label.firstChild);
    if (!isLink && !plain.textContent.trim()) plain.setAttribute("aria-hidden", "true");
    // The box loses its labels: it keeps their words as its name (it is never shown, but
    // checkers such as HTML_CodeSniffer ask every form control for one).
    if (isLink && !box.hasAttribute("aria-label")) box.setAttribute("aria-label", plain.textContent.trim());
    (function (target, owner) {
      target.addEventListener("click", function (event) {
        if (event.target.closest && event.target.closest("a[href]")) return;
        set(owner, target.tagName === "BUTTON" ? !owner.checked : false);
        if (target.tagName === "BUTTON") target.setAttribute("aria-expanded", String(owner.checked));
      });
    })(plain, box);
    label.replaceWith(plain);
  }
  buttons = document.querySelectorAll("[data-sg-toggle]");

  // Escape closes the menu and gives the focus back to its button; so does leaving it by Tab.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && drawer && drawer.checked) {
      set(drawer, false);
      if (menuButton) menuButton.focus();
    }
  });
  if (nav) {
    nav.addEventListener("focusout", function (event) {
      if (drawer && drawer.checked && event.relatedTarget && !nav.contains(event.relatedTarget)
          && event.relatedTarget !== menuButton) set(drawer, false);
    });
  }
  // Back to a page kept in the browser's memory: menus closed, as on a fresh visit.
  window.addEventListener("pageshow", function () {
    var toggles = document.querySelectorAll("#__drawer, #__search");
    for (var k = 0; k < toggles.length; k++) set(toggles[k], false);
  });
  var boxes = document.querySelectorAll(".md-toggle");
  for (var m = 0; m < boxes.length; m++) {
    boxes[m].addEventListener("change", function (event) {
      sync(event.target);
      // Closed by Escape: the focus goes back to the button that opened it, not to the page's top
      // or to a box that is no longer on screen. (The theme moves the focus after this event.)
      var box = event.target;
      var button = document.querySelector('[data-sg-toggle="' + box.id + '"]');
      var panel = button && document.getElementById(button.getAttribute("aria-controls"));
      window.setTimeout(function () {
        var active = document.activeElement;
        var lost = !active || active === document.body || (panel && panel.contains(active));
        if (!box.checked && button && lost) button.focus();
      }, 0);
    });
  }
})();
