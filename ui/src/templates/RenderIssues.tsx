// What went wrong, or fell back to a default, rendering the email for this prospect: one item per
// issue, errors in red (they block export) and warnings in yellow. Choosing one opens its layer.

import { Badge, Code, Group, Stack, Text, UnstyledButton } from "@mantine/core";
import type { RenderIssue } from "../bindings/RenderIssue";
import { isError, issuePlace } from "./vocabulary";

export function RenderIssues({
  issues,
  onShow,
}: {
  issues: readonly RenderIssue[];
  onShow: (issue: RenderIssue) => void;
}) {
  if (issues.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="preview-issues">
        Every variable has a value for this prospect.
      </Text>
    );
  }
  return (
    <Stack component="ul" gap={6} className="sb-issues" aria-label="Issues" data-testid="preview-issues">
      {issues.map((issue, i) => {
        const error = isError(issue);
        return (
          <li key={i} data-severity={error ? "error" : "warning"} data-testid={`issue-${String(i)}`}>
            <UnstyledButton
              className="sb-issue"
              title="Show this layer in the editor"
              onClick={() => {
                onShow(issue);
              }}
            >
              <Group gap={8} wrap="nowrap" align="flex-start">
                <Badge color={error ? "red" : "yellow"} size="sm" style={{ flexShrink: 0 }} mt={2}>
                  {error ? "Error" : "Warning"}
                </Badge>
                <div style={{ minWidth: 0 }}>
                  <Text fz="xs" c="dimmed">
                    {issuePlace(issue)}
                    {issue.variable !== null && (
                      <>
                        {" · "}
                        <Code fz="xs">{issue.variable}</Code>
                      </>
                    )}
                  </Text>
                  <Text fz="sm">{issue.message}</Text>
                </div>
              </Group>
            </UnstyledButton>
          </li>
        );
      })}
    </Stack>
  );
}
