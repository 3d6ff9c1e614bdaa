/**
 * The only module that talks HTTP to the API. It attaches the access token, and when the server answers
 * 401 TOKEN_EXPIRED it rotates the refresh token once and retries. Refreshes are serialized — within this tab
 * by sharing one in-flight promise, across tabs with a Web Lock — because presenting a refresh token twice
 * counts as theft on the server and ends the session.
 */
import type { ErrorBody } from "@nexus/protocol";
import { ApiError } from "./api-error.js";
import type { TokenPair, TokenStore } from "./token-store.js";

export const API_BASE = "/api/v1";
const REFRESH_LOCK = "nexus.token-refresh";
const SESSION_ERRORS = new Set(["UNAUTHORIZED", "INVALID_TOKEN", "TOKEN_EXPIRED"]);

export interface RequestOptions {
  body?: unknown;
  /** Send the access token (default true). */
  auth?: boolean;
  signal?: AbortSignal;
  /** Read the answer as a Blob (a file download) instead of JSON. */
  blob?: boolean;
}

export class ApiClient {
  private refreshing: Promise<string> | null = null;

  constructor(
    private readonly tokens: TokenStore,
    /** Called when the session is gone for good (refresh token rejected): the app signs the user out. */
    private readonly onSessionEnded: () => void,
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  get<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>("GET", path, options);
  }
  post<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>("POST", path, { ...options, body });
  }
  patch<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>("PATCH", path, { ...options, body });
  }
  put<T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> {
    return this.request<T>("PUT", path, { ...options, body });
  }
  delete<T>(path: string, options?: RequestOptions): Promise<T> {
    return this.request<T>("DELETE", path, options);
  }

  hasSession(): boolean {
    return this.tokens.refreshToken() !== null;
  }

  /** Stores a token pair from login, register or recovery. */
  startSession(pair: TokenPair): void {
    this.tokens.save(pair);
  }

  /** Forgets the tokens locally; the caller decides whether to tell the server first. */
  endSession(): void {
    this.tokens.clear();
  }

  /** A valid access token, refreshing first when the one in memory is missing or about to expire. */
  async accessToken(): Promise<string> {
    return this.tokens.freshAccessToken() ?? this.refresh(this.tokens.currentAccessToken());
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    let token = auth ? await this.accessToken() : null;
    let response = await this.send(method, path, options, token);
    if (auth && response.status === 401) {
      const error = await this.toError(response);
      if (error.code !== "TOKEN_EXPIRED") throw this.classify401(error);
      token = await this.refresh(token);
      response = await this.send(method, path, options, token);
    }
    if (!response.ok) {
      const error = await this.toError(response);
      throw auth && response.status === 401 ? this.classify401(error) : error;
    }
    if (response.status === 204) return undefined as T;
    return (options.blob ? await response.blob() : await response.json()) as T;
  }

  /** A 401 about the token itself ends the session; others (a wrong password on a confirm step) do not. */
  private classify401(error: ApiError): ApiError {
    return SESSION_ERRORS.has(error.code) ? this.sessionFailure(error) : error;
  }

  /** Rotates the refresh token unless someone already replaced `staleAccess`; joins a refresh in flight. */
  private refresh(staleAccess: string | null): Promise<string> {
    const current = this.tokens.currentAccessToken();
    if (current && current !== staleAccess && this.tokens.freshAccessToken()) return Promise.resolve(current);
    this.refreshing ??= this.withCrossTabLock(() => this.rotate()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async rotate(): Promise<string> {
    const refreshToken = this.tokens.refreshToken();
    if (!refreshToken) throw this.sessionFailure(new ApiError(401, { code: "UNAUTHORIZED", message: "Signed out." }));
    const response = await this.send("POST", "/auth/refresh", { body: { refresh_token: refreshToken } }, null);
    if (!response.ok) {
      const error = await this.toError(response);
      // Only a definite rejection ends the session; a 429 or 5xx leaves the tokens for the next attempt.
      if (response.status === 401) throw this.sessionFailure(error);
      throw error;
    }
    const pair = (await response.json()) as TokenPair;
    this.tokens.save(pair);
    return pair.access_token;
  }

  private async withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
    // Web Locks exist only in secure contexts (https, localhost); elsewhere the in-tab promise still serializes.
    if (typeof navigator !== "undefined" && navigator.locks) return navigator.locks.request(REFRESH_LOCK, task);
    return task();
  }

  private sessionFailure(error: ApiError): ApiError {
    this.tokens.clear();
    this.onSessionEnded();
    return error;
  }

  private async send(method: string, path: string, options: RequestOptions, token: string | null): Promise<Response> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.body);
    }
    try {
      return await this.fetcher(`${API_BASE}${path}`, { method, headers, body, signal: options.signal ?? null });
    } catch (cause) {
      if (options.signal?.aborted) throw cause;
      throw ApiError.network(cause);
    }
  }

  private async toError(response: Response): Promise<ApiError> {
    try {
      const body = (await response.json()) as ErrorBody;
      if (body?.error?.code) return new ApiError(response.status, body.error);
    } catch {
      // Not our JSON error shape (a proxy's HTML page, say): fall through to a generic error.
    }
    return new ApiError(response.status, {
      code: response.status >= 500 ? "INTERNAL_ERROR" : "UNKNOWN_ERROR",
      message: response.status >= 500 ? "The server had a problem. Try again in a moment." : response.statusText,
    });
  }
}
