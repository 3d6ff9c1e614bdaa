/** Account endpoints: register, log in, recover with a recovery code, log out, and the signed-in user. */
import type {
  AuthResultSchema,
  CurrentUser,
  LoginSchema,
  RecoverAccountSchema,
  RegisterResultSchema,
  RegisterSchema,
} from "@nexus/protocol";
import type { z } from "zod";
import type { ApiClient } from "./api-client.js";

export type RegisterInput = z.input<typeof RegisterSchema>;
export type RegisterResult = z.infer<typeof RegisterResultSchema>;
export type LoginInput = z.input<typeof LoginSchema>;
export type AuthResult = z.infer<typeof AuthResultSchema>;
export type RecoverInput = z.input<typeof RecoverAccountSchema>;

const DEVICE_NAME = "Web browser";

export function createAuthApi(api: ApiClient) {
  return {
    register: (input: RegisterInput) =>
      api.post<RegisterResult>("/auth/register", { device_name: DEVICE_NAME, ...input }, { auth: false }),
    login: (input: LoginInput) =>
      api.post<AuthResult>("/auth/login", { device_name: DEVICE_NAME, ...input }, { auth: false }),
    /** Sets a new password with a one-time recovery code; some servers also sign the user in. */
    recover: (input: RecoverInput) =>
      api.post<Partial<AuthResult> | undefined>("/auth/recover", input, { auth: false }),
    logout: () => api.post<void>("/auth/logout"),
    me: () => api.get<CurrentUser>("/users/@me"),
  };
}

export type AuthApi = ReturnType<typeof createAuthApi>;
