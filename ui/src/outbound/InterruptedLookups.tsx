// Lookups a stopped run asked and never stored the answer of. They are not asked again by
// themselves (that would pay twice); "Ask again (paid)" runs the pipeline with them put back.

import { Alert, Button, List, Stack, Text } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import type { KeyReason } from "../bindings/KeyReason";
import { countText, lookupLabel } from "./vocabulary";

export function InterruptedLookups({
  lookups,
  asking,
  disabled,
  onAskAgain,
}: {
  /** The IP or domain, with the lookup kind as its reason. */
  lookups: readonly KeyReason[];
  asking: boolean;
  disabled: boolean;
  onAskAgain: () => void;
}) {
  return (
    <Alert color="orange" variant="light" title={countText(lookups.length, "interrupted lookup")} data-testid="pipeline-interrupted">
      <Stack gap="xs" align="flex-start">
        <Text fz="sm">
          A run stopped after asking these and before storing the answers. They are not asked again unless you say so;
          each is paid again.
        </Text>
        <List size="sm" spacing={2}>
          {lookups.map((l) => (
            <List.Item key={`${l.key}:${l.reason}`}>
              <Text span fz="sm" fw={500}>
                {l.key}
              </Text>{" "}
              · {lookupLabel(l.reason)}
            </List.Item>
          ))}
        </List>
        <Button
          size="xs"
          color="orange"
          variant="light"
          leftSection={<IconRefresh size={14} />}
          loading={asking}
          disabled={disabled && !asking}
          onClick={onAskAgain}
          data-testid="pipeline-retry"
        >
          Ask again (paid)
        </Button>
      </Stack>
    </Alert>
  );
}
