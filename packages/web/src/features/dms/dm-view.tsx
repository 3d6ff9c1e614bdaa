/**
 * A direct-message conversation (lazy chunk): the shared message pane for the channel, plus for group DMs the
 * member panel — the owner adds and removes people, anyone may leave.
 */
import type { CurrentUser, DmChannel } from "@nexus/protocol";
import { type FormEvent, lazy, Suspense, useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { Avatar } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { Conversation, type ConversationLayers } from "../chat/conversation.js";
import { MarkdownContext, type MarkdownContextValue } from "../chat/markdown/markdown-view.js";
import { deleteMessage } from "../chat/message-actions.js";
import type { ChatMessage } from "../chat/message-store.js";
import { DM_EMOJI_SCOPE } from "../emoji/emoji-scope.js";
import { dmApi } from "./dm-api.js";
import { dmName, dmStore, userName } from "./dm-store.js";
import "../../styles/chat.css";
import "../../styles/embeds.css";

const EmojiPicker = lazy(() => import("../chat/emoji-picker.js"));

const PERMISSIONS = { send: true, react: true, manageMessages: false, createThreads: false, externalEmoji: true };

function GroupMembers({ channel, me }: { channel: DmChannel; me: CurrentUser }) {
  const navigate = useNavigate();
  const action = useAction();
  const friends = useMemo(
    () => Object.values(dmStore.get().relationships ?? {}).filter((r) => r.type === "friend"),
    [],
  );
  const addable = friends.filter((f) => !channel.recipients.some((r) => r.id === f.id));
  const isOwner = channel.owner_id === me.id;
  const [name, setName] = useState(channel.name ?? "");
  const rename = (event: FormEvent) => {
    event.preventDefault();
    void action.run(() => dmApi.rename(channel.id, name.trim() || null));
  };
  return (
    <aside className="member-list dm-members" aria-label="Group members">
      <form onSubmit={rename} className="dm-rename">
        <TextField
          label="Group name"
          value={name}
          maxLength={100}
          hint="Press Enter to save."
          onChange={(e) => setName(e.target.value)}
        />
      </form>
      <h2 className="member-group-title">Members — {channel.recipients.length + 1}</h2>
      <ul className="member-items">
        {[me, ...channel.recipients].map((user) => (
          <li key={user.id} className="member-item">
            <Avatar id={user.id} name={userName(user)} size={32} />
            <span className="member-name">
              {userName(user)}
              {user.id === channel.owner_id ? " (owner)" : ""}
            </span>
            {isOwner && user.id !== me.id ? (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove ${userName(user)} from the group`}
                onClick={() => void action.run(() => dmApi.removeRecipient(channel.id, user.id))}
              >
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {isOwner && addable.length > 0 ? (
        <select
          className="input"
          aria-label="Add a friend to the group"
          value=""
          onChange={(e) => e.target.value && void action.run(() => dmApi.addRecipient(channel.id, e.target.value))}
        >
          <option value="">Add a friend…</option>
          {addable.map((f) => (
            <option key={f.id} value={f.id}>
              {userName(f.user)}
            </option>
          ))}
        </select>
      ) : null}
      <FormError message={action.error} />
      <Button
        variant="danger"
        onClick={() => void action.run(() => dmApi.leave(channel.id)).then((ok) => ok && navigate("/channels/@me"))}
      >
        Leave group
      </Button>
    </aside>
  );
}

export default function DmView({ channel, me }: { channel: DmChannel; me: CurrentUser }) {
  const [deleting, setDeleting] = useState<ChatMessage | null>(null);
  const [picker, setPicker] = useState<{ anchor: DOMRect; onPick: (emoji: string) => void } | null>(null);
  const action = useAction();
  const markdown = useMemo<MarkdownContextValue>(() => {
    const names = new Map([me, ...channel.recipients].map((u) => [u.id, userName(u)]));
    return {
      userName: (id) => names.get(id) ?? null,
      role: () => null,
      channel: () => null,
      confirmLink: (href) => window.open(href, "_blank", "noopener,noreferrer"),
    };
  }, [channel.recipients, me]);
  const layers = useMemo<ConversationLayers>(
    () => ({
      requestDelete: (message, skipConfirm) =>
        skipConfirm ? void action.run(() => deleteMessage(message)) : setDeleting(message),
      openThread: () => undefined,
      pickEmoji: (anchor, onPick) => setPicker({ anchor: anchor.getBoundingClientRect(), onPick }),
    }),
    [action.run],
  );
  const name = dmName(channel);
  const other = channel.type === "dm" ? channel.recipients[0] : undefined;

  return (
    <MarkdownContext.Provider value={markdown}>
      <div className="chat-view">
        <Conversation
          key={channel.id}
          channelId={channel.id}
          guildId={null}
          name={channel.type === "dm" ? `@${name}` : name}
          me={me}
          myRoleIds={[]}
          permissions={PERMISSIONS}
          threadsAllowed={false}
          slowmodeSeconds={0}
          intro={
            <div className="channel-welcome">
              {other ? <Avatar id={other.id} name={name} size={80} /> : null}
              <h2 className="channel-welcome-title">{name}</h2>
              <p className="channel-welcome-text">
                {other
                  ? `This is the beginning of your direct message history with ${name}.`
                  : `Welcome to the beginning of the ${name} group.`}
              </p>
            </div>
          }
          layers={layers}
        />
        {channel.type === "group_dm" ? <GroupMembers channel={channel} me={me} /> : null}
      </div>
      <FormError message={action.error} />
      <Dialog open={deleting !== null} title="Delete message" onClose={() => setDeleting(null)}>
        <blockquote className="delete-preview">{deleting?.content}</blockquote>
        <div className="dialog-actions">
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button
            variant="danger"
            busy={action.busy}
            onClick={() => {
              const message = deleting;
              setDeleting(null);
              if (message) void action.run(() => deleteMessage(message));
            }}
          >
            Delete
          </Button>
        </div>
      </Dialog>
      {picker ? (
        <Suspense fallback={null}>
          <EmojiPicker
            anchor={picker.anchor}
            scope={DM_EMOJI_SCOPE}
            onPick={picker.onPick}
            onClose={() => setPicker(null)}
          />
        </Suspense>
      ) : null}
    </MarkdownContext.Provider>
  );
}
