import assert from "node:assert/strict";
import { test } from "node:test";
import { makeGuild, makeMember, makeUser } from "../../../test-support/factories.js";
import { GatewayClient } from "../../../test-support/gateway-client.js";
import { befriend, openDm } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

const SEND_MESSAGES_IN_THREADS = (1n << 38n).toString();

test("typing reaches the others who can see a guild channel, a thread or a DM", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const member = await makeMember(t, guild.id);
  const outsider = await makeUser(t.api);
  const gw = await GatewayClient.connect(t.baseUrl);
  await gw.identify(member.token);
  const typing = () => gw.next((f) => f.t === "TYPING_START");
  const typeIn = async (channelId: string, user = owner) =>
    (await t.api.post(`/api/v1/channels/${channelId}/typing`, undefined, { token: user.token })).status;

  assert.equal(await typeIn(guild.generalId), 204);
  const inChannel = (await typing()).d;
  assert.deepEqual([inChannel.channel_id, inChannel.guild_id], [guild.generalId, guild.id]);

  const thread = (
    await t.api.post(`/api/v1/channels/${guild.generalId}/threads`, { name: "plans" }, { token: owner.token })
  ).body;
  assert.equal(await typeIn(thread.id), 204);
  const inThread = (await typing()).d;
  assert.deepEqual([inThread.channel_id, inThread.guild_id, inThread.user_id], [thread.id, guild.id, owner.id]);

  await befriend(t.api, owner, member);
  const dm = await openDm(t.api, owner, member);
  assert.equal(await typeIn(dm.id), 204);
  const inDm = (await typing()).d;
  assert.deepEqual([inDm.channel_id, inDm.user_id, "guild_id" in inDm], [dm.id, owner.id, false]);

  assert.equal(await typeIn(dm.id, outsider), 404);
  assert.equal(await typeIn(thread.id, outsider), 404);
  // Without SEND_MESSAGES_IN_THREADS a member may not type in a thread, as they may not post there.
  const deny = await t.api.put(
    `/api/v1/channels/${guild.generalId}/permissions/${guild.id}`,
    { type: "role", deny: SEND_MESSAGES_IN_THREADS },
    { token: owner.token },
  );
  assert.ok(deny.status < 300, JSON.stringify(deny.body));
  assert.equal(await typeIn(thread.id, member), 403);
});
