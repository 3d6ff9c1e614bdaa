/** Thread rows to the wire shape. */
import type { Thread, ThreadMember } from "@nexus/protocol";
import type { ThreadWithChannel } from "../../storage/repositories/thread.repository.js";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toThread(row: ThreadWithChannel): Thread {
  return {
    id: row.channel_id,
    guild_id: row.guild_id,
    parent_id: row.parent_id,
    type: "public_thread",
    name: row.name,
    owner_id: row.owner_id,
    starter_message_id: row.starter_message_id,
    message_count: row.message_count,
    member_count: row.member_count,
    last_message_id: row.last_message_id,
    archived: row.archived === 1,
    locked: row.locked === 1,
    auto_archive_duration: row.auto_archive_minutes,
    archive_timestamp: iso(row.archive_timestamp),
    created_at: new Date(row.created_at).toISOString(),
  };
}

export function toThreadMember(row: { thread_id: string; user_id: string; joined_at: number }): ThreadMember {
  return { thread_id: row.thread_id, user_id: row.user_id, joined_at: new Date(row.joined_at).toISOString() };
}
