/** The account API bound to the signed-in session. */
import { createAccountApi } from "../../api/account-api.js";
import { api } from "../../state/session.js";

export const accountApi = createAccountApi(api);
