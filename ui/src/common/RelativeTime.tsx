// An instant as "3 hours ago", with the full date and time on hover; a dash when there is none.

import { Text, Tooltip } from "@mantine/core";
import { formatAbsolute, formatRelative, MISSING } from "../format";

export function RelativeTime({ iso, now, empty = MISSING }: { iso: string | null; now: Date; empty?: string }) {
  if (iso === null) {
    return (
      <Text inherit span c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Tooltip label={formatAbsolute(iso)}>
      <Text inherit span style={{ whiteSpace: "nowrap" }}>
        {formatRelative(iso, now)}
      </Text>
    </Tooltip>
  );
}
