/** Where invite previews get "members online now": the gateway's presence store. */
import type { PresenceStore } from "../../presence/presence-store.js";
import type { MemberRepository } from "../../storage/repositories/member.repository.js";

export interface OnlineCounter {
  countOnline(guildId: string): number | Promise<number>;
}

/** Nobody is counted as online (a server without presence). */
export const noOnlineCounter: OnlineCounter = { countOnline: () => 0 };

/** Members with a live session who are not invisible (invisible users look offline to everyone else). */
export function presenceOnlineCounter(members: MemberRepository, presence: PresenceStore): OnlineCounter {
  return {
    async countOnline(guildId) {
      const ids = (await members.listAccessRows(guildId)).map((m) => m.user_id);
      const online = await presence.online(ids);
      let count = 0;
      for (const p of online.values()) if (p.status !== "invisible") count++;
      return count;
    },
  };
}
