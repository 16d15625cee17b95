// Which event a rule is about: the workspace's events, most common first, each with its type
// (track, page, screen) and how often it happened, searchable by name.

import { Badge, Group, Select, Text } from "@mantine/core";
import type { EventType } from "../bindings/EventType";
import { formatCount } from "../format";
import { useBuilder } from "./builderContext";
import { commonEvents, eventRef } from "./rules";

interface EventValue {
  event: string;
  type?: EventType;
}

function optionValue(type: string, name: string): string {
  return `${type}:${name}`;
}

export function EventPicker({
  label,
  value,
  path,
  invalid,
  testId,
  onChange,
}: {
  label: string;
  value: EventValue;
  /** The pointer of the object holding `event` (the rule, or a sequence's `first` or `then`). */
  path: string;
  invalid: boolean;
  /** The input's test id; `field-<path>/event` when not given. */
  testId?: string;
  onChange: (value: EventValue) => void;
}) {
  const events = commonEvents(useBuilder().fields);
  const byValue = new Map(events.map((e) => [optionValue(e.eventType, e.name), e]));
  const current = optionValue(value.type ?? "track", value.event);
  const data = events.map((e) => ({ value: optionValue(e.eventType, e.name), label: e.name }));
  // A saved rule may name an event this workspace has not seen (yet): it stays choosable.
  if (value.event !== "" && !byValue.has(current)) data.unshift({ value: current, label: value.event });

  return (
    <Select
      label={label}
      placeholder="Choose an event"
      searchable
      allowDeselect={false}
      data={data}
      value={value.event === "" ? null : current}
      error={invalid}
      maxDropdownHeight={320}
      nothingFoundMessage="No event by that name has been received"
      rightSection={
        value.event === "" ? undefined : (
          <Badge size="xs" variant="light" color="gray">
            {value.type ?? "track"}
          </Badge>
        )
      }
      rightSectionWidth={64}
      rightSectionPointerEvents="none"
      onChange={(chosen) => {
        if (chosen === null) return;
        const split = chosen.indexOf(":");
        onChange(eventRef({ eventType: chosen.slice(0, split), name: chosen.slice(split + 1) }));
      }}
      renderOption={({ option }) => {
        const event = byValue.get(option.value);
        return (
          <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
            <Text fz="sm" truncate>
              {option.label}
            </Text>
            {event && (
              <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                <Badge size="xs" variant="light" color={event.eventType === "track" ? "blue" : "grape"}>
                  {event.eventType}
                </Badge>
                <Text fz="xs" c="dimmed" className="sb-numeric">
                  {formatCount(event.count)}
                </Text>
              </Group>
            )}
          </Group>
        );
      }}
      data-testid={testId ?? `field-${path}/event`}
    />
  );
}
