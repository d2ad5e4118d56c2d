import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { processTreeCpuMs } from "./cpu-usage";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");

export type NextServer = { url: string; pid: number; cpuMs: () => number; stop: () => Promise<void> };

/** Builds the Next.js app in `dir` unless a production build is already there (or `force`). */
export async function ensureBuilt(dir: string, force = false): Promise<void> {
  if (!force && existsSync(path.join(dir, ".next", "BUILD_ID"))) return;
  console.log(`building ${dir} …`);
  await run(process.execPath, [NEXT_BIN, "build", dir], { NEXT_TELEMETRY_DISABLED: "1" });
}

/**
 * `next start` for the app in `dir` on 127.0.0.1, started as one process (never through npx, which
 * leaves the server behind when killed), ready once `healthPath` answers 200.
 */
export async function startNextServer(
  dir: string,
  port: number,
  env: Record<string, string>,
  healthPath = "/api/health",
): Promise<NextServer> {
  // BENCH_CPU_PROF=<folder>: a V8 CPU profile of each server, written when it stops.
  const profile = process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const url = `http://127.0.0.1:${port}`;
  // A server left behind by an interrupted run would answer in this one's place.
  if (
    await fetch(url).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`something already listens on ${url}: stop it first`);
  const child = spawn(process.execPath, [...profile, NEXT_BIN, "start", dir, "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // However the benchmark ends (an uncaught error included), the server goes with it.
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  child.once("exit", () => process.off("exit", killOnExit));
  const output: string[] = [];
  child.stdout!.on("data", (d) => output.push(String(d)));
  child.stderr!.on("data", (d) => output.push(String(d)));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${dir} exited at start:\n${output.join("")}`);
    const ok = await fetch(url + healthPath).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${dir} did not answer ${healthPath} within 60 s:\n${output.join("")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, pid: child.pid!, cpuMs: () => processTreeCpuMs(child.pid!), stop: () => stop(child) };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: "inherit" });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(" ")} exited with ${code}`))));
  });
}
