/**
 * Discord-flavoured markdown to a syntax tree (rendered to React elements by markdown-view.tsx, never to HTML):
 * **bold**, *italic*, __underline__, ~~strike~~, `code`, ```fenced code```, > quotes, ||spoilers||, links and
 * masked links, mentions (<@id>, <@&id>, <#id>, @everyone, @here) and custom emoji (<:name:id>, <a:name:id>). Built on simple-markdown's parser with
 * only these rules: no headings, lists, images or HTML.
 */
import type { ParserRule, SingleASTNode, State } from "simple-markdown";
import * as simpleMarkdownModule from "simple-markdown";

// simple-markdown is CommonJS: bundlers expose its exports by name, Node's ESM loader only as the default export.
const simpleMarkdown =
  (simpleMarkdownModule as unknown as { default?: typeof simpleMarkdownModule }).default ?? simpleMarkdownModule;
const { anyScopeRegex, defaultRules, inlineRegex, parserFor } = simpleMarkdown;

export type MarkdownNode = SingleASTNode;

/** Quotes start a line: at the start of the message or right after a newline. */
const atLineStart = (state: State) => {
  const previous = (state.prevCapture as string[] | null | undefined)?.[0];
  return previous === undefined || previous === "" || previous.endsWith("\n");
};

const blockQuote: ParserRule = {
  order: defaultRules.codeBlock.order,
  match: (source, state) => {
    if (state.inQuote || !atLineStart(state)) return null;
    return /^( *>>> +([\s\S]*))|^( *> [^\n]*(\n *> [^\n]*)*\n?)/.exec(source);
  },
  parse: (capture, parse, state) => {
    const all = capture[0] ?? "";
    const inner = capture[2] ?? all.replace(/^ *> ?/gm, "");
    const nested = { ...state, inQuote: true };
    return { content: parse(inner.replace(/\n$/, ""), nested) };
  },
};

const codeBlock: ParserRule = {
  order: defaultRules.codeBlock.order - 0.5,
  match: anyScopeRegex(/^```(?:([a-z0-9_+\-.#]+?)\n)?\n*([^\n][\s\S]*?)\n*```/i),
  parse: (capture) => ({ lang: capture[1] ?? "", content: capture[2] ?? "" }),
};

const newline: ParserRule = {
  order: defaultRules.newline.order,
  match: anyScopeRegex(/^\n/),
  parse: () => ({}),
};

const spoiler: ParserRule = {
  order: defaultRules.del.order,
  match: inlineRegex(/^\|\|([\s\S]+?)\|\|/),
  parse: (capture, parse, state) => ({ content: parse(capture[1] ?? "", state) }),
};

const mentionOrder = defaultRules.text.order - 0.5;
const mention = (regex: RegExp): ParserRule => ({
  order: mentionOrder,
  match: inlineRegex(regex),
  parse: (capture) => ({ id: capture[1] ?? "" }),
});

/** `<:name:id>` and `<a:name:id>`: custom emoji, drawn as images (features/emoji). */
const customEmoji: ParserRule = {
  order: mentionOrder,
  match: inlineRegex(/^<(a?):([A-Za-z0-9_]{2,32}):(\d{1,19})>/),
  parse: (capture) => ({ animated: capture[1] === "a", name: capture[2] ?? "", id: capture[3] ?? "" }),
};

const maskedLink: ParserRule = {
  ...defaultRules.link,
  parse: (capture, parse, state) => ({ ...defaultRules.link.parse(capture, parse, state), masked: true }),
};

const rules = {
  blockQuote,
  codeBlock,
  newline,
  escape: defaultRules.escape,
  autolink: defaultRules.autolink,
  url: defaultRules.url,
  link: maskedLink,
  strong: defaultRules.strong,
  em: defaultRules.em,
  u: defaultRules.u,
  del: defaultRules.del,
  inlineCode: defaultRules.inlineCode,
  spoiler,
  userMention: mention(/^<@!?(\d+)>/),
  roleMention: mention(/^<@&(\d+)>/),
  channelMention: mention(/^<#(\d+)>/),
  everyone: mention(/^@(everyone|here)\b/),
  customEmoji,
  text: defaultRules.text,
};

const parser = parserFor(rules as unknown as Parameters<typeof parserFor>[0]);

export function parseMarkdown(content: string): MarkdownNode[] {
  return parser(content, { inline: true }) as MarkdownNode[];
}

/** Only web links open: anything else (javascript:, data:, relative paths) is shown as text. */
export function safeHref(target: unknown): string | null {
  if (typeof target !== "string") return null;
  try {
    const url = new URL(target);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}
