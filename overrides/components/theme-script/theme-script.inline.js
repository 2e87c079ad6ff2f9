// Every theme page carries this script inline (allowed by its hash); lines that start with // are
// left out of the pages. The site's script (assets/sitegen.js: quick exit's keys, the header's
// buttons, search on demand) is asked for once the page is on screen (its first contentful
// paint; or 3 s after the page is read, where a browser does not say when it painted): the page
// works without it, and on a slow phone its download and its work would come before the paint.
document.documentElement.classList.replace("no-js","js");
addEventListener("DOMContentLoaded",function(){var d=document.getElementById("sitegen-script"),n=0;function go(){if(!n++){var s=document.createElement("script");s.src=JSON.parse(d.textContent);document.body.append(s)}}
if(d){setTimeout(go,3e3);try{new PerformanceObserver(function(l){l.getEntriesByName("first-contentful-paint").length&&go()}).observe({type:"paint",buffered:!0})}catch(e){}}});
