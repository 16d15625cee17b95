// A step's "Segment…" action: a live segment of the people who reached the step, or (after the
// first step) of those who dropped out there.

import { Button, Menu } from "@mantine/core";
import { IconChevronDown, IconUsersGroup } from "@tabler/icons-react";
import type { FunnelOutcome } from "../bindings/FunnelOutcome";

export function StepSegmentMenu({
  step,
  label,
  disabled,
  onChoose,
}: {
  /** 1 for the first step. */
  step: number;
  label: string;
  disabled: boolean;
  onChoose: (step: number, outcome: FunnelOutcome) => void;
}) {
  return (
    <Menu position="bottom-end" shadow="md" width={260}>
      <Menu.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          rightSection={<IconChevronDown size={12} />}
          disabled={disabled}
          aria-label={`Make a segment from step ${String(step)}, ${label}`}
          data-testid={`funnel-step-segment-${String(step)}`}
        >
          Segment…
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>A live segment of…</Menu.Label>
        <Menu.Item
          leftSection={<IconUsersGroup size={14} />}
          onClick={() => {
            onChoose(step, "reached");
          }}
          data-testid="funnel-segment-reached"
        >
          People who reached this step
        </Menu.Item>
        {step > 1 && (
          <Menu.Item
            leftSection={<IconUsersGroup size={14} />}
            onClick={() => {
              onChoose(step, "dropped");
            }}
            data-testid="funnel-segment-dropped"
          >
            People who dropped out here
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
