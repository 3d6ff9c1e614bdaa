/** A keep-alive JSON client over node:http for the runner and the load generators (no fetch overhead per call). */
import http from "node:http";

export interface JsonResponse<T> {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: T;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} failed with HTTP ${status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export class JsonClient {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(baseUrl: string, maxSockets = 64) {
    const url = new URL(baseUrl);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request<T = unknown>(method: string, path: string, body?: unknown, token?: string): Promise<JsonResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers: http.OutgoingHttpHeaders = {};
    if (payload !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(payload);
    }
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: this.host, port: this.port, method, path, headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            let parsed: unknown = text;
            if (text && response.headers["content-type"]?.includes("application/json")) parsed = JSON.parse(text);
            resolve({ status: response.statusCode ?? 0, headers: response.headers, body: parsed as T });
          });
          response.on("error", reject);
        },
      );
      request.on("error", reject);
      request.end(payload);
    });
  }

  /** Like request, but throws unless the status is one of `expected`. */
  async expect<T = unknown>(
    expected: number[],
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<T> {
    const response = await this.request<T>(method, path, body, token);
    if (!expected.includes(response.status)) throw new HttpError(response.status, response.body, `${method} ${path}`);
    return response.body;
  }

  close(): void {
    this.agent.destroy();
  }
}
