// JavaScript is on: show what needs it (search) at once, as the theme's own script would.
// That script itself comes later, on demand (theme-script.js).
document.documentElement.classList.replace("no-js", "js");
