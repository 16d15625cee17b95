// One layer of a template, as a section of the editor: who sends it to whom, how long after the
// layer inside it, its subject and its body. Every field but the label and offset is Liquid.

import { Accordion, Badge, Group, NumberInput, SimpleGrid, Skeleton, Stack, Text, TextInput } from "@mantine/core";
import { lazy, Suspense } from "react";
import type { TemplateLayer } from "../bindings/TemplateLayer";
import { countText, layerTitle, offsetText } from "./vocabulary";

// CodeMirror is most of this screen's weight and no other screen needs it: it loads on first use.
const LiquidEditor = lazy(() => import("./LiquidEditor").then(({ LiquidEditor }) => ({ default: LiquidEditor })));

const LIQUID_INPUT = {
  input: { fontFamily: "var(--mantine-font-family-monospace)", fontSize: "var(--mantine-font-size-sm)" },
};
const BODY_HELP = "Liquid, as Customer.io reads it: {{ company.name }}, {{ company.technologies | sentence }}, {% if … %}";

export function LayerSection({
  index,
  layer,
  errors,
  warnings,
  onChange,
}: {
  index: number;
  layer: TemplateLayer;
  /** How many of the preview's issues are in this layer. */
  errors: number;
  warnings: number;
  onChange: (layer: TemplateLayer) => void;
}) {
  const testId = `layer-${String(index)}`;
  function set<K extends keyof TemplateLayer>(key: K, value: TemplateLayer[K]) {
    onChange({ ...layer, [key]: value });
  }
  return (
    <Accordion.Item value={String(index)} data-testid={testId} id={`template-${testId}`}>
      <Accordion.Control>
        <Group justify="space-between" wrap="nowrap" pr="xs">
          <div style={{ minWidth: 0 }}>
            <Text fw={600} fz="sm" truncate>
              {layerTitle(index, layer.label)}
            </Text>
            <Text fz="xs" c="dimmed" truncate>
              {index === 0 ? "First in the chain" : offsetText(layer.offsetMinutes)}
              {" · "}
              {layer.subject || "no subject"}
            </Text>
          </div>
          <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
            {errors > 0 && (
              <Badge color="red" size="sm">
                {countText(errors, "error")}
              </Badge>
            )}
            {warnings > 0 && (
              <Badge color="yellow" size="sm">
                {countText(warnings, "warning")}
              </Badge>
            )}
          </Group>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput
              label="Label"
              description="What this layer is, for you; not sent"
              value={layer.label}
              onChange={(event) => {
                set("label", event.currentTarget.value);
              }}
              data-testid={`${testId}-label`}
            />
            {index === 0 ? (
              <div>
                <Text fz="sm" fw={500}>
                  Sent
                </Text>
                <Text fz="xs" c="dimmed" mt={4}>
                  First in the chain, so it has no offset: each layer around it is sent its offset after the one
                  inside it, and the outermost is dated when the email goes out.
                </Text>
              </div>
            ) : (
              <NumberInput
                label="Offset in minutes"
                description={`After the layer inside it: ${offsetText(layer.offsetMinutes)}`}
                min={0}
                step={5}
                allowDecimal={false}
                allowNegative={false}
                value={layer.offsetMinutes}
                onChange={(value) => {
                  set("offsetMinutes", typeof value === "number" ? value : 0);
                }}
                data-testid={`${testId}-offset`}
              />
            )}
            <TextInput
              label="From name"
              styles={LIQUID_INPUT}
              value={layer.fromName}
              onChange={(event) => {
                set("fromName", event.currentTarget.value);
              }}
              data-testid={`${testId}-from-name`}
            />
            <TextInput
              label="From address"
              styles={LIQUID_INPUT}
              value={layer.fromAddress}
              onChange={(event) => {
                set("fromAddress", event.currentTarget.value);
              }}
              data-testid={`${testId}-from-address`}
            />
          </SimpleGrid>
          <TextInput
            label="To"
            styles={LIQUID_INPUT}
            value={layer.to}
            onChange={(event) => {
              set("to", event.currentTarget.value);
            }}
            data-testid={`${testId}-to`}
          />
          <TextInput
            label="Subject"
            styles={LIQUID_INPUT}
            value={layer.subject}
            onChange={(event) => {
              set("subject", event.currentTarget.value);
            }}
            data-testid={`${testId}-subject`}
          />
          <Suspense fallback={<Skeleton h={140} mt={24} data-testid={`${testId}-body-loading`} />}>
            <LiquidEditor
              label="Body"
              description={BODY_HELP}
              value={layer.body}
              onChange={(body) => {
                set("body", body);
              }}
              testId={`${testId}-body`}
            />
          </Suspense>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
