/** The server-administration API bound to the signed-in session. */
import { createGuildAdminApi } from "../../api/guild-admin-api.js";
import { api } from "../../state/session.js";

export const guildAdminApi = createGuildAdminApi(api);
