// When a funnel counts: the conversion window, the days in which people enter it, and the order
// its steps must happen in (each mode said in plain words).

import { Group, Radio, Stack, Text } from "@mantine/core";
import type { Funnel } from "../bindings/Funnel";
import type { Order } from "../bindings/Order";
import type { Problem } from "../bindings/Problem";
import { NumberField } from "../segments/NumberField";
import { fieldHasProblem } from "../segments/rules";
import { WindowInput } from "../segments/WindowInput";
import { ORDER_MODES, problemsUnder } from "./definition";
import { FieldProblems } from "./FieldProblems";

export function FunnelSettings({
  funnel,
  problems,
  onChange,
}: {
  funnel: Funnel;
  problems: readonly Problem[];
  onChange: (funnel: Funnel) => void;
}) {
  return (
    <Stack gap="sm">
      <Group gap="lg" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <NumberField
            label="Conversion window"
            description="From step 1 to the last step"
            empty={0}
            w={200}
            min={1}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            value={funnel.window_days}
            rightSection={<Text fz="xs" c="dimmed">days</Text>}
            rightSectionWidth={44}
            rightSectionPointerEvents="none"
            error={fieldHasProblem(problems, "/window_days")}
            onChange={(days) => {
              onChange({ ...funnel, window_days: days });
            }}
            data-testid="funnel-window-days"
          />
          <FieldProblems problems={problemsUnder(problems, "/window_days")} testId="funnel-window-days-problems" />
        </Stack>
        <Stack gap={4}>
          <WindowInput
            label="People who entered"
            value={funnel.range}
            optional={false}
            path="/range"
            problems={problems}
            onChange={(range) => {
              if (range) onChange({ ...funnel, range });
            }}
          />
          <FieldProblems problems={problemsUnder(problems, "/range")} testId="funnel-range-problems" />
        </Stack>
      </Group>
      <Radio.Group
        label="Steps must happen"
        value={funnel.order}
        onChange={(order) => {
          onChange({ ...funnel, order: order as Order });
        }}
      >
        <Stack gap={6} mt={4}>
          {ORDER_MODES.map((mode) => (
            <Radio
              key={mode.value}
              value={mode.value}
              label={mode.label}
              description={mode.description}
              data-testid={`funnel-order-${mode.value}`}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Stack>
  );
}
