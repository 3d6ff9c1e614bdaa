/** Sets the page title to "<what is shown> | Nexus", so tabs and screen readers name the current place. */
import { useEffect } from "react";

export function useTitle(...parts: (string | null | undefined)[]): void {
  const title = [...parts.filter(Boolean), "Nexus"].join(" | ");
  useEffect(() => {
    document.title = title;
  }, [title]);
}
