/**
 * A link-preview switch: the server's (server settings, MANAGE_GUILD: every message there) or your own (user
 * settings → Privacy: the links you post).
 */
import type { LinkPreviewSettings } from "@nexus/protocol";
import { useEffect, useState } from "react";
import { describeError } from "../../api/api-error.js";
import { api } from "../../state/session.js";
import { FormError } from "../../ui/form-error.js";
import { SettingsBlock } from "../../ui/settings-layer.js";
import { useAction } from "../../ui/use-action.js";

export function LinkPreviewSwitch({ path, label }: { path: string; label: string }) {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [loadError, setLoadError] = useState<string>();
  const action = useAction();

  useEffect(() => {
    let live = true;
    api.get<LinkPreviewSettings>(path).then(
      (settings) => live && setEnabled(settings.enabled),
      (failure) => live && setLoadError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [path]);

  // The switch flips at once and flips back if the server refuses.
  const change = (next: boolean) => {
    setEnabled(next);
    void action.run(async () => {
      try {
        setEnabled((await api.patch<LinkPreviewSettings>(path, { enabled: next })).enabled);
      } catch (failure) {
        setEnabled(!next);
        throw failure;
      }
    });
  };

  return (
    <SettingsBlock
      title="Link previews"
      description="Links in messages get a preview card, fetched by this server; pictures in cards load through it too, so members' addresses never reach the linked sites."
    >
      <label className="checkbox">
        <input
          type="checkbox"
          checked={enabled ?? false}
          disabled={enabled === null || action.busy}
          onChange={(event) => change(event.target.checked)}
        />
        {label}
      </label>
      <FormError message={loadError ?? action.error} />
    </SettingsBlock>
  );
}

export const LinkPreviewSettingsSection = ({ guildId }: { guildId: string }) => (
  <LinkPreviewSwitch path={`/guilds/${guildId}/link-previews`} label="Show previews of links posted in this server" />
);

export const MyLinkPreviewsBlock = () => (
  <LinkPreviewSwitch path="/users/@me/link-previews" label="Show previews of links I post" />
);
