// The review queue's keyboard shortcuts, listed (`?` opens it).

import { Group, Kbd, Modal, Table, Text } from "@mantine/core";
import { INSTANT } from "./useQueueKeys";
import { SHORTCUTS } from "./vocabulary";

export function ShortcutsDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" transitionProps={INSTANT}>
      <Table verticalSpacing={4} data-testid="queue-shortcuts">
        <Table.Tbody>
          {SHORTCUTS.map(({ keys, action }) => (
            <Table.Tr key={action}>
              <Table.Td w={110}>
                <Group gap={4} wrap="nowrap">
                  {keys.map((key) => (key === "…" ? <Text key={key} span fz="xs">…</Text> : <Kbd key={key}>{key}</Kbd>))}
                </Group>
              </Table.Td>
              <Table.Td>{action}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text fz="xs" c="dimmed" mt="sm">
        Shortcuts work while no field has the focus and no dialog is open.
      </Text>
    </Modal>
  );
}
