/** File names from users made safe to hand to a browser or an archive tool. */

/** Control characters, path separators and bidi overrides (which disguise "gpj.exe" as "exe.jpg") become "_". */
function replaceUnsafe(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
  const bidi =
    code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
  return control || bidi || char === "/" || char === "\\" ? "_" : char;
}

export function cleanFilename(filename: string): string {
  const name = Array.from(filename.normalize("NFC"), replaceUnsafe)
    .join("")
    .replace(/^[.\s]+/, "")
    .trim()
    .slice(0, 255);
  return name || "file";
}
