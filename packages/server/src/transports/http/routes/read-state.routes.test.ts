import assert from "node:assert/strict";
import { test } from "node:test";
import { userTopic } from "../../../events/domain-events.js";
import { recordEvents } from "../../../test-support/event-recorder.js";
import { makeGuild, makeMember, makeRole, makeUser } from "../../../test-support/factories.js";
import { sendMessage } from "../../../test-support/message-factories.js";
import { startTestServer } from "../../../test-support/test-server.js";

test("read states: unread and mention counts follow acks and survive a restart", async () => {
  await using first = await startTestServer();
  const owner = await makeUser(first.api);
  const guild = await makeGuild(first.api, owner);
  const member = await makeMember(first, guild.id);
  const role = await makeRole(first.api, owner, guild.id, { name: "team", mentionable: true });
  await first.api.put(`/api/v1/guilds/${guild.id}/members/${member.id}/roles/${role.id}`, {}, { token: owner.token });
  const ch = guild.generalId;
  const m1 = await sendMessage(first.api, owner, ch, `hey <@${member.id}>`);
  const m2 = await sendMessage(first.api, owner, ch, "@everyone meeting");
  await sendMessage(first.api, owner, ch, `<@&${role.id}> ping`);
  await sendMessage(first.api, owner, ch, `<@${member.id}> and <@&${role.id}> again`);
  await sendMessage(first.api, member, ch, `talking to myself <@${member.id}>`);
  const m6 = await sendMessage(first.api, owner, ch, "no mentions");
  const stateOf = async (api: typeof first.api) => {
    const res = await api.get("/api/v1/users/@me/read-states", { token: member.token });
    assert.equal(res.status, 200);
    return res.body.find((s: any) => s.channel_id === ch);
  };
  assert.deepEqual(await stateOf(first.api), {
    channel_id: ch,
    last_read_id: null,
    last_message_id: m6.id,
    unread: true,
    mention_count: 4,
    direct_mention_count: 2,
  });
  const acks = await recordEvents(first.server.bus, userTopic(member.id));
  const ack = await first.api.post(`/api/v1/channels/${ch}/messages/${m2.id}/ack`, {}, { token: member.token });
  assert.equal(ack.status, 200);
  assert.equal(ack.body.mention_count, 2);
  assert.equal(ack.body.last_read_id, m2.id);
  const [synced] = await acks.waitFor(1, 20_000);
  assert.equal(synced?.type, "READ_STATE_UPDATE");
  assert.deepEqual(synced?.data, ack.body);

  await first.stop();
  await using second = await startTestServer({ dataDir: first.dataDir });
  assert.deepEqual(await stateOf(second.api), {
    channel_id: ch,
    last_read_id: m2.id,
    last_message_id: m6.id,
    unread: true,
    mention_count: 2,
    direct_mention_count: 1,
  });
  const done = await second.api.post(`/api/v1/channels/${ch}/messages/${m6.id}/ack`, {}, { token: member.token });
  assert.deepEqual([done.body.unread, done.body.mention_count], [false, 0]);
  // A plain ack of an older message (a late one from another device) does not move the marker back.
  const late = await second.api.post(`/api/v1/channels/${ch}/messages/${m1.id}/ack`, {}, { token: member.token });
  assert.deepEqual([late.body.last_read_id, late.body.unread, late.body.manual], [m6.id, false, undefined]);
  // Mark Unread does, and every session hears it as manual.
  const synced2 = await recordEvents(second.server.bus, userTopic(member.id));
  const back = await second.api.post(
    `/api/v1/channels/${ch}/messages/${m1.id}/ack`,
    { manual: true },
    { token: member.token },
  );
  assert.deepEqual([back.body.unread, back.body.mention_count, back.body.manual], [true, 3, true]);
  const [event] = await synced2.waitFor(1, 20_000);
  assert.deepEqual(event?.data, back.body);
  // Marking the channel's first message unread names the id just below it, which is not a message.
  const belowFirst = (BigInt(m1.id) - 1n).toString();
  const all = await second.api.post(
    `/api/v1/channels/${ch}/messages/${belowFirst}/ack`,
    { manual: true },
    { token: member.token },
  );
  assert.deepEqual([all.body.last_read_id, all.body.mention_count, all.body.direct_mention_count], [belowFirst, 4, 2]);
  assert.equal(
    (await second.api.post(`/api/v1/channels/${ch}/messages/${m1.id}/ack`, { manual: "yes" }, { token: member.token }))
      .status,
    400,
  );
  assert.equal(
    (await second.api.post(`/api/v1/channels/${ch}/messages/42/ack`, {}, { token: member.token })).status,
    404,
  );
  const stranger = await makeUser(second.api);
  assert.equal(
    (await second.api.post(`/api/v1/channels/${ch}/messages/${m1.id}/ack`, {}, { token: stranger.token })).status,
    404,
  );
});

test("notification settings per guild and channel", async () => {
  await using t = await startTestServer();
  const owner = await makeUser(t.api);
  const guild = await makeGuild(t.api, owner);
  const g = await t.api.patch(
    `/api/v1/users/@me/guilds/${guild.id}/notification-settings`,
    { level: "mentions" },
    { token: owner.token },
  );
  assert.deepEqual(g.body, { scope: "guild", id: guild.id, level: "mentions", muted_until: null });
  const until = new Date(Date.now() + 3_600_000).toISOString();
  const c = await t.api.patch(
    `/api/v1/users/@me/channels/${guild.generalId}/notification-settings`,
    { level: "nothing", muted_until: until },
    { token: owner.token },
  );
  assert.deepEqual(c.body, { scope: "channel", id: guild.generalId, level: "nothing", muted_until: until });
  const unmuted = await t.api.patch(
    `/api/v1/users/@me/channels/${guild.generalId}/notification-settings`,
    { muted_until: null },
    { token: owner.token },
  );
  assert.deepEqual([unmuted.body.level, unmuted.body.muted_until], ["nothing", null]);
  const all = await t.api.get("/api/v1/users/@me/notification-settings", { token: owner.token });
  assert.equal(all.body.length, 2);
  const bad = await t.api.patch(
    `/api/v1/users/@me/guilds/${guild.id}/notification-settings`,
    { level: "loud" },
    { token: owner.token },
  );
  assert.equal(bad.status, 400);
  const outsider = await makeUser(t.api);
  const hidden = await t.api.patch(
    `/api/v1/users/@me/guilds/${guild.id}/notification-settings`,
    { level: "all" },
    { token: outsider.token },
  );
  assert.equal(hidden.status, 404);
});
