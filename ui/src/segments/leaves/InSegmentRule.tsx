// "In another segment": a saved segment of the same target, read as it is now.

import { Select } from "@mantine/core";
import type { InSegment } from "../../bindings/InSegment";
import type { Problem } from "../../bindings/Problem";
import type { Target } from "../../bindings/Target";
import { useBuilder } from "../builderContext";
import { fieldHasProblem, otherSegments } from "../rules";

export function InSegmentRule({
  value,
  target,
  path,
  problems,
  onChange,
}: {
  value: InSegment;
  target: Target;
  path: string;
  problems: readonly Problem[];
  onChange: (value: InSegment) => void;
}) {
  const { fields, ownName } = useBuilder();
  const others = otherSegments(fields, target, ownName);
  const data = value.segment !== "" && !others.includes(value.segment) ? [value.segment, ...others] : others;
  return (
    <Select
      label="Segment"
      placeholder={data.length === 0 ? `No other segment of ${target} is saved yet` : "Choose a segment"}
      searchable
      allowDeselect={false}
      data={data}
      value={value.segment === "" ? null : value.segment}
      error={fieldHasProblem(problems, `${path}/segment`)}
      nothingFoundMessage={`No saved segment of ${target} by that name`}
      onChange={(segment) => {
        if (segment !== null) onChange({ segment });
      }}
      data-testid={`field-${path}/segment`}
    />
  );
}
