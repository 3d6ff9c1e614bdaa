/** Overview: the server's name and description, listing it in the public directory, and deleting it (owner). */
import { UpdateGuildSchema } from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import type { GuildEntry } from "../../state/community.js";
import { closeLayer } from "../../state/layers.js";
import { Button } from "../../ui/button.js";
import { Dialog } from "../../ui/dialog.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { GuildImageSettings } from "../attachments/image-settings.js";
import { errorsFrom, type FieldErrors, validate } from "../auth/form-errors.js";
import { guildAdminApi } from "./admin-api.js";
import type { Authority } from "./authority.js";

function DeleteServer({ entry }: { entry: GuildEntry }) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const action = useAction();
  return (
    <SettingsBlock title="Delete server" description="Deleting the server removes every channel and message in it.">
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete server
      </Button>
      {open ? (
        <Dialog
          open
          onClose={() => setOpen(false)}
          title={`Delete '${entry.guild.name}'`}
          description="This cannot be undone."
        >
          <div className="dialog-form">
            <TextField
              label="Enter the server name"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoFocus
            />
            <FormError message={action.error} />
            <div className="dialog-actions">
              <Button variant="link" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button
                variant="danger"
                busy={action.busy}
                disabled={typed !== entry.guild.name}
                onClick={() =>
                  void action.run(() => guildAdminApi.deleteGuild(entry.guild.id)).then((ok) => ok && closeLayer())
                }
              >
                Delete server
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
    </SettingsBlock>
  );
}

export function OverviewSection({ entry, authority }: { entry: GuildEntry; authority: Authority }) {
  const { guild } = entry;
  const [name, setName] = useState(guild.name);
  const [description, setDescription] = useState(guild.description ?? "");
  const [discoverable, setDiscoverable] = useState(guild.discoverable);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const action = useAction();

  async function save(event: FormEvent) {
    event.preventDefault();
    const changes = { name: name.trim(), description: description.trim() || null, discoverable };
    const invalid = validate(UpdateGuildSchema, changes);
    if (discoverable && !changes.description) invalid.description = "Listed servers need a description.";
    setErrors(invalid);
    if (Object.keys(invalid).length > 0) return;
    setSaved(
      await action.run(async () => {
        try {
          await guildAdminApi.updateGuild(guild.id, changes);
        } catch (failure) {
          setErrors(errorsFrom(failure));
          throw failure;
        }
      }),
    );
  }

  return (
    <>
      <SettingsBlock title="Server profile">
        <GuildImageSettings guild={entry.guild} />
        <form className="settings-form" onSubmit={save} noValidate>
          <TextField
            label="Server name"
            value={name}
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
          />
          <div className={`field${errors.description ? " field-invalid" : ""}`}>
            <label className="field-label" htmlFor="guild-description">
              Description
            </label>
            <textarea
              id="guild-description"
              className="input textarea"
              maxLength={300}
              value={description}
              aria-invalid={errors.description ? true : undefined}
              aria-describedby={errors.description ? "guild-description-error" : undefined}
              onChange={(e) => setDescription(e.target.value)}
            />
            {errors.description ? (
              <p className="field-error" id="guild-description-error">
                {errors.description}
              </p>
            ) : null}
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={discoverable} onChange={(e) => setDiscoverable(e.target.checked)} />
            List this server in the server directory (anyone can join without an invite)
          </label>
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
      </SettingsBlock>
      {authority.isOwner ? <DeleteServer entry={entry} /> : null}
    </>
  );
}
