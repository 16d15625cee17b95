// One step of the funnel: its event, an optional label for the chart, conditions on the event's
// properties, and moving or removing it. Its problems are written under it.

import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconPlus, IconX } from "@tabler/icons-react";
import type { Problem } from "../bindings/Problem";
import type { Step } from "../bindings/Step";
import type { TraitCondition } from "../bindings/TraitCondition";
import { ConditionFields } from "../segments/ConditionFields";
import { EventPicker } from "../segments/EventPicker";
import { fieldHasProblem } from "../segments/rules";
import { problemsUnder, withOptional } from "./definition";
import { FieldProblems } from "./FieldProblems";

export function StepCard({
  step,
  index,
  count,
  problems,
  onChange,
  onMove,
  onRemove,
}: {
  step: Step;
  index: number;
  /** How many steps the funnel has. */
  count: number;
  problems: readonly Problem[];
  onChange: (step: Step) => void;
  onMove: (to: number) => void;
  onRemove: (() => void) | null;
}) {
  const path = `/steps/${String(index)}`;
  const filters = step.where ?? [];
  const setFilters = (next: TraitCondition[]) => {
    onChange(withOptional(step, "where", next));
  };
  return (
    <Paper withBorder p="sm" data-testid={`funnel-step-${String(index)}`}>
      <Stack gap="xs">
        <Group gap="xs" align="flex-end" wrap="wrap">
          <Badge variant="light" size="lg" circle mb={6}>
            {index + 1}
          </Badge>
          <div style={{ flex: "1 1 220px" }}>
            <EventPicker
              label="Event"
              value={step}
              path={path}
              invalid={fieldHasProblem(problems, `${path}/event`)}
              testId={`funnel-step-${String(index)}-event`}
              onChange={({ event, type }) => {
                onChange({ ...step, event, type: type ?? "track" });
              }}
            />
          </div>
          <TextInput
            label="Label"
            placeholder={step.event === "" ? "As the chart calls it" : step.event}
            w={180}
            value={step.label ?? ""}
            onChange={(event) => {
              onChange(withOptional(step, "label", event.currentTarget.value));
            }}
            data-testid={`funnel-step-${String(index)}-label`}
          />
          <Group gap={2} mb={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Move this step up"
              disabled={index === 0}
              onClick={() => {
                onMove(index - 1);
              }}
              data-testid={`funnel-step-${String(index)}-up`}
            >
              <IconArrowUp size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Move this step down"
              disabled={index === count - 1}
              onClick={() => {
                onMove(index + 1);
              }}
              data-testid={`funnel-step-${String(index)}-down`}
            >
              <IconArrowDown size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Remove this step"
              disabled={onRemove === null}
              onClick={() => onRemove?.()}
              data-testid={`funnel-step-${String(index)}-remove`}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        </Group>
        {filters.map((filter, i) => (
          <Group key={i} gap={6} align="flex-end" wrap="nowrap" pl={40}>
            <Text fz="sm" c="dimmed" pb={8} w={40}>
              {i === 0 ? "where" : "and"}
            </Text>
            <div style={{ flex: 1 }}>
              <ConditionFields
                value={filter}
                subject="property"
                path={`${path}/where/${String(i)}`}
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
            >
              <IconX size={14} />
            </ActionIcon>
          </Group>
        ))}
        <Group justify="space-between" align="flex-start" pl={40}>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={12} />}
            onClick={() => {
              setFilters([...filters, { key: "", op: "equals" }]);
            }}
            data-testid={`funnel-step-${String(index)}-add-where`}
          >
            Only when a property…
          </Button>
        </Group>
        <FieldProblems problems={problemsUnder(problems, path)} testId={`funnel-step-${String(index)}-problems`} />
      </Stack>
    </Paper>
  );
}
