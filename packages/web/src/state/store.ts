/** A minimal observable store for app state, read in components through useSyncExternalStore. */
import { useSyncExternalStore } from "react";

export class Store<S> {
  private readonly listeners = new Set<() => void>();

  constructor(private state: S) {}

  get = (): S => this.state;

  set(update: S | ((previous: S) => S)): void {
    const next = typeof update === "function" ? (update as (previous: S) => S)(this.state) : update;
    if (Object.is(next, this.state)) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** Re-renders when the selected slice changes; selectors must return existing references, not new objects. */
export function useStore<S, T>(store: Store<S>, select: (state: S) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.get()));
}
