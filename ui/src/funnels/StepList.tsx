// The funnel's steps, in order: each one's card, and adding one at the end.

import { Button, Stack } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { Problem } from "../bindings/Problem";
import type { Step } from "../bindings/Step";
import { MAX_STEPS, moved, problemsAt } from "./definition";
import { FieldProblems } from "./FieldProblems";
import { StepCard } from "./StepCard";

export function StepList({
  steps,
  problems,
  onChange,
}: {
  steps: readonly Step[];
  problems: readonly Problem[];
  onChange: (steps: Step[]) => void;
}) {
  return (
    <Stack gap="xs">
      <FieldProblems problems={problemsAt(problems, "/steps")} testId="funnel-steps-problems" />
      {steps.map((step, i) => (
        <StepCard
          key={i}
          step={step}
          index={i}
          count={steps.length}
          problems={problems}
          onChange={(next) => {
            onChange(steps.map((s, j) => (j === i ? next : s)));
          }}
          onMove={(to) => {
            onChange(moved(steps, i, to));
          }}
          onRemove={
            steps.length <= 2
              ? null
              : () => {
                  onChange(steps.filter((_, j) => j !== i));
                }
          }
        />
      ))}
      <div>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          disabled={steps.length >= MAX_STEPS}
          onClick={() => {
            onChange([...steps, { event: "", type: "track" }]);
          }}
          data-testid="funnel-add-step"
        >
          Add a step
        </Button>
      </div>
    </Stack>
  );
}
