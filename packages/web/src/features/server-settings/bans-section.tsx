/** Bans: who is banned and why; unban. */
import { useState } from "react";
import { Avatar } from "../../ui/avatar.js";
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { useAction } from "../../ui/use-action.js";
import { guildAdminApi } from "./admin-api.js";
import { useLoaded } from "./use-loaded.js";

export function BansSection({ guildId }: { guildId: string }) {
  const bans = useLoaded(() => guildAdminApi.bans(guildId), guildId);
  const action = useAction();
  const [notice, setNotice] = useState("");
  const error = bans.error ?? action.error;
  return (
    <>
      <FormError message={error} />
      <p role="status" className="settings-saved">
        {notice}
      </p>
      {bans.items?.length === 0 ? <p className="settings-block-description">No one is banned.</p> : null}
      <ul className="admin-list" aria-label="Bans" aria-busy={bans.items === null}>
        {bans.items?.map((ban) => (
          <li key={ban.user.id} className="admin-item">
            <Avatar id={ban.user.id} name={ban.user.username} size={32} />
            <div className="admin-item-main">
              <span className="admin-item-title">{ban.user.display_name ?? ban.user.username}</span>
              <span className="admin-item-meta">{ban.reason ? `Reason: ${ban.reason}` : "No reason given"}</span>
            </div>
            <Button
              variant="secondary"
              aria-label={`Revoke ban of ${ban.user.username}`}
              onClick={() =>
                void action.run(async () => {
                  await guildAdminApi.unban(guildId, ban.user.id);
                  bans.setItems((list) => list?.filter((b) => b.user.id !== ban.user.id) ?? null);
                  setNotice(`${ban.user.username} was unbanned.`);
                })
              }
            >
              Revoke ban
            </Button>
          </li>
        ))}
      </ul>
    </>
  );
}
