// "Did one event, then another": the two events, the days allowed between them, and optionally
// when the first one happened.

import { Group, Stack, Text } from "@mantine/core";
import type { Problem } from "../../bindings/Problem";
import type { Sequence } from "../../bindings/Sequence";
import { EventPicker } from "../EventPicker";
import { NumberField } from "../NumberField";
import { fieldHasProblem, omit } from "../rules";
import { WindowInput } from "../WindowInput";

export function SequenceRule({
  value,
  path,
  problems,
  onChange,
}: {
  value: Sequence;
  path: string;
  problems: readonly Problem[];
  onChange: (value: Sequence) => void;
}) {
  return (
    <Stack gap="xs">
      <Group gap="xs" align="flex-end" grow>
        <EventPicker
          label="First"
          value={value.first}
          path={`${path}/first`}
          invalid={fieldHasProblem(problems, `${path}/first`)}
          onChange={(first) => {
            onChange({ ...value, first });
          }}
        />
        <EventPicker
          label="Then"
          value={value.then}
          path={`${path}/then`}
          invalid={fieldHasProblem(problems, `${path}/then`)}
          onChange={(then) => {
            onChange({ ...value, then });
          }}
        />
      </Group>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NumberField
          label="Within"
          empty={0}
          w={110}
          min={1}
          allowDecimal={false}
          allowNegative={false}
          value={value.within_days}
          rightSection={<Text fz="xs" c="dimmed">days</Text>}
          rightSectionWidth={44}
          rightSectionPointerEvents="none"
          error={fieldHasProblem(problems, `${path}/within_days`)}
          onChange={(days) => {
            onChange({ ...value, within_days: days });
          }}
          data-testid={`field-${path}/within_days`}
        />
        <WindowInput
          label="First one happened"
          value={value.window}
          optional
          path={`${path}/window`}
          problems={problems}
          onChange={(window) => {
            const rest = omit(value, "window");
            onChange(window ? { ...rest, window } : rest);
          }}
        />
      </Group>
    </Stack>
  );
}
