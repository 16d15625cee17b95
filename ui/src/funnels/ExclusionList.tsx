// The funnel's exclusions: events that discard an attempt when done between two of its steps.

import { Button, Stack, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { Exclusion } from "../bindings/Exclusion";
import type { Problem } from "../bindings/Problem";
import { problemsAt } from "./definition";
import { ExclusionRow } from "./ExclusionRow";
import { FieldProblems } from "./FieldProblems";

export function ExclusionList({
  exclusions,
  stepLabels,
  problems,
  onChange,
}: {
  exclusions: readonly Exclusion[];
  stepLabels: readonly string[];
  problems: readonly Problem[];
  onChange: (exclusions: Exclusion[]) => void;
}) {
  return (
    <Stack gap="xs">
      <Text fz="sm" fw={500}>
        Exclusions
      </Text>
      <FieldProblems problems={problemsAt(problems, "/exclusions")} testId="funnel-exclusions-problems" />
      {exclusions.map((exclusion, i) => (
        <ExclusionRow
          key={i}
          exclusion={exclusion}
          index={i}
          stepLabels={stepLabels}
          problems={problems}
          onChange={(next) => {
            onChange(exclusions.map((x, j) => (j === i ? next : x)));
          }}
          onRemove={() => {
            onChange(exclusions.filter((_, j) => j !== i));
          }}
        />
      ))}
      <div>
        <Button
          size="xs"
          variant="light"
          color="gray"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            onChange([...exclusions, { event: "", type: "track", after: 1, before: stepLabels.length }]);
          }}
          data-testid="funnel-add-exclusion"
        >
          Exclude people who do something between two steps
        </Button>
      </div>
    </Stack>
  );
}
