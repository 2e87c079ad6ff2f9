// The site's stylesheets, made from the theme's CSS and the project's (called by
// scripts/sitegen/stylesheets.py; reads one JSON object on stdin, writes one on stdout).
//
// In:  {theme, project, pages, pageLines, minify, scripts, themeScript, defer, safelist, firstScreen,
//       later, absent, targets}
//      theme: Material's main.css; project: the components' CSS; pages: the built HTML (all
//      languages); pageLines: their distinct words, one a line, which is all PurgeCSS needs; minify:
//      the project's scripts as built (each distinct text once), minified here first, as they are
//      published; scripts: which of those runs on every page (their indexes), for the class names
//      it sets; themeScript: the theme's bundle, which
//      runs only once the reader reaches for search; defer: a regular
//      expression (source) for the selectors that only matter once search is open; safelist:
//      class names set by script from computed strings; firstScreen: how many characters of the
//      article's text a first screen shows at most; later: selectors of regions whose content may
//      paint a moment after the rest (the sidebars' lists, the search box, the footer); absent:
//      selectors of what a first screen never shows (the theme's dialog, the drawer's overlay);
//      targets: the oldest browsers to write for (Lightning CSS's form).
// Out: {site, critical, deferred, rejected, scripts}
//      site: every rule the pages and the project's scripts can use (PurgeCSS), less the
//      deferred selectors, minified (Lightning CSS); critical: the rules that paint a first
//      screen (Beasties, on each page cut to its first screen), a subset of `site` in the same
//      order; deferred: what the theme's script adds to `site` (its own states, search open), as
//      a stylesheet that never restates a declaration `site` already makes; scripts: `minify`'s
//      texts minified (terser, minify-scripts.mjs), in its order.
import Beasties from "beasties";
import { transform } from "lightningcss";
import postcss from "postcss";
import { PurgeCSS } from "purgecss";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { minifyScripts } from "./minify-scripts.mjs";

// The threads that cut the pages to their first screens (cut-pages.mjs), one a core, while this
// one purges the CSS; started now, so they load their modules while the languages build.
const cutters = Array.from(
  { length: Math.min(Math.max(availableParallelism(), 1), 4) },
  () => new Worker(new URL("./cut-pages.mjs", import.meta.url)),
);

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

// Each thread gets a run of consecutive pages: joined in order, their answers are the pages' own order.
const share = Math.ceil(input.pages.length / cutters.length);
const options = { later: input.later, absent: input.absent, firstScreen: input.firstScreen };
const cutting = Promise.all(cutters.map((worker, i) => new Promise((resolve, reject) => {
  worker.once("message", resolve);
  worker.once("error", reject);
  worker.once("exit", (code) => reject(new Error(`cut-pages.mjs stopped (exit code ${code})`)));
  worker.postMessage({ pages: input.pages.slice(i * share, (i + 1) * share), options });
})));

const css = `${input.theme}\n${input.project}`;

async function purge(content) {
  const [result] = await new PurgeCSS().purge({
    css: [{ raw: css }],
    content: content.map((raw) => ({ raw, extension: "html" })),
    safelist: input.safelist,
    variables: true,
    keyframes: true,
    fontFace: true,
    rejected: true,
  });
  return result;
}

// The scripts as published: PurgeCSS looks in them for the class names they set.
const minified = await minifyScripts(input.minify);
const pageContent = [input.pageLines, ...input.scripts.map((i) => minified[i])];
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
function dropEmptyAtRules(root) {
  let emptied = true;
  while (emptied) {
    emptied = false;
    root.walkAtRules((at) => {
      if (at.nodes && at.nodes.length === 0) {
        at.remove();
        emptied = true;
      }
    });
  }
}

// Selectors for search opened leave the site's stylesheet (the rest of their rule stays).
first.walkRules((rule) => {
  if (inKeyframes(rule)) return;
  const kept = rule.selectors.filter((s) => !defer.test(s));
  if (kept.length === 0) rule.remove();
  else if (kept.length !== rule.selectors.length) rule.selectors = kept;
});

// ------------------------------------------------------------------ deferred: with the theme's script

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
dropEmptyAtRules(all);

// ------------------------------------------------------------------ critical: what a first screen needs

// Each page cut to what a first screen can show (cut-pages.mjs, in the threads started above).
// One document per language (its <html> carries the language's direction and classes), holding
// the cut bodies of all its pages: Beasties then reads the stylesheet once per language.
const byRoot = new Map();
for (const page of (await cutting).flat()) {
  if (!page) continue;
  const key = JSON.stringify(page.attribs);
  const entry = byRoot.get(key) ?? { attribs: page.attribs, bodyAttribs: page.bodyAttribs, parts: new Set() };
  entry.parts.add(page.part);
  byRoot.set(key, entry);
}

// Each rule of `first` is numbered (a custom property Beasties passes through), so the rules
// and selectors it keeps for any language map back to `first`, in its order.
let n = 0;
first.walkRules((rule) => {
  if (!inKeyframes(rule)) rule.prepend({ prop: "--sitegen-rule", value: String(n++) });
});
const numbered = first.toString();
const keep = new Map(); // rule number -> selectors kept for some first screen
const beasties = new Beasties({ logLevel: "silent", compress: false, keyframes: "critical", fonts: false });
const attrs = (a) => Object.entries(a).map(([k, v]) => ` ${k}="${String(v).replace(/"/g, "&quot;")}"`).join("");
for (const { attribs, bodyAttribs, parts } of byRoot.values()) {
  // Classes for readers with JavaScript (the head script sets "js") and without ("no-js").
  const root = { ...attribs, class: `${attribs.class ?? ""} js` };
  const doc = `<!doctype html><html${attrs(root)}><head><style>${numbered}</style></head>` +
    `<body${attrs(bodyAttribs)}>${[...parts].join("")}</body></html>`;
  const out = await beasties.process(doc);
  const style = out.match(/<style>([\s\S]*?)<\/style>/);
  if (!style) continue;
  postcss.parse(style[1]).walkRules((rule) => {
    const number = rule.nodes.find((d) => d.prop === "--sitegen-rule");
    if (!number) return;
    const set = keep.get(number.value) ?? new Set();
    rule.selectors.forEach((s) => set.add(s));
    keep.set(number.value, set);
  });
}
const critical = first.clone();
critical.walkRules((rule) => {
  if (inKeyframes(rule)) return;
  const number = rule.nodes.find((d) => d.prop === "--sitegen-rule");
  const kept = number && keep.get(number.value);
  if (!kept) {
    rule.remove();
    return;
  }
  number.remove();
  // Not for the first paint: pointer hover, scrollbars (of the lists painted later), print.
  rule.selectors = rule.selectors.filter((s) => kept.has(s) && !/:hover|::-webkit-scrollbar/.test(s));
  if (rule.selectors.length === 0) rule.remove();
});
critical.walkAtRules((at) => {
  if ((at.name === "media" && /^print\b/.test(at.params)) || (at.name === "supports" && /scrollbar/.test(at.params))) at.remove();
});
first.walkDecls("--sitegen-rule", (d) => d.remove());
dropEmptyAtRules(critical);
// Until the site's stylesheet arrives, the regions painted later keep their content unrendered:
// their boxes hold their place, so nothing above or beside them moves when it comes.
critical.append(postcss.rule({ selector: input.later.join(","), nodes: [postcss.decl({ prop: "content-visibility", value: "hidden" })] }));
// Custom properties no critical rule reads are left to the site's stylesheet.
const [pruned] = await new PurgeCSS().purge({
  css: [{ raw: critical.toString() }],
  content: [{ raw: "", extension: "html" }],
  safelist: { standard: [/.*/], deep: [/.*/], greedy: [/.*/] },
  variables: true,
  keyframes: true,
});

// ...and the site's stylesheet, once it has come, shows them.
first.append(postcss.rule({ selector: input.later.join(","), nodes: [postcss.decl({ prop: "content-visibility", value: "visible" })] }));

const minify = (text) =>
  transform({ filename: "site.css", code: Buffer.from(text), minify: true, targets: input.targets }).code.toString();

process.stdout.write(JSON.stringify({
  site: minify(first.toString()),
  critical: minify(pruned.css),
  deferred: minify(all.toString()),
  rejected: firstResult.rejected,
  scripts: minified,
}));
