// Placeholder shapes in the Overview's layout while its data loads.

import { Card, Paper, SimpleGrid, Skeleton, Stack } from "@mantine/core";

export function OverviewSkeleton() {
  return (
    <Stack gap="lg" data-testid="overview-loading" aria-busy="true" aria-label="Loading the overview">
      <SimpleGrid type="container" cols={{ base: 1, "520px": 2, "1000px": 4 }} spacing="md">
        {[0, 1, 2, 3].map((i) => (
          <Card key={i} padding="md">
            <Skeleton h={14} w="60%" mb="md" />
            <Skeleton h={28} w="80%" mb="sm" />
            <Skeleton h={10} w="90%" />
          </Card>
        ))}
      </SimpleGrid>
      <div className="sb-counts">
        <SimpleGrid cols={3} spacing="md">
          {[0, 1, 2].map((i) => (
            <Paper key={i} withBorder px="md" py="sm">
              <Skeleton h={10} w="50%" mb={10} />
              <Skeleton h={22} w="80%" />
            </Paper>
          ))}
        </SimpleGrid>
        <Paper withBorder px="md" py="sm">
          <Skeleton h={10} w="30%" mb={10} />
          <Skeleton h={6} mb={10} />
          <Skeleton h={16} w="90%" />
        </Paper>
      </div>
      <Paper withBorder p="md">
        <Skeleton h={14} w={200} mb="md" />
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <Skeleton key={i} h={22} mb={10} />
        ))}
      </Paper>
    </Stack>
  );
}
