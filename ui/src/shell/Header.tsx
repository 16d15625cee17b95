// The header: product mark, the open workspace's name, and the theme switch.

import { Burger, Divider, Group, Text, ThemeIcon } from "@mantine/core";
import { IconPlugConnected } from "@tabler/icons-react";
import { useWorkspaceStatus } from "../queries";
import { ThemeToggle } from "./ThemeToggle";

export function Header({ navOpened, onToggleNav }: { navOpened: boolean; onToggleNav: () => void }) {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap" miw={0}>
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
        <ThemeIcon size={30} radius="md" variant="filled" aria-hidden>
          <IconPlugConnected size={18} stroke={2} />
        </ThemeIcon>
        <Text fw={700} fz="lg" lh={1}>
          Switchboard
        </Text>
        <WorkspaceName />
      </Group>
      <ThemeToggle />
    </Group>
  );
}

function WorkspaceName() {
  const { data: status } = useWorkspaceStatus();
  if (!status) return null;
  const name = status.name ?? (status.state === "creating" ? "Creating workspace…" : "No workspace");
  return (
    <>
      <Divider orientation="vertical" my={14} visibleFrom="xs" />
      <Text data-testid="workspace-name" fw={500} c={status.name ? undefined : "dimmed"} truncate visibleFrom="xs">
        {name}
      </Text>
    </>
  );
}
