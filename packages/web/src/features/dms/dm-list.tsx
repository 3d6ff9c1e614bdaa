/** The home sidebar: Friends, then direct messages newest first, with "create group DM" from your friends. */
import { type FormEvent, useState } from "react";
import { NavLink, useNavigate } from "react-router";
import { useStore } from "../../state/store.js";
import { Avatar } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { Icon } from "../../ui/icons.js";
import { useAction } from "../../ui/use-action.js";
import { dmApi } from "./dm-api.js";
import { dmName, dmStore, sortedDmChannels, upsertDmChannel, userName } from "./dm-store.js";

import "../../styles/dms.css";

const MAX_PICKED = 9;

function CreateGroupDialog({ onClose }: { onClose: () => void }) {
  const navigate = useNavigate();
  const relationships = useStore(dmStore, (s) => s.relationships);
  const friends = Object.values(relationships ?? {}).filter((r) => r.type === "friend");
  const [picked, setPicked] = useState<string[]>([]);
  const action = useAction();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (picked.length === 0) return action.setError("Pick at least one friend.");
    await action.run(async () => {
      const channel = picked.length === 1 ? await dmApi.open(picked[0] ?? "") : await dmApi.createGroup(picked);
      upsertDmChannel(channel);
      onClose();
      await navigate(`/channels/@me/${channel.id}`);
    });
  }
  return (
    <Dialog
      open
      onClose={onClose}
      title="Select friends"
      description={`You can add ${MAX_PICKED - picked.length} more friends.`}
    >
      <form className="dialog-form" onSubmit={submit} noValidate>
        {friends.length === 0 ? <p>You have no friends to add yet.</p> : null}
        <ul className="pick-list" aria-label="Friends">
          {friends.map((f) => (
            <li key={f.id}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={picked.includes(f.id)}
                  disabled={!picked.includes(f.id) && picked.length >= MAX_PICKED}
                  onChange={(e) => setPicked((p) => (e.target.checked ? [...p, f.id] : p.filter((id) => id !== f.id)))}
                />
                {userName(f.user)}
              </label>
            </li>
          ))}
        </ul>
        <FormError message={action.error} />
        <div className="dialog-actions">
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" busy={action.busy} disabled={picked.length === 0}>
            {picked.length > 1 ? "Create group DM" : "Open DM"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function DmList() {
  const channels = useStore(dmStore, (s) => s.channels);
  const [creating, setCreating] = useState(false);
  const sorted = sortedDmChannels(channels);
  return (
    <>
      <ul className="channel-list">
        <li>
          <NavLink
            to="/channels/@me"
            end
            className={({ isActive }) => `channel-link${isActive ? " channel-link-active" : ""}`}
          >
            <Icon name="members" size={20} className="channel-icon" />
            <span className="channel-name">Friends</span>
          </NavLink>
        </li>
      </ul>
      <div className="sidebar-section-row">
        <h3 className="sidebar-section">Direct messages</h3>
        <button
          type="button"
          className="icon-button category-action"
          aria-label="Create DM"
          title="Create DM"
          onClick={() => setCreating(true)}
        >
          <Icon name="plus" size={14} />
        </button>
      </div>
      {sorted.length === 0 ? <p className="sidebar-empty">No conversations yet.</p> : null}
      <ul className="channel-list" aria-label="Direct messages">
        {sorted.map((channel) => {
          const name = dmName(channel);
          const other = channel.recipients[0];
          return (
            <li key={channel.id}>
              <NavLink
                to={`/channels/@me/${channel.id}`}
                className={({ isActive }) => `channel-link dm-link${isActive ? " channel-link-active" : ""}`}
              >
                <Avatar id={other?.id ?? channel.id} name={name} size={32} />
                <span className="dm-names">
                  <span className="channel-name">{name}</span>
                  {channel.type === "group_dm" ? (
                    <span className="dm-sub">{channel.recipients.length + 1} members</span>
                  ) : null}
                </span>
              </NavLink>
            </li>
          );
        })}
      </ul>
      {creating ? <CreateGroupDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
