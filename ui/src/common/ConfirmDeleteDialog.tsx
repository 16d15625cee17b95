// The question asked before deleting something saved (a template, a segment): what goes, and why
// it was refused when it was.

import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";

export function ConfirmDeleteDialog({
  name,
  title,
  consequence,
  testId,
  deleting,
  error,
  onConfirm,
  onCancel,
}: {
  /** What to delete; null when the dialog is closed. */
  name: string | null;
  title: string;
  /** What deleting it removes, in a sentence or two. */
  consequence: ReactNode;
  /** Prefix of the dialog's test ids: `<testId>-confirm`, `-cancel`, `-error`. */
  testId: string;
  deleting: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={name !== null} onClose={onCancel} title={title}>
      <Stack gap="md">
        <Text fz="sm">{consequence}</Text>
        {error !== null && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="Not deleted" data-testid={`${testId}-error`}>
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid={`${testId}-cancel`}>
            Keep it
          </Button>
          <Button
            color="red"
            loading={deleting}
            onClick={() => {
              if (name !== null) onConfirm(name);
            }}
            data-testid={`${testId}-confirm`}
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
