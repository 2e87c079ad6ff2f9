// A share of the built pages, each cut to what a first screen shows (stylesheets.mjs runs this
// in worker threads: the pages of every language are cut on every core while it purges the CSS).
// Gets one message, {pages, options: {later, absent, firstScreen}} (as stylesheets.mjs's input);
// answers with one entry a page, in their order: {attribs, bodyAttribs, part}: its <html>'s and
// <body>'s attributes, and its cut body.
import { parentPort } from "node:worker_threads";
import { parseDocument } from "htmlparser2";
import render from "dom-serializer";
import { selectAll, selectOne } from "css-select";

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

parentPort.once("message", ({ pages, options }) => parentPort.postMessage(pages.map((html) => cutPage(html, options))));
