/** Factories for file tests: multipart uploads, and reading what a download returns. */
import type { TestUser } from "./factories.js";
import type { TestResponse } from "./test-client.js";
import type { TestServer } from "./test-server.js";

export interface UploadOptions {
  filename?: string;
  /** The type the client claims for the part (never trusted). */
  type?: string;
  fields?: Record<string, string>;
  /** Where the fields go relative to the file part. */
  fieldsAfterFile?: boolean;
}

export function upload(
  t: TestServer,
  user: Pick<TestUser, "token">,
  channelId: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<TestResponse> {
  return sendForm(t, user, "POST", `/api/v1/channels/${channelId}/attachments`, bytes, options);
}

/** Sends `bytes` as the `file` part of a multipart form. */
export async function sendForm(
  t: TestServer,
  user: Pick<TestUser, "token">,
  method: string,
  path: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<TestResponse> {
  const form = new FormData();
  const fields = Object.entries(options.fields ?? {});
  if (!options.fieldsAfterFile) for (const [name, value] of fields) form.append(name, value);
  form.append("file", new Blob([bytes], { type: options.type ?? "" }), options.filename ?? "file.bin");
  if (options.fieldsAfterFile) for (const [name, value] of fields) form.append(name, value);
  const response = await fetch(`${t.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${user.token}` },
    body: form,
  });
  const text = await response.text();
  const body = response.headers.get("content-type")?.includes("application/json") ? JSON.parse(text) : text;
  return { status: response.status, headers: response.headers, body };
}

/** Uploads and expects 201; returns the uploaded attachment. */
export async function uploadOk(
  t: TestServer,
  user: Pick<TestUser, "token">,
  channelId: string,
  bytes: Uint8Array,
  options: UploadOptions = {},
): Promise<any> {
  const res = await upload(t, user, channelId, bytes, options);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

/** GETs a /media path with a bearer token, a cookie header, or nothing. */
export async function download(
  t: TestServer,
  path: string,
  auth: { token?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Download> {
  const headers: Record<string, string> = { ...auth.headers };
  if (auth.token) headers.authorization = `Bearer ${auth.token}`;
  if (auth.cookie) headers.cookie = auth.cookie;
  const response = await fetch(`${t.baseUrl}${path}`, { headers });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}
