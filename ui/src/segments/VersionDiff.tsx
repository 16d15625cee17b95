// Who entered and who left a segment in one version.

import { CloseButton, SimpleGrid, Skeleton, Stack, Text } from "@mantine/core";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { formatCount } from "../format";
import { useSegmentDiff } from "../queries";
import { MemberRows } from "./MemberRows";
import { reasonText } from "./vocabulary";

export function VersionDiff({ name, version, onClose }: { name: string; version: number; onClose: () => void }) {
  const diff = useSegmentDiff(name, version);
  const v = diff.data?.version;
  return (
    <Panel
      title={`Version ${version}: who changed`}
      description={v ? `${reasonText(v.reason)}, ${formatCount(v.size)} in it` : undefined}
      aside={<CloseButton aria-label="Close the changes" onClick={onClose} />}
      data-testid="segment-diff"
    >
      {diff.error && !diff.data ? (
        <LoadFailed
          title="The changes could not be loaded"
          message={diff.error.message}
          retrying={diff.isFetching}
          onRetry={() => {
            void diff.refetch();
          }}
          testId="segment-diff-error"
        />
      ) : !diff.data ? (
        <Stack gap={8} aria-busy="true" aria-label="Loading the changes">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} h={32} />
          ))}
        </Stack>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <div>
            <Text fz="sm" fw={600} c="teal" mb={6} data-testid="segment-diff-entered-count">
              Entered: {formatCount(diff.data.version.entered)}
            </Text>
            {diff.data.entered.length === 0 ? (
              <Text fz="sm" c="dimmed">
                Nobody entered.
              </Text>
            ) : (
              <MemberRows members={diff.data.entered} testId="segment-diff-entered" />
            )}
            {diff.data.entered.length < diff.data.version.entered && (
              <Text fz="xs" c="dimmed" mt={6}>
                The first {formatCount(diff.data.entered.length)} are listed.
              </Text>
            )}
          </div>
          <div>
            <Text fz="sm" fw={600} c="red" mb={6} data-testid="segment-diff-exited-count">
              Left: {formatCount(diff.data.version.exited)}
            </Text>
            {diff.data.exited.length === 0 ? (
              <Text fz="sm" c="dimmed">
                Nobody left.
              </Text>
            ) : (
              <MemberRows members={diff.data.exited} testId="segment-diff-exited" />
            )}
            {diff.data.exited.length < diff.data.version.exited && (
              <Text fz="xs" c="dimmed" mt={6}>
                The first {formatCount(diff.data.exited.length)} are listed.
              </Text>
            )}
          </div>
        </SimpleGrid>
      )}
    </Panel>
  );
}
