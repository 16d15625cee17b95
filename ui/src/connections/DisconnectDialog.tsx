// The question asked before a tool is disconnected: its keys and settings go, its history stays.

import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";

export function DisconnectDialog({
  tool,
  name,
  opened,
  disconnecting,
  error,
  onConfirm,
  onCancel,
}: {
  tool: string;
  name: string;
  opened: boolean;
  disconnecting: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title={`Disconnect ${name}?`}>
      <Stack gap="md">
        <Text fz="sm">
          Switchboard forgets the keys and settings of {name} and stops its scheduled syncs. What it synced stays, and so
          does its run log. To connect again, enter the keys again.
        </Text>
        {error !== null && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="Not disconnected" data-testid={`disconnect-${tool}-error`}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid={`disconnect-${tool}-cancel`}>
            Keep it
          </Button>
          <Button color="red" loading={disconnecting} onClick={onConfirm} data-testid={`disconnect-${tool}-confirm`}>
            Disconnect
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
