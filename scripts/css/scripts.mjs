// The project's JavaScript minified for the built site (scripts/sitegen/minify.py runs this).
// Reads JSON from stdin: a list of sources; writes the same list, minified, to stdout.
import { minifyScripts } from "./minify-scripts.mjs";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const sources = JSON.parse(Buffer.concat(chunks).toString("utf8"));
process.stdout.write(JSON.stringify(await minifyScripts(sources)));
