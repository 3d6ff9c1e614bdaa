/**
 * Scale-out blob store on any S3-compatible service (AWS S3, MinIO, R2, …). Uploads are staged on local disk first:
 * the object name is the content's SHA-256, known only once every byte has arrived, and S3 needs the length up front.
 */
import { createReadStream } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { AwsV4Signer } from "aws4fetch";
import {
  assertBlobKey,
  type BlobKey,
  BlobNotFoundError,
  type BlobRange,
  BlobRangeError,
  type BlobReadResult,
  type BlobStore,
  type ByteSource,
  type PutOptions,
  resolveRange,
  type StoredBlob,
} from "./blob-store.js";
import { stageStream } from "./staging.js";

export interface S3Settings {
  /** e.g. "https://s3.eu-central-1.amazonaws.com" or "http://minio:9000"; empty: AWS for the region. */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Address objects as endpoint/bucket/key (MinIO and most self-hosted servers) instead of bucket.endpoint/key. */
  forcePathStyle: boolean;
  /** Prepended to every object name, so Nexus can share a bucket. */
  prefix: string;
  /** Local directory for staging uploads before they are sent. */
  tempDir: string;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const ATTEMPTS = 3;
const REQUEST_TIMEOUT_MS = 60_000;

interface S3Request {
  method: "GET" | "HEAD" | "PUT" | "DELETE";
  key: BlobKey;
  headers?: Record<string, string>;
  /** Opens the body afresh for each attempt. */
  body?: () => Readable;
  payloadSha256?: string;
}

export class S3BlobStore implements BlobStore {
  private readonly agent: http.Agent;
  private readonly base: URL;

  constructor(private readonly settings: S3Settings) {
    if (!/^[A-Za-z0-9/_.-]*$/.test(settings.prefix))
      throw new Error("storage.s3.prefix: letters, digits and /_.- only");
    const endpoint = new URL(settings.endpoint || `https://s3.${settings.region}.amazonaws.com`);
    this.base = settings.forcePathStyle
      ? new URL(`${endpoint.origin}/${settings.bucket}/`)
      : new URL(`${endpoint.protocol}//${settings.bucket}.${endpoint.host}/`);
    const Agent = this.base.protocol === "https:" ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 32 });
  }

  async put(source: ByteSource, options: PutOptions = {}): Promise<StoredBlob> {
    const staged = await stageStream(source, { dir: this.settings.tempDir, maxBytes: options.maxBytes });
    try {
      const stored = { key: staged.sha256, sha256: staged.sha256, size: staged.size };
      await options.claim?.(staged.sha256);
      if (await this.exists(staged.sha256)) return stored;
      // Signing the real payload hash makes S3 verify the bytes it received are the bytes we hashed.
      const response = await this.send({
        method: "PUT",
        key: staged.sha256,
        headers: { "content-length": String(staged.size), "content-type": "application/octet-stream" },
        body: () => createReadStream(staged.path),
        payloadSha256: staged.sha256,
      });
      await expectStatus(response, [200], "PUT", staged.sha256);
      return stored;
    } finally {
      await staged.discard();
    }
  }

  async get(key: BlobKey, range?: BlobRange): Promise<BlobReadResult> {
    assertBlobKey(key);
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end ?? ""}` } : {};
    const response = await this.send({ method: "GET", key, headers });
    if (response.statusCode === 404) throw drained(response, new BlobNotFoundError(key));
    if (response.statusCode === 416) {
      const size = Number(/\/(\d+)$/.exec(String(response.headers["content-range"]))?.[1] ?? 0);
      throw drained(response, new BlobRangeError(range?.start ?? 0, size));
    }
    if (response.statusCode === 206) {
      const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(String(response.headers["content-range"]));
      if (!match) throw drained(response, new Error(`S3 GET ${key}: malformed Content-Range`));
      return { stream: response, start: Number(match[1]), end: Number(match[2]), size: Number(match[3]) };
    }
    await expectStatus(response, [200], "GET", key);
    const size = Number(response.headers["content-length"]);
    // A server that ignores Range answers 200 with the whole object; resolveRange still validates the request.
    const { start, end } = resolveRange(range, size);
    if (range && (start !== 0 || end !== size - 1)) {
      throw drained(response, new Error(`S3 GET ${key}: the server ignored the Range header`));
    }
    return { stream: response, size, start, end };
  }

  async stat(key: BlobKey): Promise<{ size: number } | undefined> {
    assertBlobKey(key);
    const response = await this.send({ method: "HEAD", key });
    response.resume();
    if (response.statusCode === 404) return undefined;
    await expectStatus(response, [200], "HEAD", key);
    return { size: Number(response.headers["content-length"]) };
  }

  async exists(key: BlobKey): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: BlobKey): Promise<void> {
    assertBlobKey(key);
    const response = await this.send({ method: "DELETE", key });
    await expectStatus(response, [200, 204, 404], "DELETE", key);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  /** Signs and sends one request, retrying network failures, throttling and 5xx (every call here is idempotent). */
  private async send(request: S3Request): Promise<http.IncomingMessage> {
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await this.sendOnce(request);
        const status = response.statusCode ?? 0;
        if ((status >= 500 || status === 429) && attempt < ATTEMPTS) {
          response.resume();
        } else {
          return response;
        }
      } catch (error) {
        if (attempt >= ATTEMPTS) throw error;
      }
      await sleep(100 * 2 ** attempt);
    }
  }

  private async sendOnce(request: S3Request): Promise<http.IncomingMessage> {
    const url = new URL(`${this.settings.prefix}${request.key}`, this.base);
    const signer = new AwsV4Signer({
      method: request.method,
      url: url.href,
      headers: { ...request.headers, "x-amz-content-sha256": request.payloadSha256 ?? EMPTY_SHA256 },
      accessKeyId: this.settings.accessKeyId,
      secretAccessKey: this.settings.secretAccessKey,
      service: "s3",
      region: this.settings.region,
    });
    const signed = await signer.sign();
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(url, {
        method: request.method,
        headers: Object.fromEntries(signed.headers),
        agent: this.agent,
        timeout: REQUEST_TIMEOUT_MS,
      });
      req.once("response", resolve);
      req.once("error", reject);
      req.once("timeout", () => req.destroy(new Error(`S3 ${request.method} timed out`)));
      const body = request.body?.();
      if (body) {
        body.once("error", (error) => req.destroy(error));
        body.pipe(req);
      } else {
        req.end();
      }
    });
  }
}

async function expectStatus(response: http.IncomingMessage, ok: number[], method: string, key: string) {
  const status = response.statusCode ?? 0;
  if (ok.includes(status)) {
    if (method !== "GET") response.resume();
    return;
  }
  let text = "";
  for await (const chunk of response) {
    if (text.length < 4096) text += String(chunk);
  }
  const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? "no error code";
  throw new Error(`S3 ${method} ${key}: HTTP ${status} (${code})`);
}

/** Discards the body of a response that is being turned into an error, so its socket can be reused. */
function drained(response: http.IncomingMessage, error: Error): Error {
  response.resume();
  return error;
}
