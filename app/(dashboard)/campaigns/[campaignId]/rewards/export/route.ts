import { exportRoute } from "@/lib/exports/export-route";

/** The Rewards table as CSV, with the filters in the query string (lib/exports). */
export const GET = exportRoute("rewards");
