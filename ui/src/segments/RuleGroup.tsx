// A group of rules: "All of", "Any of" or "None of" the rules inside it, which may be groups
// themselves. Its explanation sits beside its header, each rule's beside the rule.

import { ActionIcon, Button, Group, NativeSelect, Stack, Text, Tooltip } from "@mantine/core";
import { IconFolderPlus, IconTrash } from "@tabler/icons-react";
import type { Rule } from "../bindings/Rule";
import type { Target } from "../bindings/Target";
import { AddRuleMenu } from "./AddRuleMenu";
import { useBuilder, useRuleProblems } from "./builderContext";
import { ExplainBadge } from "./ExplainBadge";
import { RuleProblems } from "./RuleProblems";
import { RuleTree } from "./RuleTree";
import { defaultLeaf, GROUP_KINDS, makeGroup, type GroupKind } from "./rules";
import { GROUP_LABELS } from "./vocabulary";

export function RuleGroup({
  kind,
  rules,
  path,
  target,
  onChange,
  onRemove,
  addRuleId,
}: {
  kind: GroupKind;
  rules: Rule[];
  /** The group's pointer (`/rule/all`). */
  path: string;
  target: Target;
  onChange: (rule: Rule) => void;
  onRemove: (() => void) | null;
  addRuleId?: string;
}) {
  const { fields, ownName } = useBuilder();
  const problems = useRuleProblems(path);
  const setRules = (next: Rule[]) => {
    onChange(makeGroup(kind, next));
  };
  const empty =
    onRemove === null && kind === "all"
      ? `No rules yet, so every one of the ${target} is in it. Add a rule to narrow it down.`
      : "Add at least one rule to this group.";

  return (
    <div className="sb-rule-group" data-kind={kind} data-testid={`rule-${path}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={8}>
        <Group gap={8} wrap="nowrap">
          <NativeSelect
            size="xs"
            w={96}
            aria-label="How the rules below combine"
            data={GROUP_KINDS.map((k) => ({ value: k, label: GROUP_LABELS[k].label }))}
            value={kind}
            onChange={(event) => {
              onChange(makeGroup(event.currentTarget.value as GroupKind, rules));
            }}
            data-testid={`group-kind-${path}`}
          />
          <Text fz="xs" c="dimmed">
            {GROUP_LABELS[kind].hint}
          </Text>
        </Group>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <ExplainBadge path={path} />
          {onRemove && (
            <Tooltip label="Remove this group and its rules">
              <ActionIcon
                variant="subtle"
                color="red"
                size="sm"
                aria-label="Remove this group"
                onClick={onRemove}
                data-testid={`remove-${path}`}
              >
                <IconTrash size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <Stack gap={8} className="sb-rule-children">
        {rules.length === 0 && (
          <Text fz="sm" c="dimmed" data-testid={`empty-${path}`}>
            {empty}
          </Text>
        )}
        {rules.map((rule, i) => (
          <RuleTree
            // Rules have no identity of their own; their place is their key, as in their pointer.
            key={i}
            rule={rule}
            at={`${path}/${i}`}
            target={target}
            onChange={(next) => {
              setRules(rules.map((r, j) => (j === i ? next : r)));
            }}
            onRemove={() => {
              setRules(rules.filter((_, j) => j !== i));
            }}
          />
        ))}
      </Stack>
      <RuleProblems problems={problems} path={path} />
      <Group gap="xs" mt={8}>
        <AddRuleMenu
          target={target}
          id={addRuleId}
          testId={`add-rule-${path}`}
          onAdd={(leaf) => {
            setRules([...rules, defaultLeaf(leaf, target, fields, ownName)]);
          }}
        />
        <Button
          size="xs"
          variant="subtle"
          leftSection={<IconFolderPlus size={14} />}
          onClick={() => {
            const first = defaultLeaf(target === "people" ? "performed" : "company_trait", target, fields, ownName);
            setRules([...rules, { any: [first] }]);
          }}
          data-testid={`add-group-${path}`}
        >
          Add group
        </Button>
      </Group>
    </div>
  );
}
