// One leaf rule as a card: what kind it is, its fields, its explanation and its problems.

import { ActionIcon, Group, Paper, Text, Tooltip } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import type { Problem } from "../bindings/Problem";
import type { Rule } from "../bindings/Rule";
import type { Target } from "../bindings/Target";
import { useRuleProblems } from "./builderContext";
import { ConditionFields } from "./ConditionFields";
import { ExplainBadge } from "./ExplainBadge";
import { EmailRule } from "./leaves/EmailRule";
import { EventWindowRule } from "./leaves/EventWindowRule";
import { InFunnelRule } from "./leaves/InFunnelRule";
import { InSegmentRule } from "./leaves/InSegmentRule";
import { PeopleRule } from "./leaves/PeopleRule";
import { PerformedRule } from "./leaves/PerformedRule";
import { ScoreRule } from "./leaves/ScoreRule";
import { SequenceRule } from "./leaves/SequenceRule";
import { RuleProblems } from "./RuleProblems";
import { ruleKind, type LeafKind } from "./rules";
import { kindLabel } from "./vocabulary";

export function RuleCard({
  rule,
  path,
  target,
  onChange,
  onRemove,
}: {
  rule: Rule;
  /** The rule's pointer (`/rule/all/0/company_trait`). */
  path: string;
  target: Target;
  onChange: (rule: Rule) => void;
  onRemove: (() => void) | null;
}) {
  const problems = useRuleProblems(path);
  const { label } = kindLabel(ruleKind(rule) as LeafKind, target);
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      className="sb-rule"
      data-invalid={problems.length > 0 || undefined}
      data-testid={`rule-${path}`}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb={6}>
        <Text fw={600} fz="sm">
          {label}
        </Text>
        <Group gap={8} wrap="nowrap" align="flex-start">
          <ExplainBadge path={path} />
          {onRemove && (
            <Tooltip label="Remove this rule">
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label="Remove this rule"
                onClick={onRemove}
                data-testid={`remove-${path}`}
              >
                <IconX size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Group>
      <LeafFields rule={rule} path={path} target={target} problems={problems} onChange={onChange} />
      <RuleProblems problems={problems} path={path} />
    </Paper>
  );
}

function LeafFields({
  rule,
  path,
  target,
  problems,
  onChange,
}: {
  rule: Rule;
  path: string;
  target: Target;
  problems: readonly Problem[];
  onChange: (rule: Rule) => void;
}) {
  const common = { path, problems };
  if ("person_trait" in rule) {
    return (
      <ConditionFields
        {...common}
        value={rule.person_trait}
        subject="person"
        onChange={(person_trait) => {
          onChange({ person_trait });
        }}
      />
    );
  }
  if ("company_trait" in rule) {
    return (
      <ConditionFields
        {...common}
        value={rule.company_trait}
        subject="company"
        onChange={(company_trait) => {
          onChange({ company_trait });
        }}
      />
    );
  }
  if ("score" in rule) {
    return (
      <ScoreRule
        {...common}
        value={rule.score}
        target={target}
        onChange={(score) => {
          onChange({ score });
        }}
      />
    );
  }
  if ("performed" in rule) {
    return (
      <PerformedRule
        {...common}
        value={rule.performed}
        onChange={(performed) => {
          onChange({ performed });
        }}
      />
    );
  }
  if ("not_performed" in rule) {
    return (
      <EventWindowRule
        {...common}
        value={rule.not_performed}
        onChange={(not_performed) => {
          onChange({ not_performed });
        }}
      />
    );
  }
  if ("first_time" in rule) {
    return (
      <EventWindowRule
        {...common}
        value={rule.first_time}
        onChange={(first_time) => {
          onChange({ first_time });
        }}
      />
    );
  }
  if ("sequence" in rule) {
    return (
      <SequenceRule
        {...common}
        value={rule.sequence}
        onChange={(sequence) => {
          onChange({ sequence });
        }}
      />
    );
  }
  if ("email" in rule) {
    return (
      <EmailRule
        {...common}
        value={rule.email}
        onChange={(email) => {
          onChange({ email });
        }}
      />
    );
  }
  if ("in_segment" in rule) {
    return (
      <InSegmentRule
        {...common}
        value={rule.in_segment}
        target={target}
        onChange={(in_segment) => {
          onChange({ in_segment });
        }}
      />
    );
  }
  if ("in_funnel" in rule) {
    return (
      <InFunnelRule
        {...common}
        value={rule.in_funnel}
        onChange={(in_funnel) => {
          onChange({ in_funnel });
        }}
      />
    );
  }
  if ("people" in rule) {
    return (
      <PeopleRule
        path={path}
        value={rule.people}
        onChange={(people) => {
          onChange({ people });
        }}
      />
    );
  }
  return null;
}
