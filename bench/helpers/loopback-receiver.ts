import { Worker } from "node:worker_threads";

// Plain JS for the worker: the receiver runs on its own thread so that answering requests does
// not compete with the code under test for the main event loop.
const RECEIVER_SOURCE = `
const { createServer } = require("node:http");
const { parentPort, workerData } = require("node:worker_threads");
const counter = new Int32Array(workerData.counter);
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    Atomics.add(counter, 0, 1);
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
});
server.on("connection", () => Atomics.add(counter, 1, 1));
server.keepAliveTimeout = 30000;
server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
parentPort.on("message", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
`;

/** An HTTP endpoint on 127.0.0.1 answering 200 "ok" to everything, counting requests and connections. */
export async function startLoopbackReceiver(): Promise<{
  url: string;
  received: () => number;
  connections: () => number;
  close: () => Promise<void>;
}> {
  const counter = new SharedArrayBuffer(8);
  const worker = new Worker(RECEIVER_SOURCE, { eval: true, workerData: { counter } });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
  });
  const count = new Int32Array(counter);
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received: () => Atomics.load(count, 0),
    connections: () => Atomics.load(count, 1),
    close: () =>
      new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.postMessage("close");
      }),
  };
}
