// A number input that can be emptied while typing: the rule gets `empty` (0, which the rule's
// validation then explains, or null for no bound at all) while the input keeps showing what was
// typed, instead of jumping back to a number under the cursor.

import { NumberInput, type NumberInputProps } from "@mantine/core";
import { useState } from "react";

export function NumberField<Empty extends number | null>({
  value,
  empty,
  onChange,
  ...input
}: Omit<NumberInputProps, "value" | "onChange"> & {
  value: number | null;
  /** What the rule holds while the field is empty. */
  empty: Empty;
  onChange: (value: number | Empty) => void;
  "data-testid"?: string;
}) {
  const [shown, setShown] = useState<number | string>(value ?? "");
  const [sent, setSent] = useState(value);
  // The rule changed from outside (another kind of window, a revert): show what it holds now.
  if (value !== sent) {
    setSent(value);
    setShown(value ?? "");
  }
  return (
    <NumberInput
      {...input}
      value={shown}
      onChange={(typed) => {
        const next = typeof typed === "number" ? typed : empty;
        setShown(typed);
        setSent(next);
        onChange(next);
      }}
    />
  );
}
