// The People screen: search everyone the workspace knows, and open one person's profile.

import { Center, Loader, Paper, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { LoadFailed } from "../common/LoadFailed";
import { Panel } from "../common/Panel";
import { PEOPLE_LIMIT, usePeople, usePerson } from "../queries";
import { PeopleList } from "./PeopleList";
import { PersonDetailView } from "./PersonDetailView";

/** Wait for a pause in typing before searching, so each keystroke does not cost a query. */
const SEARCH_DEBOUNCE_MS = 250;

export function PeopleScreen() {
  const [search, setSearch] = useState("");
  const [query] = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const [selected, setSelected] = useState<number | null>(null);

  return (
    <Stack gap="lg" maw={1600} mx="auto" className="sb-screen">
      <div>
        <Title order={1} fz={26} fw={650}>
          People
        </Title>
        <Text c="dimmed" fz="sm">
          Everyone your sources have told Switchboard about, identified or still anonymous
        </Text>
      </div>
      <div className="sb-people">
        <Panel title="Find people" description="By name, email, user id or anonymous id">
          <TextInput
            aria-label="Search people"
            placeholder="Search people"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => {
              setSearch(event.currentTarget.value);
            }}
            mb="sm"
            data-testid="people-search"
          />
          <PeopleResults query={query} selected={selected} onSelect={setSelected} />
        </Panel>
        <PersonPanel id={selected} />
      </div>
    </Stack>
  );
}

function PeopleResults({
  query,
  selected,
  onSelect,
}: {
  query: string;
  selected: number | null;
  onSelect: (id: number) => void;
}) {
  const { data: people, error, isPending, isFetching, isPlaceholderData, refetch } = usePeople(query);

  if (error && !people) {
    return (
      <LoadFailed
        title="People could not be loaded"
        message={error.message}
        retrying={isFetching}
        onRetry={() => {
          void refetch();
        }}
        testId="people-error"
      />
    );
  }
  if (isPending) {
    return (
      <Stack gap={10} data-testid="people-loading" aria-busy="true" aria-label="Loading people">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} h={32} />
        ))}
      </Stack>
    );
  }
  if (people.length === 0) {
    return (
      <Text c="dimmed" fz="sm" ta="center" py="lg" data-testid="people-empty">
        {query === ""
          ? "No people yet. They appear as your sources send identify, track and page calls."
          : `No one matches “${query}”.`}
      </Text>
    );
  }
  const shown = `${String(people.length)} ${people.length === 1 ? "person" : "people"}`;
  return (
    <>
      <Text fz="xs" c="dimmed" mb={6} data-testid="people-count">
        {isPlaceholderData ? "Searching…" : query === "" ? `The ${shown} seen most recently` : `${shown} found`}
        {!isPlaceholderData && people.length >= PEOPLE_LIMIT && " (the first ones; narrow the search to see others)"}
      </Text>
      <PeopleList people={people} selected={selected} onSelect={onSelect} />
    </>
  );
}

function PersonPanel({ id }: { id: number | null }) {
  const { data: detail, error, isPending, isFetching, refetch } = usePerson(id);

  if (id === null) {
    return (
      <Paper withBorder p="xl" data-testid="person-none">
        <Text c="dimmed" fz="sm" ta="center">
          Choose a person to see the ids they are known by, their traits, and what they did.
        </Text>
      </Paper>
    );
  }
  if (error && !detail) {
    return (
      <LoadFailed
        title="This person could not be loaded"
        message={error.message}
        retrying={isFetching}
        onRetry={() => {
          void refetch();
        }}
        testId="person-error"
      />
    );
  }
  if (isPending) {
    return (
      <Paper withBorder p="xl" data-testid="person-loading" aria-busy="true">
        <Center>
          <Loader size="sm" aria-label="Loading the person" />
        </Center>
      </Paper>
    );
  }
  return <PersonDetailView detail={detail} />;
}
