/**
 * The ceiling: a plain Fastify route at the same path that parses the JSON body and answers 202 with a new
 * UUID. No authentication, validation or storage.
 */
import { randomUUID } from "node:crypto";
import Fastify from "fastify";

const app = Fastify({ logger: false, bodyLimit: 1_048_576 });
app.post("/v4/organisations/:trkref/customer_order", async (request, reply) => {
  const body = request.body as { order_ref?: unknown };
  const id = randomUUID();
  return reply
    .code(202)
    .header("location", `/v4/customer_orders/${id}`)
    .send({ status: 202, id, message: "Customer order accepted", order_ref: body.order_ref });
});
const url = await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT ?? 0) });
process.stdout.write(`${JSON.stringify({ msg: `Server listening at ${url}` })}\n`);
process.on("SIGTERM", () => app.close().then(() => process.exit(0)));
