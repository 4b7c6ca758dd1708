// Prints one value of a YAML file, found by a dotted path (`runs.steps.1.run`, `pacte.script`):
// a string as it is, a list one item a line. Exits 1 when the path is missing, naming it.
// Usage: node yaml_get.mjs MODULES_DIR FILE PATH (MODULES_DIR holds the npm package `yaml`).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { join } from "node:path";

const [modules, file, path] = process.argv.slice(2);
const YAML = (await import(pathToFileURL(join(modules, "yaml/dist/index.js")))).default;
let value = YAML.parse(readFileSync(file, "utf8"));
for (const key of path.split(".")) {
  if (value === null || typeof value !== "object" || !(key in value)) {
    console.error(`${file}: no value at ${path} (missing ${key})`);
    process.exit(1);
  }
  value = value[key];
}
process.stdout.write(Array.isArray(value) ? value.join("\n") + "\n" : String(value));
