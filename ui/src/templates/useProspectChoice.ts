// Whom the preview is for: the prospect search (what the picker shows, what was typed, the list
// it found) and the chosen prospect, which is the newest one until someone else is chosen, or the
// prospect a link asked for (`linked`, from another screen's "Preview email"). A linked prospect
// need not be among the newest listed: the preview needs only its id, so until a search lists it
// the picker names it by id.

import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { ProspectOption } from "../bindings/ProspectOption";
import { useProspects } from "../queries";
import { prospectLabel } from "./vocabulary";

/** Wait for a pause in typing before searching prospects. */
const SEARCH_DEBOUNCE_MS = 250;

/** The link item that opens the Templates screen's preview on a prospect: `prospect:<id>`. */
export function prospectItem(prospectId: number): string {
  return `prospect:${String(prospectId)}`;
}

/** The prospect a link item names; null for any other item, or none. */
export function linkedProspect(item: string | null): number | null {
  const match = item === null ? null : /^prospect:(\d+)$/.exec(item);
  return match?.[1] === undefined ? null : Number(match[1]);
}

/** The prospect of an id no list has shown yet: enough to render for, named by its id. */
export function unlistedProspect(id: number): ProspectOption {
  return { id, name: `Prospect ${String(id)}`, title: "", email: "", company: "", domain: "" };
}

export function useProspectChoice(linked: number | null = null) {
  const [search, setSearch] = useState("");
  const [typed, setTyped] = useState("");
  const [query] = useDebouncedValue(typed.trim(), SEARCH_DEBOUNCE_MS);
  const prospects = useProspects(query);
  const [chosen, setChosen] = useState<ProspectOption | null>(null);
  // False while the chosen prospect is a linked one no list has shown yet.
  const [named, setNamed] = useState(true);
  const listed = prospects.data;
  if (chosen === null && linked !== null) {
    // At once, so the preview does not render for the newest prospect first.
    const found = listed?.find((p) => p.id === linked);
    setChosen(found ?? unlistedProspect(linked));
    setNamed(found !== undefined);
  } else if (chosen === null && listed?.[0] !== undefined) {
    setChosen(listed[0]);
  } else if (!named && chosen !== null) {
    // A list that shows the linked prospect names it properly.
    const found = listed?.find((p) => p.id === chosen.id);
    if (found) {
      setChosen(found);
      setNamed(true);
    }
  }

  return {
    prospects,
    chosen,
    choose: (prospect: ProspectOption) => {
      setChosen(prospect);
      setNamed(true);
    },
    search,
    onSearch: (text: string) => {
      setSearch(text);
      // Choosing a prospect writes its label into the input; that is not a search.
      if (chosen === null || text !== prospectLabel(chosen)) setTyped(text);
    },
  };
}

export type ProspectChoice = ReturnType<typeof useProspectChoice>;
