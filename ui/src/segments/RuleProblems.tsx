// What the preview found wrong with one rule, in the Rust side's words, under the rule.

import { List, Text } from "@mantine/core";
import type { Problem } from "../bindings/Problem";
import { ProblemText } from "./ProblemText";

export function RuleProblems({ problems, path }: { problems: readonly Problem[]; path: string }) {
  if (problems.length === 0) return null;
  return (
    <List size="sm" mt={6} spacing={2} c="red" data-testid={`problems-${path}`}>
      {problems.map((problem) => (
        <List.Item key={`${problem.path}:${problem.message}`}>
          <Text inherit span>
            <ProblemText text={problem.message} />
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
