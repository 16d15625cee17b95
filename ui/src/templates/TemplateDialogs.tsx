// The two questions the Templates screen asks before losing work: deleting a saved template, and
// leaving a template whose changes were not saved.

import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";

export function DeleteTemplateDialog({
  name,
  deleting,
  error,
  onConfirm,
  onCancel,
}: {
  /** The template to delete; null when the dialog is closed. */
  name: string | null;
  deleting: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={name !== null} onClose={onCancel} title="Delete the template?">
      <Stack gap="md">
        <Text fz="sm">
          “{name}” and its layers are removed from this workspace. This cannot be undone; exports already made are
          not affected.
        </Text>
        {error !== null && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle />} data-testid="template-delete-error">
            {error}
          </Alert>
        )}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid="template-delete-cancel">
            Keep it
          </Button>
          <Button
            color="red"
            loading={deleting}
            onClick={() => {
              if (name !== null) onConfirm(name);
            }}
            data-testid="template-delete-confirm"
          >
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function DiscardChangesDialog({
  name,
  opened,
  onDiscard,
  onCancel,
}: {
  /** The template with unsaved changes. */
  name: string;
  opened: boolean;
  onDiscard: () => void;
  onCancel: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title="Discard your changes?">
      <Stack gap="md">
        <Text fz="sm">
          “{name.trim() || "Untitled template"}” has changes that were not saved. Leaving it discards them.
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onCancel} data-testid="template-discard-cancel">
            Keep editing
          </Button>
          <Button color="red" onClick={onDiscard} data-testid="template-discard-confirm">
            Discard changes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
