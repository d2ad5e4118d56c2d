// Runs once when the server starts, before it handles requests: make X-Forwarded-For end with
// the socket peer, migrate, and on an empty embedded database in development, seed the demo
// account so a newcomer sees a living product.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // First, so that no request is handled with a client-written X-Forwarded-For as its last entry.
  const { installSocketPeerForwarding } = await import("@/lib/http/append-socket-peer");
  installSocketPeerForwarding();
  const { startServer } = await import("@/lib/startup/start-server");
  await startServer();
}
