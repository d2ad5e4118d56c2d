import { database } from "@/db/client";
import { env } from "@/lib/config/env";
import { seedDemoIfEmpty } from "@/lib/seed/seed-demo";

export async function startServer() {
  const config = env(); // fails fast, naming any bad variable
  const { db, driver } = await database(); // migrates
  const seedOnEmpty = config.SEED_DEMO_ON_EMPTY ?? (driver === "pglite" && config.NODE_ENV === "development");
  if (seedOnEmpty && (await seedDemoIfEmpty(db))) {
    console.info("[referwire] empty database: seeded the demo account (demo@referwire.test / demo-password)");
  }
}
