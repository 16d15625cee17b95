// One segment open: its header (name, status, save and the other actions) and, for a saved one,
// its rules, history and members as tabs. The rules sit beside the live count, which follows
// every edit once typing pauses.

import { Alert, Badge, Button, Group, Stack, Tabs, Text, Title, Tooltip } from "@mantine/core";
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconArrowLeft,
  IconDeviceFloppy,
  IconFileExport,
  IconRefresh,
} from "@tabler/icons-react";
import { useMemo, useState } from "react";
import type { Definition } from "../bindings/Definition";
import type { ExplainNode } from "../bindings/ExplainNode";
import type { Problem } from "../bindings/Problem";
import type { SegmentFields } from "../bindings/SegmentFields";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import type { SegmentVersion } from "../bindings/SegmentVersion";
import type { Target } from "../bindings/Target";
import { useNow } from "../common/useNow";
import { useSegmentPreview } from "../queries";
import { BuilderContext, explanationByPath, type Builder } from "./builderContext";
import { LivePreview, type PlacedProblem } from "./LivePreview";
import { MemberList } from "./MemberList";
import { GROUP_KINDS, LEAF_KINDS, problemsByRule, type GroupKind, type LeafKind } from "./rules";
import { SegmentBuilder } from "./SegmentBuilder";
import { SegmentHistory } from "./SegmentHistory";
import { SegmentMenu, type SegmentAction } from "./SegmentList";
import { GROUP_LABELS, kindLabel, statusText, unitCount } from "./vocabulary";

const NO_PROBLEMS: Problem[] = [];

/** Where a problem is, in words: the kind of rule its pointer ends with ("Did an event"), or "Name". */
function place(path: string | null, problem: Problem, target: Target): string {
  if (path === null) return problem.path === "/name" ? "Name" : "Segment";
  const kind = path.slice(path.lastIndexOf("/") + 1);
  if (GROUP_KINDS.includes(kind as GroupKind)) return `“${GROUP_LABELS[kind as GroupKind].label}” group`;
  const inPeople = path.includes("/people/rule/");
  const leafTarget: Target = inPeople ? "people" : target;
  return LEAF_KINDS.people.includes(kind as LeafKind) || LEAF_KINDS.companies.includes(kind as LeafKind)
    ? kindLabel(kind as LeafKind, leafTarget).label
    : kind;
}

export function SegmentEditor({
  definition,
  summary,
  history,
  fields,
  takenNames,
  dirty,
  saving,
  saveError,
  recomputing,
  onChange,
  onSave,
  onRevert,
  onBack,
  onAction,
}: {
  definition: Definition;
  /** The saved segment; null for a new one. */
  summary: SegmentSummary | null;
  history: readonly SegmentVersion[];
  fields: SegmentFields | undefined;
  /** The names of the other saved segments. */
  takenNames: readonly string[];
  dirty: boolean;
  saving: boolean;
  saveError: string | null;
  recomputing: boolean;
  onChange: (definition: Definition) => void;
  onSave: () => void;
  onRevert: () => void;
  onBack: () => void;
  onAction: (action: SegmentAction, segment: SegmentSummary) => void;
}) {
  const now = useNow();
  const preview = useSegmentPreview(definition);
  const answer = preview.data;
  const problems = answer?.problems ?? NO_PROBLEMS;
  const { byRule, general } = useMemo(() => problemsByRule(problems, definition.rule), [problems, definition.rule]);
  // While the rules have problems there is no new explanation; the last one stays, dimmed.
  const [lastExplanation, setLastExplanation] = useState<ExplainNode | null>(null);
  const explanation = answer?.explanation ?? null;
  if (explanation !== null && explanation !== lastExplanation) setLastExplanation(explanation);
  const shown = explanation ?? lastExplanation;
  const explain = useMemo(() => explanationByPath(shown), [shown]);
  const builder: Builder = {
    fields,
    ownName: summary?.name ?? definition.name,
    explain,
    problems: byRule,
    stale: !preview.settled || explanation === null,
  };
  const placed: PlacedProblem[] = [
    ...general.map((p) => ({ where: place(null, p, definition.target), message: p.message, rulePath: null })),
    ...[...byRule].flatMap(([path, list]) =>
      list.map((p) => ({ where: place(path, p, definition.target), message: p.message, rulePath: path })),
    ),
  ];

  const blocked = saving
    ? null
    : !dirty
      ? "Nothing has changed since it was saved."
      : definition.name.trim() === ""
        ? "Give the segment a name first."
        : problems.length > 0
          ? `Fix ${problems.length === 1 ? "the problem" : `the ${problems.length} problems`} shown beside the rules first.`
          : answer?.error
            ? "Fix the problem shown above the count first."
            : null;

  const rules = (
    <BuilderContext value={builder}>
      <div className="sb-segment-builder">
        <SegmentBuilder
          definition={definition}
          savedName={summary?.name ?? null}
          takenNames={takenNames}
          general={general}
          onChange={onChange}
        />
        <div className="sb-segment-preview">
          <LivePreview preview={preview} target={definition.target} problems={placed} />
        </div>
      </div>
    </BuilderContext>
  );

  const status = summary ? statusText(summary, now) : null;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2} miw={0}>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconArrowLeft size={14} />}
            onClick={onBack}
            w="fit-content"
            px={4}
            data-testid="segment-back"
          >
            All segments
          </Button>
          <Group gap="xs" wrap="nowrap">
            <Title order={1} fz={24} fw={650} lineClamp={1} data-testid="segment-title">
              {definition.name.trim() || "Untitled segment"}
            </Title>
            {dirty && (
              <Badge color="orange" variant="light" data-testid="segment-unsaved">
                {summary ? "Unsaved changes" : "New, not saved yet"}
              </Badge>
            )}
          </Group>
          {summary && status && (
            <Text fz="sm" c={status.color} data-testid="segment-status">
              {summary.latest && `${unitCount(summary.latest.size, summary.target)} · `}
              {status.text}
            </Text>
          )}
        </Stack>
        <Stack gap={4} align="flex-end">
          <Group gap="xs" wrap="nowrap">
            {summary && (
              <>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconRefresh size={14} />}
                  loading={recomputing}
                  onClick={() => {
                    onAction("recompute", summary);
                  }}
                  data-testid="segment-recompute"
                >
                  Recompute
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconFileExport size={14} />}
                  onClick={() => {
                    onAction("export", summary);
                  }}
                  data-testid="segment-export"
                >
                  Export…
                </Button>
              </>
            )}
            {dirty && summary && (
              <Button
                size="xs"
                variant="subtle"
                color="gray"
                leftSection={<IconArrowBackUp size={14} />}
                onClick={onRevert}
                data-testid="segment-revert"
              >
                Revert
              </Button>
            )}
            <Tooltip label={blocked} disabled={blocked === null}>
              {/* A disabled button gets no pointer events; the span shows the tooltip for it. */}
              <span>
                <Button
                  size="xs"
                  leftSection={<IconDeviceFloppy size={14} />}
                  disabled={blocked !== null}
                  loading={saving}
                  onClick={onSave}
                  id="segment-save"
                  data-testid="segment-save"
                >
                  Save
                </Button>
              </span>
            </Tooltip>
            {summary && (
              <SegmentMenu
                segment={summary}
                onAction={onAction}
                disabledReason={dirty ? "Save or revert your changes to rename" : undefined}
              />
            )}
          </Group>
          {blocked !== null && dirty && (
            <Text fz="xs" c="dimmed" data-testid="segment-save-blocked">
              {blocked}
            </Text>
          )}
        </Stack>
      </Group>
      {saveError !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="Not saved" data-testid="segment-save-error">
          {saveError}
        </Alert>
      )}
      {summary ? (
        <Tabs defaultValue="rules" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="rules" data-testid="segment-tab-rules">
              Rules and count
            </Tabs.Tab>
            <Tabs.Tab value="history" data-testid="segment-tab-history">
              History
            </Tabs.Tab>
            <Tabs.Tab value="members" data-testid="segment-tab-members">
              Members
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="rules">{rules}</Tabs.Panel>
          <Tabs.Panel value="history">
            <SegmentHistory name={summary.name} history={history} />
          </Tabs.Panel>
          <Tabs.Panel value="members">
            <MemberList name={summary.name} size={summary.latest?.size ?? null} />
          </Tabs.Panel>
        </Tabs>
      ) : (
        rules
      )}
    </Stack>
  );
}
