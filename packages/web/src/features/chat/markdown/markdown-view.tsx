/** Renders a parsed message as React elements: text is always text, links only http(s), mentions as pills. */
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import { Link } from "react-router";
import { CustomEmoji } from "../../emoji/custom-emoji.js";
import { CodeBlock } from "./code-block.js";
import { type MarkdownNode, parseMarkdown, safeHref } from "./parse-markdown.js";

/** How mentions are named and where masked links go; provided once per message list. */
export interface MarkdownContextValue {
  userName: (id: string) => string | null;
  role: (id: string) => { name: string; color: number } | null;
  channel: (id: string) => { name: string; guildId: string } | null;
  /** Masked links ask before leaving Nexus. */
  confirmLink: (href: string) => void;
}

export const MarkdownContext = createContext<MarkdownContextValue>({
  userName: () => null,
  role: () => null,
  channel: () => null,
  confirmLink: (href) => window.open(href, "_blank", "noopener,noreferrer"),
});

function Spoiler({ children }: { children: ReactNode }) {
  const [revealed, setRevealed] = useState(false);
  if (revealed) return <span className="spoiler spoiler-revealed">{children}</span>;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a <button> may not contain the links a spoiler can hold
    <span
      className="spoiler"
      role="button"
      tabIndex={0}
      aria-label="Spoiler, press to reveal"
      onClick={() => setRevealed(true)}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          setRevealed(true);
        }
      }}
    >
      <span aria-hidden="true">{children}</span>
    </span>
  );
}

function MaskedLink({ href, children }: { href: string; children: ReactNode }) {
  const { confirmLink } = useContext(MarkdownContext);
  return (
    <a
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={href}
      onClick={(event) => {
        event.preventDefault();
        confirmLink(href);
      }}
    >
      {children}
    </a>
  );
}

function Mention({ node }: { node: MarkdownNode }) {
  const context = useContext(MarkdownContext);
  const id = String(node.id);
  switch (node.type) {
    case "userMention":
      return <span className="mention">@{context.userName(id) ?? "unknown-user"}</span>;
    case "roleMention": {
      const role = context.role(id);
      const color = role?.color ? `#${role.color.toString(16).padStart(6, "0")}` : undefined;
      return (
        <span className="mention" style={color ? { color } : undefined}>
          @{role?.name ?? "deleted-role"}
        </span>
      );
    }
    case "channelMention": {
      const channel = context.channel(id);
      if (!channel) return <span className="mention">#unknown</span>;
      return (
        <Link className="mention" to={`/channels/${channel.guildId}/${id}`}>
          #{channel.name}
        </Link>
      );
    }
    default:
      return <span className="mention">@{id}</span>;
  }
}

function renderNode(node: MarkdownNode, key: number): ReactNode {
  const children = () => renderNodes(node.content as MarkdownNode[]);
  switch (node.type) {
    case "text":
      return node.content as string;
    case "newline":
      return <br key={key} />;
    case "strong":
      return <strong key={key}>{children()}</strong>;
    case "em":
      return <em key={key}>{children()}</em>;
    case "u":
      return <u key={key}>{children()}</u>;
    case "del":
      return <s key={key}>{children()}</s>;
    case "inlineCode":
      return (
        <code key={key} className="inline-code">
          {node.content as string}
        </code>
      );
    case "codeBlock":
      return <CodeBlock key={key} lang={String(node.lang)} code={node.content as string} />;
    case "blockQuote":
      return (
        <blockquote key={key} className="quote">
          {children()}
        </blockquote>
      );
    case "spoiler":
      return <Spoiler key={key}>{children()}</Spoiler>;
    case "link": {
      const href = safeHref(node.target);
      if (!href) return <span key={key}>{children()}</span>;
      if (node.masked) {
        return (
          <MaskedLink key={key} href={href}>
            {children()}
          </MaskedLink>
        );
      }
      return (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer">
          {children()}
        </a>
      );
    }
    case "userMention":
    case "roleMention":
    case "channelMention":
    case "everyone":
      return <Mention key={key} node={node} />;
    case "customEmoji":
      return <CustomEmoji key={key} id={String(node.id)} name={String(node.name)} animated={node.animated === true} />;
    default:
      return null;
  }
}

function renderNodes(nodes: MarkdownNode[]): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, index));
}

export function Markdown({ content }: { content: string }) {
  const nodes = useMemo(() => parseMarkdown(content), [content]);
  return <>{renderNodes(nodes)}</>;
}
