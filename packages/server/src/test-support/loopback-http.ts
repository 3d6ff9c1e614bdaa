/** Small HTTP servers on loopback for outbound-fetch tests, counting every TCP connection they receive. */
import diagnostics from "node:diagnostics_channel";
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface LoopbackServer {
  /** "http://127.0.0.1:PORT" (or "http://[::1]:PORT"). */
  origin: string;
  port: number;
  /** TCP connections accepted so far: a refused fetch must leave this at 0. */
  connections: number;
  /** Request lines and headers seen, in order. */
  requests: { url: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export async function startLoopbackServer(
  handler: http.RequestListener = (_req, res) => res.end("ok"),
  host = "127.0.0.1",
): Promise<LoopbackServer> {
  const server = http.createServer((req, res) => {
    state.requests.push({ url: req.url ?? "", headers: req.headers });
    handler(req, res);
  });
  server.on("connection", () => {
    state.connections++;
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const state: LoopbackServer = {
    origin: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    port,
    connections: 0,
    requests: [],
    close,
    [Symbol.asyncDispose]: close,
  };
  return state;
}

/** Counts client sockets this process creates (any destination) while the returned watcher is open. */
export function watchOutboundSockets(): { readonly count: number; [Symbol.dispose](): void } {
  let count = 0;
  const onSocket = () => {
    count++;
  };
  diagnostics.subscribe("net.client.socket", onSocket);
  return {
    get count() {
      return count;
    },
    [Symbol.dispose]: () => diagnostics.unsubscribe("net.client.socket", onSocket),
  };
}
