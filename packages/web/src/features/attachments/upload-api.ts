/**
 * Attachment uploads with progress and cancel (XMLHttpRequest: fetch cannot report upload progress), and the media
 * cookie that lets <img> and <video> load /media files with the user's own session.
 */
import type { ErrorBody, UpdateAttachment, UploadedAttachment } from "@nexus/protocol";
import { API_BASE } from "../../api/api-client.js";
import { ApiError } from "../../api/api-error.js";
import { api } from "../../state/session.js";

export interface UploadOptions {
  onProgress: (fraction: number) => void;
  signal: AbortSignal;
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    return new ApiError(xhr.status, (JSON.parse(xhr.responseText) as ErrorBody).error);
  } catch {
    return new ApiError(xhr.status, { code: "UPLOAD_FAILED", message: `The upload failed (${xhr.status}).` });
  }
}

export async function uploadAttachment(
  channelId: string,
  file: File,
  options: UploadOptions,
): Promise<UploadedAttachment> {
  const token = await api.accessToken();
  const form = new FormData();
  form.append("file", file, file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `${API_BASE}/channels/${channelId}/attachments`);
    xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress(event.loaded / event.total);
    };
    xhr.onload = () => (xhr.status === 201 ? resolve(JSON.parse(xhr.responseText)) : reject(errorOf(xhr)));
    xhr.onerror = () => reject(ApiError.network(new Error("upload failed")));
    xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
    options.signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** Spoiler flag and alt text, changed before the message is sent. */
export function updateAttachment(
  channelId: string,
  id: string,
  changes: UpdateAttachment,
): Promise<UploadedAttachment> {
  return api.patch<UploadedAttachment>(`/channels/${channelId}/attachments/${id}`, changes);
}

/** Sets the HttpOnly media cookie; returns how long it lasts, in seconds. */
export async function refreshMediaCookie(): Promise<number> {
  const { expires_in } = await api.post<{ expires_in: number }>("/auth/media-cookie");
  return expires_in;
}

export function clearMediaCookie(): Promise<void> {
  return api.delete<void>("/auth/media-cookie", { auth: false });
}
