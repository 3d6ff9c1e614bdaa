/** Loads a list once for a settings section, with a way to change it locally after a successful action. */
import { useEffect, useState } from "react";
import { describeError } from "../../api/api-error.js";

/** `key` names what the list depends on (a guild id): it reloads when the key changes. */
export function useLoaded<T>(load: () => Promise<T[]>, key: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `load` reads
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setItems(loaded),
      (failure) => live && setError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [key]);
  return { items, setItems, error };
}
