// Members as a compact list: who (a person's name or a company's) and what identifies them.

import { Stack, Text } from "@mantine/core";
import type { SegmentMember } from "../bindings/SegmentMember";

export function MemberRows({ members, testId }: { members: readonly SegmentMember[]; testId: string }) {
  return (
    <Stack gap={6} data-testid={testId}>
      {members.map((member) => (
        <div key={member.id} data-testid={`${testId}-${String(member.id)}`}>
          <Text fz="sm" fw={500} truncate>
            {member.title}
          </Text>
          <Text fz="xs" c="dimmed" truncate>
            {member.subtitle}
          </Text>
        </div>
      ))}
    </Stack>
  );
}
