// The live count of the segment as it is being edited: big, at the top, with a mark while the
// next count is on its way; what stops it from being counted (problems, beside their rules too,
// or an error); and a few of its members.

import { Alert, Group, Loader, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState } from "react";
import type { Target } from "../bindings/Target";
import { Panel } from "../common/Panel";
import { formatCount } from "../format";
import type { useSegmentPreview } from "../queries";
import { MemberRows } from "./MemberRows";
import { ProblemText } from "./ProblemText";

type Preview = ReturnType<typeof useSegmentPreview>;

/** A problem as the summary lists it: where it is, and the rule to scroll to. */
export interface PlacedProblem {
  where: string;
  message: string;
  /** The pointer of the rule it is about; null for the name and the like. */
  rulePath: string | null;
}

export function LivePreview({
  preview,
  target,
  problems,
}: {
  preview: Preview;
  target: Target;
  problems: readonly PlacedProblem[];
}) {
  const answer = preview.data;
  // The last count stays on screen while the rules have problems, marked as not current.
  const [lastCount, setLastCount] = useState<number | null>(null);
  const count = answer?.count ?? null;
  if (count !== null && count !== lastCount) setLastCount(count);
  const updating = !preview.settled || preview.isFetching;
  const outdated = count === null && lastCount !== null;
  const shown = count ?? lastCount;
  const unit = target === "companies" ? (shown === 1 ? "company" : "companies") : shown === 1 ? "person" : "people";

  return (
    <Panel
      title="Live count"
      description="Counted on this laptop from the rules as they are now"
      aside={
        updating && (
          <Group gap={6} wrap="nowrap" data-testid="segment-updating">
            <Loader size={14} />
            <Text fz="xs" c="dimmed">
              Updating…
            </Text>
          </Group>
        )
      }
      data-testid="segment-preview"
    >
      <Stack gap="sm">
        {shown === null && !answer?.error && problems.length === 0 ? (
          <Skeleton h={48} w={200} data-testid="segment-count-loading" />
        ) : (
          <div>
            <Group gap={8} align="baseline" wrap="nowrap" style={{ opacity: updating || outdated ? 0.55 : 1 }}>
              <Text id="segment-count" data-testid="segment-count" fz={44} fw={700} lh={1.1} className="sb-numeric">
                {shown === null ? "—" : formatCount(shown)}
              </Text>
              <Text fz="lg" c="dimmed">
                {unit}
              </Text>
            </Group>
            {outdated && (
              <Text fz="xs" c="dimmed">
                Before your last changes: fix the problems below to count again.
              </Text>
            )}
          </div>
        )}
        {answer?.error && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle />}
            title="The segment could not be counted"
            data-testid="segment-preview-error"
          >
            <ProblemText text={answer.error} />
          </Alert>
        )}
        {preview.error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} data-testid="segment-preview-failed">
            {preview.error.message}
          </Alert>
        )}
        {problems.length > 0 && <ProblemSummary problems={problems} />}
        {answer && answer.sample.length > 0 && (
          <div>
            <Text fz="xs" fw={600} c="dimmed" tt="uppercase" mb={4}>
              A few of them
            </Text>
            <MemberRows members={answer.sample} testId="segment-sample" />
          </div>
        )}
      </Stack>
    </Panel>
  );
}

function ProblemSummary({ problems }: { problems: readonly PlacedProblem[] }) {
  const title =
    problems.length === 1 ? "1 thing to fix before it can be counted" : `${problems.length} things to fix before it can be counted`;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle />} title={title} data-testid="segment-problems">
      <Stack gap={4}>
        {problems.map((problem, i) => (
          <UnstyledButton
            key={i}
            fz="sm"
            disabled={problem.rulePath === null}
            onClick={() => {
              if (problem.rulePath === null) return;
              document
                .querySelector(`[data-testid="rule-${problem.rulePath}"]`)
                ?.scrollIntoView({ behavior: "smooth", block: "center" });
            }}
          >
            <Text inherit span fw={600}>
              {problem.where}:
            </Text>{" "}
            <ProblemText text={problem.message} />
          </UnstyledButton>
        ))}
      </Stack>
    </Alert>
  );
}
