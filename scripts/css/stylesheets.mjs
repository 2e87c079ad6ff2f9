// The site's stylesheets, made from the theme's CSS and the project's (called by
// scripts/sitegen/stylesheets.py; reads one JSON object on stdin, writes one on stdout).
//
// In:  {theme, project, pages, pageLines, minify, scripts, themeScript, defer, safelist,
//       firstScreen, styleGroups, hashBytes, later, absent, targets}
//      theme: Material's main.css; project: the components' CSS; pages: the theme's built pages
//      (all languages; not the handouts, which have no inline style); pageLines: the distinct
//      words of every page, one a line, which is all PurgeCSS needs; minify: the project's
//      scripts as built (each distinct text once), minified here first, as they are published;
//      scripts: which of those runs on every page (their indexes), for the class names it sets;
//      themeScript: the theme's bundle, which runs only once the reader reaches for search;
//      defer: a regular expression (source) for the selectors that only matter once search is
//      open; safelist: class names set by script from computed strings; firstScreen: how many
//      characters of the article's text a first screen shows at most; styleGroups: how many
//      inline styles there may be, at most; hashBytes: what one more style's hash adds to the
//      policy headers of all the site's pages; later: selectors of regions whose content may
//      paint a moment after the rest (the sidebars' lists, the search box, the footer); absent:
//      selectors of what a first screen never shows (the theme's dialog, the drawer's overlay);
//      targets: the oldest browsers to write for (Lightning CSS's form).
// Out: {site, critical, styleOf, deferred, scripts}
//      site: every rule the pages and the project's scripts can use (PurgeCSS), less the
//      deferred selectors, minified (Lightning CSS); critical: the inline styles, each the rules
//      that paint the first screens of a group of pages (Beasties, on each page cut to its first
//      screen), a subset of `site` in the same order; styleOf: for each page, the index of its
//      style in `critical`; deferred: what the theme's script adds to `site` (its own states,
//      search open), as a stylesheet that never restates a declaration `site` already makes;
//      scripts: `minify`'s texts minified (terser, minify-scripts.mjs), in its order.
import { transform } from "lightningcss";
import postcss from "postcss";
import { PurgeCSS } from "purgecss";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { minifyScripts } from "./minify-scripts.mjs";

// The threads that work on the pages' first screens (first-screens.mjs), one a core: they cut the
// pages while this one purges the CSS, then share finding the rules those screens use. Started
// now, so they load their modules while the languages build.
const workers = Array.from(
  { length: Math.min(Math.max(availableParallelism(), 1), 4) },
  () => new Worker(new URL("./first-screens.mjs", import.meta.url)),
);
// One task a worker; the answers in the workers' order.
const ask = (messages) => Promise.all(messages.map((message, i) => new Promise((resolve, reject) => {
  const worker = workers[i];
  const stopped = (code) => reject(new Error(`first-screens.mjs stopped (exit code ${code})`));
  worker.once("error", reject);
  worker.once("exit", stopped);
  worker.once("message", (answer) => {
    worker.off("error", reject);
    worker.off("exit", stopped);
    resolve(answer);
  });
  worker.postMessage(message);
})));
// Work split into a run of consecutive items a worker: joined in order, the answers are the items' order.
const shares = (items) => {
  const size = Math.ceil(items.length / workers.length);
  return workers.map((_, i) => items.slice(i * size, (i + 1) * size));
};

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.setEncoding("utf8");
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));

const options = { later: input.later, absent: input.absent, firstScreen: input.firstScreen };
const cutting = ask(shares(input.pages).map((pages) => ({ task: "cut", pages, options })));

const css = `${input.theme}\n${input.project}`;

async function purge(from, content) {
  const [result] = await new PurgeCSS().purge({
    css: [{ raw: from }],
    content: content.map((raw) => ({ raw, extension: "html" })),
    safelist: input.safelist,
    variables: true,
    keyframes: true,
    fontFace: true,
  });
  return result;
}

// The scripts as published: PurgeCSS looks in them for the class names they set.
const minified = await minifyScripts(input.minify).catch((error) => {
  process.stderr.write(`minifying the site's JavaScript failed: ${error.message ?? error}\n`);
  process.exit(1);
});
const pageContent = [input.pageLines, ...input.scripts.map((i) => minified[i])];
// What the theme's script can use too, then what the pages alone can use: a selector kept for the
// pages is kept for both, so the second purge reads only what the first kept.
const allResult = await purge(css, [...pageContent, input.themeScript]);
const firstResult = await purge(allResult.css, pageContent);

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

// Each page cut to what a first screen can show (first-screens.mjs, in the threads started above).
// Which rules apply depends on the elements, not on their words or addresses: without them, a
// cut page is most often one its language already has (the same frame, an article of the same
// shape), so each distinct shape is read once.
const attrs = (a) => Object.entries(a).map(([k, v]) => ` ${k}="${String(v).replace(/"/g, "&quot;")}"`).join("");
const shapes = new Map(); // its document's text -> {text, pages: [indices into input.pages]}
const shapeOf = (await cutting).flat().map((page, index) => {
  // Classes for readers with JavaScript (the head script sets "js") and without ("no-js").
  const root = { ...page.attribs, class: `${page.attribs.class ?? ""} js` };
  const text = `<html${attrs(root)}><body${attrs(page.bodyAttribs)}>${page.part}</body></html>`;
  const shape = shapes.get(text) ?? { text, pages: [] };
  shape.pages.push(index);
  shapes.set(text, shape);
  return shape;
});

// Each rule of `first` is numbered (a custom property Beasties passes through), so the rules
// and selectors it keeps for a shape map back to `first`, in its order.
let n = 0;
const ruleSize = [];
first.walkRules((rule) => {
  if (inKeyframes(rule)) return;
  ruleSize.push(rule.toString().length - rule.selector.length);
  rule.prepend({ prop: "--sitegen-rule", value: String(n++) });
});
const numbered = first.toString();
// Beasties reads the whole stylesheet once per document: all the shapes that share an <html> and
// <body> (a language's direction and classes) are put in one, and each worker takes its share of
// them. What each shape needs of the rules kept is then found with the same test Beasties makes,
// shared out in the same way (first-screens.mjs).
const byRoot = new Map();
for (const { text } of shapes.values()) {
  const head = text.slice(0, text.indexOf(">", text.indexOf("><body") + 1) + 1); // <html ...><body ...>
  const group = byRoot.get(head) ?? [];
  group.push(text.slice(head.length, -"</body></html>".length));
  byRoot.set(head, group);
}
const docs = [...byRoot].flatMap(([head, bodies]) =>
  shares(bodies).filter((share) => share.length).map((share) => `${head}${share.join("")}</body></html>`),
);
// Dealt out in turn: each worker gets a part of every direction's shapes.
const dealt = workers.map((_, i) => docs.filter((_, j) => j % workers.length === i));
const anyShape = new Set((await ask(dealt.map((part) => ({ task: "kept", docs: part, css: numbered })))).flat());
const keys = [...anyShape];
const shapeList = [...shapes.values()];
const matched = (await ask(shares(shapeList).map((part) => ({ task: "match", keys, shapes: part.map((s) => s.text) })))).flat();
shapeList.forEach((shape, i) => (shape.kept = new Set(matched[i].map((k) => keys[k]))));
for (const worker of workers) worker.terminate();

// The shapes gathered into at most `styleGroups` groups, each with one inline <style> (the
// policy allows each by its hash): the pair whose merging adds the fewest bytes to the pages
// is merged first, until few enough are left. A rule's selector weighs its text and the rule's.
const weight = new Map([...anyShape].map((k) => [k, k.length - k.indexOf("|") + ruleSize[Number(k.slice(0, k.indexOf("|")))]]));
const bytesOf = (set) => [...set].reduce((sum, k) => sum + weight.get(k), 0);
const alike = new Map(); // shapes that need the same rules: one group from the start
for (const shape of shapes.values()) {
  const key = [...shape.kept].sort().join("\n");
  const group = alike.get(key) ?? { kept: shape.kept, bytes: bytesOf(shape.kept), shapes: [], pages: 0 };
  group.shapes.push(shape);
  group.pages += shape.pages.length;
  alike.set(key, group);
}
let groups = [...alike.values()];
// What merging two groups adds: every page of each gets the rules only the other's pages needed.
function merging(a, b) {
  let onlyB = 0;
  for (const k of b.kept) if (!a.kept.has(k)) onlyB += weight.get(k);
  const bytes = a.bytes + onlyB;
  return { a, b, bytes, added: bytes * (a.pages + b.pages) - a.bytes * a.pages - b.bytes * b.pages };
}
let pairs = [];
for (let i = 0; i < groups.length; i++) for (let j = i + 1; j < groups.length; j++) pairs.push(merging(groups[i], groups[j]));
// Each style's hash is in the policy every page's header carries: merging two groups saves
// `hashBytes`. CSS is sent compressed, to about a quarter of its text (this site's first-screen
// rules: 20,073 bytes, 4,827 with gzip).
const hashCost = input.hashBytes * 4;
while (groups.length > 1) {
  const best = pairs.reduce((x, y) => (y.added < x.added ? y : x));
  if (groups.length <= input.styleGroups && best.added > hashCost) break;
  const merged = {
    kept: new Set([...best.a.kept, ...best.b.kept]),
    bytes: best.bytes,
    shapes: [...best.a.shapes, ...best.b.shapes],
    pages: best.a.pages + best.b.pages,
  };
  groups = groups.filter((g) => g !== best.a && g !== best.b);
  pairs = pairs.filter((p) => p.a !== best.a && p.a !== best.b && p.b !== best.a && p.b !== best.b);
  for (const g of groups) pairs.push(merging(g, merged));
  groups.push(merged);
}
// In the order of their first page, so the same pages give the same styles in the same order.
groups.sort((a, b) => Math.min(...a.shapes.flatMap((s) => s.pages)) - Math.min(...b.shapes.flatMap((s) => s.pages)));
const groupOf = new Map();
groups.forEach((g, i) => g.shapes.forEach((s) => groupOf.set(s, i)));

async function criticalFor(kept) {
  const critical = first.clone();
  critical.walkRules((rule) => {
    if (inKeyframes(rule)) return;
    const number = rule.nodes.find((d) => d.prop === "--sitegen-rule");
    // Not for the first paint: pointer hover, scrollbars (of the lists painted later), print.
    const selectors = number ? rule.selectors.filter((s) => kept.has(`${number.value}|${s}`) && !/:hover|::-webkit-scrollbar/.test(s)) : [];
    if (selectors.length === 0) rule.remove();
    else {
      number.remove();
      rule.selectors = selectors;
    }
  });
  critical.walkAtRules((at) => {
    if ((at.name === "media" && /^print\b/.test(at.params)) || (at.name === "supports" && /scrollbar/.test(at.params))) at.remove();
  });
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
  return pruned.css;
}
const criticals = [];
for (const g of groups) criticals.push(await criticalFor(g.kept));
first.walkDecls("--sitegen-rule", (d) => d.remove());

// ...and the site's stylesheet, once it has come, shows them.
first.append(postcss.rule({ selector: input.later.join(","), nodes: [postcss.decl({ prop: "content-visibility", value: "visible" })] }));

const minify = (text) =>
  transform({ filename: "site.css", code: Buffer.from(text), minify: true, targets: input.targets }).code.toString();

process.stdout.write(JSON.stringify({
  site: minify(first.toString()),
  critical: criticals.map(minify),
  styleOf: shapeOf.map((shape) => groupOf.get(shape)),
  deferred: minify(all.toString()),
  scripts: minified,
}));
