/**
 * The "stay at the bottom" intent of a message list. Virtuoso's own at-bottom state follows the scroll offset, and
 * that offset moves by itself: after opening at the bottom it keeps the top row still while rows above the view
 * are measured, so the bottom drifts out of view. The intent changes only when the person scrolls (wheel, touch,
 * keyboard, scrollbar drag), so the list can pin itself back to the bottom while it holds.
 */
import { useCallback, useEffect, useRef } from "react";

/** How long after the last wheel, key or touch a scroll still counts as the person's own (momentum included). */
const GESTURE_MS = 600;
const SCROLL_KEYS = new Set(["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End", " "]);

export interface StickToBottom {
  /** Whether the list should stay at the bottom. */
  readonly intent: { current: boolean };
  /** For Virtuoso's `scrollerRef`: watches the person's scrolling there. */
  scrollerRef: (element: HTMLElement | Window | null) => void;
}

/** `threshold`: how close to the bottom (px) a scroll must end to set the intent again. */
export function useStickToBottom(initial: boolean, threshold: number): StickToBottom {
  const intent = useRef(initial);
  const detach = useRef<(() => void) | null>(null);

  const scrollerRef = useCallback(
    (element: HTMLElement | Window | null) => {
      detach.current?.();
      detach.current = element instanceof HTMLElement ? watchScrolling(element, threshold, intent) : null;
    },
    [threshold],
  );
  useEffect(() => () => detach.current?.(), []);

  return { intent, scrollerRef };
}

/** Sets `intent` from where each of the person's own scrolls ends; returns the cleanup. */
function watchScrolling(element: HTMLElement, threshold: number, intent: { current: boolean }): () => void {
  let gestureUntil = 0;
  let dragging = false;
  const gesture = () => {
    gestureUntil = performance.now() + GESTURE_MS;
  };
  const onKey = (event: KeyboardEvent) => {
    if (SCROLL_KEYS.has(event.key)) gesture();
  };
  // A press on the scroller itself (not on a row inside it) is on its scrollbar.
  const onPointerDown = (event: PointerEvent) => {
    if (event.target === element) dragging = true;
  };
  const onPointerUp = () => {
    if (!dragging) return;
    dragging = false;
    gesture();
  };
  const onScroll = () => {
    if (!dragging && performance.now() > gestureUntil) return;
    intent.current = element.scrollHeight - element.scrollTop - element.clientHeight <= threshold;
  };
  const passive = { passive: true };
  element.addEventListener("wheel", gesture, passive);
  element.addEventListener("touchmove", gesture, passive);
  element.addEventListener("touchend", gesture, passive);
  element.addEventListener("keydown", onKey);
  element.addEventListener("pointerdown", onPointerDown);
  window.addEventListener("pointerup", onPointerUp);
  element.addEventListener("scroll", onScroll, passive);
  return () => {
    element.removeEventListener("wheel", gesture);
    element.removeEventListener("touchmove", gesture);
    element.removeEventListener("touchend", gesture);
    element.removeEventListener("keydown", onKey);
    element.removeEventListener("pointerdown", onPointerDown);
    window.removeEventListener("pointerup", onPointerUp);
    element.removeEventListener("scroll", onScroll);
  };
}
