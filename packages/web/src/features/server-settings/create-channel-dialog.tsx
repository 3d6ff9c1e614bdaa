/** "Create channel" (or category): type, name, and optionally private (only you and admins can see it at first). */
import { type ChannelType, Permissions, serializePermissions } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import { useNavigate } from "react-router";
import { applyDispatch } from "../../state/community.js";
import { closeLayer } from "../../state/layers.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { guildAdminApi } from "./admin-api.js";

const TYPES: { type: ChannelType; label: string; hint: string }[] = [
  { type: "text", label: "Text", hint: "Send messages, images, opinions and puns" },
  { type: "voice", label: "Voice", hint: "Hang out together with voice" },
  { type: "announcement", label: "Announcement", hint: "Important updates people can follow" },
  { type: "forum", label: "Forum", hint: "Organised discussion in posts" },
  { type: "category", label: "Category", hint: "A group of channels" },
];

/** Channel names are lower case with dashes, as people expect from #channel-names. */
const channelSlug = (name: string) => name.trim().toLowerCase().replace(/\s+/g, "-");

export function CreateChannelDialog({
  guildId,
  parentId,
  userId,
}: {
  guildId: string;
  parentId: string | null;
  userId: string;
}) {
  const navigate = useNavigate();
  const [type, setType] = useState<ChannelType>("text");
  const [name, setName] = useState("");
  const [isPrivate, setPrivate] = useState(false);
  const action = useAction();
  const types = parentId ? TYPES.filter((t) => t.type !== "category") : TYPES;
  const view = serializePermissions(Permissions.VIEW_CHANNEL);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const finalName = type === "category" ? name.trim() : channelSlug(name);
    if (!finalName) return action.setError("Give it a name.");
    await action.run(async () => {
      const channel = await guildAdminApi.createChannel(guildId, {
        name: finalName,
        type,
        ...(parentId ? { parent_id: parentId } : {}),
        ...(isPrivate
          ? {
              permission_overwrites: [
                { id: guildId, type: "role" as const, allow: "0", deny: view },
                { id: userId, type: "member" as const, allow: view, deny: "0" },
              ],
            }
          : {}),
      });
      // In the store before navigating to it, so the shell does not take it for a channel that doesn't exist.
      applyDispatch("CHANNEL_CREATE", channel, userId);
      closeLayer();
      if (channel.type === "text" || channel.type === "announcement")
        void navigate(`/channels/${guildId}/${channel.id}`);
    });
  }

  return (
    <Dialog open onClose={closeLayer} title={type === "category" ? "Create category" : "Create channel"}>
      <form className="dialog-form" onSubmit={submit} noValidate>
        <fieldset className="radio-group">
          <legend className="field-label">Type</legend>
          {types.map((option) => (
            <label key={option.type} className="radio-option">
              <input
                type="radio"
                name="channel-type"
                checked={type === option.type}
                onChange={() => setType(option.type)}
              />
              <span>
                <span className="radio-label">{option.label}</span>
                <span className="radio-hint">{option.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <TextField
          label={type === "category" ? "Category name" : "Channel name"}
          value={name}
          maxLength={100}
          placeholder={type === "category" ? "New category" : "new-channel"}
          onChange={(event) => setName(event.target.value)}
          required
          autoFocus
        />
        <label className="checkbox">
          <input type="checkbox" checked={isPrivate} onChange={(event) => setPrivate(event.target.checked)} />
          Private — only you and people you add (and administrators) can see it
        </label>
        <FormError message={action.error} />
        <div className="dialog-actions">
          <Button variant="link" onClick={closeLayer}>
            Cancel
          </Button>
          <Button type="submit" busy={action.busy}>
            Create
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
