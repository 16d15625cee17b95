// One exclusion: an event that, done between two steps, discards that attempt.

import { ActionIcon, Group, NativeSelect, Stack } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import type { Exclusion } from "../bindings/Exclusion";
import type { Problem } from "../bindings/Problem";
import { EventPicker } from "../segments/EventPicker";
import { fieldHasProblem } from "../segments/rules";
import { problemsUnder } from "./definition";
import { FieldProblems } from "./FieldProblems";

export function ExclusionRow({
  exclusion,
  index,
  stepLabels,
  problems,
  onChange,
  onRemove,
}: {
  exclusion: Exclusion;
  index: number;
  /** What each step is called, to choose the two the exclusion sits between. */
  stepLabels: readonly string[];
  problems: readonly Problem[];
  onChange: (exclusion: Exclusion) => void;
  onRemove: () => void;
}) {
  const path = `/exclusions/${String(index)}`;
  const steps = stepLabels.map((label, i) => ({ value: String(i + 1), label: `${String(i + 1)}. ${label}` }));
  const after = exclusion.after ?? 1;
  const before = exclusion.before ?? stepLabels.length;
  return (
    <Stack gap={4} data-testid={`funnel-exclusion-${String(index)}`}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <div style={{ flex: "1 1 200px" }}>
          <EventPicker
            label="Not doing"
            value={exclusion}
            path={path}
            invalid={fieldHasProblem(problems, `${path}/event`)}
            testId={`funnel-exclusion-${String(index)}-event`}
            onChange={({ event, type }) => {
              onChange({ ...exclusion, event, type: type ?? "track" });
            }}
          />
        </div>
        <NativeSelect
          label="after step"
          w={170}
          data={steps}
          value={String(after)}
          error={problemsUnder(problems, path).some((p) => p.path === path)}
          onChange={(event) => {
            onChange({ ...exclusion, after: Number(event.currentTarget.value) });
          }}
          data-testid={`funnel-exclusion-${String(index)}-after`}
        />
        <NativeSelect
          label="and before step"
          w={170}
          data={steps}
          value={String(before)}
          error={problemsUnder(problems, path).some((p) => p.path === path)}
          onChange={(event) => {
            onChange({ ...exclusion, before: Number(event.currentTarget.value) });
          }}
          data-testid={`funnel-exclusion-${String(index)}-before`}
        />
        <ActionIcon
          variant="subtle"
          color="gray"
          mb={4}
          aria-label="Remove this exclusion"
          onClick={onRemove}
          data-testid={`funnel-exclusion-${String(index)}-remove`}
        >
          <IconX size={16} />
        </ActionIcon>
      </Group>
      <FieldProblems problems={problemsUnder(problems, path)} testId={`funnel-exclusion-${String(index)}-problems`} />
    </Stack>
  );
}
