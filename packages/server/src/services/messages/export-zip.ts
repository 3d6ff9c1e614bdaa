/**
 * Writes a data export as a zip archive: the JSON document, then each file streamed from the blob store one at a
 * time (opened only when the archive reaches it), so an export of gigabytes never sits in memory.
 */
import type { Readable } from "node:stream";
import { ZipFile } from "yazl";
import type { BlobKey, BlobStore } from "../../blobs/blob-store.js";
import { cleanFilename } from "../../media/safe-filename.js";

export const EXPORT_DOCUMENT_PATH = "nexus-export.json";

export interface ZippedFile {
  path: string;
  key: BlobKey;
}

export function exportZip(document: string, files: ZippedFile[], blobs: BlobStore, createdAt: Date): Readable {
  const zip = new ZipFile();
  const output = zip.outputStream as Readable;
  // A file that cannot be read ends the download with an error rather than an archive silently missing it.
  zip.on("error", (error: Error) => output.destroy(error));
  zip.addBuffer(Buffer.from(document), EXPORT_DOCUMENT_PATH, { mtime: createdAt });
  for (const file of files) {
    // Stored, not deflated: images, video and archives are compressed already.
    zip.addReadStreamLazy(file.path, { mtime: createdAt, compress: false }, (done) => {
      blobs.get(file.key).then(
        (read) => done(null, read.stream),
        (error: unknown) => done(error, undefined as unknown as NodeJS.ReadableStream),
      );
    });
  }
  zip.end();
  return output;
}

/** A zip entry name from a user's file name: no path separators, control or bidi characters, nor reserved ones. */
export function zipSafeName(name: string): string {
  // Windows refuses these in file names; unzipping there would fail.
  return cleanFilename(name).replace(/[:*?"<>|]/g, "_");
}
