// The funnel being edited: its steps, when it counts, its exclusions, breakdown and the property
// held constant, each with the problems the last run found in it written beside it.

import { Divider, Stack } from "@mantine/core";
import { useMemo } from "react";
import type { Funnel } from "../bindings/Funnel";
import type { Problem } from "../bindings/Problem";
import type { SegmentFields } from "../bindings/SegmentFields";
import { Panel } from "../common/Panel";
import { BuilderContext, type Builder } from "../segments/builderContext";
import { BreakdownFields } from "./BreakdownFields";
import { problemsAt, withOptional } from "./definition";
import { ExclusionList } from "./ExclusionList";
import { FieldProblems } from "./FieldProblems";
import { FunnelSettings } from "./FunnelSettings";
import { HoldConstantField } from "./HoldConstantField";
import { StepList } from "./StepList";

export function FunnelBuilder({
  funnel,
  fields,
  problems,
  onChange,
}: {
  funnel: Funnel;
  fields: SegmentFields | undefined;
  problems: readonly Problem[];
  onChange: (funnel: Funnel) => void;
}) {
  // The segment builder's pickers read the workspace's events and keys from this context.
  const builder = useMemo<Builder>(
    () => ({ fields, ownName: null, explain: new Map(), problems: new Map(), stale: false }),
    [fields],
  );
  return (
    <BuilderContext value={builder}>
      <Panel title="Funnel" description="The steps people go through; the figures update as you edit." data-testid="funnel-builder">
        <Stack gap="md">
          <FieldProblems problems={problemsAt(problems, "/version")} testId="funnel-version-problems" />
          <StepList
            steps={funnel.steps}
            problems={problems}
            onChange={(steps) => {
              onChange({ ...funnel, steps });
            }}
          />
          <Divider />
          <FunnelSettings funnel={funnel} problems={problems} onChange={onChange} />
          <Divider />
          <ExclusionList
            exclusions={funnel.exclusions ?? []}
            stepLabels={funnel.steps.map((s) => s.label ?? (s.event === "" ? "(no event yet)" : s.event))}
            problems={problems}
            onChange={(exclusions) => {
              onChange(withOptional(funnel, "exclusions", exclusions));
            }}
          />
          <Divider />
          <BreakdownFields
            value={funnel.breakdown}
            fields={fields}
            onChange={(breakdown) => {
              onChange(withOptional(funnel, "breakdown", breakdown));
            }}
          />
          <HoldConstantField
            value={funnel.hold_constant}
            problems={problems}
            onChange={(property) => {
              onChange(withOptional(funnel, "hold_constant", property));
            }}
          />
        </Stack>
      </Panel>
    </BuilderContext>
  );
}
