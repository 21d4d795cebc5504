package io.pallas.server.results;

import org.junit.jupiter.api.Test;

import static io.pallas.core.query.StatementType.DDL;
import static io.pallas.core.query.StatementType.DML;
import static io.pallas.core.query.StatementType.UTILITY;
import static io.pallas.server.results.ResultCompanion.COLUMNS;
import static io.pallas.server.results.ResultCompanion.NONE;
import static io.pallas.server.results.ResultCompanion.QUERY_ID;
import static io.pallas.server.results.ResultCompanion.forStatement;
import static org.assertj.core.api.Assertions.assertThat;

class ResultCompanionTest
{
    @Test
    void followsTheMeasuredPlacementTable()
    {
        assertThat(forStatement(DML, "SELECT")).isEqualTo(COLUMNS);
        assertThat(forStatement(DML, "EXPLAIN")).isEqualTo(COLUMNS);
        assertThat(forStatement(UTILITY, "SHOW_TABLES")).isEqualTo(COLUMNS);
        assertThat(forStatement(UTILITY, "DESCRIBE_TABLE")).isEqualTo(COLUMNS);
        assertThat(forStatement(DDL, "CREATE_TABLE_AS_SELECT")).isEqualTo(COLUMNS);

        assertThat(forStatement(DDL, "ALTER_TABLE_ADD_COLUMN")).isEqualTo(QUERY_ID);
        assertThat(forStatement(DDL, "ALTER_TABLE_REPLACE_COLUMN")).isEqualTo(QUERY_ID);
        assertThat(forStatement(DDL, "MSCK_REPAIR")).isEqualTo(QUERY_ID);

        assertThat(forStatement(DDL, "CREATE_DATABASE")).isEqualTo(NONE);
        assertThat(forStatement(DDL, "DROP_DATABASE")).isEqualTo(NONE);
        assertThat(forStatement(DDL, "CREATE_TABLE")).isEqualTo(NONE);
        assertThat(forStatement(DDL, "CREATE_VIEW")).isEqualTo(NONE);
        assertThat(forStatement(DDL, "DROP_TABLE")).isEqualTo(NONE);
        assertThat(forStatement(DDL, "ALTER_TABLE_ADD_PARTITION")).isEqualTo(NONE);
        assertThat(forStatement(DDL, "ALTER_TABLE_PROPERTIES")).isEqualTo(NONE);
    }
}
