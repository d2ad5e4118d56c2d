import { readdirSync, readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";

/** utime + stime of a process in ms, from /proc (Linux; 0 elsewhere, and for a gone process). */
function processCpuMs(pid: number): number {
  const stat = readStat(pid);
  return stat ? ticksToMs(Number(stat[11]) + Number(stat[12])) : 0;
}

/**
 * CPU spent between start and stop by this process (every thread, so the receiver too) and by
 * the PostgreSQL backends serving this database: on a shared machine, a steadier measure of
 * the work per attempt than wall-clock throughput.
 */
export async function startCpuMeasure(db: Db) {
  const backends = (
    await selectRows<{ pid: number }>(db, sql`select pid from pg_stat_activity where datname = current_database()`)
  ).map((r) => r.pid);
  const serverAt = () => backends.reduce((ms, pid) => ms + processCpuMs(pid), 0);
  const client0 = process.cpuUsage();
  const server0 = serverAt();
  return {
    stop: () => {
      const client = process.cpuUsage(client0);
      return { clientMs: (client.user + client.system) / 1000, serverMs: serverAt() - server0 };
    },
  };
}

const ticksToMs = (ticks: number) => (ticks * 1000) / 100; // USER_HZ is 100 on Linux

/**
 * User + system CPU of the matching processes, from /proc (Linux), with that of their children
 * that have exited (PostgreSQL backends end with their connections; their time stays with the
 * postmaster that reaped them).
 */
function cpuOf(filter: (pid: number, stat: string[]) => boolean): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = readStat(pid);
    if (stat && filter(pid, stat)) ticks += Number(stat[11]) + Number(stat[12]) + Number(stat[13]) + Number(stat[14]);
  }
  return ticksToMs(ticks);
}

/** Fields after the `(comm)` of /proc/<pid>/stat: [0] is the state, [1] the parent pid. */
function readStat(pid: number): string[] | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, "utf8");
    const [comm] = raw.slice(raw.indexOf("(") + 1, raw.lastIndexOf(")")).split(" ");
    return [...raw.slice(raw.lastIndexOf(")") + 2).split(" "), comm!];
  } catch {
    return null;
  }
}

export function processTreeCpuMs(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    const stat = Number.isInteger(pid) ? readStat(pid) : null;
    if (stat) parents.set(pid, Number(stat[1]));
  }
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid; p; p = parents.get(p)) if (p === root) return true;
    return false;
  };
  return cpuOf((pid) => inTree(pid));
}

/** CPU of every PostgreSQL process on the machine (the server the benchmark uses). */
export const postgresCpuMs = () => cpuOf((_, stat) => stat[stat.length - 1] === "postgres");
