// What the Rust side found wrong with a field or a section, written beside it.

import { Stack, Text } from "@mantine/core";
import type { Problem } from "../bindings/Problem";
import { ProblemText } from "../segments/ProblemText";

export function FieldProblems({ problems, testId }: { problems: readonly Problem[]; testId: string }) {
  if (problems.length === 0) return null;
  return (
    <Stack gap={2} data-testid={testId}>
      {problems.map((p, i) => (
        <Text key={i} fz="xs" c="red">
          <ProblemText text={p.message} />
        </Text>
      ))}
    </Stack>
  );
}
