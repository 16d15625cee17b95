// Unsaved work that leaving a screen would lose: a screen says so with `useLeaveGuard`, and the
// app frame asks before switching screens while it does. It owns only that sentence; what to keep
// and how to save it is the screen's.

import { createContext, useContext, useEffect } from "react";

/** Sets (or clears, with null) the sentence that says what leaving would lose. */
export const LeaveGuardContext = createContext<(reason: string | null) => void>(() => undefined);

/** While `reason` is not null, switching to another screen asks first. */
export function useLeaveGuard(reason: string | null): void {
  const setReason = useContext(LeaveGuardContext);
  useEffect(() => {
    setReason(reason);
    return () => {
      setReason(null);
    };
  }, [setReason, reason]);
}
