/** Who is typing where: a TYPING_START shows for 10 seconds, or until that person's message arrives. */
import { useEffect, useState } from "react";
import { Store, useStore } from "../../state/store.js";

const TYPING_MS = 10_000;

/** channel id → user id → when the indicator expires (ms). */
export const typingStore = new Store<Record<string, Record<string, number>>>({});

export function startTyping(channelId: string, userId: string, now = Date.now()): void {
  typingStore.set((all) => ({ ...all, [channelId]: { ...all[channelId], [userId]: now + TYPING_MS } }));
}

export function stopTyping(channelId: string, userId: string): void {
  const channel = typingStore.get()[channelId];
  if (!channel || !(userId in channel)) return;
  const { [userId]: _gone, ...rest } = channel;
  typingStore.set((all) => ({ ...all, [channelId]: rest }));
}

/** The ids typing in a channel now; re-renders when someone's indicator expires. */
export function useTypingUsers(channelId: string): string[] {
  const channel = useStore(typingStore, (all) => all[channelId]);
  const [now, setNow] = useState(() => Date.now());
  const active = Object.entries(channel ?? {}).filter(([, expires]) => expires > now);
  const nextExpiry = Math.min(...active.map(([, expires]) => expires));
  useEffect(() => {
    if (!Number.isFinite(nextExpiry)) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, nextExpiry - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [nextExpiry]);
  // A new TYPING_START arrives with a fresh expiry; refresh "now" so it is not compared against a stale clock.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the store slice changing is the trigger
  useEffect(() => setNow(Date.now()), [channel]);
  return active.map(([userId]) => userId);
}
