/** Factories that build test data through the public API. */
import { randomBytes } from "node:crypto";
import type { TestClient } from "./test-client.js";

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  refreshToken: string;
  recoveryCodes: string[];
}

export async function makeUser(
  api: TestClient,
  overrides: { username?: string; password?: string } = {},
): Promise<TestUser> {
  const username = overrides.username ?? `user_${randomBytes(5).toString("hex")}`;
  const password = overrides.password ?? `pw-${randomBytes(8).toString("hex")}`;
  const res = await api.post("/api/v1/auth/register", { username, password });
  if (res.status !== 201) throw new Error(`makeUser failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.user.id,
    username,
    password,
    token: res.body.access_token,
    refreshToken: res.body.refresh_token,
    recoveryCodes: res.body.recovery_codes,
  };
}
