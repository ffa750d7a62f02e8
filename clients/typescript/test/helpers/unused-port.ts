import { holdPort } from "../../../../test/helpers/hold-port.js";

/** A port of 127.0.0.1 that nothing listens on: one the system just handed out and that was closed again. */
export async function unusedPort(): Promise<number> {
  const { server, port } = await holdPort();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return port;
}
