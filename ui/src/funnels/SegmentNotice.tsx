// What making a segment from a step came to: the new segment's name and size, with a way to open
// it on the Segments screen; or why it was not made.

import { Alert, Button, Group, Text } from "@mantine/core";
import { IconAlertTriangle, IconArrowRight, IconCheck } from "@tabler/icons-react";
import type { SegmentSummary } from "../bindings/SegmentSummary";
import { unitCount } from "../segments/vocabulary";

export function SegmentNotice({
  made,
  error,
  onOpen,
  onClose,
}: {
  made: SegmentSummary | null;
  error: string | null;
  onOpen: (name: string) => void;
  onClose: () => void;
}) {
  if (error !== null) {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconAlertTriangle />}
        title="The segment was not made"
        withCloseButton
        onClose={onClose}
        data-testid="funnel-segment-error"
      >
        {error}
      </Alert>
    );
  }
  if (made === null) return null;
  const size = made.latest?.size;
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCheck />}
      title="Live segment made"
      withCloseButton
      onClose={onClose}
      data-testid="funnel-segment-notice"
    >
      <Group justify="space-between" align="center" gap="sm">
        <Text fz="sm">
          “{made.name}” holds{" "}
          <span data-testid="funnel-segment-size">{size === undefined ? "people still being counted" : unitCount(size, "people")}</span>{" "}
          and is kept up to date after every import.
        </Text>
        <Button
          size="xs"
          variant="light"
          rightSection={<IconArrowRight size={14} />}
          onClick={() => {
            onOpen(made.name);
          }}
          data-testid="funnel-segment-open"
        >
          Open in Segments
        </Button>
      </Group>
    </Alert>
  );
}
