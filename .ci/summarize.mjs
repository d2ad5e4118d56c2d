// Adds up the test reports of one CI run and prints the closing line "N passed, N failed".
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

const [dir, ...failedSteps] = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
const read = (name) =>
  existsSync(path.join(dir, name)) ? JSON.parse(readFileSync(path.join(dir, name), "utf8")) : null;

for (const name of ["vitest-pglite.json", "vitest-postgres.json"]) {
  const report = read(name);
  if (!report) continue;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}
const playwright = read("playwright.json");
if (playwright) {
  passed += playwright.stats.expected + playwright.stats.flaky;
  failed += playwright.stats.unexpected;
  skipped += playwright.stats.skipped;
}
// A failed step with no test report behind it (type-check, lint, build) still fails the run.
const untested = failedSteps.filter((s) => !/^tests on|^Playwright/.test(s));
failed += untested.length;
console.log();
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
