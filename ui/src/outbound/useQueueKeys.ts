// The review queue's keyboard shortcuts, listened for on the whole document while the screen is
// shown, so they work wherever focus is, except where keys mean something else: while typing in a
// field (text, number, select, text area), while a dialog or menu is open, and with Ctrl, Alt or
// Meta held. A held-down key moves through the list but decides only once. Escape in a filter
// field leaves it, so the shortcuts work again.

import { useEffect, useEffectEvent } from "react";
import { DEFAULT_SNOOZE_DAYS } from "./vocabulary";
import type { ReviewQueue } from "./useReviewQueue";

/**
 * The queue's dialogs and menus appear and go at once (no fade): a key pressed just after one
 * closes is the queue's, not ignored because the dialog is still fading out.
 */
export const INSTANT = { duration: 0 };

/** Input types that take typing; a checkbox or a button does not. */
const NOT_TYPED = new Set(["checkbox", "radio", "button", "submit", "reset", "image", "file", "color", "range"]);

export function isTypingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !NOT_TYPED.has(target.type);
}

/** A dialog (ours or the app's) or a menu is open: keys are theirs. */
function somethingOpen(): boolean {
  return document.querySelector('[aria-modal="true"], [role="menu"]') !== null;
}

/** What a key does in the queue; false when it does nothing there. */
function act(queue: ReviewQueue, key: string, repeat: boolean): boolean {
  switch (key) {
    case "j":
    case "ArrowDown":
      queue.move(1);
      return true;
    case "k":
    case "ArrowUp":
      queue.move(-1);
      return true;
  }
  if (repeat) return false;
  switch (key) {
    case "a":
      queue.approve();
      return true;
    case "r":
      queue.open("reject");
      return true;
    case "s":
      queue.snooze(DEFAULT_SNOOZE_DAYS);
      return true;
    case "g":
      queue.open("assign");
      return true;
    case "n":
      queue.open("note");
      return true;
    case "u":
      queue.reopen();
      return true;
    case "?":
      queue.open("help");
      return true;
  }
  if (/^[1-9]$/.test(key)) {
    queue.toggleNth(Number(key));
    return true;
  }
  return false;
}

export function useQueueKeys(queue: ReviewQueue): void {
  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (isTypingIn(event.target)) {
      if (event.key === "Escape" && event.target instanceof HTMLElement && event.target.closest("[data-queue-filters]")) {
        event.target.blur();
      }
      return;
    }
    if (queue.dialog !== null || somethingOpen()) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (act(queue, key, event.repeat)) event.preventDefault();
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      onKey(event);
    };
    document.addEventListener("keydown", listener);
    return () => {
      document.removeEventListener("keydown", listener);
    };
  }, []);
}
