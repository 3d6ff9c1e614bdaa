/** Answers a GET for a stored file: conditional requests, single byte ranges, and the safe download headers. */
import type { FastifyReply, FastifyRequest } from "fastify";
import { BlobNotFoundError } from "../../../blobs/blob-store.js";
import { notFound } from "../../../errors.js";
import type { DownloadableFile } from "../../../services/attachments/attachment.service.js";
import { downloadHeaders, parseRangeHeader } from "../download-headers.js";

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === `"${etag}"` || tag.trim() === "*");
}

export async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: DownloadableFile,
  cacheControl?: string,
): Promise<FastifyReply> {
  const headers = (contentLength: number) => {
    const all = downloadHeaders({
      filename: file.filename,
      contentType: file.contentType,
      contentLength,
      etag: file.etag,
    });
    if (cacheControl) all["cache-control"] = cacheControl;
    return all;
  };
  if (matchesEtag(request.headers["if-none-match"], file.etag)) {
    const { "content-length": _length, ...rest } = headers(0);
    return reply.status(304).headers(rest).send();
  }
  // If-Range with another validator means the file changed: send it whole.
  const ifRange = request.headers["if-range"];
  const rangeHeader = ifRange && ifRange !== `"${file.etag}"` ? undefined : request.headers.range;
  const range = parseRangeHeader(rangeHeader, file.size);
  if (range === "unsatisfiable") {
    return reply
      .status(416)
      .headers({ ...headers(0), "content-range": `bytes */${file.size}` })
      .send();
  }
  const read = await file.open(range).catch((error: unknown) => {
    // Listed in the database but gone from the store (lost, or removed by hand): the viewer gets a 404, the
    // operator a warning.
    if (!(error instanceof BlobNotFoundError)) throw error;
    request.log.warn({ etag: file.etag }, "a stored file is missing from the file store");
    throw notFound("File");
  });
  if (!range) return reply.status(200).headers(headers(read.size)).send(read.stream);
  return reply
    .status(206)
    .headers({ ...headers(read.end - read.start + 1), "content-range": `bytes ${read.start}-${read.end}/${read.size}` })
    .send(read.stream);
}
