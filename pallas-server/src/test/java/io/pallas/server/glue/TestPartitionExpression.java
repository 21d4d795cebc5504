package io.pallas.server.glue;

import io.pallas.core.catalog.TableColumn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPartitionExpression
{
    private static final List<TableColumn> KEYS = List.of(
            new TableColumn("year", "int", Optional.empty()),
            new TableColumn("region", "string", Optional.empty()));

    @Test
    void comparisons()
    {
        assertThat(matches("year = '2024'", "2024", "eu")).isTrue();
        assertThat(matches("year=2024 AND region='eu'", "2024", "eu")).isTrue();
        assertThat(matches("year=2024 and region='us'", "2024", "eu")).isFalse();
        assertThat(matches("region IN ('us', 'eu')", "2024", "eu")).isTrue();
        assertThat(matches("region NOT IN ('us', 'eu')", "2024", "eu")).isFalse();
        assertThat(matches("region > 'a' AND region <= 'eu'", "2024", "eu")).isTrue();
        assertThat(matches("region <> 'eu' OR (year >= 2020 AND year < 2025)", "2024", "eu")).isTrue();
        assertThat(matches("year BETWEEN 2020 AND 2030", "2024", "eu")).isTrue();
        assertThat(matches("NOT region = 'eu'", "2024", "eu")).isFalse();
        assertThat(matches("`Region` = 'it''s'", "2024", "it's")).isTrue();
        // an integer key compares numerically: 9 < 10, which as text it is not
        assertThat(matches("year < 10", "9", "eu")).isTrue();
        assertThat(matches("region < '10'", "2024", "9")).isFalse();
    }

    @Test
    void unsupported()
    {
        for (String expression : List.of("region LIKE 'e%'", "month = '1'", "year = ", "year = '1' AND", "(year = '1'", "region = 'x' ; drop", "year = region")) {
            assertThatThrownBy(() -> PartitionExpression.parse(expression, KEYS))
                    .as(expression)
                    .isInstanceOf(PartitionExpression.InvalidExpressionException.class)
                    .hasMessageStartingWith("Unsupported expression");
        }
    }

    private static boolean matches(String expression, String... values)
    {
        Predicate<List<String>> predicate = PartitionExpression.parse(expression, KEYS);
        return predicate.test(List.of(values));
    }
}
