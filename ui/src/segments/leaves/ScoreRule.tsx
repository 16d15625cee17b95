// A score rule: whose score (a person's own or their company's), which fit segments, and a range.

import { Chip, Group, NativeSelect, Stack, Text } from "@mantine/core";
import type { Problem } from "../../bindings/Problem";
import type { ScoreCondition } from "../../bindings/ScoreCondition";
import type { Target } from "../../bindings/Target";
import { NumberField } from "../NumberField";
import { fieldHasProblem } from "../rules";
import { FIT_SEGMENTS } from "../vocabulary";

/** The condition without the keys that are unset, as Rust writes it. */
function tidy(score: ScoreCondition): ScoreCondition {
  const out: ScoreCondition = {};
  if (score.model !== undefined && score.model !== null) out.model = score.model;
  if (score.of !== undefined && score.of !== null) out.of = score.of;
  if (score.fit_segment !== undefined && score.fit_segment.length > 0) out.fit_segment = score.fit_segment;
  if (score.min !== undefined && score.min !== null) out.min = score.min;
  if (score.max !== undefined && score.max !== null) out.max = score.max;
  return out;
}

export function ScoreRule({
  value,
  target,
  path,
  problems,
  onChange,
}: {
  value: ScoreCondition;
  target: Target;
  path: string;
  problems: readonly Problem[];
  onChange: (value: ScoreCondition) => void;
}) {
  const bound = (key: "min" | "max") => (
    <NumberField
      label={key === "min" ? "Score from" : "to"}
      placeholder="any"
      empty={null}
      w={110}
      min={0}
      max={100}
      value={value[key] ?? null}
      error={fieldHasProblem(problems, `${path}/${key}`)}
      onChange={(n) => {
        onChange(tidy({ ...value, [key]: n }));
      }}
      data-testid={`field-${path}/${key}`}
    />
  );
  return (
    <Stack gap="xs">
      {target === "people" && (
        <NativeSelect
          label="Whose score"
          w={220}
          data={[
            { value: "person", label: "Their own" },
            { value: "company", label: "Their company's" },
          ]}
          value={value.of ?? "person"}
          onChange={(event) => {
            onChange(tidy({ ...value, of: event.currentTarget.value === "company" ? "company" : null }));
          }}
          data-testid={`field-${path}/of`}
        />
      )}
      <div>
        <Text fz="sm" fw={500} mb={4}>
          Fit
        </Text>
        <Chip.Group
          multiple
          value={value.fit_segment ?? []}
          onChange={(fit) => {
            onChange(tidy({ ...value, fit_segment: FIT_SEGMENTS.filter((f) => fit.includes(f)) }));
          }}
        >
          <Group gap={6} data-testid={`field-${path}/fit_segment`}>
            {FIT_SEGMENTS.map((fit) => (
              <Chip key={fit} value={fit} size="xs" data-testid={`field-${path}/fit_segment/${fit}`}>
                {fit}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </div>
      <Group gap="xs" align="flex-end">
        {bound("min")}
        {bound("max")}
      </Group>
    </Stack>
  );
}
