// "Did an event": which event, how many times, when, and conditions on its properties.

import { ActionIcon, Button, Group, NativeSelect, Stack, Text } from "@mantine/core";
import { IconPlus, IconX } from "@tabler/icons-react";
import type { Count } from "../../bindings/Count";
import type { CountOp } from "../../bindings/CountOp";
import type { Performed } from "../../bindings/Performed";
import type { Problem } from "../../bindings/Problem";
import type { TraitCondition } from "../../bindings/TraitCondition";
import { ConditionFields } from "../ConditionFields";
import { EventPicker } from "../EventPicker";
import { NumberField } from "../NumberField";
import { fieldHasProblem, omit } from "../rules";
import { COUNT_OPS } from "../vocabulary";
import { WindowInput } from "../WindowInput";

const ONCE: Count = { op: "at_least", n: 1 };

export function PerformedRule({
  value,
  path,
  problems,
  onChange,
}: {
  value: Performed;
  path: string;
  problems: readonly Problem[];
  onChange: (value: Performed) => void;
}) {
  const count = value.count ?? ONCE;
  const filters = value.where ?? [];
  function setFilters(next: TraitCondition[]) {
    const rest = omit(value, "where");
    onChange(next.length === 0 ? rest : { ...rest, where: next });
  }
  function setWindow(window: Performed["window"]) {
    const rest = omit(value, "window");
    onChange(window ? { ...rest, window } : rest);
  }
  return (
    <Stack gap="xs">
      <EventPicker
        label="Event"
        value={value}
        path={path}
        invalid={fieldHasProblem(problems, `${path}/event`)}
        onChange={({ event, type }) => {
          const rest = omit(value, "type");
          onChange(type === undefined ? { ...rest, event } : { ...rest, event, type });
        }}
      />
      <Group gap="xs" align="flex-end" wrap="wrap">
        <NativeSelect
          label="How many times"
          w={130}
          data={COUNT_OPS}
          value={count.op}
          onChange={(event) => {
            onChange({ ...value, count: { ...count, op: event.currentTarget.value as CountOp } });
          }}
          data-testid={`field-${path}/count/op`}
        />
        <NumberField
          aria-label="Times"
          empty={0}
          w={90}
          min={0}
          allowDecimal={false}
          allowNegative={false}
          value={count.n}
          rightSection={<Text fz="xs" c="dimmed">{count.n === 1 ? "time" : "times"}</Text>}
          rightSectionWidth={44}
          rightSectionPointerEvents="none"
          error={fieldHasProblem(problems, `${path}/count`)}
          onChange={(n) => {
            onChange({ ...value, count: { ...count, n } });
          }}
          data-testid={`field-${path}/count/n`}
        />
        <WindowInput label="When" value={value.window} optional path={`${path}/window`} problems={problems} onChange={setWindow} />
      </Group>
      {filters.map((filter, i) => (
        <Group key={i} gap={6} align="flex-end" wrap="nowrap" data-testid={`where-${path}/where/${i}`}>
          <Text fz="sm" c="dimmed" pb={8} w={40}>
            {i === 0 ? "where" : "and"}
          </Text>
          <div style={{ flex: 1 }}>
            <ConditionFields
              value={filter}
              subject="property"
              path={`${path}/where/${i}`}
              problems={problems}
              onChange={(next) => {
                setFilters(filters.map((f, j) => (j === i ? next : f)));
              }}
            />
          </div>
          <ActionIcon
            variant="subtle"
            color="gray"
            mb={4}
            aria-label="Remove this property condition"
            onClick={() => {
              setFilters(filters.filter((_, j) => j !== i));
            }}
            data-testid={`remove-${path}/where/${i}`}
          >
            <IconX size={14} />
          </ActionIcon>
        </Group>
      ))}
      <div>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => {
            setFilters([...filters, { key: "", op: "equals" }]);
          }}
          data-testid={`add-where-${path}`}
        >
          Only when a property…
        </Button>
      </div>
    </Stack>
  );
}
