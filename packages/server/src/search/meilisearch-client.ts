/**
 * The part of Meilisearch's REST API (v1.x, from v1.2 for delete-by-filter) the adapter uses, over plain fetch.
 * Writes answer 202 with an enqueued task; Meilisearch applies them asynchronously, in the order they were enqueued.
 */

export interface MeilisearchTask {
  taskUid: number;
  status: "enqueued" | "processing" | "succeeded" | "failed" | "canceled";
}

export interface MeilisearchSearchRequest {
  q: string;
  filter: string;
  sort: string[];
  limit: number;
  offset: number;
  matchingStrategy: "all";
  attributesToRetrieve: string[];
}

export interface MeilisearchSearchResponse<T> {
  hits: T[];
  estimatedTotalHits: number;
}

/** Meilisearch could not be reached or refused a request; `status` is absent when nothing answered. */
export class MeilisearchError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "MeilisearchError";
  }
}

/** How long one request may take; a hung Meilisearch must not hold a search or a push forever. */
const REQUEST_TIMEOUT_MS = 10_000;

export class MeilisearchClient {
  private readonly base: string;

  constructor(
    url: string,
    private readonly apiKey: string,
    readonly index: string,
  ) {
    this.base = url.replace(/\/+$/, "");
  }

  /** Sets the given settings of the index, leaving others as they are (creating the index if needed). */
  updateSettings(settings: Record<string, unknown>): Promise<MeilisearchTask> {
    return this.request("PATCH", `/indexes/${this.index}/settings`, settings);
  }

  /** Adds documents, replacing whole documents that have the same primary key. */
  addDocuments(documents: object[], primaryKey: string): Promise<MeilisearchTask> {
    return this.request("POST", `/indexes/${this.index}/documents?primaryKey=${primaryKey}`, documents);
  }

  deleteDocuments(ids: string[]): Promise<MeilisearchTask> {
    return this.request("POST", `/indexes/${this.index}/documents/delete-batch`, ids);
  }

  deleteDocumentsWhere(filter: string): Promise<MeilisearchTask> {
    return this.request("POST", `/indexes/${this.index}/documents/delete`, { filter });
  }

  search<T>(request: MeilisearchSearchRequest): Promise<MeilisearchSearchResponse<T>> {
    return this.request("POST", `/indexes/${this.index}/search`, request);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new MeilisearchError(`Meilisearch is unreachable: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) {
      // Meilisearch errors are {"message", "code", "type", "link"}.
      const message = safeJson<{ message?: string }>(text)?.message ?? text.slice(0, 200);
      throw new MeilisearchError(`Meilisearch ${method} ${path}: ${response.status} ${message}`, response.status);
    }
    return safeJson<T>(text) as T;
  }
}

function safeJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
