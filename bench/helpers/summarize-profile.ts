// Summarises a V8 .cpuprofile (from BENCH_CPU_PROF): self time by package or project folder, and
// the hottest functions. Usage: node bench/helpers/summarize-profile.ts <file.cpuprofile> [top]
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const [file, topArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, "utf8")) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function area(url: string): string {
  if (!url) return "(native / V8)";
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.startsWith("node:")) return "node internals";
  const chunk = url.match(/\.next\/server\/(.*)/);
  return chunk ? `app bundle (${chunk[1]!.split("/")[0]})` : url.replace(/^file:\/\//, "");
}

const byArea = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(idle)") continue;
  byArea.set(area(url), (byArea.get(area(url)) ?? 0) + us);
  const key = `${functionName || "(anonymous)"} ${area(url)}:${lineNumber + 1}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
}
const busy = [...byArea.values()].reduce((a, b) => a + b, 0);
const pct = (us: number) => `${((100 * us) / busy).toFixed(1)} %`;
console.log(
  `busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s sampled\n\n| where | self time |\n|---|---|`,
);
for (const [name, us] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${name} | ${pct(us)} |`);
console.log("\n| function | self time |\n|---|---|");
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25)))
  console.log(`| ${name} | ${pct(us)} |`);
