// The project's JavaScript minified for the built site: stylesheets.mjs does it, in the node that
// makes the CSS (already running while the languages build).
// Top-level names are kept: the files are classic scripts that may share globals.
import { minify } from "terser";

const options = {
  // Browsers of 2022 on (as for the CSS, stylesheets.py): terser may write ES2020.
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
};

export async function minifyScripts(sources) {
  const out = [];
  for (const source of sources) out.push((await minify(source, options)).code);
  return out;
}
