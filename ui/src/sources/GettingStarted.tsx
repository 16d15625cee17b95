// What an empty Sources screen says: how to get events in, with a snippet for Segment's libraries.

import { Code, List, Stack, Tabs, Text } from "@mantine/core";

export function GettingStarted({ address }: { address: string }) {
  return (
    <Stack gap="sm" mb="md" data-testid="sources-empty">
      <Text fz="sm">No sources yet. To receive events from your apps:</Text>
      <List type="ordered" fz="sm" spacing={4}>
        <List.Item>Add a source below, one per app or site; each gets its own write key.</List.Item>
        <List.Item>Turn on the collector above.</List.Item>
        <List.Item>
          Point a Segment library at the collector&apos;s address, <Code>{address}</Code>, with the source&apos;s write
          key. Nothing else in your code changes.
        </List.Item>
      </List>
      <ConnectSnippet address={address} writeKey="YOUR_WRITE_KEY" />
    </Stack>
  );
}

function ConnectSnippet({ address, writeKey }: { address: string; writeKey: string }) {
  const python = [
    "import segment.analytics as analytics",
    "",
    `analytics.write_key = "${writeKey}"`,
    `analytics.host = "${address}"`,
    'analytics.track("user-1", "Signed Up", {"plan": "team"})',
  ].join("\n");
  const node = [
    'import { Analytics } from "@segment/analytics-node";',
    "",
    `const analytics = new Analytics({ writeKey: "${writeKey}", host: "${address}" });`,
    'analytics.track({ userId: "user-1", event: "Signed Up", properties: { plan: "team" } });',
  ].join("\n");
  return (
    <Tabs defaultValue="python" variant="outline" data-testid="connect-snippet">
      <Tabs.List>
        <Tabs.Tab value="python">Python (analytics-python)</Tabs.Tab>
        <Tabs.Tab value="node">Node.js (analytics-node)</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="python" pt="xs">
        <Code block fz="xs">
          {python}
        </Code>
      </Tabs.Panel>
      <Tabs.Panel value="node" pt="xs">
        <Code block fz="xs">
          {node}
        </Code>
      </Tabs.Panel>
    </Tabs>
  );
}
