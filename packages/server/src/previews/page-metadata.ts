/** Reads the metadata a link preview needs from the head of an HTML page, streaming, with a real HTML parser. */
import { TextDecoder } from "node:util";

export interface PageMetadata {
  title?: string;
  /** <meta property|name> values by lower-cased key ("og:title", "twitter:image", "description", …); first wins. */
  meta: Map<string, string>;
  /** href of <link rel="alternate" type="application/json+oembed">. */
  oembedUrl?: string;
}

/**
 * Parses until </head> (or the body starts), so a huge page costs only its head. The caller's size cap still
 * bounds how much is read when a page never closes its head.
 */
export async function readPageMetadata(
  body: AsyncIterable<Buffer>,
  charset: string | undefined,
): Promise<PageMetadata> {
  // Loaded by the first link preview rather than at startup.
  const { Parser } = await import("htmlparser2");
  const result: PageMetadata = { meta: new Map() };
  let inTitle = false;
  let title = "";
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "body") done = true;
        else if (name === "title" && result.title === undefined) inTitle = true;
        else if (name === "meta") {
          const key = (attributes.property ?? attributes.name ?? attributes.itemprop)?.trim().toLowerCase();
          const content = attributes.content?.trim();
          if (key && content && !result.meta.has(key)) result.meta.set(key, content);
        } else if (name === "link" && !result.oembedUrl) {
          const rel = attributes.rel?.toLowerCase().split(/\s+/) ?? [];
          if (rel.includes("alternate") && attributes.type?.toLowerCase() === "application/json+oembed") {
            result.oembedUrl = attributes.href;
          }
        }
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          result.title = title.replace(/\s+/g, " ").trim() || undefined;
        }
        if (name === "head") done = true;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  const decoder = makeDecoder(charset);
  for await (const chunk of body) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (done) break;
  }
  if (!done) parser.write(decoder.decode());
  parser.end();
  return result;
}

function makeDecoder(charset: string | undefined): TextDecoder {
  try {
    return new TextDecoder(charset ?? "utf-8");
  } catch {
    // An unknown label from a hostile or sloppy server: most of the web is UTF-8.
    return new TextDecoder("utf-8");
  }
}
