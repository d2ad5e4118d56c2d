// Runs once when the server starts: migrate, and on an empty embedded database in
// development, seed the demo account so a newcomer sees a living product.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/startup/start-server");
  await startServer();
}
