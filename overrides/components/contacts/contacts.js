/* Find your police: with JavaScript, a selector shows the chosen region's contacts, followed
   by the national ones. Without it, the region links above do the same job. Nothing is stored. */
(function () {
  "use strict";
  var finder = document.querySelector("[data-sg-finder]");
  if (!finder) return;
  var select = finder.querySelector("select");
  var regions = document.querySelectorAll(".sg-region");
  function show(id) {
    for (var i = 0; i < regions.length; i++) regions[i].hidden = Boolean(id) && regions[i].id !== id;
  }
  select.addEventListener("change", function () { show(select.value); });
  var fromLink = window.location.hash.slice(1);
  if (fromLink && document.getElementById(fromLink) && fromLink.indexOf("region-") === 0) {
    select.value = fromLink;
    show(fromLink);
  }
  finder.hidden = false;
})();
