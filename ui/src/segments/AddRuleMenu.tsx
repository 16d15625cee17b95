// "Add rule": the kinds of rule this target offers, each in plain words with what it is for.

import { Button, Menu, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import type { Target } from "../bindings/Target";
import { LEAF_KINDS, type LeafKind } from "./rules";
import { kindLabel } from "./vocabulary";

export function AddRuleMenu({
  target,
  onAdd,
  id,
  testId,
}: {
  target: Target;
  onAdd: (kind: LeafKind) => void;
  /** The root group's button has a stable id for the end-to-end tests. */
  id?: string;
  testId: string;
}) {
  return (
    <Menu position="bottom-start" shadow="md" width={340}>
      {/* The menu gives its target an id of its own; the wrapper takes it, so the button keeps `id`. */}
      <Menu.Target>
        <div className="sb-menu-target">
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} id={id} data-testid={testId}>
            Add rule
          </Button>
        </div>
      </Menu.Target>
      <Menu.Dropdown data-testid="segment-kind-menu">
        <Menu.Label>{target === "people" ? "Keep people who…" : "Keep companies by…"}</Menu.Label>
        {LEAF_KINDS[target].map((kind) => {
          const { label, hint } = kindLabel(kind, target);
          return (
            <Menu.Item
              key={kind}
              id={`segment-kind-${kind}`}
              data-testid={`segment-kind-${kind}`}
              onClick={() => {
                onAdd(kind);
              }}
            >
              <Text fz="sm" fw={500}>
                {label}
              </Text>
              <Text fz="xs" c="dimmed">
                {hint}
              </Text>
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
