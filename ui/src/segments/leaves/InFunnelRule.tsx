// "In a funnel": the people who reached a step of a saved funnel (and every step before it), or
// who dropped out there (reached the step before, not this one), as the funnel counts now.
// A new rule starts with no funnel; it takes the first saved one as soon as they are known.

import { Group, NativeSelect, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import { useEffect } from "react";
import type { FunnelOutcome } from "../../bindings/FunnelOutcome";
import type { InFunnel } from "../../bindings/InFunnel";
import type { Problem } from "../../bindings/Problem";
import { useSavedFunnels } from "../../queries";
import { fieldHasProblem } from "../rules";
import { FUNNEL_OUTCOMES, funnelRuleText } from "../vocabulary";

/** The step a rule can keep with `outcome` on a funnel of `count` steps: nobody drops out at step 1. */
function fitStep(step: number, outcome: FunnelOutcome, count: number | null): number {
  const last = count ?? Math.max(step, 2);
  const first = outcome === "dropped" ? 2 : 1;
  return Math.max(first, Math.min(step, last));
}

export function InFunnelRule({
  value,
  path,
  problems,
  onChange,
}: {
  value: InFunnel;
  path: string;
  problems: readonly Problem[];
  onChange: (value: InFunnel) => void;
}) {
  const saved = useSavedFunnels();
  const funnels = saved.data ?? [];
  const chosen = funnels.find((f) => f.name.toLowerCase() === value.funnel.trim().toLowerCase());
  const first = funnels[0];

  useEffect(() => {
    if (value.funnel === "" && first !== undefined) {
      onChange({ ...value, funnel: first.name, step: fitStep(value.step, value.outcome, first.steps.length) });
    }
  }, [value, first, onChange]);

  const names = funnels.map((f) => f.name);
  const data = value.funnel !== "" && chosen === undefined ? [value.funnel, ...names] : names;
  const labels = chosen?.steps;
  // Every step of the funnel, and the rule's own when the funnel (no longer) has it.
  const stepCount = Math.max(labels?.length ?? 2, value.step);
  const steps = Array.from({ length: stepCount }, (_, i) => {
    const label = labels?.[i];
    return {
      value: String(i + 1),
      label: label !== undefined ? `${i + 1}. ${label}` : labels === undefined ? `Step ${i + 1}` : `Step ${i + 1} (not in this funnel)`,
      disabled: value.outcome === "dropped" && i === 0,
    };
  });

  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          label="Saved funnel"
          flex="1 1 200px"
          placeholder={
            saved.isPending ? "Loading the saved funnels…" : names.length === 0 ? "No funnel is saved yet" : "Choose a funnel"
          }
          description={saved.error ? `The saved funnels could not be read: ${saved.error.message}` : undefined}
          searchable
          allowDeselect={false}
          data={data}
          value={value.funnel === "" ? null : value.funnel}
          error={fieldHasProblem(problems, `${path}/funnel`)}
          nothingFoundMessage="No saved funnel by that name"
          onChange={(funnel) => {
            if (funnel === null) return;
            const count = funnels.find((f) => f.name === funnel)?.steps.length ?? null;
            onChange({ ...value, funnel, step: fitStep(value.step, value.outcome, count) });
          }}
          data-testid={`field-${path}/funnel`}
        />
        <SegmentedControl
          size="sm"
          aria-label="Reached the step, or dropped out at it"
          data={FUNNEL_OUTCOMES.map((o) => ({ value: o.value, label: o.label }))}
          value={value.outcome}
          onChange={(next) => {
            const outcome = next as FunnelOutcome;
            onChange({ ...value, outcome, step: fitStep(value.step, outcome, labels?.length ?? null) });
          }}
          data-testid={`field-${path}/outcome`}
        />
        <NativeSelect
          aria-label="Step"
          w={220}
          data={steps}
          value={String(value.step)}
          error={fieldHasProblem(problems, `${path}/step`)}
          onChange={(event) => {
            onChange({ ...value, step: Number(event.currentTarget.value) });
          }}
          data-testid={`field-${path}/step`}
        />
      </Group>
      <Text fz="xs" c="dimmed" data-testid={`describe-${path}`}>
        {funnelRuleText(value, labels)}
      </Text>
    </Stack>
  );
}
