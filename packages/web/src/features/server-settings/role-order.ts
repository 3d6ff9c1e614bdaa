/** Reordering roles: the new positions after moving one role, as the minimal bulk update the server accepts. */
import type { Role } from "@nexus/protocol";

/**
 * Roles other than @everyone, highest first, with `roleId` moved to `toIndex` of that list; returns only the roles
 * whose position changes (positions run n..1 from the top, @everyone stays 0).
 */
export function moveRole(roles: Role[], everyoneId: string, roleId: string, toIndex: number) {
  const ordered = roles.filter((r) => r.id !== everyoneId).sort((a, b) => b.position - a.position);
  const from = ordered.findIndex((r) => r.id === roleId);
  if (from < 0) return [];
  const [moved] = ordered.splice(from, 1);
  if (!moved) return [];
  ordered.splice(Math.max(0, Math.min(toIndex, ordered.length)), 0, moved);
  return ordered
    .map((role, index) => ({ id: role.id, position: ordered.length - index, before: role.position }))
    .filter((r) => r.position !== r.before)
    .map(({ id, position }) => ({ id, position }));
}
