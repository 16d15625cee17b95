// Starting a new segment, of people or of companies. Shown in one place at a time (the list's
// header, or the empty state), so their ids stay unique.

import { Button, Group } from "@mantine/core";
import { IconBuilding, IconUser } from "@tabler/icons-react";
import type { Target } from "../bindings/Target";

export function NewSegmentButtons({ onNew }: { onNew: (target: Target) => void }) {
  return (
    <Group gap="xs">
      <Button
        size="xs"
        leftSection={<IconUser size={14} />}
        onClick={() => {
          onNew("people");
        }}
        id="segments-new-people"
        data-testid="segments-new-people"
      >
        New people segment
      </Button>
      <Button
        size="xs"
        leftSection={<IconBuilding size={14} />}
        onClick={() => {
          onNew("companies");
        }}
        id="segments-new-companies"
        data-testid="segments-new-companies"
      >
        New companies segment
      </Button>
    </Group>
  );
}
