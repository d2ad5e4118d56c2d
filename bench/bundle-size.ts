// First-load JS of every dashboard page in the production build, gzipped, against the budget,
// and which client chunks carry drizzle or zod.
// Usage: npm run bench:bundle            (builds first if .next has no build)
//        npm run bench:bundle -- --build (always builds first)
// Reads what `next build` (Turbopack) writes: .next/diagnostics/route-bundle-stats.json lists each
// route's first-load chunks, the root main files plus every segment's entry chunks, which are the
// scripts the page's HTML loads.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET_KB = 200;
const distDir = path.resolve(".next");
const statsFile = path.join(distDir, "diagnostics", "route-bundle-stats.json");
const appPathsFile = path.join(distDir, "server", "app-paths-manifest.json");
// Strings that survive minification: drizzle tags every entity class with this symbol, and
// every zod schema class is built by $constructor with its name.
const markers = { drizzle: 'Symbol.for("drizzle:entityKind")', zod: '"$ZodType"' };

if (process.argv.includes("--build") || !existsSync(statsFile)) {
  const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

type RouteStats = { route: string; firstLoadChunkPaths: string[] };
const stats = JSON.parse(readFileSync(statsFile, "utf8")) as RouteStats[];
const dashboardRoutes = Object.keys(JSON.parse(readFileSync(appPathsFile, "utf8")) as Record<string, string>)
  .filter((appPath) => appPath.startsWith("/(dashboard)/") && appPath.endsWith("/page"))
  .map((appPath) => appPath.replace(/\/\([^/]+\)/g, "").replace(/\/page$/, "") || "/")
  .sort();

const chunks = new Map<string, { gzipBytes: number; drizzle: boolean; zod: boolean }>();
function chunk(file: string) {
  if (!chunks.has(file)) {
    const code = readFileSync(file);
    const text = code.toString("utf8");
    chunks.set(file, {
      gzipBytes: gzipSync(code).length,
      drizzle: text.includes(markers.drizzle),
      zod: text.includes(markers.zod),
    });
  }
  return chunks.get(file)!;
}
const kB = (bytes: number) => (bytes / 1000).toFixed(1);
const yesNo = (value: boolean) => (value ? "yes" : "no");

console.log("# First-load JS of the dashboard pages (production build, gzipped)\n");
console.log(`Each chunk gzipped on its own (zlib default level), kB = 1,000 bytes; budget < ${BUDGET_KB} kB.\n`);
console.log("| page | first-load JS kB | target kB | result | drizzle | zod |\n|---|---:|---:|---|---|---|");
for (const route of dashboardRoutes) {
  const files = stats.find((row) => row.route === route)?.firstLoadChunkPaths.filter((file) => file.endsWith(".js"));
  if (!files) {
    console.log(`| ${route} | not in route-bundle-stats.json | < ${BUDGET_KB} | FAIL | ? | ? |`);
    continue;
  }
  const loaded = files.map(chunk);
  const total = loaded.reduce((sum, c) => sum + c.gzipBytes, 0);
  const result = total / 1000 < BUDGET_KB ? "pass" : "FAIL";
  console.log(
    `| ${route} | ${kB(total)} | < ${BUDGET_KB} | ${result} | ${yesNo(loaded.some((c) => c.drizzle))} | ${yesNo(loaded.some((c) => c.zod))} |`,
  );
}

// Every client chunk, not only first-load ones: a dialog's lazily loaded chunk counts too.
const clientChunks = path.join(distDir, "static", "chunks");
const withDrizzle = readdirSync(clientChunks, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".js"))
  .map((file) => path.relative(process.cwd(), path.join(clientChunks, file)))
  .filter((file) => chunk(file).drizzle);
console.log(`\nClient chunks containing drizzle-orm code: ${withDrizzle.length === 0 ? "none" : ""}`);
for (const file of withDrizzle) console.log(`- ${file} (${kB(chunk(file).gzipBytes)} kB gzipped)`);
