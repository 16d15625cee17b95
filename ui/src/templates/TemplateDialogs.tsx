// The two questions the Templates screen asks before losing work: deleting a saved template, and
// leaving a template whose changes were not saved.

import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { ConfirmDeleteDialog } from "../common/ConfirmDeleteDialog";

export function DeleteTemplateDialog(props: {
  /** The template to delete; null when the dialog is closed. */
  name: string | null;
  deleting: boolean;
  error: string | null;
  onConfirm: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <ConfirmDeleteDialog
      {...props}
      title="Delete the template?"
      testId="template-delete"
      consequence={<>“{props.name}” and its layers are removed from this workspace. This cannot be undone; exports already made are not affected.</>}
    />
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
