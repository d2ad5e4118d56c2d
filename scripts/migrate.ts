// `npm run db:migrate`: applies drizzle/ migrations to DATABASE_URL, or to the embedded
// database under DATA_DIR (stop `npm run dev` first: PGlite has no cross-process lock).
import { openConfiguredDatabase } from "@/db/client";

const database = await openConfiguredDatabase();
await database.migrate();
await database.close();
console.log(`Migrations applied (${database.driver}).`);
