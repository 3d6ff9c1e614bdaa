/**
 * Whether an image file is animated. The crop dialog draws stills onto a canvas, which would keep only the first
 * frame, so animated pictures go up as they are and the server centres them.
 */
const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

/** A GIF with more than one Graphic Control Extension (0x21 0xF9 0x04) has more than one frame. */
function isAnimatedGif(bytes: Uint8Array): boolean {
  let frames = 0;
  for (let i = 0; i < bytes.length - 2; i++) {
    if (bytes[i] === 0x21 && bytes[i + 1] === 0xf9 && bytes[i + 2] === 0x04 && ++frames > 1) return true;
  }
  return false;
}

/** An extended WebP (VP8X chunk) sets bit 1 of its flags byte when it is animated. */
const isAnimatedWebp = (bytes: Uint8Array) => ascii(bytes, 12, 4) === "VP8X" && ((bytes[20] ?? 0) & 0x02) !== 0;

export async function isAnimatedImage(file: Blob): Promise<boolean> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (ascii(bytes, 0, 4) === "GIF8") return isAnimatedGif(bytes);
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return isAnimatedWebp(bytes);
  return false;
}
