// The window's frame: header, navigation, the current screen and the status bar. Switching screens
// asks first while the current one holds unsaved work (`useLeaveGuard`), whether the navigation or
// a link from a screen (`useOpenScreen`) asked for it.

import { AppShell } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useMemo, useState } from "react";
import { DiscardChangesDialog } from "../common/DiscardChangesDialog";
import { LeaveGuardContext } from "../common/leaveGuard";
import { ScreenLinkContext, type ScreenLink } from "../common/screenLink";
import { SCREENS, type Screen } from "../screens";
import { WorkspaceGate } from "../startup/WorkspaceGate";
import { Header } from "./Header";
import { Navigation } from "./Navigation";
import { StatusBar } from "./StatusBar";

export function AppFrame() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [screenId, setScreenId] = useState(SCREENS[0]?.id);
  const screen: Screen | undefined = SCREENS.find((s) => s.id === screenId);
  // The item a link asked the screen to open; null when the navigation opened it.
  const [item, setItem] = useState<string | null>(null);
  const [unsaved, setUnsaved] = useState<string | null>(null);
  const [leavingFor, setLeavingFor] = useState<{ id: string; item: string | null } | null>(null);

  function show(id: string, next: string | null = null) {
    setScreenId(id);
    setItem(next);
    closeNav();
  }

  // A link to an item opens the screen afresh (even the current one), so it asks first too.
  const link = useMemo<ScreenLink>(
    () => ({
      item,
      open: (id, next) => {
        const target = next ?? null;
        if (unsaved !== null && (id !== screenId || target !== null)) setLeavingFor({ id, item: target });
        else {
          setScreenId(id);
          setItem(target);
        }
      },
    }),
    [item, unsaved, screenId],
  );

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
      footer={{ height: 30 }}
      padding="lg"
    >
      <AppShell.Header className="sb-chrome">
        <Header navOpened={navOpened} onToggleNav={toggleNav} />
      </AppShell.Header>
      <AppShell.Navbar className="sb-chrome" p="sm">
        <Navigation
          screens={SCREENS}
          current={screenId}
          onSelect={(id) => {
            if (id === screenId) closeNav();
            else if (unsaved !== null) setLeavingFor({ id, item: null });
            else show(id);
          }}
        />
      </AppShell.Navbar>
      <AppShell.Main className="sb-main">
        <LeaveGuardContext value={setUnsaved}>
          <ScreenLinkContext value={link}>
            <WorkspaceGate>{screen && <screen.Component key={`${screen.id}:${item ?? ""}`} />}</WorkspaceGate>
          </ScreenLinkContext>
        </LeaveGuardContext>
      </AppShell.Main>
      <AppShell.Footer className="sb-chrome">
        <StatusBar />
      </AppShell.Footer>
      <DiscardChangesDialog
        reason={leavingFor === null ? null : unsaved}
        onCancel={() => {
          setLeavingFor(null);
        }}
        onDiscard={() => {
          if (leavingFor !== null) show(leavingFor.id, leavingFor.item);
          setLeavingFor(null);
        }}
        testId="leave-discard"
      />
    </AppShell>
  );
}
