// The theme's CSS cut to what the built site can use, with PurgeCSS (called by
// scripts/sitegen/material.py; reads one JSON object on stdin, writes one on stdout).
//
// In:  {css, pages, scripts, themeScript, defer, safelist}
//      css: the theme's stylesheet; pages: the built HTML (all languages); scripts: the project's
//      JavaScript, which runs on every page; themeScript: the theme's bundle, which runs only once
//      the reader reaches for search; defer: a regular expression (source) for the selectors that
//      only matter once search is open; safelist: class names set by script from computed strings.
// Out: {first, deferred, rejected}
//      first: every rule the pages and the project's scripts can use, less the deferred selectors;
//      deferred: what the theme's script adds to that (its own states, search open), as a second
//      stylesheet that never restates a declaration `first` already makes.
import { PurgeCSS } from "purgecss";
import postcss from "postcss";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

async function purge(content) {
  const [result] = await new PurgeCSS().purge({
    css: [{ raw: input.css }],
    content: content.map((raw) => ({ raw, extension: "html" })),
    safelist: input.safelist,
    variables: true,
    keyframes: true,
    fontFace: true,
    rejected: true,
  });
  return result;
}

const pageContent = [input.pages, ...input.scripts];
const [firstResult, allResult] = await Promise.all([purge(pageContent), purge([...pageContent, input.themeScript])]);

const defer = new RegExp(input.defer);
const first = postcss.parse(firstResult.css);
const all = postcss.parse(allResult.css);

function inKeyframes(node) {
  for (let p = node.parent; p; p = p.parent) if (p.type === "atrule" && /keyframes$/.test(p.name)) return true;
  return false;
}
function context(node) {
  const chain = [];
  for (let p = node.parent; p && p.type !== "root"; p = p.parent) chain.unshift(`@${p.name} ${p.params}`);
  return chain.join(" ");
}
const declaration = (d) => `${d.prop}:${d.value}${d.important ? "!important" : ""}`;

// Selectors for search opened leave the first stylesheet (the rest of their rule stays).
first.walkRules((rule) => {
  if (inKeyframes(rule)) return;
  const kept = rule.selectors.filter((s) => !defer.test(s));
  if (kept.length === 0) rule.remove();
  else if (kept.length !== rule.selectors.length) rule.selectors = kept;
});

// What `first` declares, by context and selector; its keyframes and font faces whole.
const declared = new Map();
const whole = new Set();
first.walkRules((rule) => {
  if (inKeyframes(rule)) return;
  const key = `${context(rule)}|${rule.selector}`;
  const set = declared.get(key) ?? new Set();
  rule.each((d) => d.type === "decl" && set.add(declaration(d)));
  declared.set(key, set);
});
first.walkAtRules(/keyframes$|^font-face$/, (at) => whole.add(at.toString()));

all.walkAtRules(/keyframes$|^font-face$/, (at) => whole.has(at.toString()) && at.remove());
all.walkRules((rule) => {
  if (inKeyframes(rule)) return;
  const known = declared.get(`${context(rule)}|${rule.selector}`);
  if (!known) return;
  rule.each((d) => d.type === "decl" && known.has(declaration(d)) && d.remove());
  if (!rule.nodes.some((d) => d.type === "decl")) rule.remove();
});
let emptied = true;
while (emptied) {
  emptied = false;
  all.walkAtRules((at) => {
    if (at.nodes && at.nodes.length === 0) {
      at.remove();
      emptied = true;
    }
  });
}

const compact = (root) => root.toString();
process.stdout.write(JSON.stringify({
  first: compact(first),
  deferred: compact(all),
  rejected: firstResult.rejected,
}));
