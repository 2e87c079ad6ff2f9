// The pages' first screens, in worker threads of stylesheets.mjs (one a core): each message a
// share of the work, answered in one message, in the order given.
//   {task: "cut", pages, options: {later, absent, firstScreen}} (as stylesheets.mjs's input):
//     each page cut to what a first screen shows: {attribs, bodyAttribs, part}, its <html>'s and
//     <body>'s attributes and its cut body (while the main thread purges the CSS).
//   {task: "kept", docs, css}: the keys ("rule number|selector") of the numbered rules `css` that
//     Beasties keeps for any of the documents `docs` (each several cut pages).
//   {task: "match", keys, shapes}: for each shape (a cut page), the indexes of the keys whose
//     selector it has, by the test Beasties makes.
import { parentPort } from "node:worker_threads";
import Beasties from "beasties";
import postcss from "postcss";
import { parseDocument } from "htmlparser2";
import render from "dom-serializer";
import { compile, selectAll, selectOne } from "css-select";

// East Asian wide characters (Han, kana, Hangul, full-width forms) take about two Latin letters'
// width on screen, so they count twice: a Chinese first screen holds about half the characters.
// (Those beyond U+FFFF already count twice: length counts UTF-16 units.)
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/g;
const width = (text) => text.length + (text.match(WIDE)?.length ?? 0);

// The article's elements in reading order until `state.left` characters' width of text has passed; the rest goes.
function cutAfter(node, state) {
  for (let i = 0; i < node.children.length; i++) {
    if (state.left <= 0) {
      node.children.splice(i);
      return;
    }
    const child = node.children[i];
    if (child.type === "text") state.left -= width(child.data.trim());
    else if (child.children) cutAfter(child, state);
  }
}

// Attributes whose values the theme's and components' selectors test; of the others only the
// presence counts, and of an address only its kind (tel:, https:, #, a relative path).
const TESTED = /^(class|dir|hidden|role|type|rel|for|name|tabindex|open|data-.*|aria-.*)$/;
function dropText(node) {
  node.children = node.children.filter((c) => c.type !== "text" && c.type !== "comment");
  for (const child of node.children) {
    if (!child.attribs) continue;
    for (const [name, value] of Object.entries(child.attribs)) {
      if (name === "href" || name === "src") child.attribs[name] = (/^[a-z]+:|^#/i.exec(value) ?? ["./"])[0];
      else if (name === "id") child.attribs[name] = value.startsWith("__") ? value : "";
      else if (!TESTED.test(name)) child.attribs[name] = "";
    }
    if (child.children) dropText(child);
  }
}

// A page cut to what a first screen can show: the article's first part, the regions whose
// content may come a moment later left empty (their own boxes stay, so their size is known).
// A page without an article (the theme's templates all have one) is taken whole.
function cutPage(html, { later, absent, firstScreen }) {
  const doc = parseDocument(html);
  const root = selectOne("html", doc) ?? { attribs: {} };
  for (const selector of later) for (const el of selectAll(selector, doc)) el.children = [];
  for (const selector of absent) for (const el of selectAll(selector, doc)) el.parent.children.splice(el.parent.children.indexOf(el), 1);
  for (const article of selectAll("article", doc)) cutAfter(article, { left: firstScreen });
  // Which rules apply depends on the elements, not on their words or addresses: without them, a
  // cut page is most often one its language already has (the same frame, an article of the same shape).
  dropText(doc);
  const body = selectOne("body", doc) ?? { attribs: {}, children: doc.children };
  return { attribs: root.attribs, bodyAttribs: body.attribs, part: render(body.children) };
}

const beasties = new Beasties({ logLevel: "silent", compress: false, keyframes: "critical", fonts: false });
const withStyle = (text, css) => text.replace(/^<html([^>]*)>/, (_, a) => `<!doctype html><html${a}><head><style>${css}</style></head>`);
async function kept(docs, css) {
  const keys = new Set();
  for (const doc of docs) {
    const out = await beasties.process(withStyle(doc, css));
    const style = out.match(/<style>([\s\S]*?)<\/style>/);
    if (!style) continue;
    postcss.parse(style[1]).walkRules((rule) => {
      const number = rule.nodes.find((d) => d.prop === "--sitegen-rule");
      if (number) rule.selectors.forEach((s) => keys.add(`${number.value}|${s}`));
    });
  }
  return [...keys];
}

// Beasties' own test of a selector (beasties/dist/index.mjs: isAlwaysCriticalSelector,
// normalizeCssSelector, exists): one compiled selector against one shape at a time.
const alwaysCritical = (sel) => sel === ":root" || sel === "html" || sel === "body" || /^::?(?:before|after)$/.test(sel);
const normalized = (sel) =>
  sel
    .replace(/(?<!\\)::?[a-z-]+(?:\(.+\))?/gi, "")
    .replace(/\(\s*,|,\s*\)/g, (match) => (match.includes("(") ? "(" : ")"))
    .replace(/([>+~])\s*(?!\1)([>+~])/g, "$1 * $2")
    .replace(/([>+~])\s*(?=\1|$)/g, "$1 *")
    .trim();
function compiled(sel) {
  if (alwaysCritical(sel)) return () => true;
  const plain = normalized(sel);
  try {
    const test = compile(plain);
    return plain ? (doc) => selectOne(test, doc) !== null : () => false;
  } catch {
    return () => false; // as Beasties: a selector it cannot test is left out
  }
}
function match(keys, shapes) {
  const tests = keys.map((k) => compiled(k.slice(k.indexOf("|") + 1)));
  return shapes.map((text) => {
    const doc = parseDocument(text);
    return tests.flatMap((matches, i) => (matches(doc) ? [i] : []));
  });
}

parentPort.on("message", async (message) => {
  if (message.task === "cut") parentPort.postMessage(message.pages.map((html) => cutPage(html, message.options)));
  else if (message.task === "kept") parentPort.postMessage(await kept(message.docs, message.css));
  else if (message.task === "match") parentPort.postMessage(match(message.keys, message.shapes));
});
