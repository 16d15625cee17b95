// Words and colours for the kinds of tracking plan violation the Rust side reports.

const KINDS: Record<string, { label: string; color: string }> = {
  unplanned_event: { label: "Unplanned event", color: "orange" },
  missing_property: { label: "Missing property", color: "red" },
  wrong_type: { label: "Wrong type", color: "pink" },
  extra_property: { label: "Extra property", color: "yellow" },
  invalid_value: { label: "Invalid value", color: "grape" },
};

/** A kind as people read it; a kind this build does not know yet shows as sent. */
export function violationKindLabel(kind: string): string {
  return KINDS[kind]?.label ?? kind;
}

export function violationKindColor(kind: string): string {
  return KINDS[kind]?.color ?? "gray";
}
