// The definition being edited: its name, description and target, and its rule tree.

import { Group, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import type { Definition } from "../bindings/Definition";
import type { Problem } from "../bindings/Problem";
import type { Target } from "../bindings/Target";
import { Panel } from "../common/Panel";
import { RuleTree } from "./RuleTree";
import { fieldError } from "./rules";

export function SegmentBuilder({
  definition,
  savedName,
  takenNames,
  general,
  onChange,
}: {
  definition: Definition;
  /** The name it is saved under; null for a new segment. */
  savedName: string | null;
  /** The names of the other saved segments. */
  takenNames: readonly string[];
  /** Problems that are about no rule (the name). */
  general: readonly Problem[];
  onChange: (definition: Definition) => void;
}) {
  const name = definition.name.trim();
  const taken = takenNames.some((n) => n.toLowerCase() === name.toLowerCase());
  const nameNote = taken
    ? `A segment named “${name}” already exists; saving will be refused. Choose another name.`
    : savedName !== null && name !== "" && name !== savedName
      ? `Saving renames “${savedName}”; segments that use it follow.`
      : undefined;

  return (
    <Panel title="Rules" description="Who is in the segment. The count beside each rule updates as you edit.">
      <Stack gap="md">
        <Group gap="md" align="flex-start" wrap="wrap">
          <TextInput
            label="Name"
            flex="1 1 240px"
            id="segment-name"
            value={definition.name}
            description={nameNote}
            error={fieldError(general, "/name") ?? (taken ? true : undefined)}
            onChange={(event) => {
              onChange({ ...definition, name: event.currentTarget.value });
            }}
            data-testid="segment-name"
          />
          <div>
            <Text fz="sm" fw={500} mb={4}>
              Made of
            </Text>
            <SegmentedControl
              data={[
                { value: "people", label: "People" },
                { value: "companies", label: "Companies" },
              ]}
              value={definition.target}
              onChange={(target) => {
                onChange({ ...definition, target: target as Target });
              }}
              data-testid="segment-target"
            />
          </div>
        </Group>
        <TextInput
          label="Description"
          placeholder="What it is for, for whoever reads the list"
          value={definition.description ?? ""}
          onChange={(event) => {
            onChange({ ...definition, description: event.currentTarget.value });
          }}
          data-testid="segment-description"
        />
        <RuleTree
          rule={definition.rule}
          at="/rule"
          target={definition.target}
          onChange={(rule) => {
            onChange({ ...definition, rule });
          }}
          onRemove={null}
          addRuleId="segment-add-rule"
        />
      </Stack>
    </Panel>
  );
}
