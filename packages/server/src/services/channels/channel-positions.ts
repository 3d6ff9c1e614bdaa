/**
 * Keeps channel positions dense and unique within each parent (top level counts as one parent): 0..n-1, so every
 * client sorts the same list the same way after moves, creations and deletions.
 */
import type { GuildChannelRow } from "../../storage/repositories/channel.repository.js";
import type { Repositories } from "../../storage/store.js";

type PositionedRow = Pick<GuildChannelRow, "id" | "parent_id" | "position">;

const byPositionThenId = (a: PositionedRow, b: PositionedRow) =>
  a.position - b.position || (BigInt(a.id) < BigInt(b.id) ? -1 : 1);

/**
 * The position each channel should have. Channels just placed (`placed`: created or moved with an explicit
 * position) land on the index they asked for (clamped; the nearest free one if two ask for the same); the others
 * keep their relative order around them.
 */
export function densePositions(rows: readonly PositionedRow[], placed: ReadonlySet<string>): Map<string, number> {
  const groups = new Map<string, PositionedRow[]>();
  for (const row of rows) {
    const key = row.parent_id ?? "";
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const positions = new Map<string, number>();
  for (const siblings of groups.values()) {
    const slots: (PositionedRow | undefined)[] = new Array(siblings.length).fill(undefined);
    for (const row of siblings.filter((r) => placed.has(r.id)).sort(byPositionThenId)) {
      const target = Math.min(Math.max(row.position, 0), slots.length - 1);
      let slot = target;
      while (slot < slots.length && slots[slot]) slot++;
      if (slot === slots.length) for (slot = target; slots[slot]; ) slot--;
      slots[slot] = row;
    }
    const rest = siblings.filter((r) => !placed.has(r.id)).sort(byPositionThenId);
    for (let i = 0; i < slots.length; i++) slots[i] ??= rest.shift();
    for (const [index, row] of slots.entries()) if (row) positions.set(row.id, index);
  }
  return positions;
}

/** Renumbers the guild's channels in place; returns the ids whose position changed. */
export async function renumberChannels(
  repos: Repositories,
  guildId: string,
  placed: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const rows = await repos.channels.listByGuild(guildId);
  const positions = densePositions(rows, placed);
  const changed: string[] = [];
  for (const row of rows) {
    const position = positions.get(row.id) ?? row.position;
    if (position === row.position) continue;
    await repos.channels.update(row.id, { position });
    changed.push(row.id);
  }
  return changed;
}
