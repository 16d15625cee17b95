// The optional property held constant: an event property that must have the same value at every
// step (the same workspace, the same order). Empty leaves it out.

import { Stack, TextInput } from "@mantine/core";
import type { Problem } from "../bindings/Problem";
import { problemsUnder } from "./definition";
import { FieldProblems } from "./FieldProblems";

export function HoldConstantField({
  value,
  problems,
  onChange,
}: {
  value: string | null | undefined;
  problems: readonly Problem[];
  onChange: (value: string) => void;
}) {
  const mine = problemsUnder(problems, "/hold_constant");
  return (
    <Stack gap={4}>
      <TextInput
        label="Same value at every step"
        description="An event property every step must share, e.g. workspace_id; empty for none"
        placeholder="workspace_id"
        w={320}
        value={value ?? ""}
        error={mine.length > 0}
        onChange={(event) => {
          onChange(event.currentTarget.value);
        }}
        data-testid="funnel-hold-constant"
      />
      <FieldProblems problems={mine} testId="funnel-hold-constant-problems" />
    </Stack>
  );
}
