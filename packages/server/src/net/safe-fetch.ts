/**
 * Outbound HTTP that cannot be turned against the server's own network (SSRF): every hop's host is resolved once,
 * every address checked, and the connection pinned to the checked address so DNS cannot change between the two.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { pipeline, Readable } from "node:stream";
import zlib from "node:zlib";
import { type AddressPolicy, isIpLiteral, normalizeIpLiteral, publicAddressPolicy } from "./address-policy.js";

export type SafeFetchErrorCode =
  | "INVALID_URL"
  | "BLOCKED_SCHEME"
  | "BLOCKED_PORT"
  | "BLOCKED_ADDRESS"
  | "DNS_FAILED"
  | "TOO_MANY_REDIRECTS"
  | "TOO_LARGE"
  | "TIMEOUT"
  | "CONNECTION_FAILED";

export class SafeFetchError extends Error {
  constructor(
    readonly code: SafeFetchErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SafeFetchError";
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a DNS name to every address it has. Injected so tests can map names without touching real DNS. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = async (hostname) => {
  const found = await dnsLookup(hostname, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};

export interface SafeFetchOptions {
  /** Largest decoded body accepted; reading past it fails with TOO_LARGE. */
  maxBytes?: number;
  /** Deadline for the whole exchange: DNS, every redirect hop and reading the body. */
  timeoutMs?: number;
  maxRedirects?: number;
  accept?: string;
  signal?: AbortSignal;
}

export interface SafeResponse {
  /** The address of the final hop, after redirects. */
  url: string;
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Lower-cased media type without parameters, e.g. "text/html". */
  mediaType: string | undefined;
  charset: string | undefined;
  /** The decoded body; errors with TOO_LARGE or TIMEOUT. Destroy it to stop reading early. */
  body: Readable;
}

export interface SafeFetcher {
  fetch(url: string, options?: SafeFetchOptions): Promise<SafeResponse>;
}

export interface SafeFetcherSettings {
  userAgent: string;
  /** Production code uses the default; tests pass policyAllowing([...]) to reach their own loopback server. */
  policy?: AddressPolicy;
  resolve?: Resolver;
  defaults?: Required<Pick<SafeFetchOptions, "maxBytes" | "timeoutMs" | "maxRedirects">>;
}

/** "NexusBot/0.1.0 (+link preview; https://chat.example.org)": says who is fetching and where to complain. */
export function nexusUserAgent(version: string, publicUrl: string): string {
  return `NexusBot/${version} (+link preview${publicUrl ? `; ${publicUrl}` : ""})`;
}

/** Ports browsers refuse to fetch from (the Fetch standard's "bad ports"): mail, shell, IRC and other non-web services. */
const BAD_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110,
  111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532,
  540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061,
  6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080,
]);

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const DEFAULTS = { maxBytes: 1_048_576, timeoutMs: 10_000, maxRedirects: 5 };

export function createSafeFetcher(settings: SafeFetcherSettings): SafeFetcher {
  const policy = settings.policy ?? publicAddressPolicy;
  const resolve = settings.resolve ?? systemResolver;
  const defaults = settings.defaults ?? DEFAULTS;

  /** Checks scheme, port and every address of one hop, and returns the address to connect to. */
  async function vet(url: URL, signal: AbortSignal): Promise<ResolvedAddress> {
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new SafeFetchError("BLOCKED_SCHEME", `${url.protocol} URLs are not fetched`);
    }
    const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
    if (BAD_PORTS.has(port)) throw new SafeFetchError("BLOCKED_PORT", `port ${port} is not a web port`);
    const host = url.hostname;
    let addresses: ResolvedAddress[];
    if (isIpLiteral(host)) {
      const address = normalizeIpLiteral(host);
      addresses = [{ address, family: address.includes(":") ? 6 : 4 }];
    } else {
      addresses = await raceSignal(resolve(host), signal).catch((error: unknown) => {
        if (error instanceof SafeFetchError) throw error;
        throw new SafeFetchError("DNS_FAILED", `${host} could not be resolved`);
      });
    }
    const first = addresses[0];
    if (!first) throw new SafeFetchError("DNS_FAILED", `${host} has no addresses`);
    // One bad address refuses the host: a name that also points inside the network is not fetched at all.
    for (const { address } of addresses) {
      const verdict = policy(address);
      if (!verdict.allowed) {
        throw new SafeFetchError("BLOCKED_ADDRESS", `${host} → ${address} is refused: ${verdict.reason}`);
      }
    }
    return first;
  }

  function send(url: URL, target: ResolvedAddress, accept: string, signal: AbortSignal) {
    const client = url.protocol === "https:" ? https : http;
    const hostname = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
    return new Promise<http.IncomingMessage>((resolveResponse, reject) => {
      const request = client.request({
        hostname,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: { "user-agent": settings.userAgent, accept, "accept-encoding": "gzip, deflate, br" },
        // A fresh agent per hop: no pooled socket from an earlier hop can carry this request elsewhere.
        agent: false,
        lookup: pinnedLookup(target),
        signal,
      });
      request.once("response", resolveResponse);
      request.once("error", (error) => reject(toSafeFetchError(error, signal)));
      request.end();
    });
  }

  return {
    async fetch(rawUrl, options = {}) {
      const maxBytes = options.maxBytes ?? defaults.maxBytes;
      const maxRedirects = options.maxRedirects ?? defaults.maxRedirects;
      const timeout = AbortSignal.timeout(options.timeoutMs ?? defaults.timeoutMs);
      const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
      const accept = options.accept ?? "*/*";
      let url = parseUrl(rawUrl);
      for (let hop = 0; ; hop++) {
        const target = await vet(url, signal);
        const response = await send(url, target, accept, signal);
        const location = response.headers.location;
        if (REDIRECT_STATUSES.has(response.statusCode ?? 0) && location) {
          response.destroy();
          if (hop >= maxRedirects) {
            throw new SafeFetchError("TOO_MANY_REDIRECTS", `more than ${maxRedirects} redirects`);
          }
          url = parseUrl(location, url);
          continue;
        }
        return wrapResponse(url, response, maxBytes, signal);
      }
    },
  };
}

/** Reads a whole (already size-capped) body into memory. */
export async function readBody(response: SafeResponse): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of response.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseUrl(raw: string, base?: URL): URL {
  try {
    // WHATWG parsing normalizes decimal, octal and hex IPv4 forms (2130706433, 0177.0.0.1) to dotted quads.
    const url = new URL(raw, base);
    url.username = "";
    url.password = "";
    url.hash = "";
    return url;
  } catch {
    throw new SafeFetchError("INVALID_URL", "not a valid URL");
  }
}

function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

function wrapResponse(url: URL, response: http.IncomingMessage, maxBytes: number, signal: AbortSignal): SafeResponse {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    throw new SafeFetchError("TOO_LARGE", `the response is ${declared} bytes, more than ${maxBytes}`);
  }
  const [mediaType, ...params] = (response.headers["content-type"] ?? "").split(";").map((part) => part.trim());
  const charset = params
    .find((p) => p.toLowerCase().startsWith("charset="))
    ?.slice(8)
    .replace(/"/g, "");
  return {
    url: url.href,
    status: response.statusCode ?? 0,
    headers: response.headers,
    mediaType: mediaType ? mediaType.toLowerCase() : undefined,
    charset: charset?.toLowerCase(),
    body: Readable.from(limitBody(decode(response), response, maxBytes, signal), { objectMode: false }),
  };
}

function decode(response: http.IncomingMessage): AsyncIterable<Buffer> {
  const encoding = response.headers["content-encoding"]?.trim().toLowerCase();
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? zlib.createGunzip()
      : encoding === "deflate"
        ? zlib.createInflate()
        : encoding === "br"
          ? zlib.createBrotliDecompress()
          : undefined;
  if (!decoder) return response;
  // Errors reach the consumer through the decoder, which pipeline() destroys with them.
  pipeline(response, decoder, () => {});
  return decoder;
}

/** The size cap counts decoded bytes, so a small compressed bomb stops at the same limit. */
async function* limitBody(
  source: AsyncIterable<Buffer>,
  response: http.IncomingMessage,
  maxBytes: number,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  let total = 0;
  try {
    for await (const chunk of source) {
      total += chunk.length;
      if (total > maxBytes) throw new SafeFetchError("TOO_LARGE", `the response is larger than ${maxBytes} bytes`);
      yield chunk;
    }
  } catch (error) {
    throw toSafeFetchError(error, signal);
  } finally {
    response.destroy();
  }
}

function toSafeFetchError(error: unknown, signal: AbortSignal): Error {
  if (error instanceof SafeFetchError) return error;
  if (signal.aborted) {
    const reason = signal.reason as Error | undefined;
    if (reason?.name === "TimeoutError") return new SafeFetchError("TIMEOUT", "the fetch took too long");
    return reason ?? new SafeFetchError("TIMEOUT", "the fetch was aborted");
  }
  return new SafeFetchError("CONNECTION_FAILED", (error as Error).message);
}

function raceSignal<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(toSafeFetchError(signal.reason, signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(toSafeFetchError(signal.reason, signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
