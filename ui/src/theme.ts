// The look: Mantine theme and the colour-scheme store. No remote fonts: the CSP forbids them,
// and the system stack reads well on every desktop.

import {
  Badge,
  Card,
  createTheme,
  localStorageColorSchemeManager,
  Paper,
  Table,
  Tooltip,
  type MantineColorsTuple,
} from "@mantine/core";

const systemSans =
  'system-ui, -apple-system, "Segoe UI", Roboto, Ubuntu, Cantarell, "Noto Sans", "Helvetica Neue", Arial, sans-serif';
const systemMono =
  'ui-monospace, SFMono-Regular, "SF Mono", Menlo, "Cascadia Mono", "DejaVu Sans Mono", "Liberation Mono", monospace';

// A calm slate blue, lighter to darker; used for the primary accents.
const slateBlue: MantineColorsTuple = [
  "#eef3fb",
  "#dce4f2",
  "#b5c6e4",
  "#8ca7d6",
  "#6a8cca",
  "#547bc3",
  "#4873c1",
  "#3962aa",
  "#305799",
  "#234b88",
];

export const theme = createTheme({
  primaryColor: "slateBlue",
  primaryShade: { light: 6, dark: 5 },
  colors: { slateBlue },
  fontFamily: systemSans,
  fontFamilyMonospace: systemMono,
  headings: { fontFamily: systemSans, fontWeight: "650" },
  defaultRadius: "md",
  cursorType: "pointer",
  components: {
    Card: Card.extend({ defaultProps: { withBorder: true, radius: "md", padding: "lg" } }),
    Paper: Paper.extend({ defaultProps: { radius: "md" } }),
    Badge: Badge.extend({ defaultProps: { variant: "light", radius: "sm" } }),
    Tooltip: Tooltip.extend({ defaultProps: { withArrow: true, openDelay: 150, multiline: true, maw: 320 } }),
    Table: Table.extend({ defaultProps: { verticalSpacing: 6, horizontalSpacing: "sm", fz: "sm" } }),
  },
});

export const colorSchemeManager = localStorageColorSchemeManager({ key: "switchboard-color-scheme" });
