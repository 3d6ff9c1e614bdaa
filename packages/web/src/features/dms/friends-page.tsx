/** The DMs home: friends by tab (online, all, pending, blocked) and "add friend" by username. */
import type { Relationship, VisibleStatus } from "@nexus/protocol";
import { type FormEvent, type ReactNode, useState } from "react";
import { useNavigate } from "react-router";
import { communityStore } from "../../state/community.js";
import { useStore } from "../../state/store.js";
import { Avatar } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { useAction } from "../../ui/use-action.js";
import { dmApi } from "./dm-api.js";
import { dmStore, forgetRelationship, userName } from "./dm-store.js";
import { openDmWith } from "./open-dm.js";

type Tab = "online" | "all" | "pending" | "blocked" | "add";

const TABS: { id: Tab; label: string }[] = [
  { id: "online", label: "Online" },
  { id: "all", label: "All" },
  { id: "pending", label: "Pending" },
  { id: "blocked", label: "Blocked" },
];

const STATUS_TEXT: Record<VisibleStatus, string> = {
  online: "Online",
  idle: "Idle",
  dnd: "Do Not Disturb",
  offline: "Offline",
};

function AddFriend() {
  const [username, setUsername] = useState("");
  const [sent, setSent] = useState("");
  const action = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const name = username.trim();
    if (!name) return action.setError("Enter a username.");
    setSent("");
    if (await action.run(() => dmApi.requestByName(name))) {
      setSent(`Success! Your friend request to ${name} was sent.`);
      setUsername("");
    }
  }
  return (
    <section className="add-friend" aria-labelledby="add-friend-title">
      <h2 id="add-friend-title" className="friends-heading">
        Add friend
      </h2>
      <p className="friends-hint">You can add friends with their Nexus username.</p>
      <form className="add-friend-form" onSubmit={submit} noValidate>
        <label className="visually-hidden" htmlFor="add-friend-username">
          Username
        </label>
        <input
          id="add-friend-username"
          className="input"
          placeholder="You can add friends with their username."
          value={username}
          autoComplete="off"
          onChange={(event) => setUsername(event.target.value)}
        />
        <Button type="submit" busy={action.busy} disabled={!username.trim()}>
          Send friend request
        </Button>
      </form>
      <FormError message={action.error} />
      <p role="status" className="settings-saved">
        {sent}
      </p>
    </section>
  );
}

function FriendRow({ relationship, status }: { relationship: Relationship; status: VisibleStatus }) {
  const navigate = useNavigate();
  const action = useAction();
  const name = userName(relationship.user);
  const id = relationship.id;
  // Removing, declining, cancelling or unblocking takes the row away at once; the gateway echo changes nothing.
  const remove = async () => {
    await dmApi.remove(id);
    forgetRelationship(id);
  };
  const button = (
    label: string,
    aria: string,
    task: () => Promise<unknown>,
    variant: "secondary" | "danger" = "secondary",
  ) => (
    <Button variant={variant} aria-label={`${aria} ${name}`} busy={action.busy} onClick={() => void action.run(task)}>
      {label}
    </Button>
  );
  const subtitle =
    relationship.type === "incoming_request"
      ? "Incoming friend request"
      : relationship.type === "outgoing_request"
        ? "Outgoing friend request"
        : relationship.type === "blocked"
          ? "Blocked"
          : STATUS_TEXT[status];
  return (
    <li className="friend-row">
      <span className="avatar-with-status">
        <Avatar id={id} name={name} size={32} />
        {relationship.type === "friend" ? <span className={`status-badge status-${status}`} /> : null}
      </span>
      <span className="friend-names">
        <span className="friend-name">{name}</span>
        <span className="friend-sub">
          {relationship.user.username} · {subtitle}
        </span>
      </span>
      <span className="friend-actions">
        {relationship.type === "friend" ? (
          <>
            {button("Message", "Message", async () => navigate(await openDmWith(id)))}
            {button("Remove", "Remove friend", remove)}
            {button("Block", "Block", () => dmApi.put(id, "blocked"), "danger")}
          </>
        ) : null}
        {relationship.type === "incoming_request" ? (
          <>
            {button("Accept", "Accept friend request from", () => dmApi.put(id))}
            {button("Decline", "Decline friend request from", remove)}
            {button("Block", "Block", () => dmApi.put(id, "blocked"), "danger")}
          </>
        ) : null}
        {relationship.type === "outgoing_request" ? button("Cancel", "Cancel friend request to", remove) : null}
        {relationship.type === "blocked" ? button("Unblock", "Unblock", remove) : null}
      </span>
      <FormError message={action.error} />
    </li>
  );
}

/** `welcome` greets someone who is in no server yet, above their (still empty) friends. */
export default function FriendsPage({ welcome }: { welcome: ReactNode }) {
  const [tab, setTab] = useState<Tab>("online");
  const relationships = useStore(dmStore, (s) => s.relationships);
  const presences = useStore(communityStore, (s) => s.presences);
  const all = Object.values(relationships ?? {}).sort((a, b) => userName(a.user).localeCompare(userName(b.user)));
  const statusOf = (r: Relationship): VisibleStatus => presences[r.id] ?? "offline";
  const shown = all.filter((r) => {
    if (tab === "online") return r.type === "friend" && statusOf(r) !== "offline";
    if (tab === "all") return r.type === "friend";
    if (tab === "pending") return r.type === "incoming_request" || r.type === "outgoing_request";
    return r.type === "blocked";
  });
  const incoming = all.filter((r) => r.type === "incoming_request").length;
  const title = TABS.find((t) => t.id === tab)?.label ?? "";

  return (
    <div className="friends-page">
      {welcome}
      <nav className="friends-tabs" aria-label="Friends">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            className={`friends-tab${tab === t.id ? " friends-tab-active" : ""}`}
            aria-current={tab === t.id ? "page" : undefined}
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.id === "pending" && incoming > 0 ? (
              <span className="mention-badge">
                {incoming}
                <span className="visually-hidden"> incoming</span>
              </span>
            ) : null}
          </button>
        ))}
        <button
          type="button"
          className={`friends-tab friends-tab-add${tab === "add" ? " friends-tab-active" : ""}`}
          aria-current={tab === "add" ? "page" : undefined}
          onClick={() => setTab("add")}
        >
          Add Friend
        </button>
      </nav>
      {tab === "add" ? (
        <AddFriend />
      ) : (
        <section aria-labelledby="friends-list-title" aria-busy={relationships === null}>
          <h2 id="friends-list-title" className="friends-heading">
            {title} — {shown.length}
          </h2>
          {relationships !== null && shown.length === 0 ? (
            <p className="friends-hint">
              {tab === "online"
                ? "No one's around to play with right now."
                : tab === "pending"
                  ? "There are no pending friend requests."
                  : tab === "blocked"
                    ? "You haven't blocked anyone."
                    : "You don't have any friends yet. Add one by their username."}
            </p>
          ) : null}
          <ul className="friend-list" aria-label={`${title} friends`}>
            {shown.map((r) => (
              <FriendRow key={r.id} relationship={r} status={statusOf(r)} />
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
