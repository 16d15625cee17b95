// The screens the navigation offers. Only screens that work are listed; adding one
// (Segments, Funnels, ...) is one entry here.

import {
  IconBroadcast,
  IconChartFunnel,
  IconCoin,
  IconInbox,
  IconLayoutDashboard,
  IconListCheck,
  IconMailForward,
  IconPlugConnected,
  IconUsers,
  IconUsersGroup,
  type Icon,
} from "@tabler/icons-react";
import type { ComponentType } from "react";
import { ConnectionsScreen } from "./connections/ConnectionsScreen";
import { FunnelsScreen } from "./funnels/FunnelsScreen";
import { OutboundScreen } from "./outbound/OutboundScreen";
import { OverviewScreen } from "./overview/OverviewScreen";
import { PeopleScreen } from "./people/PeopleScreen";
import { PlanScreen } from "./plan/PlanScreen";
import { SegmentsScreen } from "./segments/SegmentsScreen";
import { SourcesScreen } from "./sources/SourcesScreen";
import { SpendScreen } from "./spend/SpendScreen";
import { TemplatesScreen } from "./templates/TemplatesScreen";

export interface Screen {
  id: string;
  label: string;
  icon: Icon;
  Component: ComponentType;
}

export const SCREENS: readonly Screen[] = [
  { id: "overview", label: "Overview", icon: IconLayoutDashboard, Component: OverviewScreen },
  { id: "sources", label: "Sources", icon: IconBroadcast, Component: SourcesScreen },
  { id: "connections", label: "Connections", icon: IconPlugConnected, Component: ConnectionsScreen },
  { id: "people", label: "People", icon: IconUsers, Component: PeopleScreen },
  { id: "segments", label: "Segments", icon: IconUsersGroup, Component: SegmentsScreen },
  { id: "funnels", label: "Funnels", icon: IconChartFunnel, Component: FunnelsScreen },
  { id: "spend", label: "Spend and CAC", icon: IconCoin, Component: SpendScreen },
  { id: "outbound", label: "Outbound", icon: IconInbox, Component: OutboundScreen },
  { id: "plan", label: "Tracking plan", icon: IconListCheck, Component: PlanScreen },
  { id: "templates", label: "Templates", icon: IconMailForward, Component: TemplatesScreen },
];
