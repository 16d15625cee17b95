// A tool's state at a glance, in its card's header: not connected, syncing, connected, or connected
// with a last sync that did not go well.

import { Badge, Loader } from "@mantine/core";
import type { ConnectionInfo } from "../bindings/ConnectionInfo";

function statusOf(connection: ConnectionInfo, running: boolean): { key: string; color: string; label: string } {
  if (running) return { key: "syncing", color: "blue", label: "Syncing" };
  if (!connection.connected) return { key: "notConnected", color: "gray", label: "Not connected" };
  switch (connection.lastRun?.status) {
    case "failed":
      return { key: "failed", color: "red", label: "Last sync failed" };
    case "partial":
      return { key: "partial", color: "yellow", label: "Last sync partial" };
    case "interrupted":
      return { key: "interrupted", color: "orange", label: "Last sync interrupted" };
    default:
      return { key: "connected", color: "teal", label: "Connected" };
  }
}

export function ConnectionStatus({ connection, running }: { connection: ConnectionInfo; running: boolean }) {
  const { key, color, label } = statusOf(connection, running);
  return (
    <Badge
      size="lg"
      color={color}
      data-status={key}
      data-testid={`status-${connection.tool}`}
      leftSection={running ? <Loader size={10} color="blue" /> : undefined}
      style={{ flexShrink: 0 }}
    >
      {label}
    </Badge>
  );
}
