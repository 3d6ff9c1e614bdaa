/**
 * Reads a server's V8 heap through its inspector (the server runs with `--expose-gc --inspect=127.0.0.1:0`): the
 * heap in use after a full collection, which unlike RSS leaves out garbage and the heap's high-water mark.
 */
import WebSocket from "ws";

/** `debuggerUrl` as the server printed it ("Debugger listening on ws://…"). */
export async function heapUsedAfterGc(debuggerUrl: string): Promise<number> {
  const socket = new WebSocket(debuggerUrl);
  try {
    await new Promise((resolve, reject) => {
      socket.once("open", resolve);
      socket.once("error", reject);
    });
    const reply = new Promise<string>((resolve, reject) => {
      socket.on("message", (data) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: { result?: { value?: string } } };
        if (message.id !== 1) return;
        const value = message.result?.result?.value;
        if (typeof value === "string") resolve(value);
        else reject(new Error(`the inspector did not answer: ${data.toString().slice(0, 200)}`));
      });
    });
    // Twice: the first collection may leave objects that only the second finds unreachable (weak references).
    const expression = "globalThis.gc(); globalThis.gc(); String(process.memoryUsage().heapUsed)";
    socket.send(JSON.stringify({ id: 1, method: "Runtime.evaluate", params: { expression } }));
    return Number(await reply);
  } finally {
    socket.close();
  }
}
