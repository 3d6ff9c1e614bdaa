/**
 * Serves the gateway on the HTTP server's `upgrade` event at GET /gateway, using `ws` directly (noServer) rather
 * than @fastify/websocket: the gateway needs none of Fastify's per-request machinery, and owning the socket keeps
 * per-connection memory to what `ws` itself needs.
 */
import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { GATEWAY_LIMITS } from "@nexus/protocol";
import { type WebSocket, WebSocketServer } from "ws";
import type { Config } from "../../config/config.js";
import { FrameFlusher } from "./frame-flusher.js";
import type { Gateway } from "./gateway.js";
import { GatewayConnection } from "./gateway-connection.js";

export const GATEWAY_PATH = "/gateway";
const CLOSE_HANDSHAKE_MS = 1_000;

export interface GatewayServer {
  /** Closes every connection with 1001 and stops accepting new ones. */
  close(): Promise<void>;
}

export function serveGateway(server: Server, gateway: Gateway, config: Config["gateway"]): GatewayServer {
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: GATEWAY_LIMITS.maxInboundFrameBytes,
    // Only frames over 1 KiB are worth compressing; tiny dispatches would grow.
    perMessageDeflate: config.compression ? { threshold: 1024 } : false,
  });
  const settings = {
    heartbeatIntervalMs: config.heartbeatIntervalMs,
    identifyTimeoutMs: config.identifyTimeoutMs,
    maxSendBufferBytes: config.maxSendBufferBytes,
    framesPerWindow: GATEWAY_LIMITS.framesPerWindow,
    frameWindowMs: GATEWAY_LIMITS.frameWindowMs,
  };
  const flusher = new FrameFlusher();
  const open = new Map<WebSocket, GatewayConnection>();
  let closing = false;

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = (request.url ?? "").split("?")[0];
    if (closing || path !== GATEWAY_PATH) {
      socket.end(`HTTP/1.1 ${closing ? "503 Service Unavailable" : "404 Not Found"}\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      open.set(ws, new GatewayConnection({ socket: ws, raw: socket }, gateway, settings, flusher));
      ws.once("close", () => open.delete(ws));
    });
  };
  server.on("upgrade", onUpgrade);

  return {
    async close() {
      closing = true;
      server.off("upgrade", onUpgrade);
      const sockets = [...open.keys()];
      const closed = Promise.all(sockets.map((ws) => new Promise((resolve) => ws.once("close", resolve))));
      for (const connection of open.values()) connection.close(1001, "Server shutting down");
      gateway.close();
      // Clients normally answer the close frame at once; do not let a silent one hold up shutdown.
      const timer = setTimeout(() => {
        for (const ws of sockets) ws.terminate();
      }, CLOSE_HANDSHAKE_MS);
      await closed;
      clearTimeout(timer);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
