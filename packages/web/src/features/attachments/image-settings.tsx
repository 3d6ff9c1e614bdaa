/**
 * Settings controls for pictures: your avatar, and a server's icon and banner. A chosen picture first goes through
 * the crop dialog; the server still crops to the standard shapes (centred squares, 16:9 banners) and keeps animation; the new picture arrives through USER_UPDATE and
 * GUILD_UPDATE as well as in the answer.
 */
import type { CurrentUser, Guild } from "@nexus/protocol";
import { lazy, Suspense, useRef, useState } from "react";
import { describeError } from "../../api/api-error.js";
import { updateCurrentUser } from "../../state/session.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { avatarUrl, bannerUrl, guildIconUrl } from "./media-urls.js";
import { type GuildImageKind, profileImageApi } from "./profile-image-api.js";
import "../../styles/attachments.css";

/** Loaded when a picture is chosen, so the crop library stays out of the settings chunk until it is needed. */
const CropDialog = lazy(() => import("./crop-dialog.js"));

const ACCEPT = "image/png,image/jpeg,image/webp,image/gif,image/avif";

interface ImagePickerProps {
  label: string;
  previewUrl: string | null;
  shape: "round" | "square" | "wide";
  onPick: (file: File) => Promise<unknown>;
  onRemove: () => Promise<unknown>;
}

function ImagePicker({ label, previewUrl, shape, onPick, onRemove }: ImagePickerProps) {
  const input = useRef<HTMLInputElement | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="image-picker">
      <div className={`image-picker-preview image-picker-${shape === "wide" ? "wide" : "round"}`}>
        {previewUrl ? <img src={previewUrl} alt={`Current ${label.toLowerCase()}`} /> : null}
      </div>
      <div className="image-picker-actions">
        <Button busy={busy} onClick={() => input.current?.click()}>
          {previewUrl ? `Change ${label.toLowerCase()}` : `Upload ${label.toLowerCase()}`}
        </Button>
        {previewUrl ? (
          <Button variant="link" disabled={busy} onClick={() => void run(onRemove)}>
            Remove
          </Button>
        ) : null}
        <input
          ref={input}
          type="file"
          accept={ACCEPT}
          hidden
          aria-label={label}
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = "";
            if (file) setChosen(file);
          }}
        />
        {chosen ? (
          <Suspense fallback={null}>
            <CropDialog
              file={chosen}
              label={label}
              shape={shape}
              onCancel={() => setChosen(null)}
              onApply={(cropped) => {
                setChosen(null);
                void run(() => onPick(cropped));
              }}
            />
          </Suspense>
        ) : null}
        <FormError message={error ?? undefined} />
      </div>
    </div>
  );
}

export function AvatarSetting({ user }: { user: CurrentUser }) {
  return (
    <ImagePicker
      label="Avatar"
      shape="round"
      previewUrl={user.avatar ? avatarUrl(user.id, user.avatar, 128) : null}
      onPick={async (file) => updateCurrentUser(await profileImageApi.setAvatar(file))}
      onRemove={async () => updateCurrentUser(await profileImageApi.removeAvatar())}
    />
  );
}

export function GuildImageSettings({ guild }: { guild: Guild }) {
  const url = (kind: GuildImageKind) => {
    const hash = guild[kind];
    if (!hash) return null;
    return kind === "icon" ? guildIconUrl(guild.id, hash) : bannerUrl(guild.id, hash, 480);
  };
  return (
    <div className="guild-image-settings">
      {(["icon", "banner"] as const).map((kind) => (
        <ImagePicker
          key={kind}
          label={kind === "icon" ? "Icon" : "Banner"}
          shape={kind === "icon" ? "square" : "wide"}
          previewUrl={url(kind)}
          onPick={(file) => profileImageApi.setGuildImage(guild.id, kind, file)}
          onRemove={() => profileImageApi.removeGuildImage(guild.id, kind)}
        />
      ))}
    </div>
  );
}
