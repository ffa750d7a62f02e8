/**
 * The receiving end of the benchmark's outbound side, in its own process so that it takes no CPU from the
 * load generator's: answers every delivery 200 at once and keeps, per distinct webhook-id, the lag from the
 * event's `created_at` to its arrival. `GET /stats` tells what arrived. Loopback only.
 */
import { createServer } from "node:http";

const lagsMs: number[] = [];
const seen = new Set<string>();
let deliveries = 0;

const server = createServer((request, response) => {
  if (request.method === "GET") {
    const sorted = [...lagsMs].sort((a, b) => a - b);
    const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ deliveries, distinct: seen.size, p50Ms: at(0.5), p99Ms: at(0.99) }));
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const arrived = Date.now();
    deliveries += 1;
    const id = String(request.headers["webhook-id"]);
    if (!seen.has(id)) {
      seen.add(id);
      const { created_at: createdAt } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        created_at: string;
      };
      lagsMs.push(arrived - Date.parse(createdAt));
    }
    response.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: `Server listening at http://127.0.0.1:${port}` })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
