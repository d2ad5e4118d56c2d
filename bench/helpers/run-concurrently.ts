export type RunStats = { attempts: number; failures: number; elapsedMs: number; latenciesMs: number[] };

/**
 * Runs `task` over `items` with `concurrency` workers until the items run out or `timeLimitMs`
 * passes (no new task starts after that). Each task resolves true on success.
 */
export async function runConcurrently<T>(
  items: T[],
  concurrency: number,
  timeLimitMs: number,
  task: (item: T) => Promise<boolean>,
): Promise<RunStats> {
  const latenciesMs: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const deadline = started + timeLimitMs;
  const worker = async () => {
    while (next < items.length && performance.now() < deadline) {
      const item = items[next++]!;
      const t0 = performance.now();
      const ok = await task(item).catch((error) => {
        if (failures === 0) console.error("first failure:", error);
        return false;
      });
      latenciesMs.push(performance.now() - t0);
      if (!ok) failures++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { attempts: latenciesMs.length, failures, elapsedMs: performance.now() - started, latenciesMs };
}

export function percentile(sortedAscending: number[], p: number): number {
  if (sortedAscending.length === 0) return NaN;
  return sortedAscending[Math.min(sortedAscending.length - 1, Math.ceil((p / 100) * sortedAscending.length) - 1)]!;
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}
