// The rendered email as the prospect's mail client shows it: the outermost layer's headers, then
// the HTML in a sandboxed frame or the plain text. Enrichment data is untrusted: the frame may run
// no script, has an opaque origin, and sends no referrer (the Rust side adds a CSP meta tag too).

import { Table, Tabs, Text } from "@mantine/core";
import type { RenderedEmail } from "../bindings/RenderedEmail";
import { formatAbsolute } from "../format";

export function EmailPreview({ email }: { email: RenderedEmail }) {
  return (
    <>
      <Table withRowBorders={false} verticalSpacing={2} layout="fixed" data-testid="preview-headers">
        <Table.Tbody>
          <Header label="From" value={email.from} testId="preview-from" />
          <Header label="To" value={email.to} testId="preview-to" />
          <Header label="Subject" value={email.subject} testId="preview-subject" strong />
          <Header label="Date" value={formatAbsolute(email.date)} testId="preview-date" />
        </Table.Tbody>
      </Table>
      <Tabs defaultValue="email">
        <Tabs.List>
          <Tabs.Tab value="email">Email</Tabs.Tab>
          <Tabs.Tab value="text">Plain text</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="email" pt="xs">
          <iframe
            className="sb-email-frame"
            title="The email as the prospect will see it"
            sandbox=""
            referrerPolicy="no-referrer"
            srcDoc={email.html}
            data-testid="preview-frame"
          />
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="xs">
          <pre className="sb-email-text" data-testid="preview-text">
            {email.text}
          </pre>
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

function Header({ label, value, testId, strong }: { label: string; value: string; testId: string; strong?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th w={72} style={{ verticalAlign: "top" }}>
        {label}
      </Table.Th>
      <Table.Td>
        <Text inherit fw={strong ? 600 : undefined} style={{ overflowWrap: "anywhere" }} data-testid={testId}>
          {value}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
