// A running sync: how far it is (a bar when the vendor says how many rows there are, counts when
// not), what it wrote, skipped and failed, its pace and time left, and the Cancel button.

import { Button, Group, Loader, Paper, Progress, Stack, Text } from "@mantine/core";
import { IconPlayerStop } from "@tabler/icons-react";
import type { SyncProgressInfo } from "../bindings/SyncProgressInfo";
import { formatCount } from "../format";
import { formatEta, formatRowRate } from "./vocabulary";

export function SyncProgress({
  tool,
  progress,
  stopping,
  cancelling,
  onCancel,
}: {
  tool: string;
  /** The latest event of this run; null before its first batch. */
  progress: SyncProgressInfo | null;
  /** A cancel was accepted: the run stops after its current batch. */
  stopping: boolean;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const total = progress?.total ?? null;
  const share = progress && total !== null && total > 0 ? Math.min(1, progress.done / total) : null;
  return (
    <Paper
      withBorder
      p="sm"
      data-testid={`progress-${tool}`}
      data-run={progress?.runId}
      data-done={progress?.done ?? 0}
      data-total={total ?? undefined}
      aria-busy="true"
    >
      <Stack gap={8}>
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Loader size={14} />
            <Text fz="sm" fw={500}>
              {stopping
                ? "Stopping after the current batch…"
                : progress === null
                  ? "Starting… waiting for the first batch"
                  : `Syncing ${progress.stream}`}
            </Text>
          </Group>
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconPlayerStop size={14} />}
            loading={cancelling}
            disabled={stopping}
            onClick={onCancel}
            data-testid={`cancel-${tool}`}
          >
            {stopping ? "Stopping…" : "Cancel"}
          </Button>
        </Group>
        {share === null ? (
          <Progress value={100} striped animated aria-label="Sync under way" />
        ) : (
          <Progress value={share * 100} aria-label="Sync progress" />
        )}
        {progress && (
          <>
            <Text fz="sm" className="sb-numeric" data-testid={`progress-done-${tool}`}>
              {share === null || total === null
                ? `${formatCount(progress.done)} ${progress.done === 1 ? "row" : "rows"} so far`
                : `${formatCount(progress.done)} of ${formatCount(total)} rows · ${String(Math.floor(share * 100))}%`}
            </Text>
            <Text fz="xs" c="dimmed" className="sb-numeric" data-testid={`progress-counts-${tool}`}>
              Fetched {formatCount(progress.fetched)} · written {formatCount(progress.written)} · skipped{" "}
              {formatCount(progress.skipped)} · failed {formatCount(progress.failed)}
            </Text>
            <Text fz="xs" c="dimmed" className="sb-numeric" data-testid={`progress-pace-${tool}`}>
              {formatRowRate(progress.rate)}
              {progress.etaMs !== null && ` · ${formatEta(progress.etaMs)}`}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
