// Whom the preview is for: the prospect search (what the picker shows, what was typed, the list
// it found) and the chosen prospect, which is the newest one until someone else is chosen.

import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import type { ProspectOption } from "../bindings/ProspectOption";
import { useProspects } from "../queries";
import { prospectLabel } from "./vocabulary";

/** Wait for a pause in typing before searching prospects. */
const SEARCH_DEBOUNCE_MS = 250;

export function useProspectChoice() {
  const [search, setSearch] = useState("");
  const [typed, setTyped] = useState("");
  const [query] = useDebouncedValue(typed.trim(), SEARCH_DEBOUNCE_MS);
  const prospects = useProspects(query);
  const [chosen, setChosen] = useState<ProspectOption | null>(null);
  const newest = prospects.data?.[0];
  if (chosen === null && newest !== undefined) setChosen(newest);

  return {
    prospects,
    chosen,
    choose: setChosen,
    search,
    onSearch: (text: string) => {
      setSearch(text);
      // Choosing a prospect writes its label into the input; that is not a search.
      if (chosen === null || text !== prospectLabel(chosen)) setTyped(text);
    },
  };
}

export type ProspectChoice = ReturnType<typeof useProspectChoice>;
