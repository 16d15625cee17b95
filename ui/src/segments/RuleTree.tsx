// A rule wherever it sits in the tree: a group with its rules, or a leaf's card. A tree whose top
// is a single leaf (written by hand or by the CLI) can still grow: adding a rule puts both in an
// "All of" group.

import { Group, Stack } from "@mantine/core";
import type { Rule } from "../bindings/Rule";
import type { Target } from "../bindings/Target";
import { AddRuleMenu } from "./AddRuleMenu";
import { useBuilder } from "./builderContext";
import { RuleCard } from "./RuleCard";
import { RuleGroup } from "./RuleGroup";
import { defaultLeaf, groupOf, rulePath } from "./rules";

export function RuleTree({
  rule,
  at,
  target,
  onChange,
  onRemove,
  addRuleId,
}: {
  rule: Rule;
  /** Where it sits: `/rule`, `/rule/all/2`, `/rule/all/1/people/rule`; its pointer adds its kind. */
  at: string;
  target: Target;
  onChange: (rule: Rule) => void;
  /** Null for the top of a tree, which cannot be removed. */
  onRemove: (() => void) | null;
  addRuleId?: string;
}) {
  const { fields, ownName } = useBuilder();
  const path = rulePath(at, rule);
  const group = groupOf(rule);
  if (group) {
    return (
      <RuleGroup
        kind={group.kind}
        rules={group.rules}
        path={path}
        target={target}
        onChange={onChange}
        onRemove={onRemove}
        addRuleId={addRuleId}
      />
    );
  }
  const card = <RuleCard rule={rule} path={path} target={target} onChange={onChange} onRemove={onRemove} />;
  if (onRemove !== null) return card;
  return (
    <Stack gap={8}>
      {card}
      <Group>
        <AddRuleMenu
          target={target}
          id={addRuleId}
          testId={`add-rule-${path}`}
          onAdd={(kind) => {
            onChange({ all: [rule, defaultLeaf(kind, target, fields, ownName)] });
          }}
        />
      </Group>
    </Stack>
  );
}
