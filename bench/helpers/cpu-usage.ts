import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { selectRows, type Db } from "@/db/client";

/** utime + stime of a process in ms, from /proc (Linux; 0 elsewhere, and for a gone process). */
function processCpuMs(pid: number): number {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
  } catch {
    return 0;
  }
}

/**
 * CPU spent between start and stop by this process (every thread, so the receiver too) and by
 * the PostgreSQL backends serving this database: on a shared machine, a steadier measure of
 * the work per attempt than wall-clock throughput.
 */
export async function startCpuMeasure(db: Db) {
  const backends = (await selectRows<{ pid: number }>(db, sql`select pid from pg_stat_activity where datname = current_database()`)).map((r) => r.pid);
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
