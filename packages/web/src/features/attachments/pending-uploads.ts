/**
 * Files chosen for the next message, per channel: each uploads at once (with progress) and can be cancelled; its
 * spoiler flag and alt text are saved on the upload before the message is sent.
 */
import { type Attachment, MAX_ATTACHMENTS_PER_MESSAGE, type UploadedAttachment } from "@nexus/protocol";
import { describeError } from "../../api/api-error.js";
import { Store, useStore } from "../../state/store.js";
import { updateAttachment, uploadAttachment } from "./upload-api.js";

export interface PendingUpload {
  key: string;
  file: File;
  /** What the user chose; saved on the upload when it differs from `uploaded`. */
  spoiler: boolean;
  description: string;
  /** 0..1 while uploading. */
  progress: number;
  status: "uploading" | "ready" | "failed";
  error?: string;
  uploaded?: UploadedAttachment;
  controller: AbortController;
}

const NONE: readonly PendingUpload[] = [];
const store = new Store<ReadonlyMap<string, readonly PendingUpload[]>>(new Map());
let nextKey = 0;

function update(channelId: string, change: (uploads: readonly PendingUpload[]) => readonly PendingUpload[]): void {
  store.set((all) => new Map(all).set(channelId, change(all.get(channelId) ?? NONE)));
}

function patch(channelId: string, key: string, changes: Partial<PendingUpload>): void {
  update(channelId, (uploads) => uploads.map((u) => (u.key === key ? { ...u, ...changes } : u)));
}

const find = (channelId: string, key: string) => (store.get().get(channelId) ?? NONE).find((u) => u.key === key);

function start(channelId: string, file: File): PendingUpload {
  const upload: PendingUpload = {
    key: `u${nextKey++}`,
    file,
    spoiler: false,
    description: "",
    progress: 0,
    status: "uploading",
    controller: new AbortController(),
  };
  uploadAttachment(channelId, file, {
    signal: upload.controller.signal,
    onProgress: (progress) => patch(channelId, upload.key, { progress }),
  }).then(
    (uploaded) => patch(channelId, upload.key, { status: "ready", progress: 1, uploaded }),
    (error: unknown) => {
      if (upload.controller.signal.aborted) return;
      patch(channelId, upload.key, { status: "failed", error: describeError(error) });
    },
  );
  return upload;
}

/** Queues files (up to the per-message limit) and starts uploading them. Returns how many were left out. */
export function addFiles(channelId: string, files: readonly File[]): number {
  const room = MAX_ATTACHMENTS_PER_MESSAGE - (store.get().get(channelId) ?? NONE).length;
  const taken = files.slice(0, Math.max(0, room));
  update(channelId, (uploads) => [...uploads, ...taken.map((file) => start(channelId, file))]);
  return files.length - taken.length;
}

export function cancelUpload(channelId: string, key: string): void {
  find(channelId, key)?.controller.abort();
  update(channelId, (uploads) => uploads.filter((u) => u.key !== key));
}

export function setSpoiler(channelId: string, key: string, spoiler: boolean): void {
  patch(channelId, key, { spoiler });
}

export function setDescription(channelId: string, key: string, description: string): void {
  patch(channelId, key, { description });
}

/** Saves the spoiler flag and alt text on the server when they differ from what it has. */
async function save(channelId: string, upload: PendingUpload): Promise<UploadedAttachment | undefined> {
  const { uploaded } = upload;
  if (!uploaded) return undefined;
  const description = upload.description.trim() || null;
  if (uploaded.spoiler === upload.spoiler && uploaded.description === description) return uploaded;
  const saved = await updateAttachment(channelId, uploaded.id, { spoiler: upload.spoiler, description });
  patch(channelId, upload.key, { uploaded: saved });
  return saved;
}

/**
 * The uploaded files as they will appear on the message, once every one is uploaded and its choices are saved
 * (then the tray is cleared); null while something is still uploading or failed.
 */
export async function takeReadyAttachments(channelId: string): Promise<Attachment[] | null> {
  const uploads = store.get().get(channelId) ?? NONE;
  if (uploads.some((u) => u.status !== "ready")) return null;
  const results = await Promise.allSettled(uploads.map((u) => save(channelId, u)));
  const saved: UploadedAttachment[] = [];
  results.forEach((result, index) => {
    const upload = uploads[index];
    if (result.status === "fulfilled" && result.value) saved.push(result.value);
    else if (result.status === "rejected" && upload) {
      patch(channelId, upload.key, { status: "failed", error: describeError(result.reason) });
    }
  });
  if (saved.length !== uploads.length) return null;
  const sent = new Set(uploads.map((u) => u.key));
  update(channelId, (current) => current.filter((u) => !sent.has(u.key)));
  return saved.map(toAttachment);
}

export function toAttachment(uploaded: UploadedAttachment): Attachment {
  return {
    id: uploaded.id,
    filename: uploaded.filename,
    size: uploaded.size,
    content_type: uploaded.content_type,
    url: uploaded.url,
    proxy_url: null,
    width: uploaded.width ?? null,
    height: uploaded.height ?? null,
    spoiler: uploaded.spoiler,
    description: uploaded.description,
  };
}

export function usePendingUploads(channelId: string): readonly PendingUpload[] {
  return useStore(store, (all) => all.get(channelId) ?? NONE);
}
