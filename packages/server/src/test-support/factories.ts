/** Factories that build test data through the public API. */
import { randomBytes } from "node:crypto";
import type { TestClient } from "./test-client.js";
import type { TestServer } from "./test-server.js";
import { totpCode } from "./totp.js";

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

export interface TestGuild {
  id: string;
  /** The #general text channel. */
  generalId: string;
  categoryId: string;
  voiceId: string;
  body: any;
}

export async function makeGuild(api: TestClient, owner: TestUser, name = "Test Server"): Promise<TestGuild> {
  const res = await api.post("/api/v1/guilds", { name }, { token: owner.token });
  if (res.status !== 201) throw new Error(`makeGuild failed: ${res.status} ${JSON.stringify(res.body)}`);
  const byType = (type: string) => res.body.channels.find((c: { type: string }) => c.type === type).id;
  return {
    id: res.body.id,
    generalId: byType("text"),
    categoryId: byType("category"),
    voiceId: byType("voice"),
    body: res.body,
  };
}

/** Creates a role through the API. */
export async function makeRole(
  api: TestClient,
  owner: TestUser,
  guildId: string,
  body: Record<string, unknown> = {},
): Promise<any> {
  const res = await api.post(`/api/v1/guilds/${guildId}/roles`, body, { token: owner.token });
  if (res.status !== 201) throw new Error(`makeRole failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Makes `user` a member of the guild with an invite the owner creates (any member with CREATE_INVITE would do). */
export async function joinGuild(t: TestServer, guildId: string, user: TestUser): Promise<void> {
  const guild = await t.server.services.guilds.get(await ownerOf(t, guildId), guildId);
  const channel = guild.channels.find((c) => c.type === "text") ?? guild.channels[0];
  const invite = await t.server.services.invites.create({ userId: guild.owner_id }, channel?.id ?? "", {
    max_age_seconds: 60,
    max_uses: 1,
  });
  const res = await t.api.post(`/api/v1/invites/${invite.code}`, undefined, { token: user.token });
  if (res.status !== 200) throw new Error(`joinGuild failed: ${res.status} ${JSON.stringify(res.body)}`);
}

async function ownerOf(t: TestServer, guildId: string): Promise<string> {
  const row = await t.server.database.db
    .selectFrom("guilds")
    .select("owner_id")
    .where("id", "=", guildId)
    .executeTakeFirst();
  if (!row) throw new Error(`no guild ${guildId}`);
  return row.owner_id;
}

/** Makes a user and adds them to the guild. */
export async function makeMember(t: TestServer, guildId: string): Promise<TestUser> {
  const user = await makeUser(t.api);
  await joinGuild(t, guildId, user);
  return user;
}

/** Turns two-factor on for the user; returns the secret. The current step's code is spent by the confirmation. */
export async function enableTotp(api: TestClient, user: TestUser): Promise<string> {
  const enroll = await api.post("/api/v1/users/@me/totp/enroll", { password: user.password }, { token: user.token });
  if (enroll.status !== 200) throw new Error(`enroll failed: ${enroll.status} ${JSON.stringify(enroll.body)}`);
  const { secret } = enroll.body;
  const confirm = await api.post("/api/v1/users/@me/totp/confirm", { code: totpCode(secret) }, { token: user.token });
  if (confirm.status !== 200) throw new Error(`confirm failed: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return secret;
}

/** Logs in again as the user (a new session); returns the token pair. */
export async function login(
  api: TestClient,
  user: Pick<TestUser, "username" | "password">,
  extra: Record<string, unknown> = {},
) {
  const res = await api.post("/api/v1/auth/login", { username: user.username, password: user.password, ...extra });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.access_token as string, refreshToken: res.body.refresh_token as string };
}
