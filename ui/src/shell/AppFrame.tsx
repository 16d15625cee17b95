// The window's frame: header, navigation, the current screen and the status bar.

import { AppShell } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import { SCREENS, type Screen } from "../screens";
import { WorkspaceGate } from "../startup/WorkspaceGate";
import { Header } from "./Header";
import { Navigation } from "./Navigation";
import { StatusBar } from "./StatusBar";

export function AppFrame() {
  const [navOpened, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const [screenId, setScreenId] = useState(SCREENS[0]?.id);
  const screen: Screen | undefined = SCREENS.find((s) => s.id === screenId);

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
            setScreenId(id);
            closeNav();
          }}
        />
      </AppShell.Navbar>
      <AppShell.Main className="sb-main">
        <WorkspaceGate>{screen && <screen.Component />}</WorkspaceGate>
      </AppShell.Main>
      <AppShell.Footer className="sb-chrome">
        <StatusBar />
      </AppShell.Footer>
    </AppShell>
  );
}
