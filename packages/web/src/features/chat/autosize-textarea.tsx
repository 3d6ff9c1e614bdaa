/** A textarea that grows with its content (up to the CSS max-height), as chat inputs do. */
import { type ComponentPropsWithRef, useLayoutEffect, useRef } from "react";

export function AutosizeTextarea({ value, ref, ...rest }: ComponentPropsWithRef<"textarea"> & { value: string }) {
  const own = useRef<HTMLTextAreaElement | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height follows the text
  useLayoutEffect(() => {
    const area = own.current;
    if (!area) return;
    area.style.height = "auto";
    area.style.height = `${area.scrollHeight}px`;
  }, [value]);
  return (
    <textarea
      {...rest}
      rows={1}
      value={value}
      className={`autosize ${rest.className ?? ""}`}
      ref={(node) => {
        own.current = node;
        if (typeof ref === "function") ref(node);
        else if (ref) ref.current = node;
      }}
    />
  );
}
