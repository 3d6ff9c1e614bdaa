/**
 * An in-process stand-in for Meilisearch (which cannot be installed here), implementing the subset of its v1 REST
 * API the adapter uses, with the documented request and response shapes: PATCH settings, document add-or-replace,
 * delete-batch and delete-by-filter, search (q with "phrases" and words, matchingStrategy "all", filter expressions
 * with AND/OR/NOT/parentheses, = != < <= > >= IN and NOT IN, array attributes matching on any element, sort,
 * offset/limit capped by pagination.maxTotalHits, attributesToRetrieve) and GET /tasks/:uid. Writes answer 202
 * with an enqueued task and become visible only when the task queue processes them, in order, one per tick.
 * Not emulated: typo tolerance (the adapter turns it off), ranking rules beyond `sort`, and relevance scores.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

type Doc = Record<string, unknown>;
interface Index {
  primaryKey: string | undefined;
  settings: Record<string, unknown>;
  docs: Map<string, Doc>;
}
interface Task {
  taskUid: number;
  indexUid: string;
  status: "enqueued" | "processing" | "succeeded" | "failed";
  type: string;
  enqueuedAt: string;
  error: { message: string; code: string; type: string } | null;
  apply: () => void;
}

class MeiliFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface MeilisearchStandIn extends AsyncDisposable {
  url: string;
  apiKey: string;
  /** "503": every request answers 503; "down": every connection is cut; null: working. */
  outage: "503" | "down" | null;
  /** Documents of an index, as stored (for assertions). */
  documents(index: string): Doc[];
  settings(index: string): Record<string, unknown> | undefined;
  /** Requests received, as "METHOD path". */
  requests: string[];
  /** Resolves once every task enqueued so far has been processed. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export async function startMeilisearchStandIn(apiKey = "test-master-key"): Promise<MeilisearchStandIn> {
  const indexes = new Map<string, Index>();
  const tasks: Task[] = [];
  const queue: Task[] = [];
  let waiters: (() => void)[] = [];
  let processing = false;

  const indexFor = (uid: string) => {
    let index = indexes.get(uid);
    if (!index) {
      index = { primaryKey: undefined, settings: {}, docs: new Map() };
      indexes.set(uid, index);
    }
    return index;
  };

  const processNext = () => {
    const task = queue.shift();
    if (!task) {
      processing = false;
      for (const wake of waiters) wake();
      waiters = [];
      return;
    }
    task.status = "processing";
    try {
      task.apply();
      task.status = "succeeded";
    } catch (error) {
      const failure = error instanceof MeiliFailure ? error : new MeiliFailure("internal", String(error));
      task.status = "failed";
      task.error = { message: failure.message, code: failure.code, type: "invalid_request" };
    }
    setImmediate(processNext);
  };

  const enqueue = (indexUid: string, type: string, apply: () => void) => {
    const task: Task = {
      taskUid: tasks.length,
      indexUid,
      status: "enqueued",
      type,
      enqueuedAt: new Date().toISOString(),
      error: null,
      apply,
    };
    tasks.push(task);
    queue.push(task);
    if (!processing) {
      processing = true;
      setImmediate(processNext);
    }
    return { taskUid: task.taskUid, indexUid, status: "enqueued", type, enqueuedAt: task.enqueuedAt };
  };

  const route = (method: string, path: string, query: URLSearchParams, body: unknown): [number, unknown] => {
    let m = path.match(/^\/indexes\/([^/]+)\/settings$/);
    if (m && method === "PATCH") {
      const uid = m[1] as string;
      const changes = body as Record<string, unknown>;
      return [202, enqueue(uid, "settingsUpdate", () => Object.assign(indexFor(uid).settings, changes))];
    }
    m = path.match(/^\/indexes\/([^/]+)\/documents$/);
    if (m && method === "POST") {
      const uid = m[1] as string;
      const docs = body as Doc[];
      if (!Array.isArray(docs)) throw new MeiliFailure("malformed_payload", "documents must be an array");
      const primaryKey = query.get("primaryKey") ?? undefined;
      return [
        202,
        enqueue(uid, "documentAdditionOrUpdate", () => {
          const index = indexFor(uid);
          index.primaryKey ??= primaryKey;
          if (!index.primaryKey) throw new MeiliFailure("index_primary_key_no_candidate_found", "no primary key");
          for (const doc of docs) index.docs.set(String(doc[index.primaryKey]), doc);
        }),
      ];
    }
    m = path.match(/^\/indexes\/([^/]+)\/documents\/delete-batch$/);
    if (m && method === "POST") {
      const uid = m[1] as string;
      const ids = body as unknown[];
      return [
        202,
        enqueue(uid, "documentDeletion", () => {
          for (const id of ids) indexFor(uid).docs.delete(String(id));
        }),
      ];
    }
    m = path.match(/^\/indexes\/([^/]+)\/documents\/delete$/);
    if (m && method === "POST") {
      const uid = m[1] as string;
      const { filter } = body as { filter: string };
      return [
        202,
        enqueue(uid, "documentDeletion", () => {
          const index = indexFor(uid);
          const matches = compileFilter(filter, filterable(index), "invalid_document_filter");
          for (const [id, doc] of index.docs) if (matches(doc)) index.docs.delete(id);
        }),
      ];
    }
    m = path.match(/^\/indexes\/([^/]+)\/search$/);
    if (m && method === "POST") {
      const index = indexes.get(m[1] as string);
      if (!index) throw new MeiliFailure("index_not_found", `Index \`${m[1]}\` not found.`, 404);
      return [200, search(index, body as SearchBody)];
    }
    m = path.match(/^\/tasks\/(\d+)$/);
    if (m && method === "GET") {
      const task = tasks[Number(m[1])];
      if (!task) throw new MeiliFailure("task_not_found", `Task \`${m[1]}\` not found.`, 404);
      const { apply: _, ...shown } = task;
      return [200, shown];
    }
    throw new MeiliFailure("not_found", `${method} ${path} is not part of the stand-in`, 404);
  };

  const state = {
    url: "",
    apiKey,
    outage: null as MeilisearchStandIn["outage"],
    requests: [] as string[],
  };
  const server = http.createServer((req, res) => {
    if (state.outage === "down") return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://standin");
      state.requests.push(`${req.method} ${url.pathname}`);
      const send = (status: number, payload: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(payload));
      if (state.outage === "503") return send(503, { message: "unavailable", code: "unavailable", type: "system" });
      const auth = req.headers.authorization;
      if (!auth) return send(401, { message: "missing key", code: "missing_authorization_header", type: "auth" });
      if (auth !== `Bearer ${apiKey}`) return send(403, { message: "bad key", code: "invalid_api_key", type: "auth" });
      try {
        const raw = Buffer.concat(chunks).toString("utf8");
        const [status, payload] = route(
          req.method ?? "GET",
          url.pathname,
          url.searchParams,
          raw ? JSON.parse(raw) : undefined,
        );
        send(status, payload);
      } catch (error) {
        const failure = error instanceof MeiliFailure ? error : new MeiliFailure("bad_request", String(error));
        send(failure.status, { message: failure.message, code: failure.code, type: "invalid_request" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return Object.assign(state, {
    documents: (uid: string) => [...(indexes.get(uid)?.docs.values() ?? [])],
    settings: (uid: string) => indexes.get(uid)?.settings,
    idle: () => (processing ? new Promise<void>((resolve) => waiters.push(resolve)) : Promise.resolve()),
    close,
    [Symbol.asyncDispose]: close,
  });
}

interface SearchBody {
  q?: string;
  filter?: string;
  sort?: string[];
  limit?: number;
  offset?: number;
  matchingStrategy?: "all" | "last";
  attributesToRetrieve?: string[];
}

const filterable = (index: Index) => (index.settings.filterableAttributes as string[] | undefined) ?? [];

function search(index: Index, body: SearchBody) {
  const limit = body.limit ?? 20;
  const offset = body.offset ?? 0;
  const maxTotalHits = (index.settings.pagination as { maxTotalHits?: number } | undefined)?.maxTotalHits ?? 1000;
  const matches = body.filter ? compileFilter(body.filter, filterable(index), "invalid_search_filter") : () => true;
  const searchable = (index.settings.searchableAttributes as string[] | undefined) ?? ["*"];
  const query = parseQuery(body.q ?? "");
  let hits = [...index.docs.values()].filter(
    (doc) => matches(doc) && matchesQuery(doc, searchable, query, body.matchingStrategy ?? "last"),
  );
  const sortable = (index.settings.sortableAttributes as string[] | undefined) ?? [];
  const sort = (body.sort ?? []).map((s) => {
    const [attribute, direction] = s.split(":") as [string, string];
    if (!sortable.includes(attribute))
      throw new MeiliFailure("invalid_search_sort", `Attribute \`${attribute}\` is not sortable.`);
    return { attribute, sign: direction === "desc" ? -1 : 1 };
  });
  hits = hits.sort((a, b) => {
    for (const { attribute, sign } of sort) {
      const x = a[attribute] as number;
      const y = b[attribute] as number;
      if (x !== y) return x < y ? -sign : sign;
    }
    return 0;
  });
  const reachable = hits.slice(0, maxTotalHits);
  const retrieve = body.attributesToRetrieve ?? ["*"];
  return {
    hits: reachable
      .slice(offset, offset + limit)
      .map((doc) =>
        retrieve.includes("*") ? doc : Object.fromEntries(retrieve.filter((a) => a in doc).map((a) => [a, doc[a]])),
      ),
    query: body.q ?? "",
    processingTimeMs: 0,
    limit,
    offset,
    estimatedTotalHits: reachable.length,
  };
}

const words = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

function parseQuery(q: string): { phrases: string[][]; words: string[] } {
  const phrases: string[][] = [];
  const loose: string[] = [];
  for (const match of q.matchAll(/"([^"]*)"|([^\s"]+)/g)) {
    if (match[1] !== undefined) phrases.push(words(match[1]));
    else loose.push(...words(match[2] ?? ""));
  }
  return { phrases: phrases.filter((p) => p.length > 0), words: loose };
}

function matchesQuery(doc: Doc, searchable: string[], query: ReturnType<typeof parseQuery>, strategy: string) {
  if (query.phrases.length === 0 && query.words.length === 0) return true;
  const attributes = searchable.includes("*") ? Object.keys(doc) : searchable;
  const texts = attributes.flatMap((a) => (typeof doc[a] === "string" ? [words(doc[a] as string)] : []));
  const has = (phrase: string[], prefix: boolean) =>
    texts.some((tokens) =>
      tokens.some((_, i) =>
        phrase.every((w, j) => {
          const token = tokens[i + j];
          return token !== undefined && (prefix && j === phrase.length - 1 ? token.startsWith(w) : token === w);
        }),
      ),
    );
  const phrasesOk = query.phrases.every((p) => has(p, false));
  // "last" drops words from the end until something matches; "all" needs every word. Only the last word is a prefix.
  const wordOk = query.words.map((w, i) => has([w], i === query.words.length - 1));
  return phrasesOk && (strategy === "all" ? wordOk.every(Boolean) : wordOk.length === 0 || wordOk[0] === true);
}

/** Compiles a Meilisearch filter expression into a predicate, refusing attributes that are not filterable. */
function compileFilter(expression: string, filterableAttributes: string[], errorCode: string): (doc: Doc) => boolean {
  const tokens = expression.match(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|!=|<=|>=|[()[\],=<>]|[^\s()[\],=<>!]+/g) ?? [];
  let pos = 0;
  const fail = (message: string): never => {
    throw new MeiliFailure(errorCode, message);
  };
  const peek = () => tokens[pos];
  const next = () => tokens[pos++] ?? fail(`unexpected end of filter \`${expression}\``);
  const keyword = (word: string) => peek()?.toUpperCase() === word;
  const value = () => {
    const token = next();
    return /^["']/.test(token) ? JSON.parse(`"${token.slice(1, -1)}"`) : token;
  };
  type Predicate = (doc: Doc) => boolean;
  const values = (doc: Doc, attribute: string): unknown[] => {
    const v = doc[attribute];
    return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  };
  const condition = (): Predicate => {
    if (peek() === "(") {
      next();
      const inner = or();
      if (next() !== ")") fail("expected )");
      return inner;
    }
    if (keyword("NOT")) {
      next();
      const inner = condition();
      return (doc) => !inner(doc);
    }
    const attribute = next();
    if (!filterableAttributes.includes(attribute))
      fail(
        `Attribute \`${attribute}\` is not filterable. Available filterable attributes are: ${filterableAttributes}.`,
      );
    const negated = keyword("NOT");
    if (negated) next();
    const op = next().toUpperCase();
    if (op === "IN") {
      if (next() !== "[") fail("expected [");
      const list: string[] = [];
      while (peek() !== "]") {
        list.push(String(value()));
        if (peek() === ",") next();
      }
      next();
      return (doc) => values(doc, attribute).some((v) => list.includes(String(v))) !== negated;
    }
    const operand = String(value());
    const number = Number(operand);
    const compare: Record<string, (v: unknown) => boolean> = {
      "=": (v) => String(v) === operand,
      "!=": (v) => String(v) !== operand,
      "<": (v) => typeof v === "number" && v < number,
      "<=": (v) => typeof v === "number" && v <= number,
      ">": (v) => typeof v === "number" && v > number,
      ">=": (v) => typeof v === "number" && v >= number,
    };
    const test = compare[op] ?? fail(`unknown operator \`${op}\``);
    return (doc) => values(doc, attribute).some(test);
  };
  const and = (): Predicate => {
    const parts = [condition()];
    while (keyword("AND")) {
      next();
      parts.push(condition());
    }
    return (doc) => parts.every((p) => p(doc));
  };
  const or = (): Predicate => {
    const parts = [and()];
    while (keyword("OR")) {
      next();
      parts.push(and());
    }
    return (doc) => parts.some((p) => p(doc));
  };
  const predicate = or();
  if (pos < tokens.length) fail(`unexpected \`${peek()}\` in filter`);
  return predicate;
}
