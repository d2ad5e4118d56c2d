// `npm run db:seed`: migrates, then creates the demo marketer and campaign if they are missing.
import { openConfiguredDatabase } from "@/db/client";
import { DEMO_LOGIN, seedDemo } from "@/lib/seed/seed-demo";

const database = await openConfiguredDatabase();
await database.migrate();
const outcome = await seedDemo(database.db);
await database.close();
console.log(
  outcome === "created"
    ? `Demo account created: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`
    : `Demo account already exists: ${DEMO_LOGIN.email}`,
);
