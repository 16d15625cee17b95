// "Did not do an event" and "did an event for the first time": an event and the window it is about.

import { Group } from "@mantine/core";
import type { EventInWindow } from "../../bindings/EventInWindow";
import type { Problem } from "../../bindings/Problem";
import { EventPicker } from "../EventPicker";
import { fieldHasProblem } from "../rules";
import { WindowInput } from "../WindowInput";

export function EventWindowRule({
  value,
  path,
  problems,
  onChange,
}: {
  value: EventInWindow;
  path: string;
  problems: readonly Problem[];
  onChange: (value: EventInWindow) => void;
}) {
  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <div style={{ flex: "1 1 220px" }}>
        <EventPicker
          label="Event"
          value={value}
          path={path}
          invalid={fieldHasProblem(problems, `${path}/event`)}
          onChange={({ event, type }) => {
            onChange(type === undefined ? { event, window: value.window } : { event, type, window: value.window });
          }}
        />
      </div>
      <WindowInput
        label="When"
        value={value.window}
        optional={false}
        path={`${path}/window`}
        problems={problems}
        onChange={(window) => {
          if (window) onChange({ ...value, window });
        }}
      />
    </Group>
  );
}
