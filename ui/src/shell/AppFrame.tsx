// The window's frame: header, navigation, the current screen and the status bar. Switching screens
// asks first while the current one holds unsaved work (`useLeaveGuard`).

import { AppShell } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { DiscardChangesDialog } from "../common/DiscardChangesDialog";
import { LeaveGuardContext } from "../common/leaveGuard";
import { SCREENS, type Screen } from "../screens";
import { WorkspaceGate } from "../startup/WorkspaceGate";
import { Header } from "./Header";
import { Navigation } from "./Navigation";
import { StatusBar } from "./StatusBar";

export function AppFrame() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [screenId, setScreenId] = useState(SCREENS[0]?.id);
  const screen: Screen | undefined = SCREENS.find((s) => s.id === screenId);
  const [unsaved, setUnsaved] = useState<string | null>(null);
  const [leavingFor, setLeavingFor] = useState<string | null>(null);

  function show(id: string) {
    setScreenId(id);
    closeNav();
  }

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
            if (unsaved !== null && id !== screenId) setLeavingFor(id);
            else show(id);
          }}
        />
      </AppShell.Navbar>
      <AppShell.Main className="sb-main">
        <LeaveGuardContext value={setUnsaved}>
          <WorkspaceGate>{screen && <screen.Component />}</WorkspaceGate>
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
          if (leavingFor !== null) show(leavingFor);
          setLeavingFor(null);
        }}
        testId="leave-discard"
      />
    </AppShell>
  );
}
