/** Invites: every working invite of the server with its inviter, uses and expiry; revoke. */
import { Button } from "../../ui/button.js";
import { FormError } from "../../ui/form-error.js";
import { useAction } from "../../ui/use-action.js";
import { guildAdminApi } from "./admin-api.js";
import { useLoaded } from "./use-loaded.js";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function InvitesSection({ guildId }: { guildId: string }) {
  const invites = useLoaded(() => guildAdminApi.invites(guildId), guildId);
  const action = useAction();
  const error = invites.error ?? action.error;
  return (
    <>
      <FormError message={error} />
      {invites.items?.length === 0 ? <p className="settings-block-description">No working invites.</p> : null}
      <table className="admin-table" aria-busy={invites.items === null}>
        <caption className="visually-hidden">Invites</caption>
        <thead>
          <tr>
            <th scope="col">Inviter</th>
            <th scope="col">Code</th>
            <th scope="col">Uses</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invites.items?.map((invite) => (
            <tr key={invite.code}>
              <td>
                {invite.inviter?.username ?? "—"} <span className="admin-item-meta">#{invite.channel.name}</span>
              </td>
              <td>
                <code>{invite.code}</code>
              </td>
              <td>
                {invite.uses}
                {invite.max_uses ? ` / ${invite.max_uses}` : ""}
              </td>
              <td>{invite.expires_at ? when.format(new Date(invite.expires_at)) : "Never"}</td>
              <td>
                <Button
                  variant="danger"
                  aria-label={`Revoke invite ${invite.code}`}
                  onClick={() =>
                    void action.run(async () => {
                      await guildAdminApi.revokeInvite(invite.code);
                      invites.setItems((list) => list?.filter((i) => i.code !== invite.code) ?? null);
                    })
                  }
                >
                  Revoke
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
