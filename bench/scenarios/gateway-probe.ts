/** Whether the server under test has the WebSocket gateway: it must answer an upgrade at /gateway with hello. */
import WebSocket from "ws";
import { NotAvailable } from "../lib/scenario.js";

export function requireGateway(baseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/gateway`);
    const fail = (why: string) => {
      socket.terminate();
      reject(new NotAvailable(`the server has no WebSocket gateway at /gateway (${why}; gateway, issue 4)`));
    };
    const timer = setTimeout(() => fail("no hello within 5 s"), 5_000);
    socket.once("message", () => {
      clearTimeout(timer);
      socket.close(1000);
      resolve();
    });
    socket.once("unexpected-response", (_request, response) => {
      clearTimeout(timer);
      fail(`upgrade answered with HTTP ${response.statusCode}`);
    });
    socket.once("error", (error) => {
      clearTimeout(timer);
      fail(error.message);
    });
  });
}
