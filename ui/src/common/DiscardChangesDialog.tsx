// The question asked before unsaved work is thrown away: keep editing, or discard it.

import { Button, Group, Modal, Stack, Text } from "@mantine/core";

export function DiscardChangesDialog({
  reason,
  onDiscard,
  onCancel,
  testId,
}: {
  /** What would be lost; null when the dialog is closed. */
  reason: string | null;
  onDiscard: () => void;
  onCancel: () => void;
  testId: string;
}) {
  return (
    <Modal opened={reason !== null} onClose={onCancel} title="Discard your changes?">
      <Stack gap="md">
        <Text fz="sm">{reason}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
            Keep editing
          </Button>
          <Button color="red" onClick={onDiscard} data-testid={`${testId}-confirm`}>
            Discard changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
