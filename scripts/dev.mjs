// `npm run dev`: Next.js, and next to it the Inngest dev server when it can be fetched (npx), so
// deliveries flow on a fresh machine. Says in one line whether it started; Next runs either way.
// `npm run dev:next` runs Next alone. Arguments go to `next dev` (e.g. `npm run dev -- -p 3001`).
import { spawn } from "node:child_process";

const INNGEST_CLI = "inngest-cli@1.45.1";
const INNGEST_URL = "http://127.0.0.1:8288";
const args = process.argv.slice(2);
const portFlag = args.findIndex((a) => a === "-p" || a === "--port");
const port = portFlag >= 0 ? args[portFlag + 1] : (process.env.PORT ?? "3000");

const next = spawn(process.execPath, ["node_modules/next/dist/bin/next", "dev", ...args], { stdio: "inherit" });
const children = [next];
const stopAll = () => children.forEach((child) => child.exitCode === null && child.kill("SIGTERM"));
process.on("SIGINT", stopAll);
process.on("SIGTERM", stopAll);
next.on("exit", (code) => {
  stopAll();
  process.exit(code ?? 0);
});

const say = (line) => console.log(`\n[dev] ${line}\n`);
const answers = () =>
  fetch(INNGEST_URL).then(
    () => true,
    () => false,
  );

if (await answers()) {
  say(`Inngest dev server already running at ${INNGEST_URL}: deliveries flow.`);
} else {
  const inngest = spawn(
    "npx",
    ["--yes", "--ignore-scripts=false", INNGEST_CLI, "dev", "-u", `http://localhost:${port}/api/inngest`],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(inngest);
  let output = "";
  inngest.stdout.on("data", (d) => (output += d));
  inngest.stderr.on("data", (d) => (output += d));
  const exited = new Promise((resolve) => inngest.on("exit", resolve));
  const started = (async () => {
    // Fetching the CLI the first time can take a while.
    for (let waited = 0; waited < 120_000; waited += 1_000) {
      if (await answers()) return true;
      if (inngest.exitCode !== null) return false;
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return false;
  })();
  if (await Promise.race([started, exited.then(() => false)])) {
    say(`Inngest dev server running at ${INNGEST_URL}: deliveries flow.`);
  } else {
    inngest.kill("SIGTERM");
    const lastLine = output.trim().split("\n").filter(Boolean).at(-1);
    const reason =
      lastLine ??
      (inngest.exitCode === null
        ? "it did not answer within 2 minutes"
        : `npx could not fetch or run ${INNGEST_CLI}, exit code ${inngest.exitCode}`);
    say(
      `Inngest dev server not started (${reason.slice(0, 160)}). Next runs on; events wait in the outbox ` +
        `until it does: run \`npm run dev:inngest\` when you can, or see README "Inngest".`,
    );
  }
}
