// The screens the navigation offers. Only screens that work are listed; adding one
// (Segments, Templates, ...) is one entry here.

import { IconLayoutDashboard, type Icon } from "@tabler/icons-react";
import type { ComponentType } from "react";
import { OverviewScreen } from "./overview/OverviewScreen";

export interface Screen {
  id: string;
  label: string;
  icon: Icon;
  Component: ComponentType;
}

export const SCREENS: readonly Screen[] = [
  { id: "overview", label: "Overview", icon: IconLayoutDashboard, Component: OverviewScreen },
];
