// Checks GitHub Actions files with GitHub's own parser (npm package @actions/workflow-parser):
// `--action FILE` validates an action metadata file (action.yml) against the action schema,
// `--workflow FILE` a workflow against the workflow schema. Prints each error as FILE:LINE:COL
// and exits 1 when there is one. Usage: node check_github.mjs MODULES_DIR (--action|--workflow) FILE...
import { readFileSync } from "node:fs";
import { register } from "node:module";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

// The parser imports its JSON schemas without an import attribute, which Node.js before 22
// refuses: this hook adds the attribute to every JSON module it loads.
register("data:text/javascript," + encodeURIComponent(`
  export async function load(url, context, next) {
    if (url.endsWith(".json")) return next(url, { ...context, importAttributes: { type: "json" } });
    return next(url, context);
  }`));

const [modules, ...args] = process.argv.slice(2);
const parser = join(modules, "@actions/workflow-parser/dist");
const { parseAction } = await import(pathToFileURL(join(parser, "actions/index.js")));
const { parseWorkflow, NoOperationTraceWriter } = await import(pathToFileURL(join(parser, "index.js")));

let kind = null;
let failed = false;
for (const arg of args) {
  if (arg === "--action" || arg === "--workflow") { kind = arg; continue; }
  const file = { name: arg, content: readFileSync(arg, "utf8") };
  const parse = kind === "--action" ? parseAction : parseWorkflow;
  const result = parse(file, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors();
  for (const e of errors) {
    const where = e.range ? `${e.range.start.line}:${e.range.start.column}` : "?";
    console.log(`${arg}:${where}: ${e.rawMessage ?? e.message}`);
  }
  if (errors.length > 0 || result.value === undefined) failed = true;
  else console.log(`${arg}: valid ${kind === "--action" ? "action" : "workflow"}`);
}
process.exit(failed ? 1 : 0);
