// The left navigation: one link per working screen.

import { NavLink, Stack } from "@mantine/core";
import type { Screen } from "../screens";

export function Navigation({
  screens,
  current,
  onSelect,
}: {
  screens: readonly Screen[];
  current: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <Stack component="nav" gap={4} aria-label="Screens">
      {screens.map(({ id, label, icon: ScreenIcon }) => (
        <NavLink
          key={id}
          component="button"
          type="button"
          label={label}
          active={id === current}
          aria-current={id === current ? "page" : undefined}
          leftSection={<ScreenIcon size={18} stroke={1.7} />}
          onClick={() => {
            onSelect(id);
          }}
          variant="light"
          fw={500}
          style={{ borderRadius: "var(--mantine-radius-md)" }}
        />
      ))}
    </Stack>
  );
}
