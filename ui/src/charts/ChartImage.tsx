// A chart drawn by the Rust side, shown as an `<img>` of its SVG (no script can run in an image),
// with its save actions. While it is drawn a placeholder holds its place; an older drawing stays
// on screen, dimmed, while the next one is on its way.

import { Alert, Skeleton, Stack } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { Funnel } from "../bindings/Funnel";
import type { ChartName } from "../ipc";
import { useChart } from "../queries";
import { ChartSaveActions } from "./ChartSaveActions";

/** The `src` of an image showing `svg`. */
export function svgSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function ChartImage({
  name,
  funnel = null,
  wanted = true,
  alt,
  testId,
}: {
  name: ChartName;
  /** The definition the funnel chart draws; null for the others. */
  funnel?: Funnel | null;
  /** False while there is nothing to draw yet (a funnel with problems). */
  wanted?: boolean;
  /** What the chart shows, in words, for whoever cannot see it. */
  alt: string;
  testId: string;
}) {
  const chart = useChart(name, funnel, wanted);
  return (
    <Stack gap="xs">
      {chart.error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle />} title="The chart could not be drawn" data-testid={`${testId}-error`}>
          {chart.error.message}
        </Alert>
      ) : chart.data === undefined ? (
        <Skeleton h={240} data-testid={`${testId}-loading`} />
      ) : (
        <img
          src={svgSource(chart.data)}
          alt={alt}
          data-testid={testId}
          style={{ width: "100%", height: "auto", display: "block", opacity: chart.isPlaceholderData ? 0.55 : 1 }}
        />
      )}
      {wanted && <ChartSaveActions name={name} funnel={funnel} testId={testId} />}
    </Stack>
  );
}
