// Who is in a saved segment now: the first members of its latest version.

import { Skeleton, Stack, Text } from "@mantine/core";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { formatCount } from "../format";
import { SEGMENT_MEMBERS_LIMIT, useSegmentMembers } from "../queries";
import { MemberRows } from "./MemberRows";

export function MemberList({ name, size }: { name: string; size: number | null }) {
  const members = useSegmentMembers(name);
  const description =
    size === null
      ? "Not computed yet"
      : size > SEGMENT_MEMBERS_LIMIT
        ? `The first ${formatCount(SEGMENT_MEMBERS_LIMIT)} of ${formatCount(size)}; export the segment for all of them`
        : `All ${formatCount(size)} of them`;
  return (
    <Panel title="Members" description={description}>
      {members.error && !members.data ? (
        <LoadFailed
          title="The members could not be loaded"
          message={members.error.message}
          retrying={members.isFetching}
          onRetry={() => {
            void members.refetch();
          }}
          testId="segment-members-error"
        />
      ) : !members.data ? (
        <Stack gap={8} aria-busy="true" aria-label="Loading the members">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} h={32} />
          ))}
        </Stack>
      ) : members.data.length === 0 ? (
        <Text fz="sm" c="dimmed" data-testid="segment-members-empty">
          Nobody is in it.
        </Text>
      ) : (
        <MemberRows members={members.data} testId="segment-members" />
      )}
    </Panel>
  );
}
