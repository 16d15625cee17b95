// Links between screens: a screen can send the person to another one (the Funnels screen to a
// segment it just made), naming the item that screen should open. The app frame switches, asking
// first while the current screen holds unsaved work, as the navigation does; the screen it opens
// reads the item once, when it mounts. It owns only the request; what an item is, is each screen's.

import { createContext, useContext } from "react";

export interface ScreenLink {
  /** Shows screen `id` (by its id in `SCREENS`), opening `item` in it where that screen can. */
  open: (id: string, item?: string) => void;
  /** The item the current screen was opened for; null when it was opened from the navigation. */
  item: string | null;
}

export const ScreenLinkContext = createContext<ScreenLink>({ open: () => undefined, item: null });

/** Sends the person to another screen (and an item in it). */
export function useOpenScreen(): ScreenLink["open"] {
  return useContext(ScreenLinkContext).open;
}

/** The item this screen was opened for, if it was opened by a link. */
export function useScreenItem(): string | null {
  return useContext(ScreenLinkContext).item;
}
