// When something happened: ever (where the rule allows it), in the last N days, or between two
// dates (UTC calendar days, both included).

import { Group, NativeSelect, Text, TextInput } from "@mantine/core";
import type { Problem } from "../bindings/Problem";
import type { Window } from "../bindings/Window";
import { NumberField } from "./NumberField";
import { fieldHasProblem } from "./rules";

type Mode = "ever" | "last" | "between";

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function WindowInput({
  label,
  value,
  optional,
  path,
  problems,
  onChange,
}: {
  label: string;
  value: Window | null | undefined;
  /** Whether "ever" (no window) is allowed. */
  optional: boolean;
  /** The window's pointer (`…/performed/window`). */
  path: string;
  problems: readonly Problem[];
  onChange: (value: Window | null) => void;
}) {
  const mode: Mode = !value ? "ever" : "last_days" in value ? "last" : "between";
  const modes = [
    ...(optional ? [{ value: "ever", label: "at any time" }] : []),
    { value: "last", label: "in the last" },
    { value: "between", label: "between" },
  ];

  function changeMode(next: Mode) {
    if (next === "ever") onChange(null);
    else if (next === "last") onChange({ last_days: 30 });
    else {
      const today = new Date();
      onChange({ between: { from: isoDay(new Date(today.getTime() - 29 * 86_400_000)), to: isoDay(today) } });
    }
  }

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <NativeSelect
        label={label}
        w={140}
        data={modes}
        value={mode}
        onChange={(event) => {
          changeMode(event.currentTarget.value as Mode);
        }}
        data-testid={`field-${path}`}
      />
      {value && "last_days" in value && (
        <NumberField
          aria-label="Number of days"
          empty={0}
          w={120}
          min={1}
          max={36_500}
          allowDecimal={false}
          allowNegative={false}
          value={value.last_days}
          rightSection={<Text fz="xs" c="dimmed">days</Text>}
          rightSectionWidth={44}
          rightSectionPointerEvents="none"
          error={fieldHasProblem(problems, `${path}/last_days`)}
          onChange={(days) => {
            onChange({ last_days: days });
          }}
          data-testid={`field-${path}/last_days`}
        />
      )}
      {value && "between" in value && (
        <>
          <TextInput
            type="date"
            aria-label="First day"
            placeholder="YYYY-MM-DD"
            w={160}
            value={value.between.from}
            error={fieldHasProblem(problems, `${path}/between/from`) || fieldHasProblem(problems, `${path}/between`)}
            onChange={(event) => {
              onChange({ between: { ...value.between, from: event.currentTarget.value } });
            }}
            data-testid={`field-${path}/between/from`}
          />
          <TextInput
            type="date"
            aria-label="Last day"
            placeholder="YYYY-MM-DD"
            w={160}
            value={value.between.to}
            error={fieldHasProblem(problems, `${path}/between/to`)}
            onChange={(event) => {
              onChange({ between: { ...value.between, to: event.currentTarget.value } });
            }}
            data-testid={`field-${path}/between/to`}
          />
        </>
      )}
    </Group>
  );
}
