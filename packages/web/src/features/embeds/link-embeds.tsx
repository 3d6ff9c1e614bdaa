/**
 * Link preview cards under a message. Images load only from this server's media proxy (`proxy_url`), never from
 * the linked site, so viewing a preview does not reveal the viewer's IP address to it. The author, or anyone who
 * manages messages, can remove the previews (SUPPRESS_EMBEDS).
 */
import { type Embed, type Message, MessageFlags } from "@nexus/protocol";
import { useState } from "react";
import { api } from "../../state/session.js";
import { Icon } from "../../ui/icons.js";
import { useChat } from "../chat/chat-context.js";
import { safeHref } from "../chat/markdown/parse-markdown.js";

function ExternalLink({ href, children }: { href: string | undefined; children: React.ReactNode }) {
  const safe = safeHref(href);
  if (!safe) return <>{children}</>;
  return (
    <a href={safe} target="_blank" rel="noopener noreferrer nofollow" referrerPolicy="no-referrer">
      {children}
    </a>
  );
}

/** Proxied media only: an embed image without a proxy address is not loaded at all. */
function ProxiedImage({ media, className }: { media: Embed["image"]; className: string }) {
  const [failed, setFailed] = useState(false);
  if (!media?.proxy_url || failed) return null;
  return (
    <img
      className={className}
      src={media.proxy_url}
      alt=""
      loading="lazy"
      referrerPolicy="no-referrer"
      width={media.width}
      height={media.height}
      onError={() => setFailed(true)}
    />
  );
}

function EmbedCard({ embed }: { embed: Embed }) {
  const color = embed.color === undefined ? undefined : `#${embed.color.toString(16).padStart(6, "0")}`;
  return (
    <article className="embed" style={color ? { borderLeftColor: color } : undefined} aria-label="Link preview">
      <div className="embed-body">
        {embed.provider?.name ? <div className="embed-provider">{embed.provider.name}</div> : null}
        {embed.author?.name ? (
          <div className="embed-author">
            <ExternalLink href={embed.author.url}>{embed.author.name}</ExternalLink>
          </div>
        ) : null}
        {embed.title ? (
          <div className="embed-title">
            <ExternalLink href={embed.url}>{embed.title}</ExternalLink>
          </div>
        ) : null}
        {embed.description ? <p className="embed-description">{embed.description}</p> : null}
        <ProxiedImage media={embed.image} className="embed-image" />
      </div>
      <ProxiedImage media={embed.thumbnail} className="embed-thumbnail" />
    </article>
  );
}

export function LinkEmbeds({ message }: { message: Message }) {
  const chat = useChat();
  if (message.embeds.length === 0 || (message.flags & MessageFlags.SUPPRESS_EMBEDS) !== 0) return null;
  const canRemove = message.author.id === chat.me.id || chat.permissions.manageMessages;
  const remove = () =>
    void api.patch<Message>(`/channels/${message.channel_id}/messages/${message.id}`, {
      flags: message.flags | MessageFlags.SUPPRESS_EMBEDS,
    });
  return (
    <div className="embeds">
      {message.embeds.map((embed, index) => (
        // Embeds have no id; their order on a message is stable.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <EmbedCard key={index} embed={embed} />
      ))}
      {canRemove ? (
        <button
          type="button"
          className="icon-button embeds-remove"
          aria-label="Remove previews"
          title="Remove previews"
          onClick={remove}
        >
          <Icon name="close" size={14} />
        </button>
      ) : null}
    </div>
  );
}
