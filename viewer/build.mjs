// Build the page's assets into kg/static/: view.js (one minified bundle of src/main.js with
// sigma, graphology and ForceAtlas2), view.css, view.html (the template kg/view.py fills) and
// LICENSES.txt (the licence of every package in the bundle, read from esbuild's metafile).
//
//   cd viewer && npm ci && npm run build

import {readFileSync, writeFileSync, copyFileSync, readdirSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";
import * as esbuild from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, "..", "kg", "static");

// Which npm packages ended up in the bundle, with their version and licence text.
function bundledPackages(metafile) {
  const names = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) names.add(match[1]);
  }
  return [...names].sort().map((name) => {
    const folder = join(here, "node_modules", name);
    const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    const file = readdirSync(folder).find((f) => /^licen[cs]e/i.test(f));
    if (!file) throw new Error(`${name} ships no licence file`);
    return {name, version: meta.version, license: meta.license,
      text: readFileSync(join(folder, file), "utf8").trim()};
  });
}

const probe = await esbuild.build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  write: false,
  metafile: true,
  logLevel: "silent",
});
const packages = bundledPackages(probe.metafile);
const notices = packages.map((p) => `${p.name} ${p.version} (${p.license})\n\n${p.text}`);

// The licences travel inside every page written, not only in the Python package.
// (A "*/" inside a notice would end the comment early.)
const banner = `/*! diplograph viewer: ${packages.map((p) => `${p.name} ${p.version}`).join(", ")}.\n`
  + `${notices.join("\n\n").replaceAll("*/", "* /")}\n*/`;

await esbuild.build({
  entryPoints: [join(here, "src", "main.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: ["es2020"],
  legalComments: "none",
  banner: {js: banner},
  outfile: join(out, "view.js"),
  logLevel: "warning",
});
await esbuild.build({
  entryPoints: [join(here, "src", "view.css")],
  bundle: true,
  minify: true,
  outfile: join(out, "view.css"),
  logLevel: "warning",
});
copyFileSync(join(here, "src", "view.html"), join(out, "view.html"));
writeFileSync(join(out, "LICENSES.txt"),
  "Third-party code bundled in kg/static/view.js (and so in every page kg.write_html writes).\n"
  + "Built from viewer/package-lock.json by `cd viewer && npm ci && npm run build`.\n\n"
  + notices.map((n) => `${"=".repeat(78)}\n${n}\n`).join("\n"));
console.log(`kg/static/view.js: ${packages.map((p) => `${p.name}@${p.version}`).join(", ")}`);
