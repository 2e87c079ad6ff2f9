// The project's JavaScript minified for the built site (scripts/sitegen/minify.py runs this).
// Reads JSON from stdin: a list of sources; writes the same list, minified, to stdout.
// Top-level names are kept: the files are classic scripts that may share globals.
import { minify } from "terser";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const sources = JSON.parse(Buffer.concat(chunks).toString("utf8"));

const options = {
  // Browsers of 2022 on (as for the CSS, stylesheets.py): terser may write ES2020.
  ecma: 2020,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
};
const out = [];
for (const source of sources) out.push((await minify(source, options)).code);
process.stdout.write(JSON.stringify(out));
