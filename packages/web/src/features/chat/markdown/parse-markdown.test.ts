/** The message markdown parser: Discord's syntax in, a tree with no raw HTML and only web links out. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type MarkdownNode, parseMarkdown, safeHref } from "./parse-markdown.js";

/** The tree as compact nested arrays: [type, ...children] or text, for readable expectations. */
function shape(nodes: MarkdownNode[]): unknown[] {
  return nodes.map((node) => {
    if (node.type === "text") return node.content;
    if (Array.isArray(node.content)) return [node.type, ...shape(node.content as MarkdownNode[])];
    const extra = node.id ?? node.content ?? node.lang;
    return extra === undefined ? [node.type] : [node.type, extra];
  });
}

/** Adjacent text nodes (the parser splits at every symbol) joined, so expectations read naturally. */
function joined(nodes: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const node of nodes) {
    const last = out.at(-1);
    if (typeof node === "string" && typeof last === "string") out[out.length - 1] = last + node;
    else out.push(Array.isArray(node) ? [node[0], ...joined(node.slice(1))] : node);
  }
  return out;
}

const parse = (text: string) => joined(shape(parseMarkdown(text)));

describe("message markdown", () => {
  test("bold, italic, underline, strike, inline code and spoilers", () => {
    assert.deepEqual(parse("**b** *i* __u__ ~~s~~ `c` ||x||"), [
      ["strong", "b"],
      " ",
      ["em", "i"],
      " ",
      ["u", "u"],
      " ",
      ["del", "s"],
      " ",
      ["inlineCode", "c"],
      " ",
      ["spoiler", "x"],
    ]);
  });

  test("fenced code keeps its language and text verbatim; nothing inside is parsed", () => {
    assert.deepEqual(parse("```js\nconst a = **1**;\n```"), [["codeBlock", "const a = **1**;"]]);
  });

  test("quotes only at the start of a line", () => {
    assert.deepEqual(parse("> quoted\nnot"), [["blockQuote", "quoted"], "not"]);
    assert.deepEqual(parse("a > b"), ["a > b"]);
  });

  test("mentions of users, roles, channels and everyone", () => {
    assert.deepEqual(parse("<@1> <@!2> <@&3> <#4> @everyone"), [
      ["userMention", "1"],
      " ",
      ["userMention", "2"],
      " ",
      ["roleMention", "3"],
      " ",
      ["channelMention", "4"],
      " ",
      ["everyone", "everyone"],
    ]);
  });

  test("links: bare URLs autolink, [text](url) is masked, HTML stays text", () => {
    const [bare] = parseMarkdown("https://example.com/a");
    assert.equal(bare?.type, "link");
    assert.equal(bare?.masked, undefined);
    const [masked] = parseMarkdown("[docs](https://example.com/docs)");
    assert.equal(masked?.type, "link");
    assert.equal(masked?.masked, true);
    assert.deepEqual(parse("<b>hi</b><script>x</script>"), ["<b>hi</b><script>x</script>"]);
  });

  test("only http(s) links may open", () => {
    assert.equal(safeHref("https://example.com/x"), "https://example.com/x");
    assert.equal(safeHref("javascript:alert(1)"), null);
    assert.equal(safeHref("data:text/html,hi"), null);
    assert.equal(safeHref("/relative"), null);
  });
});
