// Adds a source by name; the Rust side makes its write key and says why a name will not do.

import { Alert, Button, Code, Group, TextInput } from "@mantine/core";
import { IconCircleCheck, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { CopyAction } from "../common/CopyAction";
import { useAddSource } from "../queries";

export function AddSourceForm() {
  const add = useAddSource();
  const [name, setName] = useState("");

  return (
    <>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(name.trim(), {
            onSuccess: () => {
              setName("");
            },
          });
        }}
      >
        <Group align="flex-start" gap="sm">
          <TextInput
            aria-label="New source name"
            placeholder="New source, e.g. web or ios"
            w={280}
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              if (add.isError) add.reset();
            }}
            error={add.error && <span data-testid="source-add-error">{add.error.message}</span>}
            data-testid="source-name"
          />
          <Button
            type="submit"
            leftSection={<IconPlus size={16} />}
            loading={add.isPending}
            disabled={name.trim() === ""}
            data-testid="source-add"
          >
            Add source
          </Button>
        </Group>
      </form>
      {add.data && (
        <Alert
          mt="sm"
          color="teal"
          variant="light"
          icon={<IconCircleCheck />}
          title={`Source ${add.data.name} added`}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={add.reset}
          data-testid="source-added"
        >
          <Group gap={6} wrap="nowrap">
            Its write key:
            <Code data-testid="source-added-key">{add.data.writeKey}</Code>
            <CopyAction value={add.data.writeKey} label="Copy the new write key" />
          </Group>
        </Alert>
      )}
    </>
  );
}
