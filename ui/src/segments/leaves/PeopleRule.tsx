// "Its people" in a companies segment: whether any, all or none of a company's people must match,
// and the people rules they are matched against (a rule tree of its own, over people).

import { NativeSelect, Stack } from "@mantine/core";
import type { PeopleCondition } from "../../bindings/PeopleCondition";
import type { Quantifier } from "../../bindings/Quantifier";
import { RuleTree } from "../RuleTree";
import { QUANTIFIERS } from "../vocabulary";

export function PeopleRule({
  value,
  path,
  onChange,
}: {
  value: PeopleCondition;
  path: string;
  onChange: (value: PeopleCondition) => void;
}) {
  return (
    <Stack gap="xs">
      <NativeSelect
        aria-label="Which of its people"
        w={220}
        data={QUANTIFIERS}
        value={value.match}
        onChange={(event) => {
          onChange({ ...value, match: event.currentTarget.value as Quantifier });
        }}
        data-testid={`field-${path}/match`}
      />
      <RuleTree
        rule={value.rule}
        at={`${path}/rule`}
        target="people"
        onChange={(rule) => {
          onChange({ ...value, rule });
        }}
        onRemove={null}
      />
    </Stack>
  );
}
