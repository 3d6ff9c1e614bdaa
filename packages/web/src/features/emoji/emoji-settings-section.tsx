/**
 * Server settings → Emoji (MANAGE_EMOJIS): upload (PNG, GIF, WebP or JPEG up to 256 KiB; the server resizes to
 * 128 px), rename and delete. The list is the live one from the community store (GUILD_EMOJIS_UPDATE).
 */
import {
  EMOJI_IMAGE_MAX_BYTES,
  type Emoji,
  EmojiNameSchema,
  MAX_ANIMATED_EMOJIS,
  MAX_STATIC_EMOJIS,
} from "@nexus/protocol";
import { type FormEvent, useState } from "react";
import type { GuildEntry } from "../../state/community.js";
import { api } from "../../state/session.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { TextField } from "../../ui/text-field.js";
import { useAction } from "../../ui/use-action.js";
import { CustomEmoji } from "./custom-emoji.js";

const ACCEPT = "image/png,image/gif,image/webp,image/jpeg";

/** "Party Parrot!.gif" → "Party_Parrot": a valid emoji name from a file name. */
function nameFromFile(file: File): string {
  const base = file.name
    .replace(/\.[^.]+$/, "")
    .replace(/[^A-Za-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return (base.length >= 2 ? base : `emoji_${base}`).slice(0, 32);
}

function readAsDataUri(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}

function EmojiRow({ guildId, emoji }: { guildId: string; emoji: Emoji }) {
  const [name, setName] = useState(emoji.name);
  const action = useAction();
  const path = `/guilds/${guildId}/emojis/${emoji.id}`;
  const rename = () => {
    if (name === emoji.name) return;
    if (!EmojiNameSchema.safeParse(name).success) {
      action.setError("Names are 2–32 letters, digits or underscores.");
      return;
    }
    void action.run(() => api.patch<Emoji>(path, { name }));
  };
  return (
    <li className="admin-item">
      <CustomEmoji id={emoji.id} name={emoji.name} animated={emoji.animated} size={32} />
      <div className="admin-item-main">
        <input
          className="input"
          aria-label={`Name of :${emoji.name}:`}
          value={name}
          maxLength={32}
          onChange={(event) => setName(event.target.value)}
          onBlur={rename}
          onKeyDown={(event) => {
            if (event.key === "Enter") rename();
          }}
        />
        <FormError message={action.error} />
      </div>
      <Button
        variant="secondary"
        aria-label={`Delete :${emoji.name}:`}
        busy={action.busy}
        onClick={() => void action.run(() => api.delete<void>(path))}
      >
        Delete
      </Button>
    </li>
  );
}

export function EmojiSettingsSection({ entry }: { entry: GuildEntry }) {
  const guildId = entry.guild.id;
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState("");
  const [fileError, setFileError] = useState<string>();
  const action = useAction();
  const animatedCount = entry.emojis.filter((e) => e.animated).length;
  const staticCount = entry.emojis.length - animatedCount;

  const choose = (chosen: File | undefined) => {
    setFileError(undefined);
    if (!chosen) return;
    if (chosen.size > EMOJI_IMAGE_MAX_BYTES) {
      setFileError("That file is larger than 256 KiB.");
      return;
    }
    setFile(chosen);
    setName(nameFromFile(chosen));
  };

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    const done = await action.run(async () =>
      api.post<Emoji>(`/guilds/${guildId}/emojis`, { name, image: await readAsDataUri(file) }),
    );
    if (done) {
      setFile(null);
      setName("");
    }
  }

  return (
    <>
      <SettingsBlock title="Emoji">
        <p className="settings-block-description">
          Everyone here can use these in messages and reactions. PNG, GIF, WebP or JPEG up to 256 KiB; shown at 128 px.{" "}
          {staticCount} / {MAX_STATIC_EMOJIS} static, {animatedCount} / {MAX_ANIMATED_EMOJIS} animated.
        </p>
        <form className="settings-form" onSubmit={upload} noValidate>
          <label className="field-label" htmlFor="emoji-file">
            Image
          </label>
          <input id="emoji-file" type="file" accept={ACCEPT} onChange={(event) => choose(event.target.files?.[0])} />
          <FormError message={fileError} />
          {file ? (
            <TextField
              label="Emoji name"
              value={name}
              maxLength={32}
              onChange={(event) => setName(event.target.value)}
              hint="Letters, digits and underscores; used as :name: in messages."
            />
          ) : null}
          <FormError message={action.error} />
          <div className="settings-actions">
            <Button type="submit" busy={action.busy} disabled={!file}>
              Upload emoji
            </Button>
          </div>
        </form>
      </SettingsBlock>
      <ul className="admin-list" aria-label="Emoji">
        {entry.emojis.map((emoji) => (
          <EmojiRow key={emoji.id} guildId={guildId} emoji={emoji} />
        ))}
      </ul>
    </>
  );
}
