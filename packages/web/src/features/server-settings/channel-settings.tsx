/** Channel settings: name, topic and slowmode; the permission overwrites editor; deleting the channel. */
import { type Channel, type Member, UpdateChannelSchema } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import type { GuildEntry } from "../../state/community.js";
import { closeLayer, openChannelSettings } from "../../state/layers.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock, type SettingsGroup, SettingsLayer } from "../../ui/settings-layer.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { errorsFrom, type FieldErrors, validate } from "../auth/form-errors.js";
import { guildAdminApi } from "./admin-api.js";
import type { Authority } from "./authority.js";
import { OverwriteEditor } from "./overwrite-editor.js";

const SLOWMODES = [0, 5, 10, 30, 60, 300, 900, 3600, 21600];
const slowmodeLabel = (s: number) =>
  s === 0 ? "Off" : s < 60 ? `${s} seconds` : s < 3600 ? `${s / 60} minutes` : `${s / 3600} hours`;

function OverviewForm({ channel }: { channel: Channel }) {
  const [name, setName] = useState(channel.name);
  const [topic, setTopic] = useState(channel.topic ?? "");
  const [slowmode, setSlowmode] = useState(channel.slowmode_seconds);
  const [errors, setErrors] = useState<FieldErrors>({});
  const action = useAction();
  const [saved, setSaved] = useState(false);
  const isCategory = channel.type === "category";

  async function save(event: FormEvent) {
    event.preventDefault();
    const changes = isCategory
      ? { name: name.trim() }
      : { name: name.trim(), topic: topic.trim() || null, slowmode_seconds: slowmode };
    const invalid = validate(UpdateChannelSchema, changes);
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setSaved(
      await action.run(async () => {
        try {
          await guildAdminApi.updateChannel(channel.id, changes);
        } catch (failure) {
          setErrors(errorsFrom(failure));
          throw failure;
        }
      }),
    );
  }

  return (
    <form className="settings-form" onSubmit={save} noValidate>
      <TextField
        label={isCategory ? "Category name" : "Channel name"}
        value={name}
        maxLength={100}
        onChange={(event) => setName(event.target.value)}
        error={errors.name}
      />
      {isCategory ? null : (
        <>
          <div className="field">
            <label className="field-label" htmlFor="channel-topic">
              Channel topic
            </label>
            <textarea
              id="channel-topic"
              className="input textarea"
              maxLength={1024}
              value={topic}
              onChange={(event) => setTopic(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field-label" htmlFor="channel-slowmode">
              Slowmode
            </label>
            <select
              id="channel-slowmode"
              className="input"
              value={slowmode}
              onChange={(event) => setSlowmode(Number(event.target.value))}
            >
              {SLOWMODES.map((s) => (
                <option key={s} value={s}>
                  {slowmodeLabel(s)}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <FormError message={errors.form} />
      <div className="settings-actions">
        <Button type="submit" busy={action.busy}>
          Save changes
        </Button>
        <span role="status" className="settings-saved">
          {saved ? "Saved" : ""}
        </span>
      </div>
    </form>
  );
}

function DeleteChannel({ channel }: { channel: Channel }) {
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const what = channel.type === "category" ? "category" : "channel";
  return (
    <SettingsBlock title={`Delete ${what}`}>
      <Button variant="danger" onClick={() => setConfirming(true)}>
        Delete {what}
      </Button>
      {confirming ? (
        <Dialog
          open
          onClose={() => setConfirming(false)}
          title={`Delete ${what}`}
          description={`Are you sure you want to delete ${channel.type === "category" ? channel.name : `#${channel.name}`}? This cannot be undone.`}
        >
          <div className="dialog-form">
            <FormError message={action.error} />
            <div className="dialog-actions">
              <Button variant="link" onClick={() => setConfirming(false)}>
                Cancel
              </Button>
              <Button
                variant="danger"
                busy={action.busy}
                onClick={() =>
                  void action.run(() => guildAdminApi.deleteChannel(channel.id)).then((ok) => ok && closeLayer())
                }
              >
                Delete {what}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </SettingsBlock>
  );
}

export function ChannelSettings({
  entry,
  channel,
  members,
  authority,
  section,
}: {
  entry: GuildEntry;
  channel: Channel;
  members: Member[];
  authority: Authority;
  section: string;
}) {
  const manageChannels = authority.has("MANAGE_CHANNELS", channel);
  const manageRoles = authority.has("MANAGE_ROLES", channel);
  const groups: SettingsGroup[] = [
    {
      title: channel.type === "category" ? channel.name : `#${channel.name}`,
      sections: [
        ...(manageChannels ? [{ id: "overview", label: "Overview" }] : []),
        ...(manageRoles ? [{ id: "permissions", label: "Permissions" }] : []),
      ],
    },
  ];
  const active = groups[0]?.sections.some((s) => s.id === section) ? section : (groups[0]?.sections[0]?.id ?? "");
  return (
    <SettingsLayer
      title="Channel settings"
      groups={groups}
      active={active}
      onClose={closeLayer}
      onSelect={(id) => openChannelSettings(entry.guild.id, channel.id, id)}
    >
      {active === "permissions" ? (
        <OverwriteEditor channel={channel} roles={entry.roles} members={members} authority={authority} />
      ) : active === "overview" ? (
        <>
          <OverviewForm channel={channel} />
          <DeleteChannel channel={channel} />
        </>
      ) : null}
    </SettingsLayer>
  );
}
