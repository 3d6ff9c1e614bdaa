/** Factories for messaging tests: send messages and open DMs through the public API. */

import type { TestUser } from "./factories.js";
import type { TestClient } from "./test-client.js";

export async function sendMessage(
  api: TestClient,
  user: TestUser,
  channelId: string,
  content: string,
  extra: Record<string, unknown> = {},
): Promise<any> {
  const res = await api.post(`/api/v1/channels/${channelId}/messages`, { content, ...extra }, { token: user.token });
  if (res.status !== 201) throw new Error(`sendMessage failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Sends `count` messages ("m0", "m1", ...) one after another; returns their ids oldest first. */
export async function sendMany(api: TestClient, user: TestUser, channelId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await sendMessage(api, user, channelId, `m${i}`)).id);
  return ids;
}

/** Makes the two users friends (so DM privacy never gets in the way). */
export async function befriend(api: TestClient, a: TestUser, b: TestUser): Promise<void> {
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    const res = await api.put(`/api/v1/users/@me/relationships/${to.id}`, {}, { token: from.token });
    if (res.status !== 204) throw new Error(`befriend failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function openDm(api: TestClient, user: TestUser, recipient: TestUser): Promise<any> {
  const res = await api.post("/api/v1/users/@me/channels", { recipient_id: recipient.id }, { token: user.token });
  if (res.status !== 201 && res.status !== 200)
    throw new Error(`openDm failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
