import { describe, expect, it } from "vitest";
import { exportFailure, exportUrl, isCsvResponse, readExport, type ExportProgress } from "./download-export";

const csvResponse = (chunks: string[], headers: Record<string, string> = {}) => {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { headers: { "Content-Type": "text/csv; charset=utf-8", ...headers } });
};

describe("exportUrl", () => {
  it("is the table's path plus /export, with its filters and sort but not its page", () => {
    expect(exportUrl("/campaigns/c1/leads", "status=qualified&page=3&pageSize=50&sort=email&dir=asc&q=a%26b")).toBe(
      "/campaigns/c1/leads/export?status=qualified&sort=email&dir=asc&q=a%26b",
    );
    expect(exportUrl("/campaigns/c1/rewards/", "")).toBe("/campaigns/c1/rewards/export");
  });
});

describe("exportFailure", () => {
  it("says why there is no file", () => {
    expect(exportFailure(new Response("", { status: 401 }))).toMatch(/Sign in again/);
    expect(exportFailure(new Response("", { status: 404 }))).toMatch(/not found/);
    expect(exportFailure(new Response("", { status: 503 }))).toMatch(/temporarily unavailable/);
    expect(exportFailure(new Response("", { status: 500 }))).toMatch(/failed/);
    expect(isCsvResponse(new Response("<html>", { headers: { "Content-Type": "text/html" } }))).toBe(false);
    expect(isCsvResponse(csvResponse([]))).toBe(true);
  });
});

describe("readExport", () => {
  it("reports the rows received against the total, and keeps the bytes (BOM included) and the name", async () => {
    const seen: ExportProgress[] = [];
    const response = csvResponse(["\uFEFFid,name\r\n1,Ada\r\n2,", '"two\nlines"\r\n3,Zoë\r', "\n"], {
      "X-Total-Count": "3",
      "Content-Disposition": 'attachment; filename="spring-leads-2026-11-30.csv"',
    });
    const { file, filename, rows } = await readExport(response, (p) => seen.push(p));
    expect(seen).toEqual([
      { rows: 0, total: 3 },
      { rows: 1, total: 3 },
      { rows: 2, total: 3 },
      { rows: 3, total: 3 },
    ]);
    expect(rows).toBe(3);
    expect(filename).toBe("spring-leads-2026-11-30.csv");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.type).toBe("text/csv;charset=utf-8");
  });

  it("counts without a total when the header is missing", async () => {
    const seen: ExportProgress[] = [];
    await readExport(csvResponse(["id\r\n1\r\n"]), (p) => seen.push(p));
    expect(seen.at(-1)).toEqual({ rows: 1, total: null });
  });
});
