// The current time for relative labels ("3 hours ago"), refreshed once a minute.

import { useInterval } from "@mantine/hooks";
import { useState } from "react";

export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useInterval(
    () => {
      setNow(new Date());
    },
    everyMs,
    { autoInvoke: true },
  );
  return now;
}
