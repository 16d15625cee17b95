// What a screen shows in place of its data when reading it failed: the Rust side's sentence and a retry.

import { Alert, Button, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconRefresh } from "@tabler/icons-react";

export function LoadFailed({
  title,
  message,
  retrying,
  onRetry,
  testId,
}: {
  title: string;
  message: string;
  retrying: boolean;
  onRetry: () => void;
  testId: string;
}) {
  return (
    <Alert color="red" variant="light" radius="md" title={title} icon={<IconAlertTriangle />} data-testid={testId}>
      <Stack gap="sm" align="flex-start">
        <Text fz="sm">{message}</Text>
        <Button
          size="xs"
          variant="light"
          color="red"
          leftSection={<IconRefresh size={14} />}
          loading={retrying}
          onClick={onRetry}
        >
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}
