// A time in a table or a timeline: short, with the full date and time on hover.

import { Text, Tooltip } from "@mantine/core";
import { formatAbsolute, formatShortTime } from "../format";

export function ShortTime({ iso }: { iso: string }) {
  return (
    <Tooltip label={formatAbsolute(iso)}>
      <Text inherit span className="sb-numeric" style={{ whiteSpace: "nowrap" }}>
        {formatShortTime(iso)}
      </Text>
    </Tooltip>
  );
}
