// The contacts found at the selected company: a checkbox each (all checked to begin with; approving
// approves the checked ones and rejects the rest; keys 1–9 toggle them), name, title, seniority,
// email, whether the address was verified, and where the contact stands. "Preview email" opens the
// Templates screen on that prospect.

import { Badge, Button, Checkbox, Kbd, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconMailForward } from "@tabler/icons-react";
import type { QueueCompany } from "../bindings/QueueCompany";
import { useOpenScreen } from "../common/screenLink";
import { prospectItem } from "../templates/useProspectChoice";
import { capitalised, contactStateColor, isUndecided, seniorityLabel } from "./vocabulary";

export function ContactsTable({
  company,
  checked,
  onToggle,
}: {
  company: QueueCompany;
  /** The emails checked for approval. */
  checked: readonly string[];
  onToggle: (email: string) => void;
}) {
  const openScreen = useOpenScreen();
  const deciding = isUndecided(company);

  if (company.contacts.length === 0) {
    return (
      <Text fz="sm" c="dimmed" data-testid="queue-no-contacts">
        No contacts were found at {company.name}.
      </Text>
    );
  }

  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table verticalSpacing={4} aria-label={`Contacts at ${company.name}`} data-testid="queue-contacts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={40}>
              <VisuallyHidden>Include</VisuallyHidden>
            </Table.Th>
            <Table.Th w={36}>Key</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Title</Table.Th>
            <Table.Th>Seniority</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Address</Table.Th>
            <Table.Th>State</Table.Th>
            <Table.Th>
              <VisuallyHidden>Preview</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {company.contacts.map((k, i) => {
            // Once decided, the box shows what was decided and cannot change.
            const isChecked = deciding ? checked.includes(k.email) : k.state !== "pending" && k.state !== "rejected";
            return (
              <Table.Tr key={k.email} data-testid="queue-contact" data-email={k.email}>
                <Table.Td>
                  <Checkbox
                    size="xs"
                    checked={isChecked}
                    disabled={!deciding}
                    aria-label={`Include ${k.name || k.email}`}
                    onChange={() => {
                      onToggle(k.email);
                    }}
                    data-testid="queue-contact-check"
                  />
                </Table.Td>
                <Table.Td>{deciding && i < 9 && <Kbd size="xs">{i + 1}</Kbd>}</Table.Td>
                <Table.Td fw={500} style={{ whiteSpace: "nowrap" }}>
                  {k.name}
                </Table.Td>
                <Table.Td>{k.title}</Table.Td>
                <Table.Td>{seniorityLabel(k.seniority)}</Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{k.email}</Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={k.verified ? "teal" : "gray"}>
                    {k.verified ? "Verified" : "Unverified"}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Badge size="xs" variant="light" color={contactStateColor(k.state)}>
                    {capitalised(k.state)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    leftSection={<IconMailForward size={12} />}
                    aria-label={`Preview email to ${k.name || k.email}`}
                    onClick={() => {
                      openScreen("templates", prospectItem(k.prospectId));
                    }}
                    data-testid="queue-contact-preview"
                  >
                    Preview email
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
